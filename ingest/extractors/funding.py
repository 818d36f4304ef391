"""Funding rounds, valuations and cumulative totals (they share the reading of each amount)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ingest.analysis import ArticleContext, Item, Sentence
from ingest.extractors.common import (
    NON_PARTIES,
    OrgRef,
    can_be_focus,
    focus,
    focus_without_opener,
    sentence_opener,
    distance_scale,
    event_date,
    gap,
    make_evidence,
    normalize_date,
    scan_list,
    set_focus,
    subject_org,
)
from ingest.extractors.registry import extractor
from ingest.lexicon import to_usd
from ingest.parse.dates import date_start
from ingest.records import FundingRound, FundingTotal, Record, Valuation

NAME = "funding"
VERSION = "1.8"
FULL_NAME = f"{NAME}@{VERSION}"
MIN_ROUND_USD = 100_000
FUNDING_CUES = ("FUND_TRIGGER", "INVEST_VERB", "LEAD_AFTER", "LEAD_BEFORE", "OTHER_AFTER", "OTHER_BEFORE",
                "VALUATION", "VALUATION_VERB", "TOTAL", "TOTAL_AFTER")
FINANCING_NOUNS = {"融资", "financing", "funding round", "funding", "round"}


# How far (characters, scaled per language) a cue reaches to the amount it qualifies.
REACH = {"VALUATION": 45, "VALUATION_VERB": 45, "VALUATION_TRAILING": 45, "MARKET_CAP": 20, "TOTAL": 45,
         "TOTAL_AFTER": 80, "NOT_RAISE": 14}
ROLE_OF_CUE = {"VALUATION": "valuation", "VALUATION_VERB": "valuation", "VALUATION_TRAILING": "valuation",
               "MARKET_CAP": "market_cap",
               "TOTAL": "total", "TOTAL_AFTER": "total", "NOT_RAISE": "other"}


@dataclass
class _Event:
    anchor: Item
    sentence: Sentence
    amount: Item | None
    company: OrgRef | None = None
    round_label: str | None = None
    leads: list[OrgRef] = field(default_factory=list)
    others: list[OrgRef] = field(default_factory=list)
    valuation: float | None = None
    status: str = "closed"
    date: str | None = None
    usd: float | None = None  # a USD figure the article gives for a foreign-currency amount


_RESTATED = re.compile(r"\s*[,，]?\s*(?:or|或|即)\s*(?:about|roughly|around|约)?\s*")
_INCLUDING = re.compile(r"\b(?:including|包括|其中)\b|包括|其中")
_CONVERSION_GAP = re.compile(r"\s*[(（]\s*(?:about|around|roughly|approximately|some|约|约合|合|折合)?\s*")


def money_roles(ctx: ArticleContext, sent: Sentence) -> dict[int, str]:
    """Role of each amount in a sentence: raise, valuation, market_cap, total, other, counterfactual."""
    moneys = sent.of("money")
    roles = {id(m): "raise" for m in moneys}
    scale = distance_scale(ctx)
    conversions = {id(cur): prev for prev, cur in zip(moneys, moneys[1:]) if _is_conversion(sent, prev, cur)}
    _ITEMS.clear()
    _ITEMS.update({id(m): m for m in moneys})
    bases = [m for m in moneys if id(m) not in conversions]
    # later ones override; VALUATION_VERB and TOTAL_AFTER take the amount after them, VALUATION_TRAILING the one
    # before it
    priority = ["NOT_RAISE", "TOTAL", "TOTAL_AFTER", "MARKET_CAP", "VALUATION", "VALUATION_VERB", "VALUATION_TRAILING"]
    triggers = sent.cues("FUND_TRIGGER")
    rounds = _named_rounds(sent)
    follow_first = bool(ctx.lexicon.section("prefer_following_amount"))
    for label in priority:
        for cue in sent.cues(label):
            if label == "NOT_RAISE" and any(r.start <= cue.start and cue.end <= r.end for r in rounds):
                continue  # "facility" inside "credit facility" names the round
            same_clause = [m for m in bases if sent.hard_clause_id(m.start) == sent.hard_clause_id(cue.start)]
            if label in ("TOTAL_AFTER", "VALUATION_VERB"):
                same_clause = [m for m in same_clause if m.start >= cue.end]
                if label == "VALUATION_VERB" and _prices_a_thing(ctx, sent, cue, same_clause):
                    continue
            elif label == "VALUATION_TRAILING":
                # "60亿美元的估值" names the amount just before; "SambaNova的估值为50亿美元" is a plain valuation cue
                adjacent = [m for m in same_clause if m.end <= cue.start and cue.start - m.end <= 2]
                same_clause = adjacent or same_clause
            if not same_clause:
                continue
            reachable = [m for m in same_clause if _group_gap(m, cue, conversions) * scale <= REACH[label]]
            if not reachable:
                continue
            nearest = min(reachable, key=lambda m: ((m.start < cue.start) if follow_first else 0,
                                                    _group_gap(m, cue, conversions), m.start < cue.start))
            if label == "NOT_RAISE" and (any(gap(t, nearest) < gap(cue, nearest) for t in triggers)
                                         or _labelled_amount(sent, nearest)):
                continue  # "sold $1 billion of convertible notes": the amount names the round it raised
            roles[id(nearest)] = ROLE_OF_CUE[label]
    for cue in sent.cues("PROCEEDS_USE"):
        for m in moneys:
            if m.start >= cue.end and sent.hard_clause_id(m.start) == sent.hard_clause_id(cue.start):
                roles[id(m)] = "other"
    for cue in sent.cues("COUNTERFACTUAL", "COUNTERFACTUAL_POST"):
        for m in moneys:
            # "…investor in its $25 million seed round in 2022 — is circling after the Series B round collapsed":
            # another round named in between is the one that collapsed
            in_scope = m.start >= cue.start if cue.label == "COUNTERFACTUAL" else \
                m.end <= cue.start and not any(m.end + 3 < r.start and r.end <= cue.start for r in rounds)
            if in_scope and sent.hard_clause_id(m.start) == sent.hard_clause_id(cue.start):
                roles[id(m)] = "counterfactual"
    deal_cues = sent.cues("ACQ_TRIGGER", "ACQ_PASSIVE")
    money_cues = sent.cues("FUND_TRIGGER", "INVEST_VERB")
    for m in moneys:
        usd = to_usd(m.value.value, m.value.currency, ctx.published.year if ctx.published else None) or 0
        if roles[id(m)] == "raise" and usd < MIN_ROUND_USD:
            roles[id(m)] = "other"
        # the price of an acquisition is not money raised
        if roles[id(m)] == "raise" and deal_cues:
            nearest_deal = min(gap(c, m) for c in deal_cues)
            nearest_money = min([gap(c, m) for c in money_cues] or [10**6])
            if nearest_deal < nearest_money:
                roles[id(m)] = "other"
    for conv in conversions:
        roles[conv] = "conversion"
    # "a post-money valuation of $24 billion, or $18 billion before the new money": the same valuation restated
    for first, second in zip(moneys, moneys[1:]):
        if roles[id(first)] == "valuation" and roles[id(second)] == "raise" and \
                _RESTATED.fullmatch(sent.between(first.end, second.start)):
            roles[id(second)] = "other"
    # "募资总额约10.36亿港元，扣除上市开支后净额约9.5亿港元": the net figure restates the gross one
    for cue in sent.cues("NET_AMOUNT"):
        following = [m for m in moneys if m.start >= cue.end and m.start - cue.end <= 12 and roles[id(m)] == "raise"]
        if following and any(roles[id(m)] == "raise" and m.end <= cue.start for m in moneys):
            roles[id(following[0])] = "other"
    # "raised $118 million, including a $75 million Series C": the first figure is a total
    for first, second in zip(moneys, moneys[1:]):
        between = sent.between(first.end, second.start).lower()
        if roles[id(first)] == "raise" and len(between) < 40 and _INCLUDING.search(between):
            roles[id(first)] = "total"
    return roles


def _prices_a_thing(ctx: ArticleContext, sent: Sentence, cue: Item, after: list[Item]) -> bool:
    """"contracts worth $150 million", "a deal valued at $4.9 billion": the amount right after the cue is the
    price of a contract, offer, deal or block of shares named just before it, not a company's valuation."""
    scale = distance_scale(ctx)
    if not after or (after[0].start - cue.end) * scale > 16:
        return False
    clause = sent.hard_clause_id(cue.start)
    return any(t.end <= cue.start and (cue.start - t.end) * scale <= 30 and sent.hard_clause_id(t.start) == clause
               for t in sent.cues("PRICED_THING"))


def _group_gap(money: Item, cue: Item, conversions: dict[int, Item]) -> int:
    """Gap from a cue to an amount together with its stated conversion ("75亿人民币(约新台币335亿元)闲置")."""
    end = max([c.end for cid, base in conversions.items() if base is money for c in [_by_id(cid)]] + [money.end])
    if cue.start >= money.start:
        return max(0, cue.start - end)
    return gap(money, cue)


_ITEMS: dict[int, Item] = {}


def _by_id(item_id: int) -> Item:
    return _ITEMS[item_id]


def _is_conversion(sent: Sentence, prev: Item, cur: Item) -> bool:
    """"165 billion won (about $124 million)", "3000亿元（约新台币1.3兆元）": a conversion of the amount before."""
    between = sent.between(prev.end, cur.start)
    return bool(_CONVERSION_GAP.fullmatch(between))


def _has_trigger(sent: Sentence, near: Item | None) -> bool:
    strong = sent.cues("FUND_TRIGGER")
    if near is not None:
        strong = [t for t in strong if sent.hard_clause_id(t.start) == sent.hard_clause_id(near.start)]
    return bool(strong) or _invest_mode(sent, near) or (near is not None and _labelled_amount(sent, near))


_LABEL_THEN_AMOUNT = re.compile(r"^\s*(?:round\s|facility\s|line\s|notes?\s)?(?:of|by|worth|totall?ing)\s(?:up\sto\s|about\s|roughly\s|nearly\s)?$",
                                re.IGNORECASE)


def _named_rounds(sent: Sentence) -> list[Item]:
    """Round mentions that name their round ("Series C", "credit facility"), not "a new round"."""
    return [r for r in sent.of("round") if r.value is not None and r.value.label]


def _balance_word(mention: Item) -> bool:
    """"$8 billion of debt": a bare word for borrowing after "of" names a balance, not money raised."""
    return mention.text.strip().lower() in _BALANCE_WORDS


_BALANCE_WORDS = frozenset({"debt", "loans", "loan", "borrowings", "债务", "贷款"})


def _labelled_amount(sent: Sentence, money: Item) -> bool:
    """"a $154 million Series C", "$1 billion of convertible notes", "a credit facility of up to $500
    million": an amount that names its round needs no raise verb."""
    for mention in _named_rounds(sent):
        link = sent.between(money.end, mention.start).strip().lower()
        if mention.start >= money.end and (not link or link in ("of", "in") and not _balance_word(mention)):
            return True
        if mention.end <= money.start and _LABEL_THEN_AMOUNT.match(sent.between(mention.end, money.start)):
            return True
    return False


def _invest_mode(sent: Sentence, near: Item | None) -> bool:
    """"X invested $N in Y" / "X committed $N to the startup": the company is the one invested in."""
    if near is None:
        return False
    clause = sent.hard_clause_id(near.start)
    verbs = [v for v in sent.cues("INVEST_VERB") if sent.hard_clause_id(v.start) == clause]
    if not verbs:
        return False
    targets = [c for c in sent.cues("INVESTED_IN") if sent.hard_clause_id(c.start) == clause]
    corefs = [c for c in sent.cues("COREF_ORG") if c.start > near.end and sent.hard_clause_id(c.start) == clause]
    return bool(targets or corefs)


def _status(sent: Sentence, anchor: Item) -> str:
    clause = sent.hard_clause_id(anchor.start)
    not_talks = sent.cues("IN_TALKS_NOT")
    talks = [c for c in sent.cues("IN_TALKS") if sent.hard_clause_id(c.start) == clause and c.start <= anchor.end + 20
             and not any(n.start <= c.start and c.end <= n.end for n in not_talks)]
    if talks:
        return "in_talks"
    if sent.cues("REPORTED"):
        return "reported"
    return "closed"


def _nearest_round(sent: Sentence, anchor: Item, anchors: list[Item]) -> str | None:
    best: tuple[int, str] | None = None
    for r in sent.of("round"):
        if r.value is None or r.value.label is None or (r is not anchor and _called_off(sent, r)):
            continue
        d = gap(r, anchor)
        if any(gap(r, other) < d for other in anchors if other is not anchor):
            continue
        if sent.hard_clause_id(r.start) != sent.hard_clause_id(anchor.start):
            continue
        if best is None or d < best[0]:
            best = (d, r.value.label)
    return best[1] if best else None


def _present_tense(sent: Sentence) -> bool:
    return any(d.value is not None and d.value.value and not d.value.explicit_year for d in sent.of("date"))


@extractor(NAME, version=VERSION, needs=("org", "money", "round", "date", "cue"),
           emits=(FundingRound, Valuation, FundingTotal), order=10)
def extract_funding(ctx: ArticleContext) -> list[Record]:
    """Read every funding round, valuation and cumulative total the article states."""
    events: list[_Event] = []
    out: list[Record] = []
    recent: list[_Event] = []
    for sent in ctx.sentences:
        opener = sentence_opener(ctx, sent)
        if opener is not None and can_be_focus(ctx, opener):
            set_focus(ctx, opener.value)
        elif opener is None:
            set_focus(ctx, focus_without_opener(ctx, sent))
        if not (sent.of("money") or sent.of("round") or sent.has_cue("FUND_TRIGGER")) and \
                not (sent.has_cue(*FUNDING_CUES) and recent_in(recent, sent)):
            # no round, valuation or total can start here (that takes an amount, a round or a funding word),
            # and the investors this sentence may list ("with participation from …") have no recent round near
            # enough to go to
            continue
        roles = money_roles(ctx, sent)
        taken: set[int] = set()
        markers = {label: sent.cues(label) for label in ("LEAD_AFTER", "LEAD_BEFORE", "OTHER_AFTER", "OTHER_BEFORE")}
        lists: list[tuple[Item, str, list[OrgRef]]] = []
        for label, cues in markers.items():
            direction = "after" if label.endswith("AFTER") else "before"
            for cue in cues:
                refs = scan_list(ctx, sent, cue, direction, taken, strict=label == "OTHER_AFTER")
                if refs:
                    lists.append((cue, "lead" if label.startswith("LEAD") else "other", refs))
        raises = [m for m in sent.of("money") if roles[id(m)] == "raise" and _has_trigger(sent, m)]
        anchors: list[Item] = list(raises)
        uses = sent.cues("PROCEEDS_USE")  # "将用于…的战略投资": what the money will buy is not a round
        labelled = [r for r in _named_rounds(sent)
                    if not any(u.end <= r.start and sent.hard_clause_id(u.start) == sent.hard_clause_id(r.start)
                                for u in uses) and not _called_off(sent, r)]
        if not anchors and labelled and recent_in(recent, sent) and _fill_round_label(ctx, sent, labelled, events):
            labelled = []
        if not anchors and (sent.cues("FUND_TRIGGER") or lists):
            completed = _completed_financing(sent)
            # (not when the sentence's amount is a round that fell through: "…a $150 million Series B, but the
            # round collapsed")
            # (nor an undated listing: "随着摩尔线程、沐曦在科创板上市…已有三家完成上市" is background)
            named = [r for r in labelled if r.value.label != "IPO" or _has_date(sent, r)]
            if named and sent.cues("FUND_TRIGGER") and not any(r in ("total", "raise", "counterfactual")
                                                               for r in roles.values()):
                anchors = [named[0]]
            elif completed is not None and not any(roles[id(m)] == "raise" for m in sent.of("money")) \
                    and not recent_in(recent, sent):
                anchors = [completed]
            elif lists and any(kind == "lead" for _, kind, _ in lists) and sent.cues("FUND_TRIGGER") and not recent_in(recent, sent):
                anchors = [next(cue for cue, kind, _ in lists if kind == "lead")]
        if not anchors and not any(roles[id(m)] == "raise" for m in sent.of("money")):
            listing = _dated_listing(sent, labelled)
            if listing is not None:
                anchors = [listing]
        sent_events: list[_Event] = []
        for anchor in anchors:
            ev = _Event(anchor=anchor, sentence=sent, amount=anchor if anchor.kind == "money" else None)
            ev.usd = _stated_conversion(sent, anchor, roles)
            invest = not any(sent.hard_clause_id(t.start) == sent.hard_clause_id(anchor.start)
                             for t in sent.cues("FUND_TRIGGER")) and _invest_mode(sent, anchor)
            ev.company = invested_in(ctx, sent, anchor, taken) if invest else subject_org(ctx, sent, anchor, taken)
            if ev.company is not None and not invest:
                ev.company = _not_the_lead(ctx, ev.company, lists)
            if ev.company is None and anchor.kind == "money" and focus(ctx) and _labelled_amount(sent, anchor) and \
                    all(ctx.is_investor(o.value) or ctx.org_type(o.value) in NON_PARTIES for o in sent.of("org")):
                # "That extension followed a $154 million Series C", "it arranged a credit facility of up to
                # $500 million with Macquarie": no company named but lenders or investors, the story's company
                ev.company = OrgRef(focus(ctx), True, anchor.start, anchor.start, "zero_subject")  # type: ignore[arg-type]
            if ev.company is None:
                continue
            if invest:
                ev.others.extend(_investing_subjects(ctx, sent, anchor, ev.company, taken))
            if ev.company.how in ("subject", "invested_in", "coref"):
                set_focus(ctx, ev.company.name)
            ev.round_label = _nearest_round(sent, anchor, anchors)
            ev.status = _status(sent, anchor)
            first_events = len(events) == 0 and sent.index < 6
            ev.date = normalize_date(event_date(ctx, sent, anchor, default_to_published=first_events and ev.status == "closed"))
            sent_events.append(ev)
        # investors: each list goes to the nearest event of this sentence, else to the latest event
        for cue, kind, refs in lists:
            target = _list_owner(sent_events, cue, after=cue.label.endswith("AFTER"))
            if target is None and recent and recent_in(recent, sent):
                target = recent[-1]
            if target is None:
                continue
            refs = [r for r in refs if target.company is None or r.name != target.company.name]
            (target.leads if kind == "lead" else target.others).extend(refs)
        events.extend(sent_events)
        if sent_events:
            recent = sent_events
        # valuations and totals
        for money in sent.of("money"):
            role = roles[id(money)]
            if role not in ("valuation", "total"):
                continue
            company = _owner(ctx, sent, money, taken, sent_events, recent)
            if company is None:
                continue
            amount = money.value
            when = normalize_date(event_date(ctx, sent, money, default_to_published=False))
            usd = to_usd(amount.value, amount.currency, _year_of(ctx, when))
            evidence = make_evidence(ctx, sent, FULL_NAME)
            if role == "valuation":
                owner_event = _event_for_valuation(company, sent, money, sent_events, recent)
                if owner_event is not None and owner_event.valuation is None:
                    when = when or owner_event.date
                    usd = to_usd(amount.value, amount.currency, _year_of(ctx, when))
                    owner_event.valuation = usd
                out.append(Valuation(company=company, value_usd=usd, value=amount.value, currency=amount.currency,
                                     date=when or (ctx.published.isoformat() if ctx.published and sent.index < 6 else None),
                                     bound=amount.qualifier if amount.qualifier in ("lower", "upper") else None,
                                     evidence=evidence))
            else:
                out.append(FundingTotal(company=company, amount_usd=usd, amount=amount.value, currency=amount.currency,
                                        bound=amount.qualifier if amount.qualifier in ("lower", "upper") else None,
                                        date=when, evidence=evidence))
    for ev in events:
        out.append(_round_record(ctx, ev))
    return _dedupe(out)


def _not_the_lead(ctx: ArticleContext, company: OrgRef, lists: list[tuple[Item, str, list[OrgRef]]]) -> OrgRef:
    """"when Salesforce Ventures led a $106 million round", "Samsung was leading a round of $300 million": an
    organisation named as the round's lead is not the company that raised; that is the one the text is about."""
    leads = {r.name for _, kind, refs in lists if kind == "lead" for r in refs}
    if company.name not in leads:
        return company
    target = focus(ctx)
    if target and target != company.name and not ctx.is_investor(target):
        return OrgRef(target, True, company.start, company.end, "coref")
    return company


def _list_owner(events: list[_Event], cue: Item, after: bool) -> _Event | None:
    """The event an investor list belongs to: "X raised $5M led by A, and $2M from B" gives A to the first
    event, because a list introduced by "led by" / "from" follows the event it describes."""
    if not events:
        return None
    preceding = [e for e in events if e.anchor.start < cue.start] if after else []
    return min(preceding or events, key=lambda e: gap(e.anchor, cue))


def _stated_conversion(sent: Sentence, anchor: Item, roles: dict[int, str]) -> float | None:
    moneys = sent.of("money")
    for prev, cur in zip(moneys, moneys[1:]):
        if prev is anchor and roles.get(id(cur)) == "conversion" and cur.value.currency == "USD":
            return cur.value.value
    return None


def invested_in(ctx: ArticleContext, sent: Sentence, anchor: Item, taken: set[int]) -> OrgRef | None:
    """The company money was put into: "in X", "to X", or "the startup" meaning the organisation in focus."""
    clause = sent.hard_clause_id(anchor.start)
    for cue in sent.cues("INVESTED_IN"):
        after = [o for o in sent.of("org") if o.start >= cue.end and o.start - cue.end <= 12]
        if after and sent.hard_clause_id(cue.start) == clause:
            return OrgRef(after[0].value, after[0].known, after[0].start, after[0].end, "invested_in")
    corefs = [c for c in sent.cues("COREF_ORG") if c.start > anchor.end and sent.hard_clause_id(c.start) == clause]
    target = focus(ctx)
    investors = {o.value for o in sent.of("org") if o.end <= anchor.start}
    if target in investors:  # "X invested in the startup": the startup is not X
        target = ctx.topic if ctx.topic not in investors else None
    if corefs and target:
        return OrgRef(target, True, corefs[0].start, corefs[0].end, "coref")
    return None


def _investing_subjects(ctx: ArticleContext, sent: Sentence, anchor: Item, company: OrgRef,
                        taken: set[int]) -> list[OrgRef]:
    clause = sent.hard_clause_id(anchor.start)
    return [OrgRef(o.value, o.known, o.start, o.end) for o in sent.of("org")
            if o.end <= anchor.start and sent.hard_clause_id(o.start) == clause and o.value != company.name
            and o.start not in taken and not ctx.is_source(o.value)][-1:]


def _fill_round_label(ctx: ArticleContext, sent: Sentence, labelled: list[Item], recent: list[_Event]) -> bool:
    """A later sentence naming the round ("both were Series A rounds") labels the recent event(s)."""
    named = {o.value for o in sent.of("org")}
    recent = [e for e in recent if sent.index - e.sentence.index <= 8]
    if named:
        targets = [e for e in recent if e.round_label is None and e.company and e.company.name in named]
    else:
        targets = [e for e in recent[-1:] if e.round_label is None]
    if not targets:
        return False
    for event in targets:
        event.round_label = labelled[0].value.label
    return True


def _completed_financing(sent: Sentence) -> Item | None:
    """"完成新一轮融资", "closed a new funding round": a round is reported even without an amount (not
    "完成多轮融资", several rounds: a total)."""
    done = sent.cues("COMPLETED")
    totals = sent.cues("TOTAL", "TOTAL_AFTER")
    for noun in sent.cues("FUND_TRIGGER"):
        if noun.text in FINANCING_NOUNS and any(d.end <= noun.start and noun.start - d.end <= 12 for d in done) \
                and not any(t.start <= noun.start and noun.end <= t.end for t in totals):
            return noun
    return None


def _has_date(sent: Sentence, mention: Item) -> bool:
    """A resolved date in the mention's clause."""
    return any(d.value is not None and d.value.value and sent.clause_id(d.start) == sent.clause_id(mention.start)
               for d in sent.of("date"))


def _called_off(sent: Sentence, mention: Item) -> bool:
    """"has withdrawn its registration for an IPO", "the Series B … collapsed": a round or listing called off
    in its own clause."""
    clause = sent.hard_clause_id(mention.start)
    others = [r for r in _named_rounds(sent) if r is not mention]

    def between(lo: int, hi: int) -> bool:  # another round named in between takes the cue
        return any(lo <= r.start and r.end <= hi for r in others)

    return any(c.end <= mention.start and sent.hard_clause_id(c.start) == clause and not between(c.end, mention.start)
               for c in sent.cues("COUNTERFACTUAL")) or \
        any(c.start >= mention.end and sent.hard_clause_id(c.start) == clause and not between(mention.end, c.start)
            for c in sent.cues("COUNTERFACTUAL_POST"))


def _dated_listing(sent: Sentence, labelled: list[Item]) -> Item | None:
    """"2020年7月在科创板上市", "filed for an IPO on Monday": a dated listing or filing is an IPO event,
    amount or not (undated mentions, "after peers listed on the STAR Market", are background)."""
    for mention in labelled:
        if mention.value.label != "IPO":
            continue
        clause = sent.hard_clause_id(mention.start)
        near = [c for c in sent.cues("LISTING") if sent.hard_clause_id(c.start) == clause and gap(c, mention) <= 40]
        inside = any(mention.start <= c.start and c.end <= mention.end for c in sent.cues("LISTING"))
        if (near or inside) and _has_date(sent, mention):
            return mention
    return None


def recent_in(recent: list[_Event], sent: Sentence) -> bool:
    """True when the latest events are close enough to take investors named in `sent`."""
    return bool(recent) and sent.index - recent[-1].sentence.index <= 3


def _owner(ctx: ArticleContext, sent: Sentence, money: Item, taken: set[int], sent_events: list[_Event],
           recent: list[_Event]) -> str | None:
    if sent_events:
        nearest = min(sent_events, key=lambda e: gap(e.anchor, money))
        if nearest.company:
            return nearest.company.name
    ref = subject_org(ctx, sent, money, taken)
    return ref.name if ref else None


def _event_for_valuation(company: str, sent: Sentence, money: Item, sent_events: list[_Event],
                         recent: list[_Event]) -> _Event | None:
    pool = [e for e in sent_events if e.company and e.company.name == company]
    if pool:
        return min(pool, key=lambda e: gap(e.anchor, money))
    pool = [e for e in recent if e.company and e.company.name == company and sent.index - e.sentence.index <= 4]
    return pool[-1] if pool else None


def _year_of(ctx: ArticleContext, when: str | None) -> int | None:
    """The year whose exchange rate converts an amount: the fact's own year, else the article's."""
    start = date_start(when)
    if start:
        return start.year
    return ctx.published.year if ctx.published else None


def _round_record(ctx: ArticleContext, ev: _Event) -> FundingRound:
    amount = ev.amount.value if ev.amount else None
    year = _year_of(ctx, ev.date)
    leads = _unique(r.name for r in ev.leads)
    investors = _unique([*leads, *(r.name for r in ev.others)])
    return FundingRound(
        company=ev.company.name if ev.company else "",
        amount=amount.value if amount else None,
        amount_high=amount.high if amount else None,
        currency=amount.currency if amount else None,
        amount_usd=(ev.usd or to_usd(amount.value, amount.currency, year)) if amount else None,
        round=ev.round_label,
        date=ev.date,
        lead_investors=tuple(leads),
        investors=tuple(investors),
        valuation_usd=ev.valuation,
        status=ev.status,
        evidence=make_evidence(ctx, ev.sentence, FULL_NAME),
    )


def _unique(names: object) -> list[str]:
    seen: list[str] = []
    for name in names:  # type: ignore[attr-defined]
        if name and name not in seen:
            seen.append(name)
    return seen


def _dedupe(records: list[Record]) -> list[Record]:
    """The same fact stated twice in one article is one record, its evidence the statement that gives the amount."""
    out: list[Record] = []
    for rec in records:
        dup = next((o for o in out if type(o) is type(rec) and _same(o, rec)), None)
        if dup is None:
            out.append(rec)
        elif isinstance(rec, FundingRound) and isinstance(dup, FundingRound):
            # keep the statement that gives the amount as the record's evidence
            base, other = (rec, dup) if dup.amount is None and rec.amount is not None else (dup, rec)
            merged = replace(base, lead_investors=tuple(_unique([*dup.lead_investors, *rec.lead_investors])),
                             investors=tuple(_unique([*dup.investors, *rec.investors])),
                             valuation_usd=base.valuation_usd or other.valuation_usd,
                             round=base.round or other.round, date=base.date or other.date)
            out[out.index(dup)] = merged
    return out


def _same(a: Record, b: Record) -> bool:
    if isinstance(a, FundingRound) and isinstance(b, FundingRound):
        if a.company != b.company:
            return False
        if a.round and b.round and a.round != b.round:  # a Series A and a Series B of the same size are two rounds
            return False
        if a.amount and b.amount and a.date and b.date and len(a.date) >= 7 and len(b.date) >= 7 \
                and a.date[:7] != b.date[:7]:
            return False  # "a $154 million Series C in May" and "a $155 million Series C extension in December"
        if a.amount and b.amount:
            return abs(a.amount - b.amount) <= 0.02 * max(a.amount, b.amount) and a.currency == b.currency
        return a.round == b.round and a.round is not None
    if isinstance(a, Valuation) and isinstance(b, Valuation):
        return a.company == b.company and a.value == b.value and a.currency == b.currency
    if isinstance(a, FundingTotal) and isinstance(b, FundingTotal):
        return a.company == b.company and a.amount == b.amount
    return False
