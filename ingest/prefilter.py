"""Cheap tests that let a text skip a regular expression: the strings one of which every match must contain.

A regex scan costs time at every position of the text; a substring test for a few literal words costs next
to nothing. Most of our patterns are anchored on words ("series", "轮", "billion") that a given sentence
does not contain, so a substring test first saves the scan.
"""

from __future__ import annotations

import bisect
import re
from typing import Any, Protocol

from entities.names import has_cjk

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
    # a text holding "january" holds "jan": the longer factor adds nothing but another substring test
    return frozenset(f for f in found if not any(g != f and g in f for g in found))


# what a screen tests for a regex: its required factors and whether it ignores case (None: nothing to
# test, every text may match); keyed by id: hashing a compiled pattern hashes its whole program on every
# call; the pattern is kept in the value so that its id cannot be reused by another object
_GUARDS: dict[int, tuple[re.Pattern[str], tuple[Factors, bool] | None]] = {}


def _guard_key(regex: re.Pattern[str]) -> tuple[Factors, bool] | None:
    """The factors of `regex` and its case-blindness, analysed on first use."""
    entry = _GUARDS.get(id(regex))
    if entry is None or entry[0] is not regex:
        factors = required_factors(regex)
        entry = _GUARDS[id(regex)] = (regex, None if factors is None else (factors, bool(regex.flags & re.IGNORECASE)))
    return entry[1]


# the factors of one key as one pattern (longest first), for texts where the engine can skip to where they begin
_FACTOR_PATTERNS: dict[tuple[Factors, bool], re.Pattern[str]] = {}


def _factor_pattern(key: tuple[Factors, bool]) -> re.Pattern[str]:
    found = _FACTOR_PATTERNS.get(key)
    if found is None:
        found = _FACTOR_PATTERNS[key] = re.compile(
            "|".join(re.escape(f) for f in sorted(key[0], key=lambda f: (-len(f), f))))
    return found


class Screen(Protocol):
    """What a grammar asks of a screen: may this pattern match, and where to look."""

    def allows(self, regex: re.Pattern[str]) -> bool:
        """False only when the text cannot hold a match of `regex`."""

    def spans_for(self, regex: re.Pattern[str]) -> list[tuple[int, int]]:
        """The (start, end) spans of the text to scan with `regex`."""

    def lowered(self) -> str | None:
        """The text in lower case, when that keeps every offset (else None)."""


class TextScreen:
    """Tells which patterns are worth running on one text, and where; each distinct set of words is tested
    once.

    `spans`: the text's sentences (sorted character spans). A pattern is then run only on the runs of
    neighbouring sentences that hold one of its words (a match may cross a boundary inside a run, as it may
    in the whole text, but not into a sentence without such a word); `among(indexes)` screens some sentences,
    each on its own.
    """

    def __init__(self, text: str, folded: str | None = None, spans: list[tuple[int, int]] | None = None) -> None:
        self.text = text
        self._folded = folded
        self._seen: dict[tuple[Factors, bool], bool] = {}
        self._spans = spans
        self._span_ends = [end for _, end in spans] if spans else []
        self._holding: dict[tuple[Factors, bool], frozenset[int]] = {}
        self._held: dict[tuple[tuple[Factors, bool], int], bool] = {}
        self._runs: dict[tuple[Factors, bool], list[tuple[int, int]]] = {}
        # In Chinese text each character that can begin a word of ours is rare, so one scan for all of a key's
        # words skips ahead quickly; in English text most letters can begin one, and a substring search per
        # word is faster.
        self._one_scan = has_cjk(text)

    def allows(self, regex: re.Pattern[str]) -> bool:
        """False only when the text cannot hold a match of `regex`."""
        key = _guard_key(regex)
        if key is None:
            return True
        hit = self._seen.get(key)
        if hit is None:
            haystack = self._haystack(key[1])
            hit = self._seen[key] = self._contains(key, haystack, 0, len(haystack))
        return hit

    def spans_for(self, regex: re.Pattern[str]) -> list[tuple[int, int]]:
        """The (start, end) spans of the text to scan with `regex`: no span when the text cannot hold a
        match; the whole text when the screen has no sentences or the pattern no words to look for."""
        key = _guard_key(regex)
        if key is None or self._spans is None:
            return [(0, len(self.text))] if self.allows(regex) else []
        runs = self._runs.get(key)
        if runs is None:
            runs = self._runs[key] = self._runs_of(sorted(self.sentences_holding(key)))
        return runs

    def holds(self, key: tuple[Factors, bool], index: int) -> bool:
        """True when sentence `index` holds one of the factors of `key` (searched in that sentence alone,
        unless the whole text has been searched for them already)."""
        whole = self._holding.get(key)
        if whole is not None:
            return index in whole
        hit = self._held.get((key, index))
        if hit is None:
            haystack = self._haystack(key[1])
            start, end = (self._spans or [])[index]
            hit = self._held[(key, index)] = len(haystack) != len(self.text) or \
                self._contains(key, haystack, start, end)
        return hit

    @property
    def sentences(self) -> list[tuple[int, int]] | None:
        """The (start, end) spans of the text's sentences, when the screen has them."""
        return self._spans

    def lowered(self) -> str | None:
        """The text in lower case, when that keeps every offset (else None)."""
        folded = self._haystack(True)
        return folded if len(folded) == len(self.text) else None

    def among(self, indexes: set[int]) -> SubsetScreen:
        """The screen of the sentences `indexes` alone, each scanned on its own (in the text's offsets)."""
        return SubsetScreen(self, indexes)

    def sentences_holding(self, key: tuple[Factors, bool]) -> frozenset[int]:
        """Indexes of the sentences holding one of the factors (one substring search per such sentence)."""
        found = self._holding.get(key)
        if found is not None:
            return found
        factors, fold = key
        haystack = self._haystack(fold)
        spans, ends = self._spans or [], self._span_ends
        if len(haystack) != len(self.text):  # lower case moved the offsets (rare): every sentence
            found = frozenset(range(len(spans)))
        elif self._one_scan:
            found = self._holding_by_one_scan(key, haystack)
        else:
            indexes: set[int] = set()
            for factor in factors:
                at = haystack.find(factor)
                while at >= 0:
                    index = bisect.bisect_right(ends, at)
                    if index >= len(spans):
                        break
                    if spans[index][0] <= at and at + len(factor) <= spans[index][1]:
                        indexes.add(index)
                        at = haystack.find(factor, spans[index][1])
                    else:  # between sentences, or across a boundary: look on from the next character
                        at = haystack.find(factor, at + 1)
            found = frozenset(indexes)
        self._holding[key] = found
        return found

    def _holding_by_one_scan(self, key: tuple[Factors, bool], haystack: str) -> frozenset[int]:
        """`sentences_holding` with one pattern for all the factors (the same answer)."""
        pattern = _factor_pattern(key)
        spans, ends = self._spans or [], self._span_ends
        indexes: set[int] = set()
        m = pattern.search(haystack)
        while m is not None:
            at = m.start()
            index = bisect.bisect_right(ends, at)
            if index >= len(spans):
                break
            start, end = spans[index]
            # (the longest factor found here may cross the sentence's end where a shorter one does not)
            if start <= at and (m.end() <= end or any(haystack.startswith(f, at) and at + len(f) <= end
                                                       for f in key[0])):
                indexes.add(index)
                m = pattern.search(haystack, end)
            else:
                m = pattern.search(haystack, at + 1)
        return frozenset(indexes)

    def _runs_of(self, indexes: list[int]) -> list[tuple[int, int]]:
        """Character spans of the runs of neighbouring sentences among `indexes` (sorted)."""
        spans = self._spans or []
        runs: list[tuple[int, int]] = []
        last = -2
        for index in indexes:
            if index == last + 1:  # a run of neighbouring sentences is scanned in one go
                runs[-1] = (runs[-1][0], spans[index][1])
            else:
                runs.append(spans[index])
            last = index
        return runs

    def _contains(self, key: tuple[Factors, bool], haystack: str, start: int, end: int) -> bool:
        """True when `haystack[start:end]` holds one of the factors of `key`."""
        if self._one_scan:
            return _factor_pattern(key).search(haystack, start, end) is not None
        return any(haystack.find(f, start, end) >= 0 for f in key[0])

    def _haystack(self, fold: bool) -> str:
        if fold and self._folded is None:
            self._folded = self.text.lower()
        return self._folded if fold else self.text  # type: ignore[return-value]


class SubsetScreen:
    """The screen of some sentences of a screened text (those with a number, say): a pattern is run on each
    of them that may hold one of its words, on its own, in the offsets of the whole text.

    When the sentences are a small part of the text, each is searched for the words on its own; else the
    whole text once (the answer is the same, only the cost differs).
    """

    def __init__(self, parent: TextScreen, indexes: set[int]) -> None:
        self._parent = parent
        self._indexes = sorted(indexes)
        self._by_sentence = len(indexes) * 4 <= len(parent.sentences or ())
        self._spans: dict[tuple[Factors, bool] | None, list[tuple[int, int]]] = {}

    def allows(self, regex: re.Pattern[str]) -> bool:
        """False only when none of the sentences can hold a match of `regex`."""
        return bool(self.spans_for(regex))

    def spans_for(self, regex: re.Pattern[str]) -> list[tuple[int, int]]:
        """The spans of the sentences that may hold a match, one by one."""
        key = _guard_key(regex)
        found = self._spans.get(key)
        if found is None:
            parent = self._parent
            spans = parent.sentences
            if spans is None:
                found = parent.spans_for(regex)
            elif key is None:
                found = [spans[i] for i in self._indexes]
            elif self._by_sentence:
                found = [spans[i] for i in self._indexes if parent.holds(key, i)]
            else:
                holding = parent.sentences_holding(key)
                found = [spans[i] for i in self._indexes if i in holding]
            self._spans[key] = found
        return found

    def lowered(self) -> str | None:
        """The whole text in lower case, when that keeps every offset (else None)."""
        return self._parent.lowered()


def can_match(regex: re.Pattern[str]) -> bool:
    """False when `regex` can never match: a part every match needs is the empty negative lookahead "(?!)"
    (what an alternation of an empty word list compiles to)."""
    items = _parsed(regex)
    return items is None or not _needs_never(items)


def _needs_never(items: Any) -> bool:
    for op, arg in items:
        name = str(op)
        if name == "ASSERT_NOT" and not list(arg[1]):
            return True
        if name == "SUBPATTERN" and _needs_never(arg[3]):
            return True
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and arg[0] >= 1 and _needs_never(arg[2]):
            return True
        if name == "BRANCH" and all(_needs_never(branch) for branch in arg[1]):
            return True
    return False


# ---------------------------------------------------------------- first characters

# a lookahead pays for itself when it rules out most positions: a set of capitals and digits does, however
# many; one with many lower-case letters (the bulk of English text) does not
_MAX_FIRST_CHARS = 64
_MAX_COMMON_FIRST_CHARS = 12
_GLOBAL_FLAGS = re.compile(r"^\(\?[aiLmsux]+\)")


def _parsed(regex: re.Pattern[str]) -> list[Any] | None:
    """The parsed top-level sequence of `regex`, or None for an unusual construct (then: no shortcut)."""
    try:
        return list(_sre_parse.parse(regex.pattern, regex.flags))
    except Exception:
        return None


def first_chars(regex: re.Pattern[str], items: list[Any] | None = None) -> frozenset[str] | None:
    """Every character a non-empty match of `regex` can begin with (both cases when it ignores case), or
    None when that set is unknown or too large to help (`items`: the parsed pattern, when at hand)."""
    items = items if items is not None else _parsed(regex)
    try:
        chars = _first(items) if items is not None else None
    except Exception:  # an unusual construct: no shortcut
        return None
    if chars is None or _EMPTY in chars:
        return None
    chars = set(chars)
    if regex.flags & re.IGNORECASE:
        chars |= {c.swapcase() for c in chars if c.isascii()}
    common = sum(1 for c in chars if "a" <= c <= "z")
    return frozenset(chars) if len(chars) <= _MAX_FIRST_CHARS and common <= _MAX_COMMON_FIRST_CHARS else None


_EMPTY = "\0empty"  # marks "the sequence can match without consuming a character"


def _first(items: list[Any]) -> set[str] | None:
    """First characters of a parsed sequence; contains _EMPTY when the sequence can match empty."""
    out: set[str] = set()
    for op, arg in items:
        name = str(op)
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue  # zero-width: the next item decides
        if name == "LITERAL":
            return out | {chr(arg)}
        if name == "IN":
            members = _class_members(arg)
            return None if members is None else out | members
        step: set[str] | None
        if name == "SUBPATTERN":
            step = _first(list(arg[3]))
        elif name == "ATOMIC_GROUP":
            step = _first(list(arg))
        elif name == "BRANCH":
            step = set()
            for branch in arg[1]:
                inner = _first(list(branch))
                if inner is None:
                    return None
                step |= inner
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            step = _first(list(arg[2]))
            if step is not None and arg[0] == 0:
                step = step | {_EMPTY}
        else:  # ANY, CATEGORY, GROUPREF...: no small set
            return None
        if step is None:
            return None
        if _EMPTY not in step:
            return out | step
        out |= step - {_EMPTY}
    return out | {_EMPTY}


def _class_members(items: Any) -> set[str] | None:
    members: set[str] = set()
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            members.add(chr(arg))
        elif name == "RANGE" and arg[1] - arg[0] < _MAX_FIRST_CHARS:
            members.update(chr(c) for c in range(arg[0], arg[1] + 1))
        else:  # NEGATE, CATEGORY, a wide range
            return None
    return members


def with_first_char_lookahead(regex: re.Pattern[str]) -> re.Pattern[str]:
    """`regex` behind a lookahead for its possible first characters: the engine then passes over every
    other position at once instead of trying the pattern there. Same matches; `regex` itself when no
    small set of first characters is known."""
    items = _parsed(regex)
    if not items or not _starts_blind(items) or _GLOBAL_FLAGS.match(regex.pattern):
        return regex
    chars = first_chars(regex, items)
    if chars is None:
        return regex
    members = "".join(sorted("\\" + c if c in "\\]^-[" else c for c in chars))
    return re.compile(f"(?=[{members}])(?:{regex.pattern})", regex.flags)


def _starts_blind(items: list[Any]) -> bool:
    """True when the engine cannot skip ahead by itself: the parsed pattern opens with a zero-width assertion
    ("\\b", a lookbehind) or an optional part (a pattern opening with a literal or a class is already
    scanned for quickly)."""
    op, arg = items[0]
    name = str(op)
    if name == "BRANCH":
        return any(branch and str(branch[0][0]) in ("AT", "ASSERT", "ASSERT_NOT") for branch in arg[1])
    return name in ("AT", "ASSERT", "ASSERT_NOT") or (name in ("MAX_REPEAT", "MIN_REPEAT") and arg[0] == 0)
