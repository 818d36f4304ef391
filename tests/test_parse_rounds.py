"""Round labels normalised across languages."""

import re

import pytest

from ingest.parse.rounds import find_rounds
from ingest.textnorm import normalize


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("a $155 million Series C extension", "Series C"),
        ("its seed round", "Seed"),
        ("a pre-Series A round", "Pre-A"),
        ("debt financing", "debt"),
        ("a credit facility", "debt"),
        ("its IPO", "IPO"),
        ("Series B-1", "Series B1"),
        ("strategic investment", "strategic"),
        ("完成B1+轮融资", "Series B1+"),
        ("C 轮融资", "Series C"),
        ("天使轮", "Angel"),
        ("Pre-A轮", "Pre-A"),
        ("戰略投資", "strategic"),
        ("Pre-IPO轮", "Pre-IPO"),
        ("首次公开募股", "IPO"),
        ("B輪融資", "Series B"),
    ],
)
def test_round_labels(text: str, label: str) -> None:
    found = [r for r in find_rounds(normalize(text)) if r.label]
    assert [r.label for r in found] == [label]


def test_patterns_that_need_han_characters_are_known() -> None:
    import re

    from ingest.lexicon import requires_cjk

    assert requires_cjk(re.compile(r"([a-j])([0-9])?(\+)?\s?轮", re.I))
    assert requires_cjk(re.compile(r"(?:银行)?(?:贷款|债务融资)"))
    assert not requires_cjk(re.compile(r"pre[- ]?ipo轮?", re.I))  # the 轮 is optional
    assert not requires_cjk(re.compile(r"公开发行|(?<![a-z])ipo(?![a-z])", re.I))  # one branch is Latin


def test_lowercase_fast_path_reads_the_same_labels() -> None:
    from ingest.casefold import for_lowercase

    text = "Cerebras closed a SERIES G-1 extension, after its Series F and a Pre-IPO round; 完成B+轮融资。"
    assert [(r.label, r.text) for r in find_rounds(text)] == [
        ("Series G1", "SERIES G-1 extension"), ("Series F", "Series F"), ("Pre-IPO", "Pre-IPO"), ("Series B+", "B+轮")]
    assert for_lowercase(re.compile(r"\bSeries", re.I)) is None  # a capital letter: keep the original
    assert for_lowercase(re.compile(r"\bseries\s\S", re.I)) is not None
