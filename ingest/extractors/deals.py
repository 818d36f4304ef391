"""Acquisitions and partnerships between organisations."""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.analysis import ArticleContext, Item, Sentence
from ingest.extractors.common import (distance_scale, event_date, focus, gap, make_evidence, normalize_date,
                                     sentence_opener)
from ingest.extractors.funding import money_roles
from ingest.extractors.registry import extractor
from ingest.lexicon import to_usd
from ingest.records import Acquisition, Partnership, Record

ACQ_NAME, ACQ_VERSION = "acquisitions", "1.4"
PARTNER_NAME, PARTNER_VERSION = "partnerships", "1.7"
PARTY_EXCLUDED = {"research_firm", "media", "government", "exchange", "university"}


def _parties(ctx: ArticleContext, sent: Sentence) -> list[Item]:
    return [o for o in sent.of("org") if ctx.org_type(o.value) not in PARTY_EXCLUDED]


def _coref_before(ctx: ArticleContext, sent: Sentence, pos: int, after: int) -> str | None:
    corefs = [c for c in sent.cues("COREF_ORG") if after <= c.start and c.end <= pos]
    return focus(ctx, sent) if corefs else None


_CLAUSE_OPENING = re.compile(r"[，,。；;：:!?！？\n]|\s[-–—]\s|^")


def _opens_without_subject(ctx: ArticleContext, sent: Sentence, cue: Item) -> bool:
    """True when the deal verb opens its clause with nothing but a date and a word or two before it
    ("2025年换股吸收合并中科曙光"): a statement whose subject is the company the story is about."""
    head = ctx.text[sent.start:cue.start]
    starts = [m.end() for m in _CLAUSE_OPENING.finditer(head)]
    left = sent.start + (starts[-1] if starts else 0)
    prefix = ctx.text[left:cue.start]
    for d in sent.of("date"):
        if d.start >= left and d.end <= cue.start:
            prefix = prefix.replace(ctx.text[d.start:d.end], "")
    prefix = re.sub(r"[\s\-–—]", "", prefix)
    return len(prefix) * distance_scale(ctx) <= 6 and not sent.cues("COREF_ORG")


def _story_company(ctx: ArticleContext, sent: Sentence, other_than: str) -> str | None:
    """The company a subject-less statement is about: the one in focus, else the article's, never `other_than`
    (the target may be what opens the sentence and so the running focus)."""
    return next((c for c in (focus(ctx, sent), ctx.topic) if c and c != other_than), None)


def _party_before(ctx: ArticleContext, sent: Sentence, named: list[Item], corefs: list[Item]) -> str | None:
    """The first party of a link: "the company" when it comes after the last organisation named before the
    link (then the one in focus), else that organisation."""
    if corefs and (not named or corefs[-1].start > named[-1].end):
        return focus(ctx, sent)
    return named[-1].value if named else None


# between a target and its buyer in a relative clause: "Celestial AI, which Marvell agreed to buy"
_WHICH = re.compile(r"\s*,?\s*(?:which|that)\s+", re.I)
# what may stand between a selling verb and what is sold: "sell a 51% stake in Altera", "sold its stake in"
_SOLD_GAP = re.compile(r"\s*(?:(?:(?:a|an|its|the|their|his|her)\s)?(?:(?:[\d.]+\s?%|majority|minority|controlling|"
                       r"remaining)\s)?(?:stake|interest|holding)\s(?:in\s)?)?", re.I)
# and between what is sold and the buyer: "Altera to Silver Lake", "ZT Systems' manufacturing business to Sanmina"
_TO_BUYER = re.compile(r"(?:'s?|’s?)?(?:\s[\w-]+){0,3}?\sto\s(?:(?:the\s)?(?:[\w-]+\s){0,3}?)?", re.I)


def _sale(ctx: ArticleContext, sent: Sentence, cue: Item, after: list[Item]) -> tuple[str | None, str | None]:
    """"Intel agreed to sell a 51% stake in Altera to Silver Lake": (buyer, what is sold), or Nones."""
    sold = next((o for o in after if _SOLD_GAP.fullmatch(ctx.text, cue.end, o.start)), None)
    if sold is None:
        return None, None
    buyer = next((o for o in after if o.start >= sold.end and _TO_BUYER.fullmatch(ctx.text, sold.end, o.start)), None)
    return (buyer.value, sold.value) if buyer is not None else (None, None)


@extractor(ACQ_NAME, version=ACQ_VERSION, needs=("org", "money", "cue"), emits=(Acquisition,), order=50)
def extract_acquisitions(ctx: ArticleContext) -> list[Record]:
    """Who bought whom, for how much, when (talks are kept with status in_talks)."""
    out: list[Record] = []
    seen: set[tuple[str, str]] = set()
    latest: tuple[int, Acquisition, Sentence] | None = None  # the last deal read: where in `out`, and its sentence
    for sent in ctx.sentences:
        if latest is not None and latest[2] is not sent and sent.has_cue("DEAL_REF"):
            priced = _priced_later(ctx, latest[1], latest[2], sent)
            if priced is not None:
                out[latest[0]] = priced
                latest = (latest[0], priced, latest[2])
                continue
        if sent.has_cue("ACQ_REJECTED"):
            continue  # "rejected an acquisition offer": no deal
        passive = sent.cues("ACQ_PASSIVE")
        active = [c for c in sent.cues("ACQ_TRIGGER") if not any(c.overlaps(p) for p in passive)]
        sales = [c for c in sent.cues("ACQ_SALE") if not any(c.overlaps(p) for p in passive)]
        parties = _parties(ctx, sent)
        for cue in [*passive, *active, *sales]:
            clause = sent.hard_clause_id(cue.start)
            before = [o for o in parties if o.end <= cue.start and sent.hard_clause_id(o.start) == clause]
            after = [o for o in parties if o.start >= cue.end and sent.hard_clause_id(o.start) == clause]
            if cue in sales:
                acquirer, target = _sale(ctx, sent, cue, after)
            elif cue in passive:
                target = before[-1].value if before else _coref_before(ctx, sent, cue.start, sent.start)
                acquirer = after[0].value if after else None
            else:
                acquirer = before[-1].value if before else None
                coref = _coref_before(ctx, sent, cue.start, before[-1].end if before else sent.start)
                acquirer = coref or acquirer
                scale = distance_scale(ctx)
                sellers = sent.cues("ACQ_SELLER")  # "buys chips from Nvidia": what follows "from" is not bought
                near_after = [o for o in after if (o.start - cue.end) * scale <= 40
                              and not any(cue.end <= s.start and s.end <= o.start for s in sellers)]
                target = near_after[0].value if near_after else None
                # "英伟达与Run:ai签署收购协议", "英伟达完成对Run:ai的收购": both parties before the verb
                if len(before) >= 2 and re.search(r"(?:与|对|和|同)[^，,。；;]{0,12}$", ctx.text[before[-2].end:before[-1].start]):
                    acquirer, target = before[-2].value, before[-1].value
                # "Celestial AI, which Marvell agreed to buy for $3.25 billion": the buyer in a relative clause
                elif len(before) >= 2 and target is None and \
                        _WHICH.fullmatch(ctx.text, before[-2].end, before[-1].start):
                    acquirer, target = before[-1].value, before[-2].value
                if acquirer is None and target is not None and _opens_without_subject(ctx, sent, cue):
                    # "- 2025年换股吸收合并中科曙光": a bullet about the story's company (the target may be what
                    # opens the sentence, so the article's company when the running focus is the target)
                    acquirer = _story_company(ctx, sent, other_than=target)
            if not acquirer or not target or acquirer == target:
                continue
            key = (acquirer, target)
            if key in seen:
                continue
            seen.add(key)
            roles = money_roles(ctx, sent)
            moneys = [m for m in sent.of("money") if roles[id(m)] in ("raise", "other")]
            amount = min(moneys, key=lambda m: gap(m, cue)).value if moneys else None
            year = ctx.published.year if ctx.published else None
            status = "in_talks" if sent.has_cue("ACQ_TALKS") else "closed"
            deal = Acquisition(
                acquirer=acquirer, target=target,
                amount_usd=to_usd(amount.value, amount.currency, year) if amount else None,
                amount=amount.value if amount else None, currency=amount.currency if amount else None,
                date=normalize_date(event_date(ctx, sent, cue, default_to_published=False)),
                status=status, evidence=make_evidence(ctx, sent, f"{ACQ_NAME}@{ACQ_VERSION}"),
            )
            out.append(deal)
            latest = (len(out) - 1, deal, sent)
    return out


def _priced_later(ctx: ArticleContext, deal: Acquisition, deal_sent: Sentence, sent: Sentence) -> Acquisition | None:
    """"英伟达收购Run:ai。这笔价值约7亿美元的收购…", "Nvidia bought Run:ai. The deal was valued at $700 million":
    the price a following sentence gives the deal just read (which had none), with both sentences as evidence."""
    if deal.amount is not None or sent.index - deal_sent.index > 2:
        return None
    if any(o.value not in (deal.acquirer, deal.target) for o in _parties(ctx, sent)):
        return None  # another company's deal
    roles = money_roles(ctx, sent)
    moneys = [m for m in sent.of("money") if roles[id(m)] in ("raise", "other")]
    if not moneys:
        return None
    ref = sent.cues("DEAL_REF")[0]
    amount = min(moneys, key=lambda m: gap(m, ref)).value
    year = ctx.published.year if ctx.published else None
    return replace(deal, amount=amount.value, currency=amount.currency,
                   amount_usd=to_usd(amount.value, amount.currency, year),
                   evidence=make_evidence(ctx, deal_sent, deal.evidence.extractor, through=sent))


@extractor(PARTNER_NAME, version=PARTNER_VERSION, needs=("org", "cue"), emits=(Partnership,), order=70)
def extract_partnerships(ctx: ArticleContext) -> list[Record]:
    """Two organisations said to work together: "A partnered with B", "A 与 B 合作", "A and B signed"."""
    out: list[Record] = []
    seen: set[frozenset[str]] = set()
    for sent in ctx.sentences:
        deal_clauses = {sent.clause_id(c.start) for c in sent.cues("ACQ_TRIGGER", "ACQ_PASSIVE")}
        for cue in sent.cues("PARTNER", "PARTNER_DIRECT"):
            if sent.clause_id(cue.start) in deal_clauses:
                continue  # an acquisition's terms, not a partnership
            pair = _partners(ctx, sent, cue, deal_clauses) or _both_parties(ctx, sent, cue)
            if pair is None or pair[0] == pair[1] or frozenset(pair) in seen:
                continue
            seen.add(frozenset(pair))
            a, b, what = _provider_first(ctx, sent, cue, pair)
            out.append(Partnership(a=a, b=b, what=what,
                                   evidence=make_evidence(ctx, sent, f"{PARTNER_NAME}@{PARTNER_VERSION}")))
    return out


def _provider_first(ctx: ArticleContext, sent: Sentence, cue: Item, pair: tuple[str, str]) -> tuple[str, str, str | None]:
    """Foundry and supply deals have a direction: the foundry (or supplier) first, "foundry" / "supply" as what."""
    near = [c for c in sent.cues("FOUNDRY_CUE", "SUPPLY_CUE") if abs(c.start - cue.start) * distance_scale(ctx) <= 80]
    if not near:
        return pair[0], pair[1], None
    kind = "foundry" if any(c.label == "FOUNDRY_CUE" for c in near) else "supply"
    if kind == "foundry":
        makers = [p for p in pair if ctx.org_type(p) == "foundry" or _named_before(ctx, sent, p, near)]
        if makers:
            provider = makers[0]
            return provider, pair[1] if provider == pair[0] else pair[0], kind
    # "A supplies B", "A agreed to supply B": the subject provides
    return pair[0], pair[1], kind


def _named_before(ctx: ArticleContext, sent: Sentence, name: str, cues: list[Item]) -> bool:
    """"Samsung's foundry business", "三星的代工业务": the organisation right before a foundry word."""
    return any(o.value == name and 0 <= c.start - o.end <= 6 for o in sent.of("org") for c in cues)


def _both_parties(ctx: ArticleContext, sent: Sentence, cue: Item) -> tuple[str, str] | None:
    """"双方合作建设…", "the pair announced an agreement", "an agreement the pair announced": the story's company
    and the other organisation named most recently (in this sentence before the cue, or in the one before)."""
    clause = sent.hard_clause_id(cue.start)
    if not any(sent.hard_clause_id(b.start) == clause and (b.end <= cue.start or 0 <= b.start - cue.end <= 6)
               for b in sent.cues("BOTH_PARTIES")):
        return None
    first = focus(ctx, sent)
    earlier = ctx.sentences[sent.index - 1] if sent.index > 0 else None
    named = [o for o in _parties(ctx, sent) if o.end <= cue.start]
    if earlier is not None:
        named = _parties(ctx, earlier) + named
    others = [o.value for o in named if o.value != first and not ctx.is_investor(o.value)]
    return (first, others[-1]) if first and others else None


def _partners(ctx: ArticleContext, sent: Sentence, cue: Item, deal_clauses: set[int]) -> tuple[str, str] | None:
    """The two parties a partnering cue links (`deal_clauses`: clauses about an acquisition, never a link)."""
    parties = _parties(ctx, sent)
    clause = sent.hard_clause_id(cue.start)
    parties = [o for o in parties if sent.hard_clause_id(o.start) == clause]
    scale = distance_scale(ctx)
    opener = sentence_opener(ctx, sent)
    links = [c for c in sent.cues("PARTNER_LINK", "PARTNER_DIRECT") if sent.hard_clause_id(c.start) == clause
             and sent.clause_id(c.start) not in deal_clauses]
    chinese = ctx.lexicon.language == "zh"
    # "A 与 B 合作" / "A partnered with B" / "A picked B" / "partnership between A and B"
    for link in sorted(links, key=lambda c: abs(c.start - cue.start)):
        if abs(link.start - cue.start) * scale > 80:
            continue
        after = [o for o in parties if o.start >= link.end and (o.start - link.end) * scale <= 40
                 and (not chinese or o.end <= cue.start)]
        if not after:
            continue
        b = after[0]
        if chinese and any(o.value != b.value for o in after[1:]):
            # "微软和谷歌向AMD派遣员工，共同开发": "和" joins two subjects who work with a third party, and
            # which pair the work binds is not said plainly
            continue
        if link.text.lower() == "between":
            rest = [o for o in after[1:] if o.start - b.end <= 8]
            if rest:
                return b.value, rest[0].value
            continue
        before = [o for o in parties if o.end <= link.start and (link.start - o.end) * scale <= 80]
        corefs = [c for c in sent.cues("COREF_ORG") if c.end <= link.start and sent.hard_clause_id(c.start) == clause]
        # with no party in the link's own clause, the organisation that opens the sentence is the first one
        # ("Nebius Group, the company that grew out of Yandex, has signed an agreement to supply Microsoft")
        near = [o for o in before if sent.clause_id(o.start) == sent.clause_id(link.start)]
        if not near and opener is not None and opener.value != b.value:
            before = [opener]
        if corefs or before:
            a = _party_before(ctx, sent, before, corefs)
        elif all(o.value == b.value for o in sent.of("org")):
            a = focus(ctx, sent)  # naming no one else: the story's company ("…an agreement with OpenAI")
        elif _opens_without_subject(ctx, sent, link):
            # "- 2016年与AMD合作…": a bullet about the story's company
            a = _story_company(ctx, sent, other_than=b.value)
        else:
            a = None
        if a:
            return a, b.value
    # "A and B signed a partnership"
    before = [o for o in parties if o.end <= cue.start]
    if len(before) >= 2 and ctx.text[before[-2].end:before[-1].start].strip() in ("and", "&", "与", "和", "及"):
        return before[-2].value, before[-1].value
    return _signed_with_next(ctx, sent, cue, parties)


def _signed_with_next(ctx: ArticleContext, sent: Sentence, cue: Item, parties: list[Item]) -> tuple[str, str] | None:
    """"The startup signed a letter of intent to install LPUs in Earth Wind & Power's data centre": a signed
    document with no "with" binds its signer to the organisation named next in the clause."""
    scale = distance_scale(ctx)
    # the document is the cue itself ("letter of intent", 意向书) or follows it ("签署协议")
    if cue.label != "PARTNER" or not any(cue.start <= d.start and (d.start - cue.end) * scale <= 8
                                         for d in sent.cues("SIGNED_DOC")):
        return None
    clause = sent.hard_clause_id(cue.start)
    following = [o for o in parties if o.start >= cue.end and (o.start - cue.end) * scale <= 60]
    named = [o for o in parties if o.end <= cue.start]
    corefs = [c for c in sent.cues("COREF_ORG") if c.end <= cue.start and sent.hard_clause_id(c.start) == clause]
    signer = _party_before(ctx, sent, named, corefs)
    if not following or signer is None or following[0].value == signer or ctx.is_investor(following[0].value):
        return None
    return signer, following[0].value
