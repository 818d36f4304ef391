"""Sentences in one language from the phrasing files: templates filled with the values of a fact."""


from __future__ import annotations

import random
import re
from datetime import date
from typing import Any

from bench.synthetic.model import (
    Chip, City, Company, Desc, Key, MONTHS, Money, Pct, Person, TO_USD, WEEKDAYS, When, chinese_names, nice, num,
    phrasings
)
from bench.synthetic.world import World
from entities.gazetteer import OrgEntry


_AN = re.compile(r"\b(a) (?=[aeiou]|[AEIO][a-z]|(?:AI|AMD|HBM|FPGA|8\d*|11|18)\b|\$8|\$1[18](?![\d,.]))")
_PLURAL_POSSESSIVE = re.compile(r"\b([A-Z][a-z]*s)'s\b")  # "Preferred Networks'", "Ayar Labs'"
_LATIN_GAP = re.compile(r"(?<=[A-Za-z0-9.])\x00+(?=[A-Za-z0-9])")


class Slots(dict[str, str]):
    """Slot values of one sentence, rendered on first use."""

    def __init__(self, writer: Writer, values: dict[str, Any]) -> None:
        super().__init__()
        self.writer, self.values = writer, values

    def __missing__(self, key: str) -> str:
        text = self.writer.slot(key, self)
        text = self[key] = f"\x00{text}\x00" if self.writer.zh else text  # marks where a name meets the template
        return text


class Writer:
    """Writes the sentences of one article in one language."""

    def __init__(self, world: World, company: Company, lang: str, rng: random.Random, published: date) -> None:
        self.world, self.company, self.lang, self.rng, self.published = world, company, lang, rng, published
        self.zh = lang == "zh"
        self.t = phrasings(lang)
        self.names: dict[str, str] = {}
        self.used: set[str] = set()
        self.markets: dict[str, Any] = {}
        self.in_title = False
        self.percent = " percent" if not self.zh and rng.random() < 0.2 else "%"  # one house style per article

    def sentence(self, key: str, values: dict[str, Any], table: str = "facts") -> str | None:
        """One sentence of a template group that these values fill, never one used before in the article."""
        have = {k for k, v in values.items() if v is not None} | self.t["free"]
        options = [t for t, fields in self.t[table][key] if t not in self.used and fields <= have]
        if not options:
            return None
        template = self.rng.choice(options)
        self.used.add(template)
        return self.fill(template, values)

    def background(self, n: int, values: dict[str, Any]) -> list[str]:
        """`n` background sentences; those about the company itself only in a story about a young one."""
        if self.company.category == "major":
            values = {k: v for k, v in values.items() if k != "company"}
        have = values.keys() | self.t["free"] - {"office"}
        options = [t for t, fields in self.t["background"] if fields <= have and t not in self.used]
        chosen = self.rng.sample(options, min(n, len(options)))
        self.used.update(chosen)
        return [self.fill(t, values) for t in chosen]

    def fill(self, template: str, values: dict[str, Any]) -> str:
        """`template` with its slots filled from `values`."""
        return template.format_map(Slots(self, values))

    def finish(self, text: str) -> str:
        """Spelling that depends on what the slots filled in: "an $80 million", "Ayar Labs'", "Groq CEO"."""
        if self.zh:  # Latin words from two slots that meet keep a space between them
            return _LATIN_GAP.sub(" ", text).replace("\x00", "")
        return _PLURAL_POSSESSIVE.sub(r"\1'", _AN.sub(r"\1n ", text))

    def slot(self, key: str, slots: Slots) -> str:
        """The text of one slot."""
        value = slots.values.get(key)
        if value is not None:
            return self.render(value, slots)
        rng, t = self.rng, self.t
        if key == "market_pl":
            return self.market(slots.values["market"].key, 1)
        if key in t["slots"] or key == "place2":  # "place2": a place other than the sentence's "place"
            options, other = t["slots"][key.rstrip("2")], slots.get(key.rstrip("2"), "").strip("\x00")
            value = rng.choice(options)
            while value == other:
                value = rng.choice(options)
            return str(value)
        if key == "office":
            places = t["slots"]["place"]
            return str(places[int(self.company.office * len(places))])
        if key in t["numbers"]:
            lo, hi, *step = t["numbers"][key]
            n = rng.randrange(lo, hi + 1, step[0] if step else 1)
            return str(n) if self.zh else f"{n:,}"
        return str(self.published.year + {"year": 0, "last_year": -1, "next_year": 1}[key])

    def render(self, v: Any, slots: Slots) -> str:
        """The text of a slot value."""
        if isinstance(v, OrgEntry):
            return self.org(v)
        if isinstance(v, tuple):
            names = [self.render(x, slots) for x in v]
            if len(names) < 2:
                return "".join(names)
            return "、".join(names[:-1]) + "和" + names[-1] if self.zh else ", ".join(names[:-1]) + " and " + names[-1]
        if isinstance(v, Money):
            return self.money(v)
        if isinstance(v, When):
            return self.when(v)
        if isinstance(v, Person):
            return self.person(v)
        if isinstance(v, Chip):
            return v.zh if self.zh else v.en
        if isinstance(v, Pct):
            return f"{v.value:g}{self.percent}"
        if isinstance(v, Key):
            return self.choice(v, slots)
        if isinstance(v, City):
            name = v.company.city[1] if self.zh else v.company.city[0]
            return name.split(",")[0] if v.short else name
        if isinstance(v, Desc):
            text = self.rng.choice(self.t["desc"][v.company.category])
            text = text.format_map(Slots(self, {"city": City(v.company), "city_short": City(v.company, True)}))
            return self.t["countries"].get(v.company.org.country or "", "") + text if self.zh else text
        return str(v)

    def choice(self, v: Key, slots: Slots) -> str:
        """A phrasing from a table of the phrasing file."""
        if v.table == "markets":
            return self.market(v.key, 0)
        options = self.t[v.table][v.key]
        if isinstance(options, str):
            return options
        fresh = [o for o in options if o not in self.used] or options
        text = self.rng.choice(fresh)
        self.used.add(text)
        return text.format_map(slots) if "{" in text else text

    def market(self, key: str, form: int) -> str:
        """A market's name, the same one throughout the article."""
        chosen = self.markets.setdefault(key, self.rng.choice(self.t["markets"][key]))
        return chosen if isinstance(chosen, str) else chosen[form]

    def org(self, o: OrgEntry) -> str:
        """An organisation's name as this article writes it."""
        name = self.names.get(o.name)
        if name is None:
            name = o.name
            if self.zh:  # mostly the usual Chinese name; "AMD", "IBM" often stay in Latin letters
                chinese = chinese_names(o.aliases)
                r = self.rng.random()
                if chinese and r < (0.35 if o.name.isupper() and len(o.name) <= 4 else 0.99):
                    name = chinese[0] if r < 0.8 or len(chinese) < 2 else chinese[1]
            self.names[o.name] = name
        return name

    def person(self, p: Person) -> str:
        """A person's name as this article writes it."""
        if not p.western:
            return p.zh if self.zh else p.en
        if not self.zh:
            return p.en
        if p.en in self.names:
            return self.names[p.en]
        glossed = self.rng.random() < 0.5
        self.names[p.en] = p.zh if glossed else p.en
        return f"{p.zh}（{p.en}）" if glossed else p.en

    def money(self, m: Money) -> str:
        """An amount as this language writes it."""
        rng, v = self.rng, m.value
        if self.zh:
            unit = {"USD": "美元", "CNY": "元", "HKD": "港元"}[m.currency]
            if m.vague and m.currency == "CNY":
                return "数亿元" if v >= 2e8 else "数千万元"
            text = f"{num(v / 1e8, '')}亿{unit}" if v >= 1e8 else f"{num(v / 1e4, '')}万{unit}" if v >= 1e4 else f"{num(v, '')}{unit}"
            if m.currency == "CNY" and v >= 1e4 and rng.random() < 0.3:
                text = rng.choice([text + "人民币", "人民币" + text])
            return text
        if v < 1e4:  # a share price
            return {"USD": "$", "HKD": "HK$"}.get(m.currency, "") + num(v) + (" yuan" if m.currency == "CNY" else "")
        big = v >= 1e9
        n = num(v / (1e9 if big else 1e6))
        if m.currency == "CNY":
            text = f"{n} {'billion' if big else 'million'} yuan"
            if rng.random() < 0.3 and not self.in_title:
                text += f" (about {self.money(Money(nice(v * TO_USD['CNY']), 'USD'))})"
            return text
        sign = "HK$" if m.currency == "HKD" else rng.choice(["$", "$", "$", "US$"])
        return sign + n + (rng.choice([" billion", " billion", "bn"]) if big else rng.choice([" million", " million", "m"]))

    def when(self, w: When) -> str:
        """A day as this language writes it, relative to the article's date where reporters do."""
        d, pub, rng = w.day, self.published, self.rng
        if self.zh:
            if w.past:
                if d.year == pub.year and rng.random() < 0.5:
                    return f"今年{d.month}月"
                if d.year == pub.year - 1 and rng.random() < 0.4:
                    return f"去年{d.month}月"
                return f"{d.year}年{d.month}月" if rng.random() < 0.75 else f"{d.year}年"
            r = rng.random()
            return f"{d.month}月{d.day}日" if r < 0.65 or (pub - d).days > 6 else "近日" if r < 0.85 else "日前"
        if w.past:
            if d.year == pub.year and rng.random() < 0.5:
                return MONTHS[d.month - 1]
            return f"{MONTHS[d.month - 1]} {d.year}" if rng.random() < 0.75 else str(d.year)
        if 0 <= (pub - d).days <= 6 and rng.random() < 0.75:
            return f"on {WEEKDAYS[d.weekday()]}"
        return f"on {MONTHS[d.month - 1]} {d.day}" + (f", {d.year}" if d.year != pub.year else "")
