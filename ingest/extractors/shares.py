"""Market-share claims: who holds what share of which market, in which year, according to whom."""

from __future__ import annotations

import re

from ingest.analysis import ArticleContext, Item, Sentence
from ingest.extractors.common import NON_PARTIES, distance_scale, gap, make_evidence
from ingest.extractors.registry import extractor
from ingest.nlp.anchored import KeywordWindowPattern
from ingest.parse.dates import date_start
from ingest.records import Record, ShareClaim

NAME = "market_shares"
VERSION = "1.7"
FULL_NAME = f"{NAME}@{VERSION}"
SHARE_REACH = 80  # characters (scaled) between a share word and the percentage
NOT_REACH = 14
CHANGE_REACH = 14
AFTER_REACH = 25  # characters (scaled) from a percentage to a holder named after it

_EN_MARKET = re.compile(r"(?:(?:the|its|global|worldwide)\s)?(?P<m>(?:[\w/&+-]+\s){0,5}?[\w/&+-]+)\s(?:market|segment|space|sector)\b", re.I)
# (tried only within the seven words before each "market": at every other position it backtracks for nothing)
_EN_MARKET_NEAR = KeywordWindowPattern(_EN_MARKET, re.compile(r"\s(?:market|segment|space|sector)\b", re.I),
                                       words=8, word_extra="/&+-")
_EN_OF = re.compile(r"\bof\s(?:the\s|all\s|global\s)?(?P<m>(?:[\w/&+'-]+\s){0,5}?(?:chips?|accelerators?|gpus?|processors?|shipments|sales|revenue|market|foundry|hbm\w*|dram|capacity)\b)", re.I)
# what a market named after "share in" or "market for" ends with
_MARKET_HEAD = r"(?:chips?|accelerators?|gpus?|processors?|servers?|memory|hbm\w*|dram|foundry(?:\sservices)?|capacity|cloud)"
# "Nvidia's market share in AI accelerators": the market named after "share in"
_EN_SHARE_IN = re.compile(rf"\bshare\sin\s(?:the\s)?(?P<m>(?:[\w/&+'-]+\s){{0,4}}?{_MARKET_HEAD}\b)", re.I)
# "the market for AI chips used to train and run models": the market named after "for"
_EN_MARKET_FOR = re.compile(rf"\bmarket\sfor\s(?P<m>(?:[\w/&+'-]+\s){{0,4}}?{_MARKET_HEAD}\b)", re.I)
_ZH_MARKET = re.compile(r"(?P<m>[\u4e00-\u9fffA-Za-z0-9 ]{2,24}?)(?:市场|市場|领域|領域|赛道|賽道)")
_ZH_MARKET_NEAR = KeywordWindowPattern(_ZH_MARKET, re.compile(r"市场|市場|领域|領域|赛道|賽道"), chars=24, lookahead=0)
# what stands before the market in its phrase: "在…", "英伟达占据全球数据中心GPU市场"
_ZH_HOLDING = "占据|占有|拿下|控制|主导|垄断"
_ZH_MARKET_LEAD = re.compile(rf"[在于以将从]|{_ZH_HOLDING}")
_ZH_MARKET_TRIM = re.compile(rf"^.*?(?:在|于|的|以|将|从|(?:{_ZH_HOLDING})[了着]?)(?=[^在于的以将从]{{2,}}$)")


def _subject_items(ctx: ArticleContext, sent: Sentence, pct: Item, excluded: set[int]) -> list[Item]:
    """Who holds the share: organisations in the percentage's clause (all of them with "each")."""
    clause = sent.clause_id(pct.start)
    orgs = [o for o in sent.of("org") if o.start not in excluded and ctx.org_type(o.value) not in NON_PARTIES
            and not ctx.is_source(o.value) and sent.clause_id(o.start) == clause]
    before = [o for o in orgs if o.end <= pct.start]
    after = [o for o in orgs if o.start >= pct.end]
    if any(sent.clause_id(c.start) == clause for c in sent.cues("EACH")) and len(before) >= 2:
        return _joined(ctx, before)
    if before:
        return [before[-1]]
    near_after = [o for o in after if o.start - pct.end <= AFTER_REACH * distance_scale(ctx)]
    if near_after:  # "97% was held by Nvidia"
        return near_after[:1]
    # "彼时,英伟达凭借…,在…市场的占比接近100%", "SK Hynix overtook Samsung, with 36% of the market": the
    # subject carries over from the nearest earlier clause that names one, and it is that clause's first name
    earlier = [o for o in sent.of("org") if o.end <= pct.start and o.start not in excluded
               and ctx.org_type(o.value) not in NON_PARTIES and not ctx.is_source(o.value)]
    if earlier:
        last_clause = sent.clause_id(earlier[-1].start)
        return [next(o for o in earlier if sent.clause_id(o.start) == last_clause)]
    return after[:1]


_MARKET_WORD_NEXT = re.compile(r"\s*(?:市场|市場|领域|領域|market|segment)", re.I)
_MAKER_GLUE = re.compile(r"\s*(?:'s|’s|的)?\s*")  # between a maker and its product: "Huawei's Ascend", "华为昇腾"


def _product_subject(sent: Sentence, pct: Item) -> bool:
    """"Blackwell accounts for 70%", "HBM's revenue share": the share belongs to a product, not a company."""
    clause = sent.clause_id(pct.start)
    # "SK Hynix's share of HBM", "SK海力士在HBM市场的份额": a product after "of" or before a market word is the
    # market, not the holder
    products = [p for p in sent.of("product") if p.end <= pct.start and sent.clause_id(p.start) == clause
                and not re.search(r"\bof\s*$", sent.between(sent.start, p.start))
                and not _MARKET_WORD_NEXT.match(sent.between(p.end, pct.start))]
    orgs = [o for o in sent.of("org") if o.end <= pct.start and sent.clause_id(o.start) == clause]
    if products and orgs and _MAKER_GLUE.fullmatch(sent.between(orgs[-1].end, products[-1].start)):
        return False  # "华为昇腾在…市场的份额", "Huawei's Ascend chips held 23% of…": the maker's share
    return bool(products) and (not orgs or products[-1].start > orgs[-1].start)


def _joined(ctx: ArticleContext, orgs: list[Item]) -> list[Item]:
    """The organisations joined by "and" / "和" right before a share ("Nvidia and Huawei each hold")."""
    group = [orgs[-1]]
    for prev in reversed(orgs[:-1]):
        link = ctx.text[prev.end:group[0].start].strip()
        if link in ("和", "与", "及", "、", "and", ",", "&") or not link:
            group.insert(0, prev)
        else:
            break
    return group


def _source(ctx: ArticleContext, sent: Sentence, context: list[Sentence]) -> Item | None:
    said = sent.cues("ATTRIBUTION_BEFORE")
    for cue in sent.cues("ATTRIBUTION_AFTER"):
        after = [o for o in sent.of("org") if o.start >= cue.end and o.start - cue.end <= 30]
        # "according to TechInsights", "据TechInsights统计" - but not "据估计，Nvidia 控制着…"
        after = [o for o in after if ctx.is_source(o.value) or any(0 <= v.start - o.end <= 8 for v in said)]
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
    """The market as the text names it, nearest to the percentage: "AI accelerator", "中国AI芯片"."""
    rel = pct.start - sent.start
    clause = sent.clause_id(pct.start)
    # the market named in the figure's own clause first ("金融领域市场份额达58%，通信领域超60%")
    candidates = [(phrase_clause != clause, abs(start - rel), phrase)
                  for phrase_clause, start, phrase in sent.memo("markets", lambda: _markets(sent, language))]
    return min(candidates)[2] if candidates else None


def _markets(sent: Sentence, language: str) -> list[tuple[int, int, str]]:
    """Every market phrase of the sentence: (clause of its end, offset in the sentence, phrase)."""
    found: list[tuple[int, int, str]] = []
    for pattern in ([_ZH_MARKET_NEAR] if language == "zh" else [_EN_MARKET_NEAR, _EN_OF, _EN_MARKET_FOR, _EN_SHARE_IN]):
        for m in pattern.finditer(sent.text):
            phrase = _clean_market(m.group("m"), sent, language)
            if phrase:
                found.append((sent.clause_id(sent.start + m.end("m") - 1), m.start(), phrase))
    return found


_EN_MARKET_LEAD = re.compile(r"^(?:(?:s|the|its|their|his|her|of|in|a|an|share|shares|market|global|worldwide|total|"
                             r"overall|entire|whole|for|to|that|this|with|and)\s)+", re.I)
_ZH_MARKET_EDGE = re.compile(r"^[的在于以将从和与及、，,]+|[的在于以将从和与及、，,]+$")


def _clean_market(phrase: str, sent: Sentence, language: str) -> str | None:
    """Drop company names, articles and function words around a market phrase; None when nothing is left."""
    phrase = phrase.strip()
    for org in sent.of("org"):
        phrase = phrase.replace(org.text, " ")
    if language == "zh":
        phrase = _ZH_MARKET_TRIM.sub("", phrase.replace(" ", "")) if _ZH_MARKET_LEAD.search(phrase) else phrase
        phrase = _ZH_MARKET_EDGE.sub("", phrase.strip())
        return phrase if len(phrase) >= 2 and not re.search(r"[，,。合计约拿下占]", phrase) else None
    phrase = re.sub(r"\s+", " ", phrase).strip(" '’")
    phrase = _EN_MARKET_LEAD.sub("", phrase + " ").strip()
    words = [w for w in phrase.split() if w.lower() not in {"the", "of", "s", "a", "an"}]
    return " ".join(words) if words and any(len(w) > 2 for w in words) else None


_BOUND_DATE_GAP = re.compile(r"^\s*(?:的|时|時)?\s*$")


def _year(sent: Sentence, pct: Item) -> tuple[int | None, str | None]:
    """The year (and quarter) a share refers to: the date bound to it ("第一季的7.7%"), else the nearest date
    in its clause that is not bound to another figure ("由第一季的7.7%下滑至7.3%": 7.3% is not Q1's)."""
    dates = [d for d in sent.of("date") if d.value is not None and d.value.value]
    percents = sent.of("percent")
    bound = {id(d): p for d in dates for p in percents if d.end <= p.start and _BOUND_DATE_GAP.match(sent.between(d.end, p.start))}
    own = [d for d in dates if bound.get(id(d)) is pct]
    if own:
        dates = own
    else:
        dates = [d for d in dates if id(d) not in bound] or dates
    clause = sent.clause_id(pct.start)
    same = [d for d in dates if sent.clause_id(d.start) == clause] or dates
    if not same:
        return None, None
    value = min(same, key=lambda d: gap(d, pct)).value.value
    start = date_start(value)
    period = "Q" + value.split("-Q")[1] if value and "-Q" in value else None
    return (start.year if start else None), period


def _part_of_an_organisation(sent: Sentence, pct: Item) -> bool:
    """True for "90% of Arm": the percentage is followed by a part-of word and then an organisation."""
    for cue in sent.cues("PART_OF"):
        if 0 <= cue.start - pct.end <= 1 and any(0 <= o.start - cue.end <= 5 for o in sent.of("org")):
            return True
    return False


# "while Samsung's slips to 38% and Micron's to 9%": a possessive standing for "its share"
_ELLIPTIC_HOLDER = re.compile(r"\w['’]s(?:\s+\w+)?\s+(?:to|at)\s*(?:about|around|roughly|nearly|some)?\s*$", re.I)
# "…to 53%", "down from 41%", "…降至38%": a level reached or left, not a change
_LEVEL_BEFORE = re.compile(r"(?:\bto|\bat|\bfrom|至|到|为|自|从)\s*(?:about|around|roughly|nearly|just|only|约|仅)?\s*$", re.I)
# "17%, down from 41%": the figure is a level and the change word describes it
_LEVEL_CHANGE_AFTER = re.compile(r"^\s*(?:from|自|从)\b", re.I)


def _is_share(ctx: ArticleContext, sent: Sentence, pct: Item) -> bool:
    """A percentage is a share when a share word reaches it and nothing marks it as something else."""
    scale = distance_scale(ctx)
    hard = sent.hard_clause_id(pct.start)
    share_cues = [c for c in sent.cues("SHARE") if sent.hard_clause_id(c.start) == hard]
    if not any(gap(c, pct) * scale <= SHARE_REACH for c in share_cues) and \
            not (share_cues and _ELLIPTIC_HOLDER.search(ctx.text[max(sent.start, pct.start - 40):pct.start])):
        return False
    if any(gap(n, pct) * scale <= NOT_REACH for n in sent.cues("SHARE_NOT")):
        return False
    if _part_of_an_organisation(sent, pct):
        return False
    explicit = any(sent.clause_id(c.start) == sent.clause_id(pct.start) or gap(c, pct) * scale <= SHARE_REACH
                   for c in sent.cues("SHARE_STRONG"))
    if not explicit and any(gap(n, pct) * scale <= CHANGE_REACH and not _describes_a_level(ctx, n, pct)
                            for n in sent.cues("CHANGE")):
        return False
    clause = sent.clause_id(pct.start)
    clause_start = min([i.start for i in sent.items if sent.clause_id(i.start) == clause] + [pct.start])
    # "国产厂商合计占30%" has no single holder; a named company between the generic words and the figure does
    named = [o.start for o in sent.of("org") if sent.clause_id(o.start) == clause and o.end <= pct.start]
    return not any((sent.clause_id(c.start) == clause or (c.end <= clause_start and clause_start - c.end <= 15 * scale))
                   and not any(c.end <= start for start in named)
                   for c in sent.cues("JOINT", "GENERIC_SUBJECT"))


def _describes_a_level(ctx: ArticleContext, change: Item, pct: Item) -> bool:
    """"rose to 53%", "17%, down from 41%": the change word says how a share moved, the figure is the share."""
    if change.end <= pct.start and _LEVEL_BEFORE.search(ctx.text[change.end:pct.start]):
        return True
    return change.start >= pct.end and bool(_LEVEL_CHANGE_AFTER.match(ctx.text[change.end:change.end + 8]))


_FROM_BEFORE = re.compile(r"(?:\bfrom|自|从)\s*(?:just|only|about|around|roughly|仅|约)?\s*$", re.IGNORECASE)


def _earlier_level(ctx: ArticleContext, sent: Sentence, pct: Item) -> Item | None:
    """"Samsung 17%, down from 41%", "93% by 2028, up from just 19% in 2023": the figure after "from" is an
    earlier level of the figure before it; returns that figure."""
    if not _FROM_BEFORE.search(ctx.text[max(sent.start, pct.start - 16):pct.start]):
        return None
    before = [p for p in sent.of("percent") if p.end <= pct.start and pct.start - p.end <= 60]
    return before[-1] if before else None


@extractor(NAME, version=VERSION, needs=("org", "percent", "date", "cue"), emits=(ShareClaim,), order=30)
def extract_shares(ctx: ArticleContext) -> list[Record]:
    """Market-share claims with subject, market, share range, year and source."""
    out: list[Record] = []
    for index, sent in enumerate(ctx.sentences):
        if not sent.cues("SHARE") or not sent.of("percent"):
            continue
        context = ctx.sentences[max(0, index - 2): index + 1]
        source = _source(ctx, sent, context)
        excluded = {source.start} if source and source in sent.items else set()
        holders: dict[int, list[str]] = {}  # figure -> who holds it (empty: not a share anyone holds)
        topic_clause: int | None = None  # the hard clause where the last figure went to the article's company
        for pct in sent.of("percent"):
            later = _earlier_level(ctx, sent, pct)
            if later is not None and id(later) in holders:
                # an earlier level belongs to whoever holds the later one, or to no one
                subjects = [(holder, None) for holder in holders[id(later)]]
                if not subjects:
                    continue
            elif not _is_share(ctx, sent, pct) or _product_subject(sent, pct):
                holders[id(pct)] = []
                continue
            else:
                subjects = [(o.value, o) for o in _subject_items(ctx, sent, pct, excluded)]
            clause = sent.clause_id(pct.start)
            if not subjects and ctx.topic and \
                    not any(o.start < pct.start or sent.clause_id(o.start) == clause for o in sent.of("org")) and \
                    (any(sent.clause_id(c.start) == clause for c in sent.cues("SHARE_STRONG")) or
                     topic_clause == sent.hard_clause_id(pct.start)):
                # "该系列产品...市占率6.8%": the article's company (not for any ratio: "有效训练时间占比超90%");
                # "金融领域市场份额达58%，通信领域超60%": a figure that goes on the list of the one before
                subjects = [(ctx.topic, None)]
                topic_clause = sent.hard_clause_id(pct.start)
            holders[id(pct)] = [subject for subject, _ in subjects]
            year, period = _year(sent, pct)
            for subject, _ in subjects:
                value = pct.value
                out.append(ShareClaim(
                    subject=subject,
                    market=_market(sent, pct, ctx.lexicon.language),
                    share_low=value.low, share_high=value.high, bound=value.bound,
                    year=year, period=period,
                    source=source.value if source else None,
                    evidence=make_evidence(ctx, sent, FULL_NAME),
                ))
    return out
