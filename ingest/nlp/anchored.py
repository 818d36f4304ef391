"""A regex run only where a cheap anchor regex says a match could start.

Python's regex engine tries a pattern at every position of the text. When a pattern begins with a
case-blind word list ("chipmaker", "startup", ...) or a lookbehind for a sentence start, it is far cheaper
to find those places with a simple scan (case-blind words: case-sensitively, in the lowercased text) and
try the rest of the pattern only there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class AnchoredPattern:
    """`body` tried where `anchor` matches (at the anchor's end), and at the text start if `at_text_start`."""

    anchor: re.Pattern[str]
    body: re.Pattern[str]
    at_text_start: bool = False
    lowered_anchor: re.Pattern[str] | None = None  # `anchor` without IGNORECASE, for lowercased text

    @classmethod
    def build(cls, anchor: str, body: str, *, case_blind_anchor: bool = False, at_text_start: bool = False) -> AnchoredPattern:
        """Compile an anchor (lowercase words if `case_blind_anchor`) and the body that follows it."""
        if case_blind_anchor:
            return cls(re.compile(anchor, re.IGNORECASE), re.compile(body), at_text_start, re.compile(anchor))
        return cls(re.compile(anchor), re.compile(body), at_text_start)

    def finditer(self, text: str, lowered: str | None = None) -> Iterator[re.Match[str]]:
        """Non-overlapping matches of `body`, left to right, like `re.finditer` (`lowered`: `text.lower()`
        when at hand and of the same length)."""
        if self.lowered_anchor is not None and lowered is not None and len(lowered) == len(text):
            anchors = self.lowered_anchor.finditer(lowered)
        else:
            anchors = self.anchor.finditer(text)
        last_end = 0
        if self.at_text_start:
            first = self.body.match(text, 0)
            if first is not None:
                last_end = first.end()
                yield first
        for anchor in anchors:
            pos = anchor.end()
            if pos < last_end:
                continue
            m = self.body.match(text, pos)
            if m is not None:
                last_end = max(m.end(), pos + 1)
                yield m


@dataclass(frozen=True)
class TailAnchoredPattern:
    """`head` immediately followed by `tail`, found from the tail: each tail match (a cheap literal scan)
    is tried with the leftmost start of `head` that ends exactly where the tail begins. Gives the same
    matches as `re.finditer(head + tail)` as long as no head match is longer than `reach` characters
    and none contains a tail match."""

    head: re.Pattern[str]
    tail: re.Pattern[str]
    head_starts: re.Pattern[str]  # the characters a head match can begin with
    reach: int = 200

    def finditer(self, text: str, lowered: str | None = None) -> Iterator[re.Match[str]]:
        """Matches of the head (its groups, e.g. "name"), left to right."""
        last_end = 0
        for tail in self.tail.finditer(text):
            end = tail.start()
            if end <= last_end:
                continue
            for start in self.head_starts.finditer(text, max(last_end, end - self.reach), end):
                m = self.head.fullmatch(text, start.start(), end)
                if m is not None:
                    last_end = tail.end()
                    yield m
                    break


@dataclass(frozen=True)
class KeywordWindowPattern:
    """`pattern` run only in windows around the matches of `keyword`.

    Every match of `pattern` holds a keyword match, starts at most `words` words (letters, digits, "_" and
    `word_extra`, joined by single spaces) or `chars` characters before it, and ends with it (`lookahead`:
    characters after it the pattern may look at) or at the first of the characters `until` after it. Same
    matches as `pattern.finditer`, without trying the pattern at every position of a long text (a lazy "up to
    six words, then 'market'" backtracks at each)."""

    pattern: re.Pattern[str]
    keyword: re.Pattern[str]
    words: int = 0
    chars: int = 0
    word_extra: str = ""
    lookahead: int = 1  # characters after the keyword the pattern may look at ("\b")
    until: str = ""  # or: a match goes on after the keyword up to the first of these characters

    def finditer(self, text: str, lowered: str | None = None) -> Iterator[re.Match[str]]:
        """Matches of `pattern` in `text`, left to right (`lowered`: unused, as for the other anchored
        patterns)."""
        windows: list[tuple[int, int]] = []
        for k in self.keyword.finditer(text):
            low = self._reach(text, k.start())
            if self.until:
                ends = [at for at in (text.find(ch, k.end()) for ch in self.until) if at >= 0]
                if not ends:
                    continue  # no closing character: no match
                high = min(ends) + 1
            else:
                high = min(len(text), k.end() + self.lookahead)
            if windows and low <= windows[-1][1]:
                windows[-1] = (min(windows[-1][0], low), max(windows[-1][1], high))
            else:
                windows.append((low, high))
        for low, high in windows:
            yield from self.pattern.finditer(text, low, high)

    def _reach(self, text: str, end: int) -> int:
        """The leftmost start a match ending at the keyword at `end` can have."""
        if self.chars:
            return max(0, end - self.chars)
        start = end
        for word in range(self.words):
            while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_" or text[start - 1] in self.word_extra):
                start -= 1
            if word + 1 == self.words or start < 2 or not text[start - 1].isspace():
                break
            start -= 1  # the single space before this word, then the word before it
        return start
