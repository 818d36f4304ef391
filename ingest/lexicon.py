"""Load per-language lexicons (trigger words, units, currencies, round labels, roles) from data files."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from collections.abc import Callable
from typing import Any, TypeVar

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 10x faster

from accelkb.config import data_dir
from ingest.casefold import CaseBlindPattern
from ingest.textnorm import normalize

LANGUAGES = ("en", "zh")
T = TypeVar("T")


@dataclass(frozen=True)
class RoundPattern:
    """A compiled round-label pattern and the label it yields ("Series {L}" fills the letter)."""

    # with its twin for lowercased text, without IGNORECASE (several times faster on long texts)
    pattern: CaseBlindPattern
    label: str | None
    needs_cjk: bool = False  # every match contains a Han character: skip texts without one

    @property
    def regex(self) -> re.Pattern[str]:
        """The case-blind pattern itself."""
        return self.pattern.regex


@dataclass
class Lexicon:
    """Everything one language's extractors know about phrasing."""

    language: str
    raw: dict[str, Any]
    cues: dict[str, list[str]] = field(default_factory=dict)
    cue_patterns: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    rounds: list[RoundPattern] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    _derived: dict[tuple[str, ...], Any] = field(default_factory=dict, repr=False, compare=False)

    def derived(self, key: tuple[str, ...], build: Callable[[], T]) -> T:
        """`build()` once per lexicon (a lexicon is loaded once per language and never changes): regexes and
        word sets the passes make from it, not remade per article."""
        if key not in self._derived:
            self._derived[key] = build()
        return self._derived[key]  # type: ignore[no-any-return]

    def section(self, *path: str) -> Any:
        """Return a nested section of the raw data (empty dict when absent)."""
        node: Any = self.raw
        for key in path:
            if not isinstance(node, dict) or key not in node:
                return {}
            node = node[key]
        return node

    def words(self, *path: str) -> list[str]:
        """Return a list section, normalised for matching."""
        value = self.section(*path)
        if isinstance(value, str):
            return [normalize(value)]
        return [normalize(str(v)) for v in value or []]


def lexicon_path(language: str) -> Path:
    """Path of one language's lexicon file."""
    return data_dir() / "lexicon" / f"{language}.yaml"


@lru_cache(maxsize=4)
def load_lexicon(language: str) -> Lexicon:
    """Load and validate the lexicon of `language`."""
    if language not in LANGUAGES:
        raise ValueError(f"no lexicon for language {language!r}; supported: {', '.join(LANGUAGES)}")
    path = lexicon_path(language)
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader) or {}
    if raw.get("language") != language:
        raise ValueError(f"{path}: 'language' must be {language!r}")
    lex = Lexicon(language=language, raw=raw)
    for label, phrases in (raw.get("cues") or {}).items():
        lex.cues[label] = [normalize(str(p)) for p in phrases or []]
    for label, patterns in (raw.get("cue_patterns") or {}).items():
        for pattern in patterns or []:
            try:
                lex.cue_patterns.append((label, re.compile(normalize(str(pattern)), re.IGNORECASE)))
            except re.error as exc:
                raise ValueError(f"{path}: bad cue pattern {pattern!r} for {label}: {exc}") from None
    for entry in raw.get("rounds") or []:
        try:
            regex = re.compile(normalize(entry["pattern"]), re.IGNORECASE)
        except re.error as exc:
            raise ValueError(f"{path}: bad round pattern {entry.get('pattern')!r}: {exc}") from None
        lex.rounds.append(RoundPattern(CaseBlindPattern.of(regex, lookahead=True), label=entry.get("label"),
                                       needs_cjk=requires_cjk(regex)))
    lex.roles = {normalize(str(k)).lower(): str(v) for k, v in (raw.get("people", {}).get("roles") or {}).items()}
    return lex


def _is_cjk_code(code: int) -> bool:
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF


def _sequence_needs_cjk(items: Any) -> bool:
    """True when a parsed regex sequence cannot match without a Han character."""
    for op, arg in items:
        name = str(op)
        if name == "LITERAL" and _is_cjk_code(arg):
            return True
        if name == "SUBPATTERN" and _sequence_needs_cjk(arg[-1]):
            return True
        if name == "BRANCH" and all(_sequence_needs_cjk(branch) for branch in arg[1]):
            return True
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and arg[0] >= 1 and _sequence_needs_cjk(arg[2]):
            return True
        if name == "IN" and arg and all(str(o) == "LITERAL" and _is_cjk_code(a) for o, a in arg):
            return True
    return False


def requires_cjk(regex: re.Pattern[str]) -> bool:
    """True when no match of `regex` can be free of Han characters (so texts without any can skip it)."""
    try:
        parser = re._parser  # type: ignore[attr-defined]  # Python 3.11+
    except AttributeError:  # pragma: no cover
        import sre_parse as parser  # type: ignore[no-redef]
    try:
        return _sequence_needs_cjk(parser.parse(regex.pattern, regex.flags))
    except Exception:  # an unusual construct: assume it may match anything
        return False


CJK_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=1)
def fx_table() -> dict[str, dict[str, float]]:
    """USD value of one unit of each currency, by year ('default' as fallback)."""
    raw = yaml.load((data_dir() / "lexicon" / "fx_usd.yaml").read_text(encoding="utf-8"), Loader=SafeLoader)
    return {cur: {str(k): float(v) for k, v in rates.items()} for cur, rates in raw.items()}


def to_usd(amount: float | None, currency: str | None, year: int | None) -> float | None:
    """Convert an amount to USD at the year's approximate rate; None when unknown."""
    if amount is None or currency is None:
        return None
    rates = fx_table().get(currency)
    if not rates:
        return None
    rate = rates.get(str(year)) if year else None
    rate = rate if rate is not None else rates.get("default")
    if rate is None:
        return None
    value = amount * rate
    return float(round(value, -3)) if currency != "USD" else float(amount)
