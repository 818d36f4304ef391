"""Case-blind patterns run as case-sensitive ones on lowercased text: same matches, and the regex engine
can then skip ahead to the characters a match may begin with, which IGNORECASE prevents."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


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
    def of(cls, regex: re.Pattern[str]) -> CaseBlindPattern:
        """Pair `regex` with its twin (write its source in lower case so that there is one)."""
        return cls(regex, for_lowercase(regex))

    def finditer(self, text: str, lowered: str | None) -> Iterator[re.Match[str]]:
        """Matches in `text`, found in `lowered` (`lowered_text(text)`) when both it and the twin exist."""
        if lowered is not None and self.lowered is not None:
            return self.lowered.finditer(lowered)
        return self.regex.finditer(text)
