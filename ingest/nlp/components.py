"""spaCy components of the accelkb pipeline: sentences, gazetteer, cue words, quantities, new names.

Each component writes spans into `doc.spans[...]`; parsed values (amounts, shares, dates) go into
`doc.user_data["accelkb.values"]`, keyed by (group, start_char). Extractors read only these.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import Any, NamedTuple

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from entities.gazetteer import load_gazetteer
from entities.names import has_cjk
from ingest.casefold import lowered_text
from ingest.lexicon import load_lexicon
from ingest.nlp.anchored import AnchoredPattern, KeywordWindowPattern, TailAnchoredPattern
from ingest.nlp.docdata import (CUES, INSIDE_WORDS, OFFSETS, PUBLISHED, SENTENCES, SHORT_FORM_OF, doc_text, doc_values,
                                sentence_spans, set_spans, spans_of)
from ingest.wordlist_regex import word_alternation
from ingest.parse.amounts import find_amounts
from ingest.parse.dates import carry_years, find_dates
from ingest.parse.percents import find_percents
from ingest.parse.rounds import find_rounds
from ingest.prefilter import TextScreen, with_first_char_lookahead
from ingest.textnorm import normalize

# ---------------------------------------------------------------- sentences

_ABBREVIATIONS = {"inc", "corp", "co", "ltd", "mr", "mrs", "ms", "dr", "prof", "st", "jan", "feb", "mar", "apr",
                  "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "approx", "u.s", "e.g",
                  "i.e", "jr", "sr", "gen", "gov", "sen", "rep", "est", "dept", "fig", "al"}
_ZH_ENDERS = {"。", "！", "？", "!", "?", "；"}
_SENTENCE_OPENERS = {"The", "In", "It", "Its", "This", "That", "These", "He", "She", "They", "We", "A", "An", "But",
                     "And", "On", "At", "For", "Last", "Earlier", "Meanwhile", "However", "Since", "After", "Before",
                     "According", "While", "As", "Other", "Its", "Analysts", "Shares", "Investors"}
_CLOSERS = {"”", "」", "』", ")", "）", "\"", "'", "’"}
# the last character of every token after which a sentence may start (see the rules below)
_MAY_END = frozenset(".!?”\"」-") | frozenset(e[-1] for e in _ZH_ENDERS)
_MAY_END_CHAR = re.compile("[" + re.escape("".join(sorted(_MAY_END))) + "]")


def _possible_token_ends(text: str) -> list[int]:
    """Offsets where a token after which a sentence may start can end: after a character of `_MAY_END`, and
    anywhere in a run of whitespace that holds a newline (the only whitespace tokens that end a sentence;
    single spaces between words are not tokens)."""
    ends = [m.end() for m in _MAY_END_CHAR.finditer(text)]
    at = text.find("\n")
    while at >= 0:
        low, high = at, at + 1
        while low > 0 and text[low - 1].isspace():
            low -= 1
        while high < len(text) and text[high].isspace():
            high += 1
        ends.extend(range(low + 1, high + 1))
        at = text.find("\n", high)
    return ends


class TokenOffsets(NamedTuple):
    """The tokens' start and end character offsets, as numpy arrays and as lists."""

    start_array: Any
    end_array: Any
    starts: list[int]
    ends: list[int]


def token_offsets(doc: Doc) -> TokenOffsets:
    """The tokens' character offsets, read from the Doc once."""
    found = doc.user_data.get(OFFSETS)
    if found is None:
        columns = doc.to_array(["IDX", "LENGTH"])
        start_array = columns[:, 0]
        end_array = start_array + columns[:, 1]
        found = doc.user_data[OFFSETS] = TokenOffsets(start_array, end_array, start_array.tolist(), end_array.tolist())
    return found  # type: ignore[no-any-return]


@Language.factory("accelkb_sentences", assigns=["token.is_sent_start"])
def make_sentences(nlp: Language, name: str) -> Any:
    """Sentence boundaries for news text in both languages (newlines always end a sentence)."""

    def set_sentences(doc: Doc) -> Doc:
        text = doc_text(doc)
        offsets = token_offsets(doc)
        ends = offsets.end_array
        spaced = doc.to_array("SPACY").tolist()
        starts_at, token_ends = offsets.starts, offsets.ends

        def token(i: int) -> str:
            return text[starts_at[i]:token_ends[i]]

        starts = numpy.full((len(doc), 1), -1, dtype="int64").astype("uint64")
        if len(doc):
            starts[0, 0] = 1
        # only tokens after one that may end a sentence are looked at
        last_chars = numpy.array(_possible_token_ends(text), dtype=ends.dtype)
        at = numpy.searchsorted(ends, last_chars)
        found = at < len(ends)
        following = numpy.unique(at[found][ends[at[found]] == last_chars[found]]) + 1
        candidates = following[following < len(doc)].tolist()
        for i in candidates:
            prev = token(i - 1)
            if prev[-1:] not in _MAY_END and not prev.isspace():
                continue
            word = token(i)
            start = False
            if "\n" in prev and not prev.strip():
                start = True
            elif prev in _ZH_ENDERS:
                start = word not in _CLOSERS
            elif prev in {".", "!", "?"} and (spaced[i - 1] or not word.strip() or has_cjk(word[:1])):
                before = token(i - 2).lower() if i >= 2 else ""
                start = before not in _ABBREVIATIONS and (word[:1].isupper() or word[:1].isdigit()
                                                           or word[:1] in "\"“‘'(" or has_cjk(word[:1])
                                                           or not word.strip())
            elif prev.endswith(".") and len(prev) > 1 and prev[:-1].lower() not in _ABBREVIATIONS:
                # "Jan." or "U.S." rarely end a sentence; "Series C." before "In March" does
                start = word.istitle() and (not prev[:-1].replace(".", "").isupper() or word in _SENTENCE_OPENERS)
            elif prev in {"”", "\"", "」"} and i >= 2 and token(i - 2) in _ZH_ENDERS | {".", "!", "?"}:
                start = True
            elif prev == "-" and i >= 2 and spaced[i - 2] and spaced[i - 1] \
                    and (has_cjk(word[:1]) or has_cjk(token(i - 2)[-1:]) or token(i - 2) == "]"):
                start = True  # " - " bullets in Chinese text separate statements
            if start:
                starts[i, 0] = 1
        doc.from_array([SENT_START], starts)
        # the sentences' character spans, for the later stages (iterating `doc.sents` builds Span objects)
        bounds = numpy.flatnonzero(starts[:, 0] == 1).tolist() + [len(doc)]
        doc.user_data[SENTENCES] = [(starts_at[a], token_ends[b - 1]) for a, b in zip(bounds, bounds[1:])]
        return doc

    return set_sentences


# ---------------------------------------------------------------- gazetteer


def _pattern_docs(nlp: Language, phrases: list[str]) -> list[Doc]:
    return [nlp.make_doc(p) for p in phrases if p.strip()]


@Language.factory("accelkb_gazetteer", assigns=["doc.spans"], default_config={"include_cjk": True})
def make_gazetteer(nlp: Language, name: str, include_cjk: bool) -> Any:
    """Match every organisation and product alias of the gazetteer (longest match wins)."""
    gaz = load_gazetteer()
    folded = PhraseMatcher(nlp.vocab, attr="LOWER")
    exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    org_names: dict[str, str] = {}
    ambiguous_orgs: set[str] = set()

    def add(matcher: PhraseMatcher, key: str, phrases: list[str]) -> None:
        docs = _pattern_docs(nlp, phrases)
        if docs:
            matcher.add(key, docs)

    for entry in gaz.orgs.values():
        key = f"ORG|{entry.name}"
        org_names[key] = entry.name
        spellings = [normalize(a) for a in (entry.name, *entry.aliases) if include_cjk or not has_cjk(a)]
        risky = {normalize(a) for a in entry.ambiguous_aliases}
        if entry.ambiguous:
            risky |= {s for s in spellings if _looks_like_word(s)}
        safe = [s for s in spellings if s not in risky]
        add(folded, key, [s for s in safe if not _short_code(s)])
        add(exact, key, [s for s in safe if _short_code(s)] + _ticker_alias(entry.ticker))
        if risky:
            amb_key = f"ORG?|{entry.name}"
            org_names[amb_key] = entry.name
            ambiguous_orgs.add(amb_key)
            add(exact, amb_key, sorted(risky))
    for index, product in enumerate(gaz.products):
        key = f"PRODUCT|{index}"
        spellings = [normalize(a) for a in (product.name, *product.aliases) if include_cjk or not has_cjk(a)]
        spellings += _compact_spellings(spellings)
        add(exact if product.ambiguous else folded, key, sorted({s for s in spellings if s}))
    # each match key's span label and knowledge-base id, as string-store ids (looked up once per key)
    targets: dict[int, tuple[int, int]] = {}

    def target(match_id: int) -> tuple[int, int]:
        key = nlp.vocab.strings[match_id]
        kind, _, ref = key.partition("|")
        if kind.startswith("ORG"):
            label, kb_id = ("org_ambiguous" if kind == "ORG?" else "org"), org_names[key]
        else:
            product = gaz.products[int(ref)]
            label, kb_id = ("product_ambiguous" if product.ambiguous else "product"), f"{product.name}|{product.maker}"
        found = targets[match_id] = (nlp.vocab.strings.add(label), nlp.vocab.strings.add(kb_id))
        return found

    def annotate(doc: Doc) -> Doc:
        spans: list[Span] = []
        for match_id, start, end in folded(doc) + exact(doc):
            label, kb_id = targets.get(match_id) or target(match_id)
            spans.append(Span(doc, start, end, label=label, kb_id=kb_id))
        text = doc_text(doc)
        spans = [s for s in spans if _word_bounded(doc, s) and not _lowercased_name(text, s, nlp.vocab.strings)
                 and not _caps_context(text, s)]
        kept = filter_spans(_dedupe_same_span(spans))
        kept = _resolve_ambiguous_orgs(doc, kept)
        set_spans(doc, "org", [s for s in kept if s.label_.startswith("org")])
        set_spans(doc, "product", [s for s in kept if s.label_.startswith("product")])
        set_spans(doc, "product_alt", [s for s in spans if s.label_.startswith("product")])
        return doc

    return annotate


def _compact_spellings(spellings: list[str]) -> list[str]:
    """"MTT S4000" is also written "MTTS4000", "Gaudi 3" as "Gaudi3": model names without the space."""
    out = []
    for s in spellings:
        if " " in s and not has_cjk(s) and any(ch.isdigit() for ch in s) and len(s) <= 16:
            compact = s.replace(" ", "")
            if len(compact) >= 4:
                out.append(compact)
    return out


def _ticker_alias(ticker: str | None) -> list[str]:
    """A stock symbol used as a name in prose ("NVDA commanding 95%"): three or more capitals."""
    symbol = (ticker or "").split(":")[-1].strip()
    return [symbol] if len(symbol) >= 3 and symbol.isalpha() and symbol.isupper() else []


def _looks_like_word(text: str) -> bool:
    """An alias that is also an ordinary word: a single Latin word or a short Chinese word."""
    if has_cjk(text):
        return len(text) <= 3
    return " " not in text and text[:1].isupper() and text[1:].islower()


def _short_code(text: str) -> bool:
    """Short all-caps codes ("GV", "IDC", "AMD") only match in their exact case."""
    return not has_cjk(text) and len(text) <= 4 and text.isupper()


def _inside_words(doc: Doc) -> frozenset[int]:
    """Indexes of the tokens that begin inside a Latin word: glued to the token before them, with an ASCII
    letter or digit on both sides. A phrase that starts or ends at one is part of a longer word ("Groq" in
    "GroqCloud"). Computed once per Doc; most Docs have none."""
    found = doc.user_data.get(INSIDE_WORDS)
    if found is None:
        text = doc_text(doc)
        offsets = token_offsets(doc)
        glued = (numpy.flatnonzero(offsets.start_array[1:] == offsets.end_array[:-1]) + 1).tolist()
        starts = offsets.starts
        found = doc.user_data[INSIDE_WORDS] = frozenset(
            i for i in glued if _word_char(text[starts[i] - 1]) and _word_char(text[starts[i]]))
    return found  # type: ignore[no-any-return]


def _word_char(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _word_bounded(doc: Doc, span: Span) -> bool:
    """A Latin name glued to more Latin letters is not that name ("Groq" inside "GroqCloud")."""
    inside = _inside_words(doc)
    return span.start not in inside and span.end not in inside


_DATELINE = re.compile(r"^[ \t]*[A-Z][A-Z.'’ ]+(?:,[ \t]*[A-Z][A-Za-z. ]+)?[ \t]*(?:--|—|–|\(|,)", re.M)


def _caps_context(text: str, span: Span) -> bool:
    """A short all-caps code inside a dateline is a place, not a company ("TEL AVIV --", "SAN JOSE,")."""
    surface = text[span.start_char:span.end_char]
    if not (surface.isupper() and len(surface) <= 4):
        return False
    line_start = text.rfind("\n", 0, span.start_char) + 1
    m = _DATELINE.match(text, line_start)
    return bool(m) and m.end() >= span.end_char


def _lowercased_name(text: str, span: Span, strings: Any) -> bool:
    """A capitalised name found in lower case is an ordinary phrase ("large-scale AI" is not "Scale AI")."""
    first = text[span.start_char]
    return first.isascii() and first.islower() and span.kb_id_ != "" and not span.kb_id_[:1].islower()


def _dedupe_same_span(spans: list[Span]) -> list[Span]:
    """Keep one span per (start, end); prefer organisations over products over ambiguous ones."""
    rank = {"org": 0, "product": 1, "org_ambiguous": 2, "product_ambiguous": 3}
    best: dict[tuple[int, int], Span] = {}
    for span in spans:
        key = (span.start, span.end)
        if key not in best or rank[span.label_] < rank[best[key].label_]:
            best[key] = span
    return list(best.values())


def _resolve_ambiguous_orgs(doc: Doc, spans: list[Span]) -> list[Span]:
    """Keep an ambiguous organisation alias ("Mythic", "Lambda", "地平线") only with support: the article
    also names the organisation unambiguously, or (Latin script) writes the word capitalised in the
    middle of a sentence somewhere, where capitals mean a name. Chinese prose has no capitalised common
    words, so there a capitalised Latin alias ("Etched以1.2亿美元…") is a name wherever it stands."""
    certain = {s.kb_id_ for s in spans if s.label_ == "org"}
    certain |= {s.kb_id_.partition("|")[2] for s in spans if s.label_ == "product"}  # its chips are named
    repeated = Counter(s.kb_id_ for s in spans if s.label_ == "org_ambiguous" and has_cjk(s.text))
    certain |= {k for k, n in repeated.items() if n >= 2}  # a Chinese company name used twice is no accident
    chinese_prose = doc.lang_ == "zh"
    for span in spans:
        if span.label_ != "org_ambiguous" or has_cjk(span.text):
            continue
        if (chinese_prose and span.text[:1].isupper()) or \
                (not span[0].is_sent_start and span.start > 0 and not doc[span.start - 1].is_punct):
            certain.add(span.kb_id_)
    return [s for s in spans if s.label_ != "org_ambiguous" or s.kb_id_ in certain]


# ---------------------------------------------------------------- cue words


@Language.factory("accelkb_cues", assigns=["doc.spans"], default_config={"language": "en"})
def make_cues(nlp: Language, name: str, language: str) -> Any:
    """Mark every lexicon cue phrase (triggers, lead markers, attribution...) with its label."""
    lex = load_lexicon(language)
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for label, phrases in lex.cues.items():
        docs = _pattern_docs(nlp, sorted(set(phrases)))
        if docs:
            matcher.add(label, docs)
    role_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    role_docs = _pattern_docs(nlp, sorted(lex.roles))
    if role_docs:
        role_matcher.add("ROLE", role_docs)

    labels: dict[int, str] = {}
    role_label = nlp.vocab.strings.add("ROLE")

    def annotate(doc: Doc) -> Doc:
        text = doc_text(doc)
        offsets = token_offsets(doc)
        starts, ends = offsets.starts, offsets.ends
        cues: list[tuple[int, int, str]] = []
        inside = _inside_words(doc)
        for match_id, s, e in matcher(doc):
            if s not in inside and e not in inside:
                label = labels.get(match_id) or labels.setdefault(match_id, nlp.vocab.strings[match_id])
                cues.append((starts[s], ends[e - 1], label))
        # phrases with a variable middle ("这家AI芯片公司"): regular expressions from the lexicon
        # a pattern may name the cue inside its context: the group "cue" is the span kept
        for label, regex in lex.cue_patterns:
            group = "cue" if "cue" in regex.groupindex else 0
            cues.extend((m.start(group), m.end(group), label) for m in regex.finditer(text))
        # many cue words per article: kept as plain (start, end, label) tuples, not Span objects
        doc.user_data[CUES] = cues
        roles = [Span(doc, s, e, label=role_label, kb_id=lex.roles.get(text[starts[s]:ends[e - 1]].lower(), ""))
                 for _, s, e in role_matcher(doc)]
        set_spans(doc, "role", filter_spans([r for r in roles if _word_bounded(doc, r)]))
        return doc

    return annotate


# ---------------------------------------------------------------- quantities


def _without_overlaps(found: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """Dates found by word and by number may overlap ("in May 2021" and "May"): keep the longer one."""
    dates = sorted((f for f in found if f[0] == "date"), key=lambda f: (f[1].start, -(f[1].end - f[1].start)))
    kept: list[tuple[str, Any]] = []
    for group, item in dates:
        if kept and item.start < kept[-1][1].end:
            if item.end - item.start > kept[-1][1].end - kept[-1][1].start:
                kept[-1] = (group, item)
            continue
        kept.append((group, item))
    return [f for f in found if f[0] != "date"] + kept


_NUMBER_CHARS = re.compile(r"[0-9零〇一二两三四五六七八九十百千万亿兆数几半成%]+")
_NUMBER_WORD = re.compile(r"(?=[hHtTqQmM])(?:half|third|quarter|majority)", re.I)
_NUMBER_WORD_LOWERED = re.compile(r"half|third|quarter|majority")


def _sentences_with_numbers(text: str, lowered: str | None, spans: list[tuple[int, int]]) -> set[int]:
    """Indexes of the sentences (`spans`) holding a digit, a Chinese numeral, "%" or a fraction word."""
    ends = [end for _, end in spans]
    found: set[int] = set()
    scans = [(_NUMBER_CHARS, text), (_NUMBER_WORD_LOWERED, lowered) if lowered is not None else (_NUMBER_WORD, text)]
    for pattern, haystack in scans:
        m = pattern.search(haystack)
        while m is not None:
            index, last = bisect.bisect_right(ends, m.start()), -1
            # (a run may go on past its sentence, or start between two: each of its characters counts)
            while index < len(spans) and spans[index][0] < m.end():
                if spans[index][1] > m.start():
                    found.add(index)
                    last = index
                index += 1
            # on from near the end of that sentence (a word of up to 8 letters may still cross it)
            m = pattern.search(haystack, max(m.end(), ends[last] - 8) if last >= 0 else m.end())
    return found


@Language.factory("accelkb_quantities", assigns=["doc.spans"], default_config={"language": "en"})
def make_quantities(nlp: Language, name: str, language: str) -> Any:
    """Amounts, percentages, dates and round labels, with their parsed values.

    Amounts, shares and round labels are read in both languages' forms (Chinese news writes "US$" and
    "Series B" too); dates only in the article's language, which halves the cost of the widest grammar.
    """

    labels = {group: nlp.vocab.strings.add(group.upper()) for group in ("money", "percent", "date", "round")}

    def annotate(doc: Doc) -> Doc:
        text = doc_text(doc)
        values = doc_values(doc)
        published: date | None = doc.user_data.get(PUBLISHED)
        groups: dict[str, list[Span]] = {"money": [], "percent": [], "date": [], "round": []}
        found: list[tuple[str, Any]] = []
        # round labels and date words on the runs of sentences holding their words (one screen for the
        # whole text); the number grammars on each sentence with a number in it (most sentences of a story
        # have none) that holds a word of the pattern
        lowered = lowered_text(text)
        sentences = sentence_spans(doc)
        screen = TextScreen(text, lowered, spans=sentences)
        found += [("round", r) for r in find_rounds(text, screen=screen)]
        found += [("date", d) for d in find_dates(text, published, (language,), numeric=False, screen=screen)]
        numbered = screen.among(_sentences_with_numbers(text, lowered, sentences))
        found += [("money", a) for a in find_amounts(text, screen=numbered)]
        found += [("percent", p) for p in find_percents(text, screen=numbered)]
        found += [("date", d) for d in find_dates(text, published, (language,), numeric_only=True, screen=numbered)]
        found = _without_overlaps(found)
        dates = iter(carry_years([item for group, item in found if group == "date"]))
        found = [(group, next(dates) if group == "date" else item) for group, item in found]
        for group, item in found:
            span = doc.char_span(item.start, item.end, label=labels[group], alignment_mode="expand")
            if span is None:
                continue
            groups[group].append(span)
            values[(group, span.start_char)] = item
        for group, spans in groups.items():
            set_spans(doc, group, spans)
        return doc

    return annotate


# ---------------------------------------------------------------- names nobody listed

_OPENING_TIME_WORDS = ("In", "On", "By", "Last", "Earlier", "Later", "This", "Since", "After", "Meanwhile")
_EN_NAME_WORD = r"(?:[A-Z][A-Za-z0-9]*(?:[-.'][A-Za-z0-9]+)*|[A-Z]{1,2}\.|(?<![.,])[0-9]+[A-Z][A-Za-z0-9]*|d-[A-Z][a-z]+)"
_EN_CONNECT = r"(?:\s(?:&|of|de|du|for)\s|\s)"


@Language.factory("accelkb_new_orgs", assigns=["doc.spans"], default_config={"language": "en"})
def make_new_orgs(nlp: Language, name: str, language: str) -> Any:
    """Find organisation names no gazetteer lists, from how the text speaks of them."""
    lex = load_lexicon(language)
    gaz = load_gazetteer()
    suffixes = sorted({normalize(s) for s in lex.section("orgs", "suffixes")}, key=len, reverse=True)
    descriptors = sorted({normalize(s) for s in lex.section("orgs", "descriptors")}, key=len, reverse=True)
    verbs = sorted({normalize(s) for s in lex.section("orgs", "subject_verbs")}, key=len, reverse=True)
    alt = word_alternation  # the word lists come longest first: a prefix tree matches the same
    short_suffixes = tuple(sorted(set(suffixes), key=len, reverse=True))  # longest first
    # job titles that name the holder's organisation just before them ("investor" or "founded" do not)
    not_titles = {w.lower() for w in lex.words("orgs", "not_titles")}
    name_before_title: re.Pattern[str] | None = None
    patterns: list[re.Pattern[str] | AnchoredPattern | TailAnchoredPattern | KeywordWindowPattern] = []
    if language == "en":
        name_re = rf"{_EN_NAME_WORD}(?:{_EN_CONNECT}{_EN_NAME_WORD}){{0,4}}"
        patterns = [
            # "Xscape Photonics", "Light Street Capital", "Type One Ventures"
            re.compile(rf"(?<![\w-])(?P<name>{_EN_NAME_WORD}(?:{_EN_CONNECT}{_EN_NAME_WORD}){{0,3}}\s(?:{alt(suffixes)}))(?![\w-])"),
            # "chipmaker Etched", "startup Positron AI"
            AnchoredPattern.build(rf"\b(?:{alt(d.lower() for d in descriptors)})",
                                  rf"\s(?:called\s|named\s)?(?P<name>{name_re})", case_blind_anchor=True),
            # "Etched, a startup", "Recogni, an AI chip startup"
            TailAnchoredPattern(re.compile(rf"(?P<name>{name_re})"),
                                re.compile(rf",\s(?:a|an|the)\s(?:[\w-]+\s){{0,5}}?(?i:(?:{alt(descriptors)}))\b"),
                                re.compile(r"[A-Z0-9d]")),
            # sentence-initial "Recogni raised", "Ayar Labs today announced"
            # (also after an opening time phrase: "In May, Bell Canada picked Groq")
            # (the lookahead lists every character an anchor can begin with: the engine then skips the other
            # positions at once instead of testing the start-of-sentence lookbehinds there)
            AnchoredPattern.build(rf"(?=[.!?\n\-{''.join(sorted({w[0] for w in _OPENING_TIME_WORDS}))}])"
                                  rf"(?:[.!?]\s|\n|--|(?:^|(?<=[.!?]\s)|(?<=\n)){alt(_OPENING_TIME_WORDS)}\s[^,.\n]{{0,30}},\s)",
                                  rf"(?P<name>{name_re})(?:,\s[^,]{{3,120}},)?\s"
                                  rf"(?:today\s|on\s\w+\s|has\s|have\s)?(?:{alt(verbs)})\b", at_text_start=True),
        ]
        # "GitHub chief executive Thomas Dohmke", "Cruise co-founder Kyle Vogt": a name right before a job
        # title that a person's name follows (tried only before the titles the cue stage found)
        name_before_title = re.compile(rf"(?<![\w-])(?P<name>{_EN_NAME_WORD}(?:\s{_EN_NAME_WORD}){{0,2}})(?:'s)?\s$")
    else:
        han = r"[\u4e00-\u9fff]"
        lead = r"(?:^|(?<=[，。；、：:,;!?“”\"'（(）)\s]))"
        soft_lead = r"(?:^|(?<=[，。；、：:,;!?“”\"'（(）)\s由在与和及是对向被将从据为了称获的]))"
        time_words = r"(?:近日|日前|此前|目前|今年|去年|昨日|昨天|今天|本周|近期|最近|此次|日内|当天|周[一二三四五六日])"
        legal = r"(?:股份有限公司|有限责任公司|有限公司)"
        # each tried only in the windows before its closing words (a legal form, an organisation suffix, a
        # verb): elsewhere the lazy run of characters backtracks at every position
        patterns = [
            # legal names: "杭州鸿钧微电子科技有限公司"
            KeywordWindowPattern(with_first_char_lookahead(re.compile(rf"{soft_lead}{time_words}?(?P<name>{han}{{2,14}}?{legal})")),
                                 re.compile(legal), chars=2 + 14 + 2, lookahead=len("股份有限公司")),
            # "知存科技", "鸿钧微电子", "国信资本": a 2-6 character head plus an organisation suffix
            KeywordWindowPattern(with_first_char_lookahead(re.compile(
                rf"{soft_lead}{time_words}?(?P<name>{han}{{2,6}}?(?:{alt(suffixes)}))(?![者人方]|{han}?(?:公司|科技|资本|基金))")),
                re.compile(alt(suffixes)), chars=2 + 6 + 2, lookahead=max(map(len, suffixes)) + 3),
            # "X宣布完成", "X完成...融资" at the start of a clause
            # (an English gloss may sit between: "曦望（Sunrise）完成")
            KeywordWindowPattern(with_first_char_lookahead(re.compile(
                rf"{lead}{time_words}?[，,]?(?P<name>{han}{{2,6}}?)(?:[（(][A-Za-z][^）)]{{0,30}}[）)])?(?:{alt(verbs)})")),
                re.compile(alt(verbs)), chars=2 + 1 + 6 + 33 + 2, lookahead=max(map(len, verbs))),
        ]
    patterns = [with_first_char_lookahead(p) if isinstance(p, re.Pattern) else p for p in patterns]
    org_new = nlp.vocab.strings.add("org_new")

    def annotate(doc: Doc) -> Doc:
        text = doc_text(doc)
        known = spans_of(doc, "org") + spans_of(doc, "product")
        found: list[Span] = []
        lowered = lowered_text(text)
        before_titles: list[re.Match[str]] = []
        if name_before_title is not None:
            for role in spans_of(doc, "role"):
                if text[role.start_char:role.end_char].lower() not in not_titles and \
                        _PERSON_NEXT.match(text, role.end_char):
                    m = name_before_title.search(text, max(0, role.start_char - 60), role.start_char)
                    if m is not None:
                        before_titles.append(m)
        screen = TextScreen(text, lowered)
        scans = [(p.finditer(text) if screen.allows(p) else iter(())) if isinstance(p, re.Pattern)
                 else p.finditer(text, lowered) for p in patterns]
        for matches in [*scans, before_titles]:
            for m in matches:
                start, end = m.span("name")
                start = start + (len(text[start:end]) - len(text[start:end].lstrip()))
                # "Toronto-based AI chip company", "Santa Clara-based Celestial AI": a place adjective is not
                # part of the name
                based = _PLACE_ADJECTIVE.match(text, start, end)
                if based:
                    start = based.end()
                surface = text[start:end].strip()
                # ("Yann LeCun, the chief AI scientist at Meta, has agreed…": a listed person is no organisation)
                if not _plausible_org(surface, language) or gaz.person_name(surface) is not None:
                    continue
                end = start + len(surface)
                span = doc.char_span(start, end, label=org_new, alignment_mode="contract")
                if span is None or len(span) == 0:
                    continue
                if any(k.start < span.end and span.start < k.end for k in known):
                    continue
                found.append(span)
        # a new name that is the short form of a listed one ("ZT president …" after "ZT Systems") is that one
        listed = spans_of(doc, "org")
        listed_heads = _heads(listed, short_suffixes, text)
        new = [span for span in filter_spans(found) if text[span.start_char:span.end_char] not in listed_heads]
        orgs = sorted(listed + new, key=lambda s: s.start)
        orgs += _short_forms(doc, orgs, known, _heads(orgs, short_suffixes, text) if new else listed_heads)
        set_spans(doc, "org", sorted(orgs, key=lambda s: s.start))
        return doc

    return annotate


def _heads(orgs: list[Span], suffixes: tuple[str, ...], text: str) -> dict[str, Span]:
    """Names without their organisation suffix ("Xscape" of "Xscape Photonics", "知存" of "知存科技"), each
    with the first full mention (`text`: the Doc's)."""
    heads: dict[str, Span] = {}
    for span in orgs:
        surface = text[span.start_char:span.end_char]  # (`span.text` rebuilds it token by token)
        if not surface.endswith(suffixes):  # one test in C for the many names without a suffix
            continue
        for suffix in suffixes:
            if surface.endswith(suffix) and len(surface) > len(suffix):
                head = surface[: -len(suffix)].strip()
                # "ZT" after "ZT Systems": a two-letter head only when it is an acronym
                latin_head = len(head) >= 3 and head[:1].isupper() or len(head) == 2 and head.isupper() and head.isalpha()
                if has_cjk(head) and len(head) >= 3 or (not has_cjk(head) and latin_head
                                                          and head.split()[0] not in _EN_STOP_NAMES):
                    heads.setdefault(head, span)
                break
    return heads


def _short_forms(doc: Doc, orgs: list[Span], others: list[Span], heads: dict[str, Span]) -> list[Span]:
    """Later short mentions of a name: "Rain" after "Rain AI", "Xscape" after "Xscape Photonics", "知存" after "知存科技"
    (`heads`: from `_heads`, each with the name's first full mention)."""
    text = doc_text(doc)
    taken = [(s.start_char, s.end_char) for s in [*orgs, *others]]
    found: list[Span] = []
    for head, origin in heads.items():
        for start, end in _occurrences(text, head, bounded=not has_cjk(head)):
            if any(s < end and start < e for s, e in taken):
                continue
            span = doc.char_span(start, end, label=origin.label_, kb_id=origin.kb_id_ or "",
                                 alignment_mode="strict")
            if span is not None:
                found.append(span)
                if not origin.kb_id_:  # a name nobody listed: the short form stands for the full one
                    doc_values(doc)[(SHORT_FORM_OF, span.start_char)] = origin.text
                taken.append((start, end))
    return found


def _occurrences(text: str, word: str, bounded: bool) -> Iterator[tuple[int, int]]:
    """Where `word` occurs, left to right without overlaps; `bounded`: not glued to a word character or a
    hyphen on either side (what `(?<![\\w-])word(?![\\w-])` matches, found without a regex per word)."""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if not bounded or (not _glued(text[start - 1:start]) and not _glued(text[end:end + 1])):
            yield start, end
            start = text.find(word, end)
        else:
            start = text.find(word, start + 1)


def _glued(char: str) -> bool:
    """True for a word character (as regex `\\w` reads it) or a hyphen."""
    return char != "" and (char.isalnum() or char in "_-")


_PLACE_ADJECTIVE = re.compile(r"(?:\S+\s){0,3}?\S+-based\s")
_FEW_LOWER_WORDS = re.compile(r"(?:\s[a-z][\w-]*){0,4}\s")
_PERSON_NEXT = re.compile(r"\s[A-Z][a-z]+\s[A-Z]")
_EN_STOP_NAMES = {"The", "This", "That", "These", "Those", "It", "Its", "In", "On", "At", "As", "But", "And",
                  "While", "When", "After", "Before", "Meanwhile", "However", "Today", "Monday", "Tuesday",
                  "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Analysts", "Investors", "Shares",
                  "According", "Last", "Earlier", "Since", "For", "With", "Its", "Our", "We", "They", "He", "She",
                  "A", "An", "If", "Why", "How", "What", "Who", "Data", "Chinese", "American", "European", "US",
                  "U.S.", "UK", "EU", "AI", "Series", "CEO", "Reuters", "Bloomberg", "Photo", "Image", "Source",
                  "Global", "Total", "Other", "Some", "Many", "Both", "Each", "All", "Such", "There", "Here",
                  "British", "Korean", "Japanese", "Israeli", "French", "German", "Indian", "Taiwanese", "Canadian",
                  "Saudi", "Emirati", "Dutch", "Swiss", "Singaporean", "Asian", "Western", "Generative", "Open",
                  "Finnish", "Swedish", "Norwegian", "Danish", "Italian", "Spanish", "Australian", "Brazilian", "Irish",
                  "Belgian", "Austrian", "Polish", "Turkish", "Vietnamese", "Thai", "Malaysian", "Indonesian",
                  "Russian", "Ukrainian", "Mexican", "Qatari", "Kuwaiti", "Hong", "China", "China's", "America's",
                  "Edge", "Physical", "Sovereign", "Agentic", "Enterprise", "Nasdaq", "NYSE", "Its", "Their",
                  "Former", "Then", "Longtime", "Veteran", "Outgoing", "Incoming", "New", "Interim", "Acting"}
_ZH_NOT_NAME = re.compile(r"[的了在是和与及等将曾已于为被把从向对也都就还又说称中正这该其此每各某]|融资|估值|亿|万元|美元|寻求|宣布|"
                          r"轮|首席|前|总部|旗下|国产|市场|行业|全球|风险投资|产业")
_ZH_BAD_START = set("的了在是和与及等将曾已于为被把从向对也都就还又说称这该其此本每各某一二三四五六七八九十几数多个年月日")
_ZH_BAD_NAMES = {"公司", "科技公司", "芯片公司", "投资", "基金", "资本", "集团", "产业基金", "人工智能", "半导体", "该公司",
                 "初创公司", "创业公司", "中国", "美国", "国内", "国外", "海外", "全球", "国产", "国家", "政府", "行业",
                 "科技", "智能", "股份", "研究院", "实验室", "大学", "风险投资", "股权投资", "投资机构", "投资方"}


def _plausible_org(surface: str, language: str) -> bool:
    if not surface or len(surface) > 60:
        return False
    if language == "en":
        first = surface.split()[0]
        if first in _EN_STOP_NAMES or surface in _EN_STOP_NAMES:
            return False
        return surface[:1].isupper() or surface[:1].isdigit() or surface.startswith("d-")
    if surface in _ZH_BAD_NAMES or surface[0] in _ZH_BAD_START:
        return False
    if any(ch in surface for ch in "，。；：、,;:!?") or _ZH_NOT_NAME.search(surface):
        return False
    return True


# ---------------------------------------------------------------- people


# a Chinese name with its English form in parentheses: "乔纳森·罗斯（Jonathan Ross）" (tried only just before an
# opening parenthesis, up to the closing one: elsewhere the Chinese part backtracks at every character)
_ZH_GLOSS = KeywordWindowPattern(re.compile(
    r"(?P<zh>[\u4e00-\u9fff]{1,6}[·・][\u4e00-\u9fff]{1,8}|[\u4e00-\u9fff]{2,3})\s?[(（]\s?"
    r"(?P<name>[A-Z][A-Za-z.'-]+(?:\s[A-Z][A-Za-z.'-]+){1,3})\s?[)）]"), re.compile(r"[(（]"), chars=17, until=")）")


@Language.factory("accelkb_people", assigns=["doc.spans"], default_config={"language": "en"})
def make_people(nlp: Language, name: str, language: str) -> Any:
    """Person names: near role words, with an English gloss, or as a Chinese surname + given name."""
    lex = load_lexicon(language)
    gaz = load_gazetteer()
    # listed people are people wherever they are named, and keep their usual English name
    spellings = {normalize(s) for p in gaz.people.values() for s in (p.name, *p.aliases)}
    # two scans: Latin names between word boundaries (behind a first-letter lookahead), Chinese ones as they are
    listed_scans = [with_first_char_lookahead(re.compile(
                        rf"(?<![\w-]){word_alternation(s for s in spellings if not has_cjk(s))}(?![\w-])")),
                    re.compile(word_alternation(s for s in spellings if has_cjk(s)))]
    stops = set(lex.section("people", "person_stop") or [])
    # stop words that are also given names ("June Paik", "May Habib"): allowed as a name's first word
    given_names = set(lex.section("people", "stop_words_that_are_given_names") or [])
    if language == "en":
        word = r"(?:[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?|[A-Z]\.|[A-Z][a-z]*[A-Z][a-z]+|O'[A-Z][a-z]+)"
        person_re = with_first_char_lookahead(
            re.compile(rf"(?<![\w.])(?P<name>{word}(?:\s(?:de\s|van\s|von\s|da\s|di\s|le\s)?{word}){{1,2}})(?![\w])"))
    else:
        surnames = str(lex.section("people", "surnames") or "")
        compound = "|".join(lex.section("people", "compound_surnames") or [])
        stop_chars = re.escape(str(lex.section("people", "name_stop") or ""))
        # (a later word in capitals is a title or a code, not a name: "Nvidia CEO Jensen Huang")
        latin = with_first_char_lookahead(re.compile(
            r"(?<![A-Za-z])(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:\s[A-Z][a-z][a-zA-Z]*){1,2})(?![A-Za-z])"))
        han_name = re.compile(rf"(?P<name>(?:{compound}|[{surnames}])[\u4e00-\u9fff](?:(?![{stop_chars}])[\u4e00-\u9fff])?)")
        speaker = re.compile(rf"(?P<name>(?:{compound}|[{surnames}])[\u4e00-\u9fff]{{1,2}}?)(?:表示|称|说|指出|透露|认为|介绍|告诉)")
        org_words = tuple(normalize(s) for s in [*(lex.section("orgs", "suffixes") or []),
                                                 *(lex.section("people", "not_before_name_end") or [])])
    person_label = nlp.vocab.strings.add("person")

    def annotate(doc: Doc) -> Doc:
        text = doc_text(doc)
        roles = spans_of(doc, "role")
        orgs = spans_of(doc, "org") + spans_of(doc, "product")
        found: list[Span] = []
        values = doc_values(doc)
        cues = doc.user_data.get(CUES, [])
        founded_by = [(s, e) for s, e, label in cues if label == "FOUNDED_BY"]
        serve_ends: dict[int, int] = {}  # where each serve verb starts -> where its longest reading ends
        for s, e, label in cues:
            if label == "SERVE_VERB":
                serve_ends[s] = max(e, serve_ends.get(s, e))
        hire_ends = [e for _, e, label in cues if label == "HIRE_VERB"]
        led_by_ends = [e for _, e, label in cues if label == "LED_BY_PERSON"]
        founded_starts = sorted(s for s, _, label in cues if label == "FOUNDED_VERB")

        def add(start: int, end: int, canonical: str) -> None:
            span = doc.char_span(start, end, label=person_label, alignment_mode="contract")
            if span is None or any(o.start < span.end and span.start < o.end for o in orgs):
                return
            values[("person", span.start_char)] = gaz.person_name(text[span.start_char:span.end_char]) or canonical
            found.append(span)

        for scan in listed_scans:
            for m in scan.finditer(text):
                add(m.start(), m.end(), m.group(0))

        if language == "en":
            role_starts = {r.start_char: r.end_char for r in roles}
            for m in person_re.finditer(text):
                start, end = m.span("name")
                # "Co-founder Will Passo has stepped down": a capitalised title opening the sentence is not a name
                if start in role_starts and role_starts[start] < end:
                    start = role_starts[start] + 1
                name = text[start:end]
                parts = name.split()
                if len(parts) < 2 or any(p in stops for p in parts[1:]) or parts[-1].endswith(".") or \
                        (parts[0] in stops and parts[0] not in given_names):
                    continue
                # "founded by Jonathan Ross", "Lisa Su, chief executive", "…, Ross said", "run by veteran
                # architect Jim Keller"
                after_founded_by = any(e <= start <= e + 1 for _, e in founded_by)
                after_led_by = any(e < start <= e + 45 and _FEW_LOWER_WORDS.fullmatch(text[e:start]) for e in led_by_ends)
                if after_founded_by or after_led_by or _near_role(doc, roles, start, end, window=60) or _speaks(text, end):
                    add(start, end, name)
        else:
            for m in _ZH_GLOSS.finditer(text):
                start = max([m.start("zh")] + [r.end_char for r in roles if r.start_char < m.end("zh") and r.end_char > m.start("zh")])
                # "由奥姆里·盖勒（Omri Geller）和罗宁·达尔…": a function word before the name is not part of it
                while start < m.end("zh") - 2 and text[start] in _ZH_FUNCTION_CHARS:
                    start += 1
                if start < m.end("zh"):
                    add(start, m.end(), m.group("name"))
            for m in latin.finditer(text):
                name = m.group("name")
                if any(p in stops for p in name.split()):
                    continue
                if _near_role(doc, roles, m.start("name"), m.end("name"), window=25) or _speaks_zh(text, m.end()):
                    add(m.start("name"), m.end("name"), name)
            for start, end in founded_by:
                # "由余凯于2015年创立": the founder's name right after 由, a founding verb shortly after it
                # (not "由史丹佛大学多位教授": a name followed by an organisation word is the organisation's)
                m = han_name.match(text, end)
                if m and any(m.end() <= s <= m.end() + 12 for s in founded_starts) and \
                        not any(text.startswith(w, m.end()) for w in org_words):
                    add(m.start("name"), m.end("name"), _pinyin(m.group("name")))
            for m in han_name.finditer(text):
                # "，余凯现任公司创始人兼CEO": a name opening a clause right before a serve verb with a title
                # shortly after it (not "，尤其是台积电…")
                serve_end = serve_ends.get(m.end())
                if serve_end is not None and _opens_clause(text, m.start()) and \
                        any(0 <= r.start_char - serve_end <= 12 for r in roles):
                    add(m.start("name"), m.end("name"), _pinyin(m.group("name")))
            for end in hire_ends:
                # "任命陈立武为首席执行官": the name between the appointing verb and 为 / 担任
                m = han_name.match(text, end)
                if m is None:
                    continue
                name_end = m.end("name")
                if text[name_end - 1] in "为為" and name_end - m.start("name") == 3:
                    name_end -= 1
                if re.match(r"(?:为|為|担任|擔任|出任)", text[name_end:name_end + 2]):
                    add(m.start("name"), name_end, _pinyin(text[m.start("name"):name_end]))
            for role in roles:
                # "首席执行官陈天石", "CEO陈天石", "CEO为欧阳剑" (not "乔纳森·罗斯": a transliterated foreign name)
                linked = re.match(r"(?:为|是|為)", text[role.end_char:role.end_char + 1])
                m = han_name.match(text, role.end_char + (1 if linked else 0))
                if m and not re.match(r"[\u4e00-\u9fff]{0,3}[·・]", text[m.start("name"):m.start("name") + 5]):
                    add(m.start("name"), m.end("name"), _pinyin(m.group("name")))
            for m in speaker.finditer(text):
                if _opens_clause(text, m.start()) or _near_role(doc, roles, m.start(), m.end(), window=6):
                    add(m.start("name"), m.end("name"), _pinyin(m.group("name")))
        set_spans(doc, "person", filter_spans(found))
        return doc

    return annotate


_ZH_FUNCTION_CHARS = frozenset("由和与與及跟同的在是为為被把从從向对對将將")
# what may stand before a name that opens a clause (normalised text: "，" reads ",", "；" reads ";")
_CLAUSE_OPENERS = frozenset("，,。：:“\"、 \n；;")


def _opens_clause(text: str, start: int) -> bool:
    """True when the text at `start` opens the text or a clause."""
    return start == 0 or text[start - 1] in _CLAUSE_OPENERS


def _pinyin(name: str) -> str:
    from entities.names import person_pinyin

    return person_pinyin(name)


def _near_role(doc: Doc, roles: list[Span], start: int, end: int, window: int) -> bool:
    return any(abs(r.start_char - end) <= window or abs(start - r.end_char) <= window for r in roles)


def _speaks(text: str, end: int) -> bool:
    return bool(re.match(r",?\s(?:said|says|told|wrote|added|noted|explained)\b", text[end:end + 12]))


def _speaks_zh(text: str, end: int) -> bool:
    return bool(re.match(r"\s?(?:表示|称|说|指出|透露|认为|告诉)", text[end:end + 4]))
