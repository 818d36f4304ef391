"""Word lists as prefix trees: the same matches as a longest-first alternation."""

from __future__ import annotations

import random
import re

import pytest

from ingest.wordlist_regex import word_alternation

WORDS = ["raise", "raised", "raises", "raising", "rais", "r", "said", "say", "says", "a-b", "x]y", "$", "US$",
         "Inc.", "Inc", "bn", "b", "billion", "亿", "亿元", "万"]


def test_shared_starts_are_written_once() -> None:
    assert word_alternation(["raise", "raised", "raising"]) == "(?:rais(?:ed?|ing))"


def test_no_words_match_nothing() -> None:
    assert re.search(word_alternation([]), "anything") is None


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
@pytest.mark.parametrize("guarded", [False, True])
def test_same_matches_as_the_longest_first_alternation(flags: int, guarded: bool) -> None:
    def guard(word: str) -> str:
        return r"(?![A-Za-z])" if word[-1:].isalpha() and word.isascii() else ""

    tree = re.compile(word_alternation(WORDS, guard if guarded else None) + r"\b", flags)
    plain_parts = [re.escape(w) + (guard(w) if guarded else "") for w in sorted(set(WORDS), key=len, reverse=True)]
    plain = re.compile("(?:" + "|".join(plain_parts) + r")\b", flags)
    rng = random.Random(7)
    alphabet = "raisedyngx]$USInc.-b billon亿元万"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        assert [m.span() for m in tree.finditer(text)] == [m.span() for m in plain.finditer(text)], text
