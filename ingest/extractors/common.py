"""Helpers shared by extractors: evidence, investor lists, subject selection, dates, amount roles."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from entities.names import has_cjk
from ingest.analysis import ArticleContext, Item, Sentence
from ingest.casefold import CaseBlindPattern, lowered_text
from ingest.records import Evidence
from ingest.wordlist_regex import word_alternation

T = TypeVar("T")

INVESTOR_MARKERS = ("LEAD_AFTER", "LEAD_BEFORE", "OTHER_AFTER", "OTHER_BEFORE")
# Organisations that report, list or regulate deals but are not parties to them.
NON_PARTIES = frozenset({"exchange", "government", "research_firm", "media", "university"})
HARD_STOPS = set("。；;!?！？:：")


@dataclass(frozen=True)
class OrgRef:
    """An organisation named in a slot (investor, company, acquirer...)."""

    name: str
    known: bool
    start: int
    end: int
    how: str = "slot"  # slot | subject | invested_in | coref | after | focus


def make_evidence(ctx: ArticleContext, sent: Sentence, extractor: str, through: Sentence | None = None) -> Evidence:
    """Evidence for a sentence (through a later one, when a fact is stated across both): its text (trimmed)
    and span in the article text."""
    end = (through or sent).end
    raw = ctx.article.text[sent.start:end]
    left = len(raw) - len(raw.lstrip())
    right = len(raw.rstrip())
    return Evidence(ctx.article.article_id, raw[left:right], sent.start + left, sent.start + right, extractor)


def distance_scale(ctx: ArticleContext) -> float:
    """Characters of Chinese carry more than characters of English: scale gaps accordingly."""
    return float(ctx.lexicon.section("proximity_scale") or 1.0)


def gap(a: Item, b: Item) -> int:
    """Characters between two items (0 when they touch or overlap)."""
    if a.end <= b.start:
        return b.start - a.end
    if b.end <= a.start:
        return a.start - b.end
    return 0


# ---------------------------------------------------------------- word lists from the lexicon


def _word_set(ctx: ArticleContext, *path: str) -> list[str]:
    return sorted(set(ctx.lexicon.words(*path)), key=len, reverse=True)


class _LatinWords:
    """Latin words found on word boundaries: "led" but not "co-led", "," anywhere.

    One case-blind alternation between two `\\b`s (much faster than a look-behind per word), with the
    stricter boundary (no apostrophe or hyphen either side) checked on each match.
    """

    def __init__(self, words: list[str]) -> None:
        bounded = [w for w in words if w[:1].isalnum() and w[-1:].isalnum()]
        loose = [w for w in words if w not in bounded]
        parts = []
        if bounded:
            parts.append(rf"\b{word_alternation(bounded)}\b")
        parts += [(r"(?<![\w'-])" if w[:1].isalnum() else "") + re.escape(w) + (r"(?![\w-])" if w[-1:].isalnum() else "")
                  for w in loose]
        self.regex = re.compile("|".join(f"(?:{p})" for p in parts) or r"(?!)", re.I)
        self.pattern = CaseBlindPattern.of(self.regex, lookahead=True)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Matches whose neighbours are not apostrophes or hyphens (found in the lowercased text when that
        keeps the offsets: read their offsets, not their text)."""
        for m in self.pattern.finditer(text, lowered_text(text)):
            start, end = m.span()
            if (start and text[start - 1] in "'-" and text[start:start + 1].isalnum()) or \
                    (end < len(text) and text[end] == "-" and text[end - 1:end].isalnum()):
                continue
            yield m


def _word_regex(words: list[str], latin: bool) -> re.Pattern[str] | _LatinWords:
    if not words:
        return re.compile(r"(?!)")
    if not latin:
        return re.compile(word_alternation(words), re.I)
    return _LatinWords(words)


def per_lexicon(ctx: ArticleContext, key: tuple[str, ...], build: Callable[[], T]) -> T:
    """`build()` once per lexicon of the article (`Lexicon.derived`), not per article."""
    return ctx.lexicon.derived(key, build)


def lexicon_regex(ctx: ArticleContext, *path: str) -> re.Pattern[str] | _LatinWords:
    """A compiled alternation of a lexicon word list, built once per lexicon."""
    return per_lexicon(ctx, ("re",) + path,
                       lambda: _word_regex(_word_set(ctx, *path), ctx.lexicon.language == "en"))


# ---------------------------------------------------------------- investor lists


def scan_list(ctx: ArticleContext, sent: Sentence, marker: Item, direction: str,
              taken: set[int] | None = None, strict: bool = False) -> list[OrgRef]:
    """Organisations listed right after (or before) a marker such as "led by" / "领投".

    The region ends at the next marker, amount, round label, hard stop or barrier word; inside it,
    names are split on list separators, fillers are dropped, and names nobody listed are kept when
    they look like names.
    """
    lo, hi = _region(ctx, sent, marker, direction)
    if hi <= lo:
        return []
    orgs = [i for i in sent.of("org") if i.start >= lo and i.end <= hi]
    products = [i for i in sent.of("product") if i.start >= lo and i.end <= hi]
    if products:  # a product name ends a list of investors
        hi = min([p.start for p in products if p.start >= lo] + [hi]) if direction == "after" else hi
        lo = max([p.end for p in products if p.end <= hi] + [lo]) if direction == "before" else lo
        orgs = [i for i in orgs if i.start >= lo and i.end <= hi]
    segments = _segments(ctx, sent, lo, hi, orgs)
    chunks = _chunks(segments)
    if direction == "before":
        chunks.reverse()
    found: list[OrgRef] = []
    for chunk in chunks:
        ref = _chunk_org(ctx, chunk, strict)
        if ref is None:
            if found or _has_content(ctx, chunk):
                break
            continue
        if taken is not None:
            taken.add(ref.start)
        found.append(ref)
    if direction == "before":
        found.reverse()
    return found


def _region(ctx: ArticleContext, sent: Sentence, marker: Item, direction: str) -> tuple[int, int]:
    stops = [(s, e) for s, e, item in _stops(ctx, sent) if item is not marker]
    if direction == "after":
        hi = min([s for s, _ in stops if s >= marker.end] + [sent.end])
        return marker.end, hi
    lo = max([e for _, e in stops if e <= marker.start] + [sent.start])
    return lo, marker.start


_STOP_CUES = frozenset(INVESTOR_MARKERS + ("FUND_TRIGGER", "VALUATION", "VALUATION_VERB", "INVESTED_IN", "COREF_ORG"))
_HARD_STOP_RE = re.compile("[" + re.escape("".join(sorted(HARD_STOPS))) + "]")


def _stops(ctx: ArticleContext, sent: Sentence) -> list[tuple[int, int, Item | None]]:
    """Where a list region may end in this sentence (items, barrier words, hard stops), computed once."""
    return sent.memo("stops", lambda: _find_stops(ctx, sent))


def _find_stops(ctx: ArticleContext, sent: Sentence) -> list[tuple[int, int, Item | None]]:
    orgs = sent.of("org")
    stops: list[tuple[int, int, Item | None]] = []
    for item in sent.items:
        if item.kind in ("money", "round", "percent") or (item.kind == "cue" and item.label in _STOP_CUES):
            if item.kind == "cue" and any(item.overlaps(o) for o in orgs):
                continue
            stops.append((item.start, item.end, item))
    for m in lexicon_regex(ctx, "lists", "barriers").finditer(sent.text):
        s, e = sent.start + m.start(), sent.start + m.end()
        if not any(o.start <= s < o.end for o in orgs):
            stops.append((s, e, None))
    stops += [(sent.start + m.start(), sent.start + m.end(), None) for m in _HARD_STOP_RE.finditer(sent.text)]
    return stops


@dataclass
class _Segment:
    kind: str  # org | text | sep
    start: int
    end: int
    text: str
    item: Item | None = None


def _segments(ctx: ArticleContext, sent: Sentence, lo: int, hi: int, orgs: list[Item]) -> list[_Segment]:
    seps = lexicon_regex(ctx, "lists", "separators")
    out: list[_Segment] = []
    pos = lo
    for org in sorted(orgs, key=lambda o: o.start) + [None]:
        end = org.start if org else hi
        piece = ctx.text[pos:end]
        cursor = pos
        for m in seps.finditer(piece):
            if m.start() > 0 or cursor < pos + m.start():
                out.append(_Segment("text", cursor, pos + m.start(), ctx.text[cursor:pos + m.start()]))
            out.append(_Segment("sep", pos + m.start(), pos + m.end(), piece[m.start():m.end()]))
            cursor = pos + m.end()
        if cursor < end:
            out.append(_Segment("text", cursor, end, ctx.text[cursor:end]))
        if org is not None:
            out.append(_Segment("org", org.start, org.end, org.text, org))
            pos = org.end
    return [s for s in out if s.kind != "text" or s.text.strip(" \t\n()（）\"“”'")]


def _chunks(segments: list[_Segment]) -> list[list[_Segment]]:
    chunks: list[list[_Segment]] = []
    current: list[_Segment] = []
    for seg in segments:
        if seg.kind == "sep":
            if current:
                chunks.append(current)
            current = []
        else:
            current.append(seg)
    if current:
        chunks.append(current)
    return chunks


def _filler_patterns(ctx: ArticleContext) -> tuple[re.Pattern[str], re.Pattern[str], list[str], frozenset[str]]:
    """Compiled once per lexicon: fillers at the start and at the end of a Latin name, the word list, and
    the fillers that only ever come before a name."""
    return per_lexicon(ctx, ("fillers",), lambda: _build_filler_patterns(ctx))


def _build_filler_patterns(ctx: ArticleContext) -> tuple[re.Pattern[str], re.Pattern[str], list[str], frozenset[str]]:
    words = _word_set(ctx, "lists", "fillers")
    alt = "|".join(re.escape(w) for w in words)
    return (re.compile(rf"^(?:(?:{alt})(?:\s+|$))+", re.I), re.compile(rf"(?:\s(?:{alt}))+$", re.I),
            words, frozenset(ctx.lexicon.words("lists", "fillers_start_only")))


_GLOSS = re.compile(r"[(（][^)）]*(?:[)）]|$)")


def strip_fillers(ctx: ArticleContext, text: str) -> str:
    """Drop list filler words ("existing investors", "原股东", "等") from both ends of a name."""
    head, tail, words, start_only = _filler_patterns(ctx)
    out = _GLOSS.sub(" ", text).strip(" \t\n()（）\"“”'")
    if ctx.lexicon.language == "en" and not has_cjk(out):
        lowered = out.lower()
        if lowered in words:
            return ""
        # (a name that neither starts nor ends with a filler, case aside, has none to drop)
        if not out.isascii() or lowered.startswith(tuple(words)) or lowered.endswith(tuple(words)):
            out = tail.sub("", head.sub("", out)).strip()
        return out.strip(" \t\n()（）\"“”'.,")
    changed = True
    while changed and out:
        changed = False
        for word in words:
            if out == word:
                return ""
            if out.startswith(word) and len(out) > len(word):
                out = out[len(word):].strip()
                changed = True
                break
            if out.endswith(word) and len(out) > len(word) and word not in start_only:
                out = out[: -len(word)].strip()
                changed = True
                break
    return out.strip(" \t\n()（）\"“”'.,")


def _chunk_org(ctx: ArticleContext, chunk: list[_Segment], strict: bool) -> OrgRef | None:
    org_segments = [s for s in chunk if s.kind == "org"]
    text_parts = [strip_fillers(ctx, s.text) for s in chunk if s.kind == "text"]
    extra = "".join(text_parts).strip()
    start, end = chunk[0].start, chunk[-1].end
    if any(i.kind in ("date", "money", "percent") and start <= i.start < end for i in _items_in(ctx, start, end)):
        return None
    if len(org_segments) == 1 and not extra:
        item = org_segments[0].item
        assert item is not None
        return OrgRef(item.value, item.known, item.start, item.end)
    surface = strip_fillers(ctx, ctx.text[start:end])
    if not surface:
        return None
    if org_segments:
        res = ctx.resolver.resolve(surface)
        if res.known:
            return OrgRef(res.canonical, True, start, end)
        if looks_like_name(ctx, surface, strict):
            return OrgRef(res.canonical, False, start, end)
        return None  # "SambaNova的创始投资者之一": the organisation is not itself a list item
    if looks_like_name(ctx, surface, strict):
        res = ctx.resolver.resolve(surface)
        return OrgRef(res.canonical, res.known, start, end)
    return None


def _items_in(ctx: ArticleContext, start: int, end: int) -> list[Item]:
    sent = next((s for s in ctx.sentences if s.start <= start < s.end), None)
    return [i for i in sent.items if start <= i.start < end] if sent else []


def _has_content(ctx: ArticleContext, chunk: list[_Segment]) -> bool:
    return any(s.kind == "org" or strip_fillers(ctx, s.text) for s in chunk)


_EN_NAME = re.compile(r"^(?:[A-Z0-9][\w&.'’-]*|d-[A-Z]\w*)(?:\s(?:[A-Z0-9][\w&.'’-]*|&|of|de|du|for|la|the))*$")
_EN_NOT_NAMES = {"The", "This", "It", "Its", "They", "Investors", "Other", "Existing", "New", "Series", "Round",
                 "Funding", "Financing", "Capital", "Ventures", "Partners", "AI", "Chief", "CEO"}
_ZH_NAME = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9·&()（） .-]{2,24}$")
_ZH_NOT_IN_NAME = re.compile(r"[的了是在将已于为被把从向对也都就还又说称表示等中其这该此]|融资|领投|跟投|参投|估值|亿|万元|美元|总计|收入|风险|市场|行业|人工智能|公司$")


def looks_like_name(ctx: ArticleContext, text: str, strict: bool = False) -> bool:
    """True when a list chunk reads as an organisation name in this language.

    `strict` (Chinese): the name must also end with an organisation suffix ("资本", "科技") or hold
    Latin letters, because a bare run of characters could be any phrase.
    """
    text = text.strip()
    if not text or len(text) > 60:
        return False
    if has_cjk(text):
        if not _ZH_NAME.match(text) or _ZH_NOT_IN_NAME.search(text) or len(text) < 2:
            return False
        if strict:
            suffixes = _word_set(ctx, "orgs", "suffixes")
            return any(text.endswith(s) for s in suffixes) or bool(re.search(r"[A-Za-z]{2}", text))
        return True
    words = text.split()
    if len(words) > 6 or words[0] in _EN_NOT_NAMES:
        return False
    return bool(_EN_NAME.match(text))


# ---------------------------------------------------------------- subjects


# Organisations that "the company" / "the startup" usually means: the ones that raise money.
FOCUS_TYPES = frozenset({"chip_designer", "cloud_provider", "ai_lab", "systems_maker", "eda_ip", "other"})


def focus(ctx: ArticleContext, sent: Sentence | None = None) -> str | None:
    """The organisation "the company" / "该公司" refers to: in `sent` (from the sentences opened by a
    company so far), or, without `sent`, as the funding pass is tracking it right now."""
    if sent is None:
        return ctx.shared.get("focus") or ctx.topic
    if "focus_at" not in ctx.shared:
        current = ctx.topic
        at: list[str | None] = []
        named = Counter(o.value for s in ctx.sentences for o in s.of("org"))
        for s in ctx.sentences:
            opener = sentence_opener(ctx, s)
            # a company named once, in passing, does not become what "the company" means
            if opener is not None and named[opener.value] >= 2 and can_be_focus(ctx, opener):
                current = opener.value
            elif opener is None:
                current = focus_without_opener(ctx, s) or current
            at.append(current)
        ctx.shared["focus_at"] = at
    return ctx.shared["focus_at"][sent.index]


def _kind_key(ctx: ArticleContext, words: str) -> str:
    """A kind of organisation as a comparable key: "the chip maker's" -> "chipmaker"."""
    text = words.lower()
    for pattern in per_lexicon(ctx, ("determiners",), lambda: _determiner_patterns(ctx)):
        text = pattern.sub("", text)
    return _KIND_KEY_JOINERS.sub("", text)


_KIND_KEY_JOINERS = re.compile(r"[\s\-'’]")


def _determiner_patterns(ctx: ArticleContext) -> list[re.Pattern[str]]:
    """One pattern per determiner, longest first (removed one after the other)."""
    return [re.compile(rf"(?<![\w]){re.escape(w)}(?![\w])" if w[:1].isalnum() and w.isascii() else re.escape(w))
            for w in sorted(ctx.lexicon.words("coref", "determiners"), key=len, reverse=True)]


def _descriptions(ctx: ArticleContext) -> list[tuple[int, str, str]]:
    """(offset, organisation, kind key) for every organisation the text introduces with a kind noun:
    "AI chip startup Rebellions", "Etched, a startup", "Sapeon, the chip designer set up by SK Telecom"."""
    if "descriptions" in ctx.shared:
        return ctx.shared["descriptions"]
    found: list[tuple[int, str, str]] = []
    patterns = per_lexicon(ctx, ("descriptions",), lambda: _description_patterns(ctx))
    if patterns is not None:
        before, after, kinds = patterns
        for sent in ctx.sentences:
            for org in sent.of("org"):
                window = ctx.text[max(sent.start, org.start - 40):org.start]
                ahead = before.search(window) if _ends_with_kind(window, kinds) else None
                if ahead:
                    found.append((org.start, org.value, _kind_key(ctx, ahead.group(0))))
                    continue
                behind = after.search(ctx.text[org.end:min(sent.end, org.end + 60)])
                if behind:
                    found.append((org.start, org.value, _kind_key(ctx, behind.group(1))))
    ctx.shared["descriptions"] = found
    return found


def _description_patterns(ctx: ArticleContext) -> tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...]] | None:
    """A kind noun right before an organisation ("AI chip startup"), one in an apposition after it, and
    the kind nouns in lower case."""
    words = sorted(set(ctx.lexicon.words("orgs", "descriptors")), key=len, reverse=True)
    if not words:
        return None
    alt = "|".join(re.escape(w) for w in words)
    latin = ctx.lexicon.language == "en"
    before = re.compile(rf"(?:(?<![\w-])(?:{alt})|(?:{alt}))[ \t]?$" if latin else rf"(?:{alt})$", re.I)
    after = re.compile(rf"^[,，]\s?(?:a|an|the)\s(?:[\w-]+\s){{0,5}}?({alt})(?![\w-])" if latin
                       else rf"^[,，]?(?:一家|是一家|这家)[\w]{{0,10}}?({alt})", re.I)
    return before, after, tuple(w.lower() for w in words)


def _ends_with_kind(window: str, kinds: tuple[str, ...]) -> bool:
    """True when `window` may end with a kind noun as the "before" description pattern reads it (then a space
    or a tab may follow, and a final newline): a test that spares the regex its search from every offset."""
    tail = window.lower()
    if tail.endswith("\n"):
        tail = tail[:-1]
    return tail.endswith(kinds) or (tail[-1:] in (" ", "\t") and tail[:-1].endswith(kinds))


def described_org(ctx: ArticleContext, reference: Item) -> str | None:
    """The organisation a reference by kind ("the startup", "该初创公司") means: the latest one the text
    introduced as that kind before the reference. None for generic kinds ("the company")."""
    head = _kind_key(ctx, reference.text)
    generic = per_lexicon(ctx, ("generic_kinds",),
                          lambda: frozenset(_kind_key(ctx, w) for w in ctx.lexicon.words("coref", "generic_heads")))
    if not head or head in generic:
        return None
    for start, name, key in reversed(_descriptions(ctx)):
        if start < reference.start and key.endswith(head):
            return name
    return None


_NOT_SPACE_OR_MARK = re.compile(r"[^\s\W]")


def opening_reference(ctx: ArticleContext, sent: Sentence) -> str | None:
    """The organisation meant by a reference by kind that opens the sentence ("The startup has raised...")."""
    refs = sent.cues("COREF_ORG")
    if not refs or (refs[0].start > sent.start and _NOT_SPACE_OR_MARK.search(ctx.text, sent.start, refs[0].start)):
        return None
    return described_org(ctx, refs[0])


def focus_without_opener(ctx: ArticleContext, sent: Sentence) -> str | None:
    """What a sentence that no company opens makes "the company" mean: the organisation a reference by
    kind at its start describes, else the story's main company if the sentence names it ("The deal is the
    largest in a string of acquisitions by AMD. The company said…"), else no change (None)."""
    return sent.memo("focus_without_opener", lambda: _focus_without_opener(ctx, sent))


def _focus_without_opener(ctx: ArticleContext, sent: Sentence) -> str | None:
    reference = opening_reference(ctx, sent)
    if reference:
        return reference
    if ctx.topic and any(o.value == ctx.topic for o in sent.of("org")):
        return ctx.topic
    return None


def can_be_focus(ctx: ArticleContext, org: Item) -> bool:
    """Whether an organisation opening a sentence can become what "the company" means: a kind that raises
    money, or a name nobody listed that does not read as an investor's."""
    return (not org.known and not ctx.is_investor(org.value)) or ctx.org_type(org.value) in FOCUS_TYPES


def set_focus(ctx: ArticleContext, name: str | None) -> None:
    """Remember the organisation the text is talking about."""
    if name:
        ctx.shared["focus"] = name


def subject_org(ctx: ArticleContext, sent: Sentence, anchor: Item, excluded: set[int],
                prefer_non_investor: bool = True) -> OrgRef | None:
    """The organisation an event at `anchor` is about.

    In order: "invested in X" / "round for X"; the subject before the anchor (the sentence's opening
    organisation unless a closer one is directly tied to a verb); "the company" / "该公司" -> the
    organisation in focus; an organisation after the anchor in the same clause.
    """
    candidates = [o for o in sent.of("org") if o.start not in excluded and not in_attribution(sent, o)
                  and not ctx.is_source(o.value) and ctx.org_type(o.value) not in NON_PARTIES]
    for cue in sent.cues("INVESTED_IN"):
        after = [o for o in candidates if o.start >= cue.end and o.start - cue.end <= 12]
        if after and cue.start < anchor.end + 40:
            o = after[0]
            return OrgRef(o.value, o.known, o.start, o.end, "invested_in")
    clause = sent.hard_clause_id(anchor.start)
    before = [o for o in candidates if o.end <= anchor.start and sent.hard_clause_id(o.start) == clause]
    if prefer_non_investor and any(not ctx.is_investor(o.value) for o in before):
        before = [o for o in before if not ctx.is_investor(o.value)]
    corefs = [c for c in sent.cues("COREF_ORG") if c.end <= anchor.start and sent.hard_clause_id(c.start) == clause]
    best = before[-1] if before else None
    opener = _opening_org(ctx, sent, before)
    if best is not None and opener is not None and opener is not best and not _verb_attached(ctx, sent, best, anchor):
        best = opener
    if corefs and (best is None or corefs[-1].start > best.end):
        target = described_org(ctx, corefs[-1]) or focus(ctx)
        if target:
            return OrgRef(target, True, corefs[-1].start, corefs[-1].end, "coref")
    if best is not None:
        return OrgRef(best.value, best.known, best.start, best.end, "subject")
    # "2025年7月完成新一轮融资": Chinese drops the subject when it is the company in focus
    if _opens_with_verb(ctx, sent, anchor):
        target = focus(ctx)
        if target:
            return OrgRef(target, True, anchor.start, anchor.start, "zero_subject")
    later_corefs = [c for c in sent.cues("COREF_ORG") if c.start >= anchor.end and sent.hard_clause_id(c.start) == clause]
    after = [o for o in candidates if o.start >= anchor.end and not ctx.is_investor(o.value)
             and sent.hard_clause_id(o.start) == clause]
    if later_corefs and (not after or later_corefs[0].start < after[0].start):
        target = described_org(ctx, later_corefs[0]) or focus(ctx)
        if target:
            return OrgRef(target, True, later_corefs[0].start, later_corefs[0].end, "coref")
    if after:
        o = after[0]
        return OrgRef(o.value, o.known, o.start, o.end, "after")
    return None


def _opens_with_verb(ctx: ArticleContext, sent: Sentence, anchor: Item) -> bool:
    """A clause before the anchor starts (after a date) with the completion verb or "本次" / "the offering",
    and no organisation is named before the anchor: the subject is left out."""
    if any(o.start < anchor.start for o in sent.of("org")):
        return False
    dates = [d for d in sent.of("date") if d.end <= anchor.start]
    for cue in sent.cues("COMPLETED", "EVENT_REF"):
        if cue.start >= anchor.start:
            continue
        lead = ctx.text[sent.start:cue.start]
        cut = max(lead.rfind(ch) for ch in _CLAUSE_MARKS) + 1  # the clause the cue opens
        lead = lead[cut:]
        for d in dates:
            lead = lead.replace(ctx.text[d.start:d.end], "")
        if not re.sub(r"[\s,，、:：-]", "", lead):
            return True
    return False


_CLAUSE_MARKS = "，,；;：:"


def sentence_opener(ctx: ArticleContext, sent: Sentence) -> Item | None:
    """The organisation a sentence opens with ("Rebellions, the Korean chipmaker, said..."), if any."""
    return sent.memo("sentence_opener", lambda: _opening_candidate(ctx, sent))


def _opening_candidate(ctx: ArticleContext, sent: Sentence) -> Item | None:
    orgs = sent.of("org")
    # (only the first organisation can open the sentence: the others need not be looked at)
    if not orgs or ctx.is_source(orgs[0].value) or ctx.org_type(orgs[0].value) in NON_PARTIES:
        return None
    return _opening_org(ctx, sent, orgs[:1])


_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'-]{1,30}(?:,\s?[A-Z][A-Za-z. ]{1,20})?\s*(?:--|—|–)\s*")


_LEAD_MARKS = re.compile(r"[\s,，、:：\-–—\"“”'‘’(（)）\[\]]")


def _opening_org(ctx: ArticleContext, sent: Sentence, before: list[Item]) -> Item | None:
    """The organisation a sentence opens with (after a date or a connective), if it is a candidate."""
    orgs = sent.of("org")
    if not orgs or not before or orgs[0] is not before[0]:
        return None
    lead = ctx.text[sent.start:orgs[0].start]
    if len(lead) <= 6:  # (most sentences open with the name: nothing to strip)
        return orgs[0]
    lead = _LEAD_MARKS.sub("", _DATELINE.sub("", lead))  # "AMSTERDAM -- Nebius Group, …"
    for d in sent.of("date"):
        if d.end <= orgs[0].start:
            lead = lead.replace(re.sub(r"\s", "", ctx.text[d.start:d.end]), "")
    return orgs[0] if len(lead) <= 6 else None


def _verb_attached(ctx: ArticleContext, sent: Sentence, org: Item, anchor: Item) -> bool:
    """True when a verb of raising/announcing follows the organisation closely ("X raised", "X完成")."""
    scale = distance_scale(ctx)
    for cue in sent.cues("FUND_TRIGGER", "LEAD_BEFORE", "OTHER_BEFORE", "ACQ_TRIGGER"):
        if org.end <= cue.start <= anchor.start and (cue.start - org.end) * scale <= 12:
            return True
    return False


def in_attribution(sent: Sentence, org: Item) -> bool:
    """True for an organisation named as a source right after "according to" / 据."""
    return any(c.end <= org.start and org.start - c.end <= 3 for c in sent.cues("ATTRIBUTION_AFTER"))


# ---------------------------------------------------------------- dates


def event_date(ctx: ArticleContext, sent: Sentence, anchor: Item, default_to_published: bool) -> str | None:
    """The date of an event: a date in its clause, "at the time" -> the date before, a date elsewhere in
    the sentence (nearest, earlier ones first), else the article date when the event is the news."""
    dates = [d for d in sent.of("date") if d.value is not None and d.value.value]
    clause = sent.clause_id(anchor.start)
    same = [d for d in dates if sent.clause_id(d.start) == clause]
    if same:
        return min(same, key=lambda d: gap(d, anchor)).value.value
    earlier = [d for d in dates if d.end <= anchor.start]
    then = [c for c in sent.cues("TIME_THEN") if sent.clause_id(c.start) == clause]
    if then and earlier:
        return earlier[-1].value.value
    hard = sent.hard_clause_id(anchor.start)
    pool = [d for d in earlier if sent.hard_clause_id(d.start) == hard]
    if not pool:
        pool = [d for d in dates if sent.hard_clause_id(d.start) == hard]
    if pool:
        return min(pool, key=lambda d: gap(d, anchor)).value.value
    if default_to_published and ctx.published:
        return ctx.published.isoformat()
    return None


def normalize_date(value: str | None) -> str | None:
    """Schema dates are YYYY, YYYY-MM or YYYY-MM-DD: a quarter becomes its year."""
    if value and "-Q" in value:
        return value.split("-Q")[0]
    return value
