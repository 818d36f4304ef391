"""The world the articles report on: companies from the gazetteer, their histories, and a stream of events."""


from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from bench.synthetic.model import (
    Chip, Company, Desc, Event, Fact, HOME_ZH, Key, Money, Pct, Person, Report, TO_USD, When, chinese_names, nice,
    phrasings
)
from entities.gazetteer import INVESTOR_TYPES, NON_PRODUCT_KINDS, OrgEntry, load_gazetteer
from entities.names import person_pinyin


def split_home(pool: list[OrgEntry]) -> tuple[list[OrgEntry], list[OrgEntry]]:
    """Foreign and Chinese organisations of a pool."""
    return [o for o in pool if o.country not in HOME_ZH], [o for o in pool if o.country in HOME_ZH]


class World:
    """Companies from the gazetteer, their histories, and the events that happen to them."""

    def __init__(self, rng: random.Random, zh_share: float) -> None:
        self.rng, self.zh_share = rng, zh_share
        self.w = phrasings("world")
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
        self.chips: dict[str, list[Chip]] = {}
        for p in gaz.products:
            if not (p.ambiguous or p.generic or p.kind in NON_PRODUCT_KINDS) and p.maker in by_name:
                zh = chinese_names(p.aliases)
                self.chips.setdefault(p.maker, []).append(Chip(p.name, zh[0] if zh else p.name, p.kind))
        self.makers = [by_name[m] for m in self.chips]
        self.markets = {k: [(by_name[n], lo, hi) for n, lo, hi in v if n in by_name] for k, v in self.w["markets"].items()}
        self.rivals = {by_name[n]: [c for c in self.chips.get(n, []) if c.en in v] for n, v in self.w["rivals"].items()
                       if n in by_name}
        self.by_name = by_name
        self.listed = gaz.people
        self.companies: dict[str, Company] = {}
        self.shares: dict[tuple[str, int, str, str], float] = {}
        self.firms: dict[tuple[str, int], list[OrgEntry]] = {}
        self.people_used: set[str] = set()
        self.stems = list(self.w["product_stems"])
        self.partnering = self.startups + [m for m in self.majors if m.type == "chip_designer"]
        pools = [self.startups, self.majors, self.investors, self.sources, self.media, self.makers,
                 self.partnering, *self.partners.values()]
        self.splits = {id(p): split_home(p) for p in pools}  # these lists live as long as the world

    def pick(self, pool: list[OrgEntry], zh: bool, exclude: tuple[OrgEntry, ...] = ()) -> OrgEntry:
        """An organisation of the pool, mostly a Chinese one for a Chinese story and a foreign one otherwise."""
        split = self.splits.get(id(pool)) or split_home(pool)
        home = split[zh] if split[zh] and self.rng.random() < 0.8 else pool
        for _ in range(20):
            chosen = self.rng.choice(home)
            if all(chosen is not e for e in exclude):
                return chosen
        return self.rng.choice([o for o in pool if all(o is not e for e in exclude)])

    def company(self, org: OrgEntry, day: date) -> Company:
        """The company's record, made up on first mention with an executive team and earlier rounds."""
        c = self.companies.get(org.name)
        if c is None:
            rng = self.rng
            cities = self.w["cities"].get(org.country or "", self.w["cities"]["default"])
            young = not org.ticker and not org.parent
            category = "cloud" if young and org.type == "cloud_provider" else "startup" if young and \
                org.type == "chip_designer" else "major"
            c = Company(org, category, tuple(rng.choice(cities)), rng.randint(2012, 2020), rng.randint(0, 4),
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
                c.raised_usd = sum(nice((lo + hi) / 2) * 1e6 for _, lo, hi in self.w["ladder"][:c.step])
                for back in range(known - c.step, 0, -1):
                    when = day - timedelta(days=back * rng.randint(150, 400))
                    for fact in self.closed_round(c, self.round(c, when)):
                        c.history.append(fact[1])
            self.companies[org.name] = c
        return c

    def round(self, c: Company, day: date) -> dict[str, Any]:
        """The next round of the company's ladder: amount, lead and other investors, sometimes a valuation."""
        rng, ladder = self.rng, self.w["ladder"]
        key, lo, hi = ladder[c.step] if c.step < len(ladder) else rng.choice(self.w["after_ladder"])
        c.step += 1
        amount = self.money(rng.uniform(lo, hi), c, vague=0.08)
        c.raised_usd += amount.value * TO_USD[amount.currency]
        cn = c.org.country in HOME_ZH
        leads = tuple(dict.fromkeys(self.pick(self.investors, cn) for _ in range(1 if rng.random() < 0.75 else 2)))
        others = tuple(dict.fromkeys(self.pick(self.investors, cn, leads) for _ in range(rng.choice([0, 1, 2, 2, 3, 4]))))
        lead = {"company": c.org, "amount": amount, "round": Key("rounds", key), "lead": leads, "when": When(day),
                "others": others or None}
        if c.step > 2 and rng.random() < 0.7:  # worth several times the round, and more than all it has raised
            usd = max(amount.value * TO_USD[amount.currency] * rng.uniform(4, 12), c.raised_usd * rng.uniform(2, 4))
            lead["valuation"] = Money(nice(usd / TO_USD[amount.currency]), amount.currency)
        return lead

    def closed_round(self, c: Company, lead: dict[str, Any]) -> list[tuple[Company, Fact]]:
        """What later stories recall of a closed round."""
        when = When(lead["when"].day, True)
        out: list[tuple[Company, Fact]] = [(c, ("round_prior", {**lead, "when_past": when}))]
        if lead.get("valuation"):
            out.append((c, ("valuation_prior", {"company": c.org, "valuation": lead["valuation"], "when_past": when})))
        return out

    def person(self, org: OrgEntry) -> Person:
        """A new person for an organisation, named as people there are."""
        w, rng = self.w, self.rng
        for _ in range(6):
            if org.country in ("CN", "HK", "TW"):
                zh = rng.choice(w["chinese_family"]) + rng.choice(w["chinese_given"])
                p = Person(person_pinyin(zh), zh, False)
            else:
                (g_en, g_zh), (f_en, f_zh) = rng.choice(w["western_given"]), rng.choice(w["western_family"])
                p = Person(f"{g_en} {f_en}", f"{g_zh}·{f_zh}", True)
            if p.en not in self.people_used:
                break
        self.people_used.add(p.en)
        return p

    def listed_person(self, name: str) -> Person:
        """A person of the gazetteer: Chinese text writes the Chinese spelling it lists."""
        entry = self.listed[name]
        chinese = chinese_names(entry.aliases)
        return Person(entry.name, chinese[0] if chinese else entry.name, not chinese)

    def ceo(self, c: Company, day: date) -> tuple[Person, str]:
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

    def new_chip(self, c: Company) -> Chip:
        """The chip a company launches next."""
        rng = self.rng
        if c.chips and c.category == "major":
            return rng.choice(c.chips)
        if c.chips and c.chips[-1].kind == "new" and "-" in c.chips[-1].en:
            stem, _, gen = c.chips[-1].en.rpartition("-")
            name = f"{stem}-{int(gen) + 1}" if gen.isdigit() else f"{stem}-2"
        else:
            stem = self.stems.pop(rng.randrange(len(self.stems))) if self.stems else rng.choice(self.w["product_stems"])
            name = f"{stem}-{rng.randint(1, 3)}" if rng.random() < 0.7 else f"{stem[0]}{rng.choice('XNRQ')}{rng.choice([100, 200, 300, 500])}"
        chip = Chip(name, name, "new")
        c.chips.append(chip)
        return chip

    def money(self, usd_millions: float, c: Company, vague: float = 0.0) -> Money:
        """An amount in the company's usual currency; Chinese press gives a round's size as "数亿元" at times."""
        usd = nice(usd_millions) * 1e6
        if c.org.country == "CN" and self.rng.random() < 0.7:
            return Money(nice(usd * 7.1), "CNY", vague=self.rng.random() < vague)
        return Money(usd, "USD")

    def share(self, market: str, year: int, source: OrgEntry, leader: OrgEntry, lo: float, hi: float) -> Pct:
        """What one research firm says a leader held: near the figure other firms give for that year."""
        base = self.shares.setdefault((market, year, "", leader.name), self.rng.uniform(lo, hi))
        value = self.shares.setdefault((market, year, source.name, leader.name), base * self.rng.uniform(0.9, 1.1))
        return Pct(round(max(0.5, value), 1 if value < 10 and self.rng.random() < 0.5 else 0))

    def share_claim(self, market: str, year: int, zh: bool, ranged: bool = False) -> Fact:
        """A market-share claim on `market` in `year`, by a research firm."""
        leaders = self.markets[market]
        (subject, lo, hi), rest = leaders[0] if self.rng.random() < 0.6 else self.rng.choice(leaders), leaders
        firms = self.firms.get((market, year))
        if firms is None:  # the few research firms that put out figures for this market and year
            firms = self.firms[(market, year)] = [self.pick(self.sources, market in ("china_ai", "ai_servers") and
                                                            self.rng.random() < 0.6) for _ in range(4)]
        source = self.rng.choice(firms)
        values: dict[str, Any] = {"source": source, "subject": subject, "market": Key("markets", market), "year": year,
                                  "share": self.share(market, year, source, subject, lo, hi)}
        if ranged:
            mid = self.share(market, year, source, subject, lo, hi).value
            half = max(1.0, min(6.0, self.rng.uniform(0.2, 0.5) * min(mid, 100 - mid)))
            return "share_range", {**values, "low": Pct(max(1, round(mid - half))), "high": Pct(min(99, round(mid + half)))}
        others = [x for x in rest if x[0] is not subject]
        if others and self.rng.random() < 0.4:
            second, lo2, hi2 = self.rng.choice(others)
            return "share_pair", {**values, "subject2": second, "share2": self.share(market, year, source, second, lo2, hi2)}
        return "share", values

    # ------------------------------------------------------------ events

    def event(self, day: date, zh: bool) -> Event:
        """The next event, of a kind drawn by weight."""
        weights = self.w["event_weights"]
        kind = self.rng.choices(list(weights), list(weights.values()))[0]
        return getattr(self, f"_{kind}")(day, zh)

    def _funding(self, day: date, zh: bool) -> Event:
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
            return Event("talks_lead", day, c, lead, details)
        return Event("funding_lead", day, c, lead, details, self.closed_round(c, lead))

    def _acquisition(self, day: date, zh: bool) -> Event:
        rng = self.rng
        buyer = self.company(self.pick(self.majors, zh), day)
        target = self.company(self.pick(self.startups, zh, (buyer.org,)), day)
        lead: dict[str, Any] = {"buyer": buyer.org, "target": target.org, "target_desc": Desc(target), "when": When(day),
                                "reporter": self.pick(self.media, zh)}
        if rng.random() < 0.6:
            lead["price"] = self.money(rng.uniform(40, 2500), buyer)
        details: list[Fact] = [("acq_detail", {"buyer": buyer.org, "target": target.org}), self.quote(buyer, "acquisition", day)]
        details += [f for f in self.context(target, zh, day) if f[0] in ("person_founder", "round_prior", "funding_total",
                                                                          "product_mention", "valuation_prior")][:4]
        after = [(buyer, ("acq_prior", {"company": buyer.org, "target": target.org, "when_past": When(day, True)}))]
        return Event("acq_lead" if "price" in lead else "acq_undisclosed", day, buyer, lead, details, after)

    def _product(self, day: date, zh: bool) -> Event:
        c = self.company(self.pick(self.makers if self.rng.random() < 0.5 else self.startups, zh), day)
        chip = self.new_chip(c)
        lead = {"maker": c.org, "product": chip, "kind": Key("kinds", chip.kind), "when": When(day)}
        details: list[Fact] = [("product_detail", dict(lead)), self.quote(c, "product", day)]
        return Event("product_launch", day, c, lead, details)

    def _appointment(self, day: date, zh: bool) -> Event:
        rng = self.rng
        c = self.company(self.pick(self.startups, zh), day)
        role = rng.choice(["cfo", "coo", "cto", "president", "cfo"] + ([] if c.org.name in self.w["leaders"] else ["ceo"]))
        prev = self.pick(self.majors, zh, (c.org,))
        old = c.people.get(role)
        person = c.people[role] = self.person(c.org)
        c.joined[role] = day
        lead = {"company": c.org, "person": person, "role": Key("roles", role), "when": When(day), "prev_org": prev}
        detail = {**lead, "old_person": old} if old else lead
        details: list[Fact] = [("person_detail", detail), ("person_quote", {"company": c.org, "person": person,
                               "role": Key("roles", role), "quote": Key("quotes", "appointment"),
                               "dquote": Key("dquotes", "appointment")})]
        return Event("person_appoint", day, c, lead, details)

    def _partnership(self, day: date, zh: bool) -> Event:
        rng = self.rng
        c = self.company(self.pick(self.partnering, zh), day)
        topic = rng.choice(["cloud", "cloud", "foundry", "systems", "customer", "customer"])
        partner = self.pick(self.partners[topic], zh, (c.org,))
        lead = {"company": c.org, "partner": partner, "when": When(day), "action": Key("actions", topic)}
        details: list[Fact] = [("partner_detail", lead), self.quote(c, "partnership", day)]
        after = [(c, ("partner_prior", {**lead, "when_past": When(day, True)}))]
        return Event("partner_lead", day, c, lead, details, after)

    def _share(self, day: date, zh: bool) -> Event:
        market = self.rng.choice(["china_ai", "ai_servers", "hbm", "foundry", "accelerators"] if zh else list(self.markets))
        key, lead = self.share_claim(market, day.year - 1, zh)
        lead["when"] = When(day)
        c = self.company(lead["subject"], day)
        details = [self.share_claim(market, day.year - 1, zh, ranged=True), self.share_claim(market, day.year - 1, zh)]
        return Event(key, day, c, lead, details)

    def _ipo(self, day: date, zh: bool) -> Event:
        rng = self.rng
        ready = [o for o in self.startups if o.name in self.companies and self.companies[o.name].step >= 5]
        c = self.company(self.pick(ready, zh) if ready and rng.random() < 0.7 else self.pick(self.startups, zh), day)
        exchange = rng.choice(self.w["exchanges"].get(c.org.country or "", self.w["exchanges"]["default"]))
        currency = {"star": "CNY", "chinext": "CNY", "hkex": "HKD"}.get(exchange, "USD")
        value = nice(rng.uniform(100, 1500) * 1e6 / TO_USD[currency])
        price = round(rng.uniform(12, 90), 2 if currency == "CNY" else 0)
        lead = {"company": c.org, "exchange": Key("exchanges", exchange), "amount": Money(value, currency),
                "price_ps": Money(price, currency), "pct": Pct(rng.randint(4, 160)), "when": When(day)}
        details: list[Fact] = [("ipo_detail", lead), self.quote(c, "ipo", day)]
        return Event("ipo_lead" if rng.random() < 0.6 else "ipo_filing", day, c, lead, details)

    def quote(self, c: Company, topic: str, day: date) -> Fact:
        """A quote by a company's chief executive on `topic`."""
        person, role = self.ceo(c, day)
        return "person_quote", {"company": c.org, "person": person, "role": Key("roles", role),
                                "quote": Key("quotes", topic), "dquote": Key("dquotes", topic)}

    def context(self, c: Company, zh: bool, day: date) -> list[Fact]:
        """Facts an article about `c` can recall: founder, earlier events, chips, rivals, its market."""
        rng = self.rng
        out: list[Fact] = []
        if c.founder is not None and self.ceo(c, day)[0] is c.founder:
            how = "co" if c.cofounded else "solo"
            out.append(("person_founder", {"company": c.org, "person": c.founder, "role": Key("roles", "ceo"),
                                           "founded": c.founded, "prev_org": c.founder_was,
                                           "founded_verb": Key("founded_verb", how), "founder_title": Key("founder_title", how)}))
        recalled: dict[str, int] = {}
        for key, values in reversed(c.history[-8:]):  # the latest of each kind, the last two rounds
            recalled[key] = recalled.get(key, 0) + 1
            if recalled[key] == 1 or (key == "round_prior" and recalled[key] == 2):
                out.append((key if recalled[key] == 1 else "round_earlier", values))
        if c.step >= 2 and c.raised_usd:
            total = Money(nice(c.raised_usd / TO_USD["CNY"]), "CNY") if c.org.country == "CN" and rng.random() < 0.6 \
                else Money(nice(c.raised_usd), "USD")
            out.append(("funding_total", {"company": c.org, "total": total}))
        executives = [role for role in ("cto", "cfo", "coo", "president") if role in c.people]
        for role in rng.sample(executives, min(1, len(executives))):
            out.append(("person_exec", {"company": c.org, "person": c.people[role], "role": Key("roles", role),
                                        "when_past": When(c.joined[role], True)}))
        for chip in rng.sample(c.chips, min(2, len(c.chips))):
            out.append(("product_mention", {"maker": c.org, "product": chip, "kind": Key("kinds", chip.kind)}))
        if c.org.type == "chip_designer" and (c.category != "major" or rng.random() < 0.3):
            rival = rng.choice([r for r in self.rivals if r is not c.org])
            if self.rivals[rival]:
                out.append(("rival_product", {"company": c.org, "rival": rival, "rival_product": rng.choice(self.rivals[rival])}))
        markets = self.w["home_markets"].get(c.org.country or "", self.w["home_markets"]["default"])
        if rng.random() < 0.5:
            out.append(self.share_claim(rng.choice(markets), day.year - rng.choice([1, 1, 2]), zh, ranged=rng.random() < 0.4))
        out.append(self.quote(c, "general", day))
        return out

    def reports(self, event: Event, zh: bool) -> list[Report]:
        """Who reports the event when, in which language, with which figures."""
        rng = self.rng
        count = rng.choices(range(1, 7), self.w["reports_weights"])[0]
        flip = 0.3 * (self.zh_share if not zh else 1 - self.zh_share)  # keeps the share of Chinese articles at zh_share
        out: list[Report] = []
        for i in range(count):
            lang = ("en" if zh else "zh") if i and rng.random() < flip else ("zh" if zh else "en")
            out.append(Report(event.day + timedelta(days=0 if i == 0 else rng.randint(0, 6)), lang, event.lead_key))
        lead = event.lead
        if event.lead_key == "funding_lead" and count > 1 and rng.random() < 0.3:
            early = out[0]  # the round leaked before it closed
            early.published = event.day - timedelta(days=rng.randint(8, 40))
            early.lead_key = "talks_lead"
            early.overrides = {"when": When(early.published - timedelta(days=rng.randint(0, 2))),
                               "amount": Money(nice(lead["amount"].value * rng.choice([1, 1, 0.9, 0.95])), lead["amount"].currency)}
            if "valuation" not in lead:
                early.overrides["valuation"] = Money(nice(lead["amount"].value * rng.uniform(5, 10)), lead["amount"].currency)
        if count > 1 and rng.random() < 0.25:
            late = rng.choice(out[1:])  # one outlet got a figure wrong
            for name in ("amount", "valuation", "price"):
                if isinstance(lead.get(name), Money):
                    m = lead[name]
                    late.overrides[name] = Money(nice(m.value * rng.choice([0.85, 0.9, 1.1, 1.15])), m.currency)
                    break
        return out


# ---------------------------------------------------------------- one article in one language
