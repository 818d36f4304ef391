"""The view extractors work on: sentences of typed items (organisations, amounts, cues...) in order.

Built once per article from the spaCy Doc; extractors never look at tokens directly, which keeps
them language-neutral: what differs between English and Chinese lives in the lexicons.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from entities.gazetteer import INVESTOR_TYPES, SOURCE_TYPES, Gazetteer
from entities.names import has_cjk
from entities.resolve import Resolver
from ingest.lexicon import LANGUAGES, Lexicon, load_lexicon
from ingest.nlp.docdata import CUES, SHORT_FORM_OF, doc_text, doc_values, sentence_spans, spans_of
from ingest.records import Article, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

T = TypeVar("T")

# Cue labels kept even inside a longer cue ("investment" in "investment in", "with" in "partnered with",
# "contract" in "contract with").
KEEP_NESTED = frozenset({"FUND_TRIGGER", "INVEST_VERB", "PARTNER_LINK", "PARTNER_DIRECT", "SERVE_VERB",
                         "PRICED_THING", "SIGNED_DOC"})
TOPIC_EXCLUDED = frozenset({"exchange", "government", "research_firm", "media", "university"})
CLAUSE_BREAKS = re.compile(r"(?=[,，;；:：\s])(?:[,，;；:：]|\s—\s|\s-\s)")  # (the lookahead: a quick test per character)
HARD_BREAKS = re.compile(r"[;；。!?！？]")


@dataclass(slots=True)
class Item:
    """One thing found in a sentence: an organisation, an amount, a cue word..."""

    kind: str  # org | product | person | money | percent | date | round | cue | role
    label: str  # org type, cue label, product kind...
    start: int
    end: int
    text: str
    value: Any = None  # canonical name, parsed Amount / Percent / DateMention / RoundMention, role name
    known: bool = True

    def overlaps(self, other: Item) -> bool:
        """True when the two items share characters."""
        return self.start < other.end and other.start < self.end


@lru_cache(maxsize=1)
def _investor_suffixes() -> tuple[str, ...]:
    words = {w for lang in LANGUAGES for w in load_lexicon(lang).words("orgs", "investor_suffixes")}
    return tuple(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=65536)
def investor_name(name: str) -> bool:
    """True when a name ends like an investor's ("Primary Venture Partners", "国信资本")."""
    folded = name.strip()
    for suffix in _investor_suffixes():
        if folded.endswith(suffix) and len(folded) > len(suffix) and \
                (not suffix[:1].isascii() or folded[-len(suffix) - 1] == " "):
            return True
    return False


@dataclass
class Sentence:
    """A sentence with its items sorted by position."""

    index: int
    start: int
    end: int
    text: str
    items: list[Item] = field(default_factory=list)

    # the index by kind and label, built on first use (items are complete by then); plain fields, because
    # these lookups are the hottest calls of every extractor
    _kinds: dict[tuple[str, str], tuple[Item, ...]] | None = field(default=None, repr=False, compare=False)
    _merged_cues: dict[tuple[str, ...], tuple[Item, ...]] = field(default_factory=dict, repr=False, compare=False)
    _memo: dict[Hashable, Any] = field(default_factory=dict, repr=False, compare=False)

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()` once per sentence, for answers that several passes (or several items of one pass) ask
        for and that depend only on the sentence and its article, which do not change."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[no-any-return]

    def _index(self) -> dict[tuple[str, str], tuple[Item, ...]]:
        lists: dict[tuple[str, str], list[Item]] = {}
        for item in self.items:
            lists.setdefault((item.kind, ""), []).append(item)
            lists.setdefault((item.kind, item.label), []).append(item)
        kinds = self._kinds = {key: tuple(found) for key, found in lists.items()}
        return kinds

    # the lookups below return shared tuples (not copies): callers only read them

    def of(self, kind: str, label: str | None = None) -> tuple[Item, ...]:
        """Items of one kind (and label)."""
        kinds = self._kinds if self._kinds is not None else self._index()
        return kinds.get((kind, label or ""), ())

    def cues(self, *labels: str) -> tuple[Item, ...]:
        """Cue items carrying any of `labels`, in text order."""
        kinds = self._kinds if self._kinds is not None else self._index()
        if len(labels) == 1:
            return kinds.get(("cue", labels[0]), ())
        merged = self._merged_cues.get(labels)
        if merged is None:
            found = [kinds[key] for key in [("cue", label) for label in labels] if key in kinds]
            # (each label's items are in text order already: most sentences have one of the labels or none)
            merged = self._merged_cues[labels] = () if not found else found[0] if len(found) == 1 else \
                tuple(sorted((i for items in found for i in items), key=lambda i: (i.start, -i.end)))
        return merged

    def has_cue(self, *labels: str) -> bool:
        """True when a cue with one of `labels` occurs."""
        kinds = self._kinds if self._kinds is not None else self._index()
        for label in labels:
            if ("cue", label) in kinds:
                return True
        return False

    def _breaks(self, pattern: re.Pattern[str]) -> list[int]:
        return self.memo(("breaks", id(pattern)),
                         lambda: [m.start() for m in pattern.finditer(_mask_parentheses(self.text))])

    def clause_id(self, pos: int) -> int:
        """Index of the clause (between commas/semicolons, parentheses ignored) holding offset `pos`."""
        return bisect.bisect_left(self._breaks(CLAUSE_BREAKS), pos - self.start)

    def hard_clause_id(self, pos: int) -> int:
        """Index of the clause between hard breaks (semicolons, parentheses ignored) holding `pos`."""
        return bisect.bisect_left(self._breaks(HARD_BREAKS), pos - self.start)

    def between(self, a: int, b: int) -> str:
        """Sentence text between two absolute offsets."""
        lo, hi = sorted((a, b))
        return self.text[max(0, lo - self.start): max(0, hi - self.start)]


_PARENTHESES = re.compile(r"[()（）]")


def _mask_parentheses(text: str) -> str:
    """Blank out text inside parentheses so their punctuation does not split clauses."""
    if "(" not in text and "（" not in text:
        return text  # most sentences: nothing to mask
    pieces: list[str] = []
    depth = last = 0
    for m in _PARENTHESES.finditer(text):  # (one step per parenthesis, not per character)
        at = m.start()
        pieces.append(" " * (at - last) if depth else text[last:at])
        pieces.append(m.group())
        depth = depth + 1 if m.group() in "(（" else max(0, depth - 1)
        last = at + 1
    pieces.append(" " * (len(text) - last) if depth else text[last:])
    return "".join(pieces)


@dataclass
class ArticleContext:
    """Everything an extractor may read for one article."""

    article: Article
    doc: Doc
    text: str  # normalised text (same offsets as the article text)
    lexicon: Lexicon
    gazetteer: Gazetteer
    resolver: Resolver
    sentences: list[Sentence]
    published: date | None
    topic: str | None = None
    shared: dict[str, Any] = field(default_factory=dict)

    def org_type(self, name: str | None) -> str | None:
        """Gazetteer type of a canonical organisation name."""
        return self.gazetteer.org_type(name)

    def is_investor(self, name: str | None) -> bool:
        """True for organisations whose business is investing (by gazetteer type, or for names nobody listed,
        by an investor's name ending such as "Capital" or "资本")."""
        kind = self.org_type(name)
        if kind is not None or not name:
            return kind in INVESTOR_TYPES
        return investor_name(name)

    def is_source(self, name: str | None) -> bool:
        """True for research firms, media and banks' research arms."""
        return self.org_type(name) in SOURCE_TYPES

    def mentions(self) -> list[Mention]:
        """Every organisation, product and person mention, resolved."""
        out: list[Mention] = []
        for sent in self.sentences:
            for item in sent.items:
                if item.kind in ("org", "product", "person"):
                    canonical = item.value if isinstance(item.value, str) else item.text
                    out.append(Mention(self.article.text[item.start:item.end], canonical, item.kind, item.start,
                                       item.end, item.known))
        return out


def build_context(article: Article, doc: Doc, lexicon: Lexicon, gazetteer: Gazetteer, resolver: Resolver) -> ArticleContext:
    """Turn the annotated Doc into sentences of typed items."""
    text = doc_text(doc)
    values = doc_values(doc)
    sentences = [Sentence(i, start, end, text[start:end]) for i, (start, end) in enumerate(sentence_spans(doc))]
    starts = [s.start for s in sentences]

    def sentence_of(pos: int) -> Sentence:
        return sentences[max(0, bisect.bisect_right(starts, pos) - 1)]

    # (a span's text is sliced from the article: `span.text` would rebuild it token by token)
    items: list[Item] = []
    for span in spans_of(doc, "org"):
        start, end = span.start_char, span.end_char
        if span.kb_id_:
            items.append(Item("org", gazetteer.org_type(span.kb_id_) or "other", start, end, text[start:end],
                              span.kb_id_, True))
        else:
            res = resolver.resolve(values.get((SHORT_FORM_OF, start), text[start:end]))
            items.append(Item("org", gazetteer.org_type(res.canonical) or "new", start, end, text[start:end],
                              res.canonical, res.known))
    for span in spans_of(doc, "product"):
        name, _, maker = span.kb_id_.partition("|")
        start, end = span.start_char, span.end_char
        items.append(Item("product", span.label_, start, end, text[start:end], (name, maker)))
    for span in spans_of(doc, "person"):
        start, end = span.start_char, span.end_char
        items.append(Item("person", "person", start, end, text[start:end],
                          values.get(("person", start), text[start:end])))
    for group in ("money", "percent", "date", "round"):
        for span in spans_of(doc, group):
            start, end = span.start_char, span.end_char
            items.append(Item(group, group, start, end, text[start:end], values.get((group, start))))
    for span in spans_of(doc, "role"):
        start, end = span.start_char, span.end_char
        items.append(Item("role", "role", start, end, text[start:end], span.kb_id_))
    covered = bytearray(len(text) + 1)  # characters inside a name: cue words there are part of the name
    for i in items:
        if i.kind in ("org", "product", "person"):
            covered[i.start:i.end] = b"\x01" * (i.end - i.start)
    dates = [(i.start, i.end) for i in items if i.kind == "date"]
    conjunctions, not_after_hyphen = _cue_rules(lexicon)
    cues: list[tuple[int, int, str]] = []
    for start, end, label in doc.user_data.get(CUES, []):
        if label in not_after_hyphen and start > 0 and text[start - 1] == "-":
            continue
        if label == "COREF_ORG_CLAUSE_START":
            if not _opens_clause(text, start, sentence_of(start).start, dates, conjunctions):
                continue
            label = "COREF_ORG"
        # a cue word inside a name is part of that name ("金石投资", "Lux Capital")
        if covered.find(1, start, end) >= 0:
            continue
        cues.append((start, end, label))
    items += [Item("cue", label, start, end, text[start:end]) for start, end, label in _drop_nested_cues(cues)]
    items = _drop_glosses(items, text)
    # a name found as an unknown organisation that is also a person's name is the person; "in March 2024"
    # is a date, whatever organisation shares the word
    people_and_dates = [i for i in items if i.kind in ("person", "date")]
    items = [i for i in items if i.kind != "org" or i.known or not any(i.overlaps(o) for o in people_and_dates)]
    items.sort(key=lambda i: (i.start, -i.end))  # one sort: each sentence gets its items in order
    _distribute(items, sentences)
    ctx = ArticleContext(article, doc, text, lexicon, gazetteer, resolver, sentences, article.published)
    ctx.topic = _topic(ctx)
    return ctx


def _distribute(items: list[Item], sentences: list[Sentence]) -> None:
    """Give each sentence its items (sorted by start): an item belongs to the last sentence starting at or
    before it (the first sentence for an item before every sentence). One walk over both, in order."""
    if not sentences:
        return
    current = 0
    following = sentences[1].start if len(sentences) > 1 else None
    for item in items:
        while following is not None and item.start >= following:
            current += 1
            following = sentences[current + 1].start if current + 1 < len(sentences) else None
        sentences[current].items.append(item)


_CLAUSE_BOUNDARY = "，,。；;：:、\"“”(（\n"


def _opens_clause(text: str, start: int, sentence_start: int, dates: list[tuple[int, int]],
                  conjunctions: frozenset[str] = frozenset()) -> bool:
    """True when only punctuation, a conjunction (", and it is working with"), or a date with at most one
    word around it ("In January it closed") comes between the previous clause boundary and `start`."""
    before = text[max(0, start - 2):start].strip()
    if not before or before[-1] in _CLAUSE_BOUNDARY:
        return True
    left = max([text.rfind(ch, 0, start) + 1 for ch in _CLAUSE_BOUNDARY] + [sentence_start])
    prefix = text[left:start]
    if prefix.strip().lower() in conjunctions:
        return True
    spans = [(s, e) for s, e in dates if s >= left and e <= start]
    if not spans:
        return False
    for s, e in sorted(spans, reverse=True):
        prefix = prefix[:s - left] + " " + prefix[e - left:]
    return len(prefix.split()) <= 1 and len(prefix.strip()) <= 4


def _drop_glosses(items: list[Item], text: str) -> list[Item]:
    """An organisation in parentheses right after another one is its gloss: "贝莱德 (Blackrock)"."""
    orgs = sorted((i for i in items if i.kind == "org"), key=lambda i: i.start)
    drop: set[int] = set()
    for prev, cur in zip(orgs, orgs[1:]):
        gap = text[prev.end:cur.start]
        after = text[cur.end:cur.end + 3]
        if gap.strip() in ("(", "（") and after.lstrip()[:1] in (")", "）"):
            if not cur.known and prev.known:
                drop.add(id(cur))
            elif cur.value == prev.value or not prev.known:
                drop.add(id(cur) if prev.known or not cur.known else id(prev))
                if not prev.known and cur.known:
                    prev.value, prev.known, prev.label = cur.value, True, cur.label
                    drop.discard(id(prev))
                    drop.add(id(cur))
            else:
                drop.add(id(cur))
    if not drop:
        return items
    return [i for i in items if id(i) not in drop]


def _drop_nested_cues(cues: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A cue (start, end, label) inside a longer cue is part of it: "据" in "据报道", "led" in "led by"."""
    ordered = sorted(cues, key=lambda c: (c[0], c[0] - c[1]))
    drop: set[int] = set()
    for i, (outer_start, outer_end, _) in enumerate(ordered):
        j = i + 1
        while j < len(ordered) and ordered[j][0] < outer_end:  # (an index, not a slice of the rest per cue)
            inner = ordered[j]
            if inner[1] <= outer_end and inner[1] - inner[0] < outer_end - outer_start and inner[2] not in KEEP_NESTED:
                drop.add(id(inner))
            j += 1
    if not drop:
        return cues
    return [c for c in cues if id(c) not in drop]


def _cue_rules(lexicon: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """Per lexicon (read once): the conjunctions that may open a clause, and the cue labels that a hyphen
    before the cue word cancels ("GPU-backed", "AI-focused": glued to the word before, adjectives, not the
    verbs they spell)."""
    return lexicon.derived(("cue_rules",), lambda: (
        frozenset(w.lower() for w in lexicon.words("coref", "clause_conjunctions")),
        frozenset(str(label) for label in lexicon.section("cue_labels_not_after_hyphen") or [])))


def _topic(ctx: ArticleContext) -> str | None:
    """The article's main company: the most named non-investor, non-source organisation early on."""
    counts: Counter[str] = Counter()
    title = (ctx.article.title or "").lower()
    excluded: dict[str, bool] = {}  # a name is named many times: decided once
    for sent in ctx.sentences:
        weight = 3 if sent.index < 3 else 1
        for item in sent.of("org"):
            name = item.value
            out = excluded.get(name)
            if out is None:
                out = excluded[name] = ctx.is_investor(name) or ctx.is_source(name) or \
                    ctx.org_type(name) in TOPIC_EXCLUDED
            if out:
                continue
            counts[name] += weight
            if item.text.lower() in title:
                counts[name] += 2
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def is_latin_text(text: str) -> bool:
    """True for text without CJK characters."""
    return not has_cjk(text)
