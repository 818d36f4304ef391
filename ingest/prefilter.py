"""Cheap tests that let a text skip a regular expression: the strings one of which every match must contain.

A regex scan costs time at every position of the text; a substring test for a few literal words costs next
to nothing. Most of our patterns are anchored on words ("series", "轮", "billion") that a given sentence
does not contain, so a substring test first saves the scan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

try:
    from re import _parser as _sre_parse  # type: ignore[attr-defined]  # Python 3.11+
except ImportError:  # pragma: no cover
    import sre_parse as _sre_parse  # type: ignore[no-redef]

Factors = frozenset[str]

_MIN_WEIGHT = 2  # one Latin letter is in almost every text: not worth a test


def _weight(factor: str) -> int:
    """Rarity of a literal: a Latin letter, digit or space counts one; a sign ("%", "$") or a Han character two."""
    return sum(1 if ch.isascii() and (ch.isalnum() or ch.isspace()) else 2 for ch in factor)


def _score(factors: Factors) -> tuple[int, int]:
    return min(min(_weight(f) for f in factors), 6), -len(factors)


def _best(candidates: list[Factors]) -> Factors | None:
    return max(candidates, key=_score) if candidates else None


def _sequence(items: Any, fold: bool) -> Factors | None:
    """The best factor set of a parsed sequence (every match of it contains one of the set), or None."""
    candidates: list[Factors] = []
    run = ""
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            run += chr(arg).lower() if fold else chr(arg)
            continue
        if name == "AT":  # \b, ^, $: zero-width, the literal run goes on
            continue
        if run:
            candidates.append(frozenset([run]))
            run = ""
        inner: Factors | None = None
        if name == "SUBPATTERN":
            _, add_flags, _, body = arg
            if add_flags & re.IGNORECASE and not fold:
                continue  # a case-blind part inside a case-sensitive pattern: no exact literal to test
            inner = _sequence(body, fold)
        elif name == "ATOMIC_GROUP":
            inner = _sequence(arg, fold)
        elif name == "BRANCH":
            branches = [_sequence(b, fold) for b in arg[1]]
            if all(b is not None for b in branches):
                inner = frozenset().union(*branches)  # type: ignore[arg-type]
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and arg[0] >= 1:
            inner = _sequence(arg[2], fold)
        if inner:
            candidates.append(inner)
    if run:
        candidates.append(frozenset([run]))
    return _best(candidates)


def required_factors(regex: re.Pattern[str]) -> Factors | None:
    """Strings one of which every match of `regex` contains (lower case when it ignores case), or None
    when the pattern has no literal worth testing for."""
    fold = bool(regex.flags & re.IGNORECASE)
    try:
        found = _sequence(_sre_parse.parse(regex.pattern, regex.flags), fold)
    except Exception:  # an unusual construct: no shortcut, scan every text
        return None
    if not found or _score(found)[0] < _MIN_WEIGHT:
        return None
    return found


@dataclass(frozen=True)
class GuardedPattern:
    """The literals one of which a regex needs to match anything, and whether it ignores case."""

    factors: Factors | None
    fold: bool

    @classmethod
    def of(cls, regex: re.Pattern[str]) -> GuardedPattern:
        """Analyse `regex` once."""
        return cls(required_factors(regex), bool(regex.flags & re.IGNORECASE))


# keyed by id: hashing a compiled pattern hashes its whole program on every call; the pattern is kept in
# the value so that its id cannot be reused by another object
_GUARDS: dict[int, tuple[re.Pattern[str], GuardedPattern]] = {}


def guard_for(regex: re.Pattern[str]) -> GuardedPattern:
    """The guard of `regex`, analysed on first use."""
    entry = _GUARDS.get(id(regex))
    if entry is None or entry[0] is not regex:
        entry = _GUARDS[id(regex)] = (regex, GuardedPattern.of(regex))
    return entry[1]


class TextScreen:
    """Tells which patterns are worth running on one text; each distinct set of words is tested once."""

    def __init__(self, text: str, folded: str | None = None) -> None:
        self.text = text
        self._folded = folded
        self._seen: dict[tuple[Factors, bool], bool] = {}

    def allows(self, regex: re.Pattern[str]) -> bool:
        """False only when the text cannot hold a match of `regex`."""
        guard = guard_for(regex)
        if guard.factors is None:
            return True
        key = (guard.factors, guard.fold)
        hit = self._seen.get(key)
        if hit is None:
            if guard.fold and self._folded is None:
                self._folded = self.text.lower()
            haystack = self._folded if guard.fold else self.text
            hit = self._seen[key] = any(f in haystack for f in guard.factors)  # type: ignore[operator]
        return hit
