"""Case-blind patterns run as case-sensitive twins on lowercased text: the twins must match the same."""

from __future__ import annotations

import re

import pytest

from ingest.casefold import CaseBlindPattern, for_lowercase, lowered_text
from ingest.parse import amounts, percents
from tests.test_prefilter import _sample_sentences


def _twins() -> list[CaseBlindPattern]:
    """Every case-blind grammar pattern that has a twin."""
    g = amounts._grammar(("en", "zh"))
    patterns = [g.between, g.prefixed, g.suffixed, *percents._grammar(("en", "zh")).patterns]
    return [p for p in patterns if p.lowered is not None]


def test_named_groups_do_not_prevent_a_twin() -> None:
    assert for_lowercase(re.compile(r"(?P<Num>\d+)\s?million", re.I)) is not None
    assert for_lowercase(re.compile(r"(?P<num>\d+)\s?Million", re.I)) is None  # a capital letter to fold


def test_twin_reads_mixed_case_text() -> None:
    pattern = CaseBlindPattern.of(re.compile(r"(?P<num>\d+)\s?(?:million|bn)", re.I))
    text = "It raised 640 MILLION and 2 Bn."
    assert [m.group("num") for m in pattern.finditer(text, lowered_text(text))] == ["640", "2"]
    assert [m.span() for m in pattern.finditer(text, None)] == [m.span() for m in pattern.finditer(text, text.lower())]


def test_grammars_have_twins() -> None:
    assert len(_twins()) == 6  # the three amount patterns and the three case-blind percentage ones


@pytest.mark.parametrize("index", range(len(_twins())))
def test_twin_finds_the_same_matches(index: int) -> None:
    pattern = _twins()[index]
    assert pattern.lowered is not None
    text = "\n".join(_sample_sentences())
    text += "\nIt raised US$640 MILLION, Between $2 BILLION and $3 Billion, 80 PERCENT, Roughly HALF."
    lowered = lowered_text(text)
    assert lowered is not None
    original = [(m.span(), {k: (v or "").lower() for k, v in m.groupdict().items()}) for m in pattern.regex.finditer(text)]
    twin = [(m.span(), m.groupdict()) for m in pattern.lowered.finditer(lowered)]
    twin = [(span, {k: v or "" for k, v in groups.items()}) for span, groups in twin]
    assert original and twin == original


def test_scan_runs_the_twin_in_the_screens_spans() -> None:
    from ingest.prefilter import TextScreen

    text = "It raised a Series B. Nothing here. A SERIES C followed."
    screen = TextScreen(text, text.lower(), spans=[(0, 21), (22, 35), (36, 56)])
    pattern = CaseBlindPattern.of(re.compile(r"\bseries\s[a-j]\b", re.I))
    assert [(m.group(0), low, high) for m, low, high in pattern.scan(text, screen)] == \
        [("series b", 0, 21), ("series c", 36, 56)]  # found in the lowercased twin, in the holding sentences
    assert [text[m.start():m.end()] for m, _, _ in pattern.scan(text, TextScreen(text))] == ["Series B", "SERIES C"]
