"""The literal screen in front of each regex: it must never turn away a text the regex matches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.lexicon import load_lexicon
from ingest.parse import amounts, dates, percents
from ingest.prefilter import TextScreen, first_chars, required_factors, with_first_char_lookahead
from ingest.textnorm import normalize

ROOT = Path(__file__).resolve().parent.parent
# our sample and golden articles, and the real ones in ../shared when they are there
TEXT_FOLDERS = [ROOT / "data" / "articles", ROOT / "data" / "golden", ROOT.parent / "shared" / "eval" / "dev" / "articles",
                ROOT.parent / "shared" / "seeds"]


def test_required_words_of_a_pattern() -> None:
    assert required_factors(re.compile(r"\bseries[- ]([a-j])\b", re.I)) == {"series"}
    assert required_factors(re.compile(r"(?:led|co-led) by", re.I)) == {" by"}  # the longer of the two
    assert required_factors(re.compile(r"A轮|B轮")) is not None
    # a choice between literals needs one of them
    assert required_factors(re.compile(r"\b(?:billion|million)\b")) == {"billion", "million"}


def test_no_screen_for_patterns_without_a_literal() -> None:
    assert required_factors(re.compile(r"\d+(?:\.\d+)?")) is None
    assert required_factors(re.compile(r"(?:abc)?x")) is None  # one common letter is not worth a test


def test_case_blind_parts_of_a_case_sensitive_pattern_are_not_tested() -> None:
    factors = required_factors(re.compile(r"(?i:chipmaker) [A-Z]\w+"))
    assert factors is None


def test_case_blind_pattern_matches_any_case() -> None:
    screen = TextScreen("The SERIES B round")
    assert screen.allows(re.compile(r"\bseries\s+b\b", re.I))
    assert not TextScreen("no round label here").allows(re.compile(r"\bseries\s+b\b", re.I))


def _all_patterns() -> list[re.Pattern[str]]:
    patterns = [p.regex for lang in ("en", "zh") for p in load_lexicon(lang).rounds]
    for languages in (("en",), ("zh",), ("en", "zh")):
        patterns += [p for _, p in dates._grammar(languages).patterns]
    g = amounts._grammar(("en", "zh"))
    patterns += [g.between.regex, g.prefixed.regex, g.suffixed.regex]
    patterns += [p.regex for p in percents._grammar(("en", "zh")).patterns]
    return patterns


def _sample_sentences() -> list[str]:
    files = [p for folder in TEXT_FOLDERS if folder.is_dir() for p in sorted(folder.rglob("*"))
             if p.is_file() and p.suffix in (".txt", ".md", ".json", ".jsonl", ".html")]
    texts = [normalize(p.read_text(encoding="utf-8", errors="replace")) for p in files]
    return [s for t in texts for s in re.split(r"(?<=[.!?。！？\n])", t) if s.strip()]


@pytest.mark.parametrize("index", range(len(_all_patterns())))
def test_screen_never_rejects_a_sentence_that_matches(index: int) -> None:
    pattern = _all_patterns()[index]
    sentences = _sample_sentences()
    assert sentences, "no sample articles found"
    rejected_matches = [s for s in sentences if pattern.search(s) and not TextScreen(s).allows(pattern)]
    assert rejected_matches == []


def test_redundant_longer_factors_are_dropped() -> None:
    # a text holding "january" holds "jan"
    assert required_factors(re.compile(r"\b(?:jan|january|feb|february)\s\d", re.I)) == {"jan", "feb"}


def test_first_characters_of_a_pattern() -> None:
    assert first_chars(re.compile(r"\b(?:debt|credit)\s+facility")) == {"d", "c"}
    assert first_chars(re.compile(r"(?<![a-z])ipo", re.I)) == {"i", "I"}
    assert first_chars(re.compile(r"(?:the\s)?q[1-4]")) == {"t", "q"}
    assert first_chars(re.compile(r"\w+")) is None  # a category: no small set
    assert first_chars(re.compile(r"(?:abc)?")) is None  # can match empty


def test_lookahead_is_added_only_where_the_engine_cannot_skip_by_itself() -> None:
    literal_first = re.compile(r"天使轮")
    assert with_first_char_lookahead(literal_first) is literal_first
    blind = with_first_char_lookahead(re.compile(r"\bseries\s[a-j]\b", re.I))
    assert blind.pattern.startswith("(?=[")


@pytest.mark.parametrize("index", range(len(_all_patterns())))
def test_lookahead_keeps_every_match(index: int) -> None:
    pattern = _all_patterns()[index]
    inner = re.compile(pattern.pattern.split(")(?:", 1)[1][:-1], pattern.flags) \
        if pattern.pattern.startswith("(?=[") else pattern
    fast = with_first_char_lookahead(inner)
    text = "\n".join(_sample_sentences())
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in inner.finditer(text)]


def test_spans_are_the_runs_of_sentences_holding_a_word() -> None:
    text = "It raised a Series B. Nothing here. A Series C followed. Then a Series D."
    sentences = [(0, 21), (22, 35), (36, 56), (57, 73)]
    screen = TextScreen(text, text.lower(), spans=sentences)
    pattern = re.compile(r"\bseries\s[a-j]\b", re.I)
    assert screen.spans_for(pattern) == [(0, 21), (36, 73)]  # the last two neighbour: one run
    assert screen.spans_for(re.compile(r"\bipo\b", re.I)) == []
    assert screen.spans_for(re.compile(r"\d+")) == [(0, len(text))]  # no word to look for: the whole text
    assert TextScreen(text).spans_for(pattern) == [(0, len(text))]  # no sentences given



def test_patterns_that_can_never_match() -> None:
    from ingest.prefilter import can_match

    assert not can_match(re.compile(r"(?P<month>(?!))\s\d{1,2}"))  # an empty word list
    assert can_match(re.compile(r"in\s(?:(?!))?\d"))  # the empty part is optional
    assert can_match(re.compile(r"(?!)|ipo"))  # another branch can match
    assert can_match(re.compile(r"ipo(?!s)"))


def test_a_subset_of_sentences_is_scanned_sentence_by_sentence() -> None:
    text = "It raised a Series B. Nothing here. An IPO followed."
    screen = TextScreen(text, text.lower(), spans=[(0, 21), (22, 35), (36, 52)])
    series, ipo = re.compile(r"\bseries\s[a-j]\b", re.I), re.compile(r"\bipo\b", re.I)
    everywhere = re.compile(r"\d+")
    assert screen.among({0, 1, 2}).spans_for(series) == [(0, 21)]
    assert screen.among({0, 1, 2}).spans_for(everywhere) == [(0, 21), (22, 35), (36, 52)]  # one by one, no runs
    assert screen.among({1, 2}).spans_for(series) == [] and not screen.among({1, 2}).allows(series)
    assert screen.among({1, 2}).spans_for(ipo) == [(36, 52)]  # in the offsets of the whole text
    # a few sentences of many: each searched on its own, with the same answers
    long_text = " ".join(["Nothing here."] * 7 + ["An IPO followed."])
    sentences = [(14 * i, 14 * i + 13) for i in range(7)] + [(98, 114)]
    long_screen = TextScreen(long_text, long_text.lower(), spans=sentences)
    assert long_screen.among({1, 7}).spans_for(ipo) == [(98, 114)]
    assert long_screen.among({1}).spans_for(ipo) == []


def test_one_scan_for_all_words_finds_the_same_sentences() -> None:
    from ingest.prefilter import _guard_key

    keys = sorted({_guard_key(p) for p in _all_patterns()} - {None}, key=repr)
    files = [p for folder in TEXT_FOLDERS if folder.is_dir() for p in sorted(folder.rglob("*.txt"))][:40]
    texts = [normalize(p.read_text(encoding="utf-8", errors="replace")) for p in files]
    assert keys and any(re.search("[\u4e00-\u9fff]", t) for t in texts) and any(t.isascii() for t in texts)

    def answers(text: str, spans: list[tuple[int, int]], one_scan: bool) -> tuple[object, ...]:
        whole, each = TextScreen(text, text.lower(), spans=spans), TextScreen(text, text.lower(), spans=spans)
        whole._one_scan = each._one_scan = one_scan
        return ([whole.sentences_holding(k) for k in keys], [[each.holds(k, i) for i in range(len(spans))] for k in keys],
                [each.allows(re.compile("|".join(re.escape(f) for f in k[0]), re.I if k[1] else 0)) for k in keys])

    for text in texts:
        spans = [(m.start(), m.end()) for m in re.finditer(r"[^.!?。！？\n]+", text)]
        assert answers(text, spans, True) == answers(text, spans, False), text[:60]


def test_one_scan_keeps_a_shorter_word_where_the_longest_crosses_a_sentence_end() -> None:
    text, spans = "It closed last month", [(0, 14), (15, 20)]
    key = (frozenset({"last month", "last"}), True)
    for one_scan in (True, False):
        screen = TextScreen(text, text.lower(), spans=spans)
        screen._one_scan = one_scan
        assert screen.sentences_holding(key) == {0}
