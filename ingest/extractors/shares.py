"""Market-share claims: who holds what share of which market, in which year, according to whom."""

from __future__ import annotations

import re

from ingest.analysis import ArticleContext, Item, Sentence
from ingest.extractors.common import distance_scale, gap, make_evidence
from ingest.extractors.registry import extractor
from ingest.parse.dates import date_start
from ingest.records import Record, ShareClaim

NAME = "market_shares"
VERSION = "1.0"
FULL_NAME = f"{NAME}@{VERSION}"
SUBJECT_TYPES_EXCLUDED = {"research_firm", "media", "government", "university", "exchange"}
SHARE_REACH = 60  # characters (scaled) between the share cue and the percentage
NOT_REACH = 14

_EN_MARKET = re.compile(r"(?:(?:the|its|global|worldwide)\s)?(?P<m>(?:[\w/&+-]+\s){0,5}?[\w/&+-]+)\s(?:market|segment|space|sector)\b", re.I)
_EN_OF = re.compile(r"\bof\s(?:the\s|all\s|global\s)?(?P<m>(?:[\w/&+-]+\s){0,5}?(?:chips?|accelerators?|gpus?|processors?|shipments|sales|revenue|market|foundry|hbm\w*|dram|capacity)\b)", re.I)
_ZH_MARKET = re.compile(r"(?P<m>[\u4e00-\u9fffA-Za-z0-9 ]{2,24}?)(?:市场|领域|赛道)")


def _subject(ctx: ArticleContext, sent: Sentence, pct: Item, excluded: set[int]) -> Item | None:
    orgs = [o for o in sent.of("org") if o.start not in excluded and ctx.org_type(o.value) not in SUBJECT_TYPES_EXCLUDED]
    clause = sent.hard_clause_id(pct.start)
    before = [o for o in orgs if o.end <= pct.start and sent.hard_clause_id(o.start) == clause]
    if before:
        return before[-1]
    after = [o for o in orgs if o.start >= pct.end and sent.hard_clause_id(o.start) == clause]
    return after[0] if after else None


def _source(ctx: ArticleContext, sent: Sentence, context: list[Sentence]) -> Item | None:
    for cue in sent.cues("ATTRIBUTION_AFTER"):
        after = [o for o in sent.of("org") if o.start >= cue.end and o.start - cue.end <= 30]
        if after:
            return after[0]
    for cue in sent.cues("ATTRIBUTION_BEFORE"):
        before = [o for o in sent.of("org") if o.end <= cue.start and cue.start - o.end <= 12 and ctx.is_source(o.value)]
        if before:
            return before[-1]
    for s in context:
        sources = [o for o in s.of("org") if ctx.is_source(o.value)]
        if sources and (s is sent or s.has_cue("ATTRIBUTION_AFTER", "ATTRIBUTION_BEFORE")):
            return sources[0]
    return None


def _market(sent: Sentence, pct: Item, language: str) -> str | None:
    text = sent.text
    rel = pct.start - sent.start
    candidates: list[tuple[int, str]] = []
    patterns = [_ZH_MARKET] if language == "zh" else [_EN_MARKET, _EN_OF]
    for pattern in patterns:
        for m in pattern.finditer(text):
            phrase = m.group("m").strip()
            if not phrase or phrase.lower() in {"the", "its", "share", "market"}:
                continue
            candidates.append((abs(m.start() - rel), phrase))
    if not candidates:
        return None
    phrase = min(candidates)[1]
    phrase = re.sub(r"^(?:the|its|their|of|in|a|an)\s", "", phrase, flags=re.I)
    phrase = re.sub(r"^.*?(?:在|于|的)(?=[^在于的]{2,}$)", "", phrase) if language == "zh" else phrase
    return phrase.strip() or None


def _year(ctx: ArticleContext, sent: Sentence, pct: Item) -> tuple[int | None, str | None]:
    dates = [d for d in sent.of("date") if d.value is not None and d.value.value]
    if not dates:
        return None, None
    nearest = min(dates, key=lambda d: gap(d, pct))
    value = nearest.value.value
    start = date_start(value)
    period = value.split("-")[1] if value and "-Q" in value else None
    return (start.year if start else None), period


@extractor(NAME, version=VERSION, needs=("org", "percent", "date", "cue"), emits=(ShareClaim,), order=30)
def extract_shares(ctx: ArticleContext) -> list[Record]:
    """Market-share claims with subject, market, share range, year and source."""
    out: list[Record] = []
    scale = distance_scale(ctx)
    for index, sent in enumerate(ctx.sentences):
        cues = sent.cues("SHARE")
        if not cues or not sent.of("percent"):
            continue
        negatives = sent.cues("SHARE_NOT")
        context = ctx.sentences[max(0, index - 2): index + 1]
        source = _source(ctx, sent, context)
        excluded = {source.start} if source else set()
        for pct in sent.of("percent"):
            value = pct.value
            if not any(gap(c, pct) * scale <= SHARE_REACH and sent.hard_clause_id(c.start) == sent.hard_clause_id(pct.start) for c in cues):
                continue
            if any(gap(n, pct) * scale <= NOT_REACH for n in negatives):
                continue
            subject = _subject(ctx, sent, pct, excluded)
            if subject is None:
                continue
            year, period = _year(ctx, sent, pct)
            out.append(ShareClaim(
                subject=subject.value,
                market=_market(sent, pct, ctx.lexicon.language),
                share_low=value.low, share_high=value.high, bound=value.bound,
                year=year, period=period,
                source=source.value if source else None,
                evidence=make_evidence(ctx, sent, FULL_NAME),
            ))
    return out
