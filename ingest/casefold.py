"""Case-blind patterns run as case-sensitive ones on lowercased text: same matches, and the regex engine
can then skip ahead to the characters a match may begin with, which IGNORECASE prevents."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ingest.prefilter import Screen, with_first_char_lookahead


def lowered_text(text: str) -> str | None:
    """`text` in lower case when that keeps every offset (it does for almost all text), else None."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else None


def for_lowercase(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    """The case-blind `regex` as a case-sensitive pattern for lowercased text, when that means the same
    (no capital letters outside escapes, no inline flags); None otherwise."""
    source = re.sub(r"\\.|\(\?P<\w+>|\(\?P=\w+\)", "", regex.pattern)  # escapes and group names hold no letters to fold
    if not regex.flags & re.IGNORECASE or "(?" + "i" in source or re.search(r"[A-Z]", source) or \
            re.search(r"\(\?[aiLmsux-]+[:)]", source):
        return None
    return re.compile(regex.pattern, regex.flags & ~re.IGNORECASE)


@dataclass(frozen=True)
class CaseBlindPattern:
    """A case-blind regex and, when one exists, its case-sensitive twin for lowercased text."""

    regex: re.Pattern[str]
    lowered: re.Pattern[str] | None

    @classmethod
    def of(cls, regex: re.Pattern[str], *, lookahead: bool = False) -> CaseBlindPattern:
        """Pair `regex` with its twin (write its source in lower case so that there is one); `lookahead`: both
        behind a lookahead for their first characters (`with_first_char_lookahead`)."""
        lowered = for_lowercase(regex)  # (before the lookahead, whose class names both cases)
        if not lookahead:
            return cls(regex, lowered)
        return cls(with_first_char_lookahead(regex),
                   with_first_char_lookahead(lowered) if lowered is not None else None)

    def finditer(self, text: str, lowered: str | None, pos: int = 0,
                 endpos: int | None = None) -> Iterator[re.Match[str]]:
        """Matches in `text[pos:endpos]` (offsets as in `re.finditer`), found in `lowered`
        (`lowered_text(text)`) when both it and the twin exist."""
        end = len(text) if endpos is None else endpos
        if lowered is not None and self.lowered is not None:
            return self.lowered.finditer(lowered, pos, end)
        return self.regex.finditer(text, pos, end)

    def scan(self, text: str, screen: Screen) -> Iterator[tuple[re.Match[str], int, int]]:
        """Matches in the spans of `text` that `screen` gives for this pattern, each with the (start, end) of
        its span (a sentence, when the screen has them)."""
        lowered = screen.lowered()
        for low, high in screen.spans_for(self.regex):
            for m in self.finditer(text, lowered, low, high):
                yield m, low, high
