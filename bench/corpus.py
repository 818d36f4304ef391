"""A generator of realistic synthetic news articles (English and Chinese) for benchmarks and stress tests.

A chronological stream of events (funding rounds and talks, acquisitions, chip launches, appointments,
partnerships, market-share reports, listings) happens to companies from the gazetteer. Each event is reported
by one to six articles a few days apart, in different words and now and then with a conflicting figure; each
article adds what the company's history supplies (earlier rounds, founder, chips, partners, market-share
claims) and background sentences. Phrasings live in corpus_templates/ (en.yaml, zh.yaml; world.yaml holds
what is the same in both languages). Deterministic for a given seed.
"""

from __future__ import annotations

import json
import random
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from entities.gazetteer import INVESTOR_TYPES, NON_PRODUCT_KINDS, OrgEntry, load_gazetteer
from entities.names import has_cjk, person_pinyin
from ingest.textnorm import normalize

TEMPLATES = Path(__file__).with_name("corpus_templates")
START, SPAN_DAYS = date(2021, 1, 4), 365 * 5
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TO_USD = {"USD": 1.0, "CNY": 1 / 7.1, "HKD": 1 / 7.8}
HOME_ZH = ("CN", "HK")  # companies that Chinese-language stories are mostly about
_AN = re.compile(r"\b(a) (?=[aeiou]|[AEIO][a-z]|(?:AI|AMD|HBM|FPGA|8\d*|11|18)\b|\$8|\$1[18](?![\d,.]))")
_PLURAL_POSSESSIVE = re.compile(r"\b([A-Z][a-z]*s)'s\b")  # "Preferred Networks'", "Ayar Labs'"
_LATIN_GAP = re.compile(r"(?<=[A-Za-z0-9.])\x00+(?=[A-Za-z0-9])")
_HAN = re.compile("[\u4e00-\u9fff]")
Fact = tuple[str, dict[str, Any]]  # a template group of the phrasing files and the values of its slots
# groups that add colour or detail to a fact already stated rather than a fact of their own
COLOUR = frozenset({"acq_detail", "ipo_detail", "partner_detail", "person_detail", "product_detail", "talks_color",
                    "funding_investors"})


@dataclass(frozen=True)
class SyntheticArticle:
    """One generated article."""

    key: str
    lang: str
    title: str
    published: date
    text: str

    def front_matter_file(self) -> str:
        """The article as a text file with YAML front matter."""
        title = self.title.replace("'", "''")
        return f"---\n\ntitle: '{title}'\ndate: {self.published.isoformat()}\nlang: {self.lang}\n\n---\n\n{self.text}\n"


# ---------------------------------------------------------------- values that each language writes its own way

@dataclass(frozen=True)
class _Money:
    value: float  # in units of `currency`
    currency: str
    vague: bool = False  # Chinese press may write "数亿元"


@dataclass(frozen=True)
class _When:
    day: date
    past: bool = False  # an earlier event ("in March 2023"), not the one reported ("on Tuesday")


@dataclass(frozen=True)
class _Person:
    en: str
    zh: str
    western: bool


@dataclass(frozen=True)
class _Chip:
    en: str
    zh: str
    kind: str


@dataclass(frozen=True)
class _Pct:
    value: float


@dataclass(frozen=True)
class _Key:
    """A choice from a table of the phrasing file: roles, rounds, exchanges, markets, actions, quotes..."""

    table: str
    key: str


@dataclass
class _Company:
    org: OrgEntry
    category: str  # startup, cloud (young companies) or major
    city: tuple[str, str]
    founded: int
    step: int  # position on the funding ladder
    chips: list[_Chip]
    office: float  # where its second office is, as a fraction of the `place` list
    founder: _Person | None = None
    cofounded: bool = False
    founder_was: OrgEntry | None = None  # where the founder worked before
    raised_usd: float = 0.0
    people: dict[str, _Person] = field(default_factory=dict)  # role -> who holds it now
    joined: dict[str, date] = field(default_factory=dict)  # role -> when its holder took it
    history: list[Fact] = field(default_factory=list)  # earlier events worth recalling, newest last


@dataclass(frozen=True)
class _City:
    company: _Company
    short: bool = False


@dataclass(frozen=True)
class _Desc:
    company: _Company


@dataclass
class _Event:
    lead_key: str
    day: date
    company: _Company  # the company the story is about
    lead: dict[str, Any]
    details: list[Fact]
    after: list[tuple[_Company, Fact]] = field(default_factory=list)  # history to record once it is reported


@dataclass
class _Report:
    published: date
    lang: str
    lead_key: str
    overrides: dict[str, Any] = field(default_factory=dict)


def _fields(template: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


@lru_cache(maxsize=None)
def _templates(name: str) -> dict[str, Any]:
    """A phrasing file, with each template's slot names worked out once."""
    data = yaml.safe_load((TEMPLATES / f"{name}.yaml").read_text(encoding="utf-8"))
    if "facts" in data:
        data["facts"] = {k: [(t, _fields(t)) for t in v] for k, v in data["facts"].items()}
        data["facts"]["round_prior"] += data["facts"]["round_earlier"]
        data["titles"] = {k: [(t, _fields(t)) for t in v] for k, v in data["titles"].items()}
        data["background"] = [(t, _fields(t)) for t in data["background"]]
        data["free"] = frozenset({*data["slots"], *data["numbers"], "year", "last_year", "next_year", "place2", "office"})
    return data


@lru_cache(maxsize=1)
def _traditional_table() -> dict[int, str]:
    import opencc

    folder = Path(opencc.__file__).resolve().parent / "dictionary"

    def pairs(name: str) -> dict[str, str]:
        lines = (line.partition("\t") for line in (folder / name).read_text(encoding="utf-8").splitlines())
        return {a: b.split(" ")[0] for a, _, b in lines if len(a) == 1 and b}

    taiwan = pairs("TWVariants.txt")
    table = {ord(a): taiwan.get(b, b) for a, b in pairs("STCharacters.txt").items()}
    return {k: v for k, v in table.items() if normalize(v) == chr(k)}  # only what the pipeline folds back


def _nice(x: float) -> float:
    """Two significant digits, as reporters round: 637 -> 640."""
    return float(f"{x:.2g}")


def _num(x: float, sep: str = ",") -> str:
    return f"{x:{sep}.2f}".rstrip("0").rstrip(".") if sep else f"{x:.2f}".rstrip("0").rstrip(".")


def _chinese_names(aliases: tuple[str, ...]) -> list[str]:
    """Chinese spellings in simplified characters, in the gazetteer's order (all of them when none is)."""
    chinese = [a for a in aliases if has_cjk(a) and not a.endswith("有限公司")]
    # normalize() folds traditional to simplified ("資誠", "輝達" change); a few names it folds too far ("昇腾")
    return [a for a in chinese if normalize(a) == a] or chinese[:1]


# ---------------------------------------------------------------- the world: companies, their histories, events

def _split(pool: list[OrgEntry]) -> tuple[list[OrgEntry], list[OrgEntry]]:
    """Foreign and Chinese organisations of a pool."""
    return [o for o in pool if o.country not in HOME_ZH], [o for o in pool if o.country in HOME_ZH]


class _World:
    def __init__(self, rng: random.Random, zh_share: float) -> None:
        self.rng, self.zh_share = rng, zh_share
        self.w = _templates("world")
        gaz = load_gazetteer()
        orgs = [o for o in gaz.orgs.values() if not o.ambiguous]
        by_name = {o.name: o for o in orgs}

        def of(*types: str) -> list[OrgEntry]:
            return [o for o in orgs if o.type in types]

        self.startups = [o for o in of("chip_designer", "cloud_provider") if not o.ticker and not o.parent]
        self.majors = [o for o in of("chip_designer", "memory_maker", "systems_maker", "cloud_provider", "hyperscaler")
                       if o.ticker or o.type == "hyperscaler"]
        self.investors = [o for o in orgs if o.type in INVESTOR_TYPES]
        self.sources = of("research_firm")
        self.media = of("media")
        self.partners = {"cloud": of("cloud_provider", "hyperscaler"), "foundry": of("foundry"),
                         "systems": of("systems_maker"), "customer": of("ai_lab", "telecom", "automaker")}
        self.chips: dict[str, list[_Chip]] = {}
        for p in gaz.products:
            if not (p.ambiguous or p.generic or p.kind in NON_PRODUCT_KINDS) and p.maker in by_name:
                zh = _chinese_names(p.aliases)
                self.chips.setdefault(p.maker, []).append(_Chip(p.name, zh[0] if zh else p.name, p.kind))
        self.makers = [by_name[m] for m in self.chips]
        self.markets = {k: [(by_name[n], lo, hi) for n, lo, hi in v if n in by_name] for k, v in self.w["markets"].items()}
        self.rivals = {by_name[n]: [c for c in self.chips.get(n, []) if c.en in v] for n, v in self.w["rivals"].items()
                       if n in by_name}
        self.by_name = by_name
        self.listed = gaz.people
        self.companies: dict[str, _Company] = {}
        self.shares: dict[tuple[str, int, str, str], float] = {}
        self.firms: dict[tuple[str, int], list[OrgEntry]] = {}
        self.people_used: set[str] = set()
        self.stems = list(self.w["product_stems"])
        self.partnering = self.startups + [m for m in self.majors if m.type == "chip_designer"]
        pools = [self.startups, self.majors, self.investors, self.sources, self.media, self.makers,
                 self.partnering, *self.partners.values()]
        self.splits = {id(p): _split(p) for p in pools}  # these lists live as long as the world

    def pick(self, pool: list[OrgEntry], zh: bool, exclude: tuple[OrgEntry, ...] = ()) -> OrgEntry:
        """An organisation of the pool, mostly a Chinese one for a Chinese story and a foreign one otherwise."""
        split = self.splits.get(id(pool)) or _split(pool)
        home = split[zh] if split[zh] and self.rng.random() < 0.8 else pool
        for _ in range(20):
            chosen = self.rng.choice(home)
            if all(chosen is not e for e in exclude):
                return chosen
        return self.rng.choice([o for o in pool if all(o is not e for e in exclude)])

    def company(self, org: OrgEntry, day: date) -> _Company:
        """The company's record, made up on first mention with an executive team and earlier rounds."""
        c = self.companies.get(org.name)
        if c is None:
            rng = self.rng
            cities = self.w["cities"].get(org.country or "", self.w["cities"]["default"])
            young = not org.ticker and not org.parent
            category = "cloud" if young and org.type == "cloud_provider" else "startup" if young and \
                org.type == "chip_designer" else "major"
            c = _Company(org, category, tuple(rng.choice(cities)), rng.randint(2012, 2020), rng.randint(0, 4),
                         list(self.chips.get(org.name, [])), rng.random())
            leader = self.w["leaders"].get(org.name)
            if leader and leader["name"] in self.listed:
                c.people["ceo"] = self.listed_person(leader["name"])
                if leader["role"] != "ceo":
                    c.founder, c.cofounded, c.founded = c.people["ceo"], leader["role"] == "cofounder_ceo", leader["founded"]
            elif category in ("startup", "cloud") and rng.random() < 0.75:
                c.people["ceo"] = self.person(org)
                c.founder, c.cofounded = c.people["ceo"], rng.random() < 0.5
                c.founder_was = self.pick(self.majors, org.country in HOME_ZH, (org,))
            elif category == "major":  # a listed company speaks through a business head, not an invented CEO
                c.people["dc_head"] = self.person(org)
            else:
                c.people["ceo"] = self.person(org)
            for role in ("cto", "cfo") if category != "major" else ():
                if rng.random() < 0.5:
                    c.people[role] = self.person(org)
                    c.joined[role] = day - timedelta(days=rng.randint(100, 1500))
            if category in ("startup", "cloud"):  # the rounds before the stream starts telling its story
                known, c.step = c.step, max(0, c.step - 2)
                c.raised_usd = sum(_nice((lo + hi) / 2) * 1e6 for _, lo, hi in self.w["ladder"][:c.step])
                for back in range(known - c.step, 0, -1):
                    when = day - timedelta(days=back * rng.randint(150, 400))
                    for fact in self.closed_round(c, self.round(c, when)):
                        c.history.append(fact[1])
            self.companies[org.name] = c
        return c

    def round(self, c: _Company, day: date) -> dict[str, Any]:
        """The next round of the company's ladder: amount, lead and other investors, sometimes a valuation."""
        rng, ladder = self.rng, self.w["ladder"]
        key, lo, hi = ladder[c.step] if c.step < len(ladder) else rng.choice(self.w["after_ladder"])
        c.step += 1
        amount = self.money(rng.uniform(lo, hi), c, vague=0.08)
        c.raised_usd += amount.value * TO_USD[amount.currency]
        cn = c.org.country in HOME_ZH
        leads = tuple(dict.fromkeys(self.pick(self.investors, cn) for _ in range(1 if rng.random() < 0.75 else 2)))
        others = tuple(dict.fromkeys(self.pick(self.investors, cn, leads) for _ in range(rng.choice([0, 1, 2, 2, 3, 4]))))
        lead = {"company": c.org, "amount": amount, "round": _Key("rounds", key), "lead": leads, "when": _When(day),
                "others": others or None}
        if c.step > 2 and rng.random() < 0.7:  # worth several times the round, and more than all it has raised
            usd = max(amount.value * TO_USD[amount.currency] * rng.uniform(4, 12), c.raised_usd * rng.uniform(2, 4))
            lead["valuation"] = _Money(_nice(usd / TO_USD[amount.currency]), amount.currency)
        return lead

    def closed_round(self, c: _Company, lead: dict[str, Any]) -> list[tuple[_Company, Fact]]:
        """What later stories recall of a closed round."""
        when = _When(lead["when"].day, True)
        out: list[tuple[_Company, Fact]] = [(c, ("round_prior", {**lead, "when_past": when}))]
        if lead.get("valuation"):
            out.append((c, ("valuation_prior", {"company": c.org, "valuation": lead["valuation"], "when_past": when})))
        return out

    def person(self, org: OrgEntry) -> _Person:
        w, rng = self.w, self.rng
        for _ in range(6):
            if org.country in ("CN", "HK", "TW"):
                zh = rng.choice(w["chinese_family"]) + rng.choice(w["chinese_given"])
                p = _Person(person_pinyin(zh), zh, False)
            else:
                (g_en, g_zh), (f_en, f_zh) = rng.choice(w["western_given"]), rng.choice(w["western_family"])
                p = _Person(f"{g_en} {f_en}", f"{g_zh}·{f_zh}", True)
            if p.en not in self.people_used:
                break
        self.people_used.add(p.en)
        return p

    def listed_person(self, name: str) -> _Person:
        """A person of the gazetteer: Chinese text writes the Chinese spelling it lists."""
        entry = self.listed[name]
        chinese = _chinese_names(entry.aliases)
        return _Person(entry.name, chinese[0] if chinese else entry.name, not chinese)

    def ceo(self, c: _Company, day: date) -> tuple[_Person, str]:
        """The chief executive on `day` and the role key their title is written with."""
        leader = self.w["leaders"].get(c.org.name)
        if leader and "until" in leader and day > leader["until"] and leader["next"] in self.listed:
            return self.listed_person(leader["next"]), "ceo"
        if "ceo" not in c.people:
            return c.people["dc_head"], "dc_head"
        person = c.people["ceo"]
        if person is not c.founder:
            return person, "ceo"
        return person, "cofounder_ceo" if c.cofounded else "founder_ceo"

    def new_chip(self, c: _Company) -> _Chip:
        rng = self.rng
        if c.chips and c.category == "major":
            return rng.choice(c.chips)
        if c.chips and c.chips[-1].kind == "new" and "-" in c.chips[-1].en:
            stem, _, gen = c.chips[-1].en.rpartition("-")
            name = f"{stem}-{int(gen) + 1}" if gen.isdigit() else f"{stem}-2"
        else:
            stem = self.stems.pop(rng.randrange(len(self.stems))) if self.stems else rng.choice(self.w["product_stems"])
            name = f"{stem}-{rng.randint(1, 3)}" if rng.random() < 0.7 else f"{stem[0]}{rng.choice('XNRQ')}{rng.choice([100, 200, 300, 500])}"
        chip = _Chip(name, name, "new")
        c.chips.append(chip)
        return chip

    def money(self, usd_millions: float, c: _Company, vague: float = 0.0) -> _Money:
        """An amount in the company's usual currency; Chinese press gives a round's size as "数亿元" at times."""
        usd = _nice(usd_millions) * 1e6
        if c.org.country == "CN" and self.rng.random() < 0.7:
            return _Money(_nice(usd * 7.1), "CNY", vague=self.rng.random() < vague)
        return _Money(usd, "USD")

    def share(self, market: str, year: int, source: OrgEntry, leader: OrgEntry, lo: float, hi: float) -> _Pct:
        """What one research firm says a leader held: near the figure other firms give for that year."""
        base = self.shares.setdefault((market, year, "", leader.name), self.rng.uniform(lo, hi))
        value = self.shares.setdefault((market, year, source.name, leader.name), base * self.rng.uniform(0.9, 1.1))
        return _Pct(round(max(0.5, value), 1 if value < 10 and self.rng.random() < 0.5 else 0))

    def share_claim(self, market: str, year: int, zh: bool, ranged: bool = False) -> Fact:
        leaders = self.markets[market]
        (subject, lo, hi), rest = leaders[0] if self.rng.random() < 0.6 else self.rng.choice(leaders), leaders
        firms = self.firms.get((market, year))
        if firms is None:  # the few research firms that put out figures for this market and year
            firms = self.firms[(market, year)] = [self.pick(self.sources, market in ("china_ai", "ai_servers") and
                                                            self.rng.random() < 0.6) for _ in range(4)]
        source = self.rng.choice(firms)
        values: dict[str, Any] = {"source": source, "subject": subject, "market": _Key("markets", market), "year": year,
                                  "share": self.share(market, year, source, subject, lo, hi)}
        if ranged:
            mid = self.share(market, year, source, subject, lo, hi).value
            half = max(1.0, min(6.0, self.rng.uniform(0.2, 0.5) * min(mid, 100 - mid)))
            return "share_range", {**values, "low": _Pct(max(1, round(mid - half))), "high": _Pct(min(99, round(mid + half)))}
        others = [x for x in rest if x[0] is not subject]
        if others and self.rng.random() < 0.4:
            second, lo2, hi2 = self.rng.choice(others)
            return "share_pair", {**values, "subject2": second, "share2": self.share(market, year, source, second, lo2, hi2)}
        return "share", values

    # ------------------------------------------------------------ events

    def event(self, day: date, zh: bool) -> _Event:
        weights = self.w["event_weights"]
        kind = self.rng.choices(list(weights), list(weights.values()))[0]
        return getattr(self, f"_{kind}")(day, zh)

    def _funding(self, day: date, zh: bool) -> _Event:
        rng = self.rng
        c = self.company(self.pick(self.startups, zh), day)
        lead = {**self.round(c, day), "reporter": self.pick(self.media, zh)}
        details: list[Fact] = []
        if lead["others"]:
            details.append(("funding_investors", lead))
        if lead.get("valuation"):
            details.append(("funding_valuation", lead))
        details.append(self.quote(c, "funding", day))
        if rng.random() < 0.08:  # talks that are reported but never close
            c.step -= 1
            c.raised_usd -= lead["amount"].value * TO_USD[lead["amount"].currency]
            return _Event("talks_lead", day, c, lead, details)
        return _Event("funding_lead", day, c, lead, details, self.closed_round(c, lead))

    def _acquisition(self, day: date, zh: bool) -> _Event:
        rng = self.rng
        buyer = self.company(self.pick(self.majors, zh), day)
        target = self.company(self.pick(self.startups, zh, (buyer.org,)), day)
        lead: dict[str, Any] = {"buyer": buyer.org, "target": target.org, "target_desc": _Desc(target), "when": _When(day),
                                "reporter": self.pick(self.media, zh)}
        if rng.random() < 0.6:
            lead["price"] = self.money(rng.uniform(40, 2500), buyer)
        details: list[Fact] = [("acq_detail", {"buyer": buyer.org, "target": target.org}), self.quote(buyer, "acquisition", day)]
        details += [f for f in self.context(target, zh, day) if f[0] in ("person_founder", "round_prior", "funding_total",
                                                                          "product_mention", "valuation_prior")][:4]
        after = [(buyer, ("acq_prior", {"company": buyer.org, "target": target.org, "when_past": _When(day, True)}))]
        return _Event("acq_lead" if "price" in lead else "acq_undisclosed", day, buyer, lead, details, after)

    def _product(self, day: date, zh: bool) -> _Event:
        c = self.company(self.pick(self.makers if self.rng.random() < 0.5 else self.startups, zh), day)
        chip = self.new_chip(c)
        lead = {"maker": c.org, "product": chip, "kind": _Key("kinds", chip.kind), "when": _When(day)}
        details: list[Fact] = [("product_detail", dict(lead)), self.quote(c, "product", day)]
        return _Event("product_launch", day, c, lead, details)

    def _appointment(self, day: date, zh: bool) -> _Event:
        rng = self.rng
        c = self.company(self.pick(self.startups, zh), day)
        role = rng.choice(["cfo", "coo", "cto", "president", "cfo"] + ([] if c.org.name in self.w["leaders"] else ["ceo"]))
        prev = self.pick(self.majors, zh, (c.org,))
        old = c.people.get(role)
        person = c.people[role] = self.person(c.org)
        c.joined[role] = day
        lead = {"company": c.org, "person": person, "role": _Key("roles", role), "when": _When(day), "prev_org": prev}
        detail = {**lead, "old_person": old} if old else lead
        details: list[Fact] = [("person_detail", detail), ("person_quote", {"company": c.org, "person": person,
                               "role": _Key("roles", role), "quote": _Key("quotes", "appointment"),
                               "dquote": _Key("dquotes", "appointment")})]
        return _Event("person_appoint", day, c, lead, details)

    def _partnership(self, day: date, zh: bool) -> _Event:
        rng = self.rng
        c = self.company(self.pick(self.partnering, zh), day)
        topic = rng.choice(["cloud", "cloud", "foundry", "systems", "customer", "customer"])
        partner = self.pick(self.partners[topic], zh, (c.org,))
        lead = {"company": c.org, "partner": partner, "when": _When(day), "action": _Key("actions", topic)}
        details: list[Fact] = [("partner_detail", lead), self.quote(c, "partnership", day)]
        after = [(c, ("partner_prior", {**lead, "when_past": _When(day, True)}))]
        return _Event("partner_lead", day, c, lead, details, after)

    def _share(self, day: date, zh: bool) -> _Event:
        market = self.rng.choice(["china_ai", "ai_servers", "hbm", "foundry", "accelerators"] if zh else list(self.markets))
        key, lead = self.share_claim(market, day.year - 1, zh)
        lead["when"] = _When(day)
        c = self.company(lead["subject"], day)
        details = [self.share_claim(market, day.year - 1, zh, ranged=True), self.share_claim(market, day.year - 1, zh)]
        return _Event(key, day, c, lead, details)

    def _ipo(self, day: date, zh: bool) -> _Event:
        rng = self.rng
        ready = [o for o in self.startups if o.name in self.companies and self.companies[o.name].step >= 5]
        c = self.company(self.pick(ready, zh) if ready and rng.random() < 0.7 else self.pick(self.startups, zh), day)
        exchange = rng.choice(self.w["exchanges"].get(c.org.country or "", self.w["exchanges"]["default"]))
        currency = {"star": "CNY", "chinext": "CNY", "hkex": "HKD"}.get(exchange, "USD")
        value = _nice(rng.uniform(100, 1500) * 1e6 / TO_USD[currency])
        price = round(rng.uniform(12, 90), 2 if currency == "CNY" else 0)
        lead = {"company": c.org, "exchange": _Key("exchanges", exchange), "amount": _Money(value, currency),
                "price_ps": _Money(price, currency), "pct": _Pct(rng.randint(4, 160)), "when": _When(day)}
        details: list[Fact] = [("ipo_detail", lead), self.quote(c, "ipo", day)]
        return _Event("ipo_lead" if rng.random() < 0.6 else "ipo_filing", day, c, lead, details)

    def quote(self, c: _Company, topic: str, day: date) -> Fact:
        person, role = self.ceo(c, day)
        return "person_quote", {"company": c.org, "person": person, "role": _Key("roles", role),
                                "quote": _Key("quotes", topic), "dquote": _Key("dquotes", topic)}

    def context(self, c: _Company, zh: bool, day: date) -> list[Fact]:
        """Facts an article about `c` can recall: founder, earlier events, chips, rivals, its market."""
        rng = self.rng
        out: list[Fact] = []
        if c.founder is not None and self.ceo(c, day)[0] is c.founder:
            how = "co" if c.cofounded else "solo"
            out.append(("person_founder", {"company": c.org, "person": c.founder, "role": _Key("roles", "ceo"),
                                           "founded": c.founded, "prev_org": c.founder_was,
                                           "founded_verb": _Key("founded_verb", how), "founder_title": _Key("founder_title", how)}))
        recalled: dict[str, int] = {}
        for key, values in reversed(c.history[-8:]):  # the latest of each kind, the last two rounds
            recalled[key] = recalled.get(key, 0) + 1
            if recalled[key] == 1 or (key == "round_prior" and recalled[key] == 2):
                out.append((key if recalled[key] == 1 else "round_earlier", values))
        if c.step >= 2 and c.raised_usd:
            total = _Money(_nice(c.raised_usd / TO_USD["CNY"]), "CNY") if c.org.country == "CN" and rng.random() < 0.6 \
                else _Money(_nice(c.raised_usd), "USD")
            out.append(("funding_total", {"company": c.org, "total": total}))
        executives = [role for role in ("cto", "cfo", "coo", "president") if role in c.people]
        for role in rng.sample(executives, min(1, len(executives))):
            out.append(("person_exec", {"company": c.org, "person": c.people[role], "role": _Key("roles", role),
                                        "when_past": _When(c.joined[role], True)}))
        for chip in rng.sample(c.chips, min(2, len(c.chips))):
            out.append(("product_mention", {"maker": c.org, "product": chip, "kind": _Key("kinds", chip.kind)}))
        if c.org.type == "chip_designer" and (c.category != "major" or rng.random() < 0.3):
            rival = rng.choice([r for r in self.rivals if r is not c.org])
            if self.rivals[rival]:
                out.append(("rival_product", {"company": c.org, "rival": rival, "rival_product": rng.choice(self.rivals[rival])}))
        markets = self.w["home_markets"].get(c.org.country or "", self.w["home_markets"]["default"])
        if rng.random() < 0.5:
            out.append(self.share_claim(rng.choice(markets), day.year - rng.choice([1, 1, 2]), zh, ranged=rng.random() < 0.4))
        out.append(self.quote(c, "general", day))
        return out

    def reports(self, event: _Event, zh: bool) -> list[_Report]:
        """Who reports the event when, in which language, with which figures."""
        rng = self.rng
        count = rng.choices(range(1, 7), self.w["reports_weights"])[0]
        flip = 0.3 * (self.zh_share if not zh else 1 - self.zh_share)  # keeps the share of Chinese articles at zh_share
        out: list[_Report] = []
        for i in range(count):
            lang = ("en" if zh else "zh") if i and rng.random() < flip else ("zh" if zh else "en")
            out.append(_Report(event.day + timedelta(days=0 if i == 0 else rng.randint(0, 6)), lang, event.lead_key))
        lead = event.lead
        if event.lead_key == "funding_lead" and count > 1 and rng.random() < 0.3:
            early = out[0]  # the round leaked before it closed
            early.published = event.day - timedelta(days=rng.randint(8, 40))
            early.lead_key = "talks_lead"
            early.overrides = {"when": _When(early.published - timedelta(days=rng.randint(0, 2))),
                               "amount": _Money(_nice(lead["amount"].value * rng.choice([1, 1, 0.9, 0.95])), lead["amount"].currency)}
            if "valuation" not in lead:
                early.overrides["valuation"] = _Money(_nice(lead["amount"].value * rng.uniform(5, 10)), lead["amount"].currency)
        if count > 1 and rng.random() < 0.25:
            late = rng.choice(out[1:])  # one outlet got a figure wrong
            for name in ("amount", "valuation", "price"):
                if isinstance(lead.get(name), _Money):
                    m = lead[name]
                    late.overrides[name] = _Money(_nice(m.value * rng.choice([0.85, 0.9, 1.1, 1.15])), m.currency)
                    break
        return out


# ---------------------------------------------------------------- one article in one language

class _Slots(dict[str, str]):
    """Slot values of one sentence, rendered on first use."""

    def __init__(self, writer: _Writer, values: dict[str, Any]) -> None:
        super().__init__()
        self.writer, self.values = writer, values

    def __missing__(self, key: str) -> str:
        text = self.writer.slot(key, self)
        text = self[key] = f"\x00{text}\x00" if self.writer.zh else text  # marks where a name meets the template
        return text


class _Writer:
    def __init__(self, world: _World, company: _Company, lang: str, rng: random.Random, published: date) -> None:
        self.world, self.company, self.lang, self.rng, self.published = world, company, lang, rng, published
        self.zh = lang == "zh"
        self.t = _templates(lang)
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
        return template.format_map(_Slots(self, values))

    def finish(self, text: str) -> str:
        """Spelling that depends on what the slots filled in: "an $80 million", "Ayar Labs'", "Groq CEO"."""
        if self.zh:  # Latin words from two slots that meet keep a space between them
            return _LATIN_GAP.sub(" ", text).replace("\x00", "")
        return _PLURAL_POSSESSIVE.sub(r"\1'", _AN.sub(r"\1n ", text))

    def slot(self, key: str, slots: _Slots) -> str:
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

    def render(self, v: Any, slots: _Slots) -> str:
        if isinstance(v, OrgEntry):
            return self.org(v)
        if isinstance(v, tuple):
            names = [self.render(x, slots) for x in v]
            if len(names) < 2:
                return "".join(names)
            return "、".join(names[:-1]) + "和" + names[-1] if self.zh else ", ".join(names[:-1]) + " and " + names[-1]
        if isinstance(v, _Money):
            return self.money(v)
        if isinstance(v, _When):
            return self.when(v)
        if isinstance(v, _Person):
            return self.person(v)
        if isinstance(v, _Chip):
            return v.zh if self.zh else v.en
        if isinstance(v, _Pct):
            return f"{v.value:g}{self.percent}"
        if isinstance(v, _Key):
            return self.choice(v, slots)
        if isinstance(v, _City):
            name = v.company.city[1] if self.zh else v.company.city[0]
            return name.split(",")[0] if v.short else name
        if isinstance(v, _Desc):
            text = self.rng.choice(self.t["desc"][v.company.category])
            text = text.format_map(_Slots(self, {"city": _City(v.company), "city_short": _City(v.company, True)}))
            return self.t["countries"].get(v.company.org.country or "", "") + text if self.zh else text
        return str(v)

    def choice(self, v: _Key, slots: _Slots) -> str:
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
        chosen = self.markets.setdefault(key, self.rng.choice(self.t["markets"][key]))
        return chosen if isinstance(chosen, str) else chosen[form]

    def org(self, o: OrgEntry) -> str:
        name = self.names.get(o.name)
        if name is None:
            name = o.name
            if self.zh:  # mostly the usual Chinese name; "AMD", "IBM" often stay in Latin letters
                chinese = _chinese_names(o.aliases)
                r = self.rng.random()
                if chinese and r < (0.35 if o.name.isupper() and len(o.name) <= 4 else 0.99):
                    name = chinese[0] if r < 0.8 or len(chinese) < 2 else chinese[1]
            self.names[o.name] = name
        return name

    def person(self, p: _Person) -> str:
        if not p.western:
            return p.zh if self.zh else p.en
        if not self.zh:
            return p.en
        if p.en in self.names:
            return self.names[p.en]
        glossed = self.rng.random() < 0.5
        self.names[p.en] = p.zh if glossed else p.en
        return f"{p.zh}（{p.en}）" if glossed else p.en

    def money(self, m: _Money) -> str:
        rng, v = self.rng, m.value
        if self.zh:
            unit = {"USD": "美元", "CNY": "元", "HKD": "港元"}[m.currency]
            if m.vague and m.currency == "CNY":
                return "数亿元" if v >= 2e8 else "数千万元"
            text = f"{_num(v / 1e8, '')}亿{unit}" if v >= 1e8 else f"{_num(v / 1e4, '')}万{unit}" if v >= 1e4 else f"{_num(v, '')}{unit}"
            if m.currency == "CNY" and v >= 1e4 and rng.random() < 0.3:
                text = rng.choice([text + "人民币", "人民币" + text])
            return text
        if v < 1e4:  # a share price
            return {"USD": "$", "HKD": "HK$"}.get(m.currency, "") + _num(v) + (" yuan" if m.currency == "CNY" else "")
        big = v >= 1e9
        n = _num(v / (1e9 if big else 1e6))
        if m.currency == "CNY":
            text = f"{n} {'billion' if big else 'million'} yuan"
            if rng.random() < 0.3 and not self.in_title:
                text += f" (about {self.money(_Money(_nice(v * TO_USD['CNY']), 'USD'))})"
            return text
        sign = "HK$" if m.currency == "HKD" else rng.choice(["$", "$", "$", "US$"])
        return sign + n + (rng.choice([" billion", " billion", "bn"]) if big else rng.choice([" million", " million", "m"]))

    def when(self, w: _When) -> str:
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


def _size(texts: list[str], zh: bool) -> int:
    """Length as the fact densities count it: words, or Han characters."""
    if zh:
        return sum(len(_HAN.findall(text)) for text in texts)
    return sum(text.count(" ") + 1 for text in texts)


def _identity(key: str, values: dict[str, Any]) -> object:
    """What a fact is about, so that an article counts a person or a chip it names twice as one fact."""
    for name in ("person", "product", "rival_product"):
        if isinstance(values.get(name), (_Person, _Chip)):
            return values[name]
    return key, id(values)


def _article(world: _World, event: _Event, report: _Report, rng: random.Random,
             paragraphs: tuple[int, int]) -> SyntheticArticle:
    """Lead, further facts mixed with background, split into paragraphs; a title that matches the lead."""
    zh = report.lang == "zh"
    c = event.company
    w = _Writer(world, c, report.lang, rng, report.published)
    rival = rng.choice([r for r in world.rivals if r is not c.org] or list(world.rivals))
    base: dict[str, Any] = {"company": c.org, "desc": _Desc(c), "city": _City(c), "city_short": _City(c, True),
                            "founded": c.founded, "rival": rival}
    if world.rivals[rival]:
        base["rival_product"] = rng.choice(world.rivals[rival])
    lead_values = {**base, **event.lead, **report.overrides}
    lead = w.sentence(report.lead_key, lead_values) or ""
    w.in_title = True
    title = (w.sentence(report.lead_key, lead_values, "titles") or lead).rstrip("。.")
    w.in_title = False
    if not zh and rng.random() < 0.35:
        city, _, state = c.city[0].partition(", ")
        lead = f"{city.upper()}{', ' + state if state else ''} -- {lead}"
    details = [f for f in event.details if rng.random() < (0.6 if f[0] in COLOUR else 0.85)]
    if report.lead_key == "talks_lead":  # nothing has closed yet, and the company does not comment
        details = [("talks_color", lead_values)] + [f for f in details if f[0] not in
                                                    ("person_quote", "funding_investors", "funding_valuation")]
    context = world.context(c, zh, event.day)
    rng.shuffle(context)
    facts: list[str] = []
    feature = rng.random() < 0.1  # now and then a longer piece
    wanted = rng.randint(4, 9) + (rng.randint(1, 3) if feature else 0)
    stated = {_identity(report.lead_key, lead_values)}
    for fact_key, values in details + context:
        if len(stated) > wanted:
            break
        identity = _identity(fact_key, values)
        if identity in stated and (fact_key == "person_quote" or rng.random() < 0.7):
            continue  # a person or chip is named again only now and then, and quoted once
        text = w.sentence(fact_key, {**base, **values})
        if text:
            facts.append(text)
            if fact_key not in COLOUR:
                stated.add(identity)
    n_par = rng.randint(*paragraphs)
    n_bg = n_par + rng.randint(0, 2 if zh else 1) + (rng.randint(2, 5) if feature else 0)
    background = w.background(n_bg, base)
    size = _size([lead, *facts, *background], zh)
    while size < (380 if zh else 190):  # real stories are rarely shorter
        more = w.background(1, base)
        if not more:
            break
        background += more
        size += _size(more, zh)
    order = ["f"] * len(facts) + ["b"] * len(background)
    rng.shuffle(order)
    units = [facts.pop(0) if o == "f" else background.pop() for o in order]
    cuts = sorted(rng.sample(range(1, len(units)), min(n_par - 1, len(units) - 1))) if len(units) > 1 else []
    sep = "" if zh else " "
    body = [sep.join(units[a:b]) for a, b in zip([0, *cuts], [*cuts, len(units)])]
    text, title = _house_style(w.finish("\n\n".join([lead, *body])), w.finish(title), w.t["layout"], rng)
    if zh and rng.random() < 0.1:  # a Taiwan or Hong Kong outlet
        for simplified, traditional in w.t["traditional_words"].items():
            text, title = text.replace(simplified, traditional), title.replace(simplified, traditional)
        text, title = text.translate(_traditional_table()), title.translate(_traditional_table())
    return SyntheticArticle("", report.lang, title, report.published, text)


def _house_style(text: str, title: str, layout: dict[str, float], rng: random.Random) -> tuple[str, str]:
    """Set an article as one outlet would: line breaks between paragraphs, apostrophes, dashes."""
    if rng.random() < layout["single_line_breaks"]:
        text = text.replace("\n\n", "\n")
    if rng.random() < layout["curly_apostrophes"]:
        text, title = text.replace("'", "’"), title.replace("'", "’")
    if rng.random() < layout["em_dashes"]:
        text = text.replace(" -- ", " — ")
    return text, title


def generate(n: int, seed: int = 7, zh_share: float = 0.4, paragraphs: tuple[int, int] = (4, 8)) -> Iterator[SyntheticArticle]:
    """Yield `n` articles (`zh_share` Chinese) on a stream of events; `paragraphs`: body paragraphs after the lead."""
    rng = random.Random(seed)
    world = _World(rng, zh_share)
    weights = world.w["reports_weights"]
    per_event = sum((i + 1) * w for i, w in enumerate(weights)) / sum(weights)
    spacing = SPAN_DAYS / max(1.0, n / per_event)
    pending: list[SyntheticArticle] = []
    done, j = 0, 0
    while done < n:
        zh = rng.random() < zh_share
        day = START + timedelta(days=min(int(j * spacing), SPAN_DAYS - 7))
        event = world.event(day - timedelta(days=max(0, day.weekday() - 4)), zh)  # news breaks on weekdays
        j += 1
        pending += [_article(world, event, r, rng, paragraphs) for r in world.reports(event, zh)]
        for company, fact in event.after:  # later stories can recall this event
            company.history.append(fact)
        if len(pending) >= 48 or done + len(pending) >= n:
            rng.shuffle(pending)  # reports of one event end up spread over the neighbouring keys
            for article in pending[: n - done]:
                yield replace(article, key=f"synthetic-{seed}-{done:06d}")
                done += 1
            pending = []


def write_corpus(folder: Path, n: int, seed: int = 7, per_jsonl: int = 0) -> int:
    """Write `n` articles as text files (or JSON Lines files of `per_jsonl` articles); return the count."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    batch: list[SyntheticArticle] = []
    for article in generate(n, seed):
        count += 1
        if per_jsonl:
            batch.append(article)
            if len(batch) == per_jsonl:
                _write_jsonl(folder, batch)
                batch = []
        else:
            (folder / f"{article.key}.txt").write_text(article.front_matter_file(), encoding="utf-8")
    if batch:
        _write_jsonl(folder, batch)
    return count


def _write_jsonl(folder: Path, batch: list[SyntheticArticle]) -> None:
    lines = [json.dumps({"title": a.title, "date": a.published.isoformat(), "lang": a.lang, "text": a.text},
                        ensure_ascii=False) for a in batch]
    (folder / f"{batch[0].key}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    """Write a corpus from the command line: `python bench/corpus.py OUT_DIR N [--seed S] [--per-jsonl K]`."""
    import argparse

    parser = argparse.ArgumentParser(description="Write N synthetic articles into OUT_DIR.")
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--per-jsonl", type=int, default=1000, help="articles per JSON Lines file (0: one .txt each)")
    args = parser.parse_args()
    print(f"wrote {write_corpus(args.out, args.n, args.seed, args.per_jsonl)} articles to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
