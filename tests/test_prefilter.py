"""The literal screen in front of each regex: it must never turn away a text the regex matches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.lexicon import load_lexicon
from ingest.parse import amounts, dates, percents
from ingest.prefilter import TextScreen, required_factors
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
    patterns += [g.between, g.prefixed, g.suffixed]
    patterns += list(percents._grammar(("en", "zh")).patterns)
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
