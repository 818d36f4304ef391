"""Acquisitions and partnerships between organisations."""

from __future__ import annotations

from ingest.analysis import ArticleContext, Item, Sentence
from ingest.extractors.common import event_date, focus, gap, make_evidence, normalize_date
from ingest.extractors.funding import money_roles
from ingest.extractors.registry import extractor
from ingest.lexicon import to_usd
from ingest.records import Acquisition, Partnership, Record

ACQ_NAME, ACQ_VERSION = "acquisitions", "1.0"
PARTNER_NAME, PARTNER_VERSION = "partnerships", "1.0"
PARTY_EXCLUDED = {"research_firm", "media", "government", "exchange", "university"}


def _parties(ctx: ArticleContext, sent: Sentence) -> list[Item]:
    return [o for o in sent.of("org") if ctx.org_type(o.value) not in PARTY_EXCLUDED]


def _coref_before(ctx: ArticleContext, sent: Sentence, pos: int, after: int) -> str | None:
    corefs = [c for c in sent.cues("COREF_ORG") if after <= c.start and c.end <= pos]
    return focus(ctx) if corefs else None


@extractor(ACQ_NAME, version=ACQ_VERSION, needs=("org", "money", "cue"), emits=(Acquisition,), order=50)
def extract_acquisitions(ctx: ArticleContext) -> list[Record]:
    """Who bought whom, for how much, when (talks are kept with status in_talks)."""
    out: list[Record] = []
    seen: set[tuple[str, str]] = set()
    for sent in ctx.sentences:
        passive = sent.cues("ACQ_PASSIVE")
        active = [c for c in sent.cues("ACQ_TRIGGER") if not any(c.overlaps(p) for p in passive)]
        parties = _parties(ctx, sent)
        for cue in passive + active:
            clause = sent.hard_clause_id(cue.start)
            before = [o for o in parties if o.end <= cue.start and sent.hard_clause_id(o.start) == clause]
            after = [o for o in parties if o.start >= cue.end and sent.hard_clause_id(o.start) == clause]
            if cue in passive:
                target = before[-1].value if before else _coref_before(ctx, sent, cue.start, sent.start)
                acquirer = after[0].value if after else None
            else:
                acquirer = before[-1].value if before else None
                coref = _coref_before(ctx, sent, cue.start, before[-1].end if before else sent.start)
                acquirer = coref or acquirer
                target = after[0].value if after else None
                # "X's acquisition of Y"
                if target is None and before and len(before) >= 2:
                    acquirer, target = before[-2].value, before[-1].value
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
            out.append(Acquisition(
                acquirer=acquirer, target=target,
                amount_usd=to_usd(amount.value, amount.currency, year) if amount else None,
                amount=amount.value if amount else None, currency=amount.currency if amount else None,
                date=normalize_date(event_date(ctx, sent, cue, default_to_published=False)),
                status=status, evidence=make_evidence(ctx, sent, f"{ACQ_NAME}@{ACQ_VERSION}"),
            ))
    return out


@extractor(PARTNER_NAME, version=PARTNER_VERSION, needs=("org", "cue"), emits=(Partnership,), order=70)
def extract_partnerships(ctx: ArticleContext) -> list[Record]:
    """Two organisations said to work together (partnership, joint venture, foundry or supply deal)."""
    out: list[Record] = []
    seen: set[frozenset[str]] = set()
    for sent in ctx.sentences:
        if sent.has_cue("ACQ_TRIGGER", "ACQ_PASSIVE"):
            continue
        parties = _parties(ctx, sent)
        for cue in sent.cues("PARTNER"):
            clause = sent.hard_clause_id(cue.start)
            before = [o for o in parties if o.end <= cue.start and sent.hard_clause_id(o.start) == clause]
            after = [o for o in parties if o.start >= cue.end and sent.hard_clause_id(o.start) == clause
                     and o.start - cue.end <= 40]
            a: str | None = before[-1].value if before else _coref_before(ctx, sent, cue.start, sent.start)
            b: str | None = after[0].value if after else None
            if b is None and len(before) >= 2:
                joined = ctx.text[before[-2].end:before[-1].start].strip()
                if joined in ("与", "和", "跟", "同", "及", "and", "&", "with"):
                    a, b = before[-2].value, before[-1].value
            if not a or not b or a == b:
                continue
            pair = frozenset((a, b))
            if pair in seen:
                continue
            seen.add(pair)
            out.append(Partnership(a=a, b=b, what=None,
                                   evidence=make_evidence(ctx, sent, f"{PARTNER_NAME}@{PARTNER_VERSION}")))
    return out
