"""Find money amounts in text: "$640 million", "US$2.8bn", "EUR 100m", "6.4亿美元", "数千万元"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.casefold import CaseBlindPattern
from ingest.lexicon import Lexicon, load_lexicon
from ingest.parse.numerals import NUMBER, chinese_numeral_value, parse_number
from ingest.prefilter import Screen, TextScreen


@dataclass(frozen=True)
class Amount:
    """A money amount found in text; `high` is set for ranges and vague amounts."""

    start: int
    end: int
    value: float
    high: float | None
    currency: str
    qualifier: str | None  # approx | lower | upper | None
    text: str


def _alternation(words: list[str], *, latin_boundary: bool = False) -> str:
    """Words for a case-blind pattern, written in lower case (so that the pattern has a twin for lowercased
    text, see `CaseBlindPattern`)."""
    ordered = sorted({w.lower() for w in words if w}, key=len, reverse=True)
    parts = []
    for word in ordered:
        escaped = re.escape(word)
        if latin_boundary and word[-1:].isalpha() and word.isascii():
            escaped += r"(?![a-z])"
        parts.append(escaped)
    return "(?:" + "|".join(parts) + ")"


_GENERIC_SUFFIXES = {"元", "块"}


@dataclass(frozen=True)
class _Grammar:
    between: CaseBlindPattern
    prefixed: CaseBlindPattern
    suffixed: CaseBlindPattern
    prefixes: dict[str, str]
    suffixes: dict[str, str]
    units: dict[str, float]
    vague: dict[str, tuple[float, float]]
    qualifiers: dict[str, str]
    post_qualifiers: dict[str, str]
    qualifier_tail: re.Pattern[str]


@lru_cache(maxsize=2)
def _grammar(languages: tuple[str, ...]) -> _Grammar:
    prefixes: dict[str, str] = {}
    suffixes: dict[str, str] = {}
    units: dict[str, float] = {}
    vague: dict[str, tuple[float, float]] = {}
    qualifiers: dict[str, str] = {}
    post: dict[str, str] = {}
    for lang in languages:
        lex: Lexicon = load_lexicon(lang)
        prefixes.update({k: v for k, v in lex.section("currencies", "prefix").items()})
        suffixes.update({k.lower(): v for k, v in lex.section("currencies", "suffix").items()})
        units.update({str(k).lower(): float(v) for k, v in lex.section("numbers", "units").items()})
        vague.update({k: (float(v[0]), float(v[1])) for k, v in lex.section("numbers", "vague").items()})
        qualifiers.update({str(k).lower(): v for k, v in lex.section("numbers", "qualifiers").items()})
        post.update({k: v for k, v in lex.section("numbers", "post_qualifiers").items()})
    unit_re = _alternation(list(units), latin_boundary=True)
    prefix_re = _alternation(list(prefixes))
    suffix_re = _alternation(list(suffixes), latin_boundary=True)
    cn_digits = "零〇一二两三四五六七八九十百千"
    vague_re = _alternation(list(vague))
    number = rf"(?:{NUMBER}|[{cn_digits}]+)"
    amount_core = rf"(?=[\d{cn_digits}数几上十])(?P<vague>{vague_re})?(?P<num>{number})?\s?(?P<unit>{unit_re})?"
    # "between roughly $2.3 billion and $2.7 billion": a qualifier may come after "between"
    approx_words = [word for word, kind in qualifiers.items() if kind == "approx"]
    approx_re = _alternation(approx_words) if approx_words else "(?!)"
    between = CaseBlindPattern.of(re.compile(
        rf"between\s(?:(?P<approx>{approx_re})\s)?(?P<pre>{prefix_re})\s?(?P<num>{NUMBER})(?:\s?(?P<unit>{unit_re}))?"
        rf"\s(?:and)\s(?:{prefix_re})?\s?(?P<num2>{NUMBER})(?:\s?(?P<unit2>{unit_re}))?",
        re.IGNORECASE,
    ))
    prefixed = CaseBlindPattern.of(re.compile(
        rf"(?P<pre>{prefix_re})\s?(?P<num>{NUMBER})(?:\s?(?P<unit>{unit_re}))?"
        rf"(?:\s?(?:-|to|至|到)\s?(?:{prefix_re})?\s?(?P<num2>{NUMBER})(?:\s?(?P<unit2>{unit_re}))?)?"
        rf"(?:\s?(?P<suf>{suffix_re}))?",
        re.IGNORECASE,
    ))
    suffixed = CaseBlindPattern.of(re.compile(
        rf"(?P<pre>{prefix_re})?\s?{amount_core}"
        rf"(?:\s?(?:-|至|到|~)\s?(?P<num2>{NUMBER})\s?(?P<unit2>{unit_re})?)?"
        rf"\s?(?P<suf>{suffix_re})",
        re.IGNORECASE,
    ))
    qualifier_tail = re.compile(rf"(?<![A-Za-z])(?:{_alternation(list(qualifiers))})\s?$", re.IGNORECASE) if qualifiers else re.compile(r"(?!)")
    return _Grammar(between, prefixed, suffixed, prefixes, suffixes, units, vague, qualifiers, post, qualifier_tail)


def _unit_value(unit: str | None, units: dict[str, float]) -> float:
    if not unit:
        return 1.0
    return units.get(unit.lower(), 1.0)


def _number(text: str | None) -> float | None:
    if not text:
        return None
    if text[0].isdigit():
        return parse_number(text)
    return chinese_numeral_value(text)


def _currency(prefix: str | None, suffix: str | None, g: _Grammar) -> str | None:
    # "新台币358亿元": a bare 元 after an explicit currency word only closes the amount
    if prefix and suffix in _GENERIC_SUFFIXES:
        suffix = None
    if suffix:
        cur = g.suffixes.get(suffix.lower())
        if cur:
            return cur
    if prefix:
        for key, cur in g.prefixes.items():
            if key.lower() == prefix.lower():
                return cur
    return None


def find_amounts(text: str, languages: tuple[str, ...] = ("en", "zh"), *,
                 screen: Screen | None = None) -> list[Amount]:
    """Return every money amount in `text`, left to right, without overlaps (`screen`: of `text`, when the
    caller has one)."""
    g = _grammar(languages)
    found: list[Amount] = []
    taken: list[tuple[int, int]] = []
    screen = screen or TextScreen(text)
    for pattern in (g.between, g.prefixed, g.suffixed):
        for m, lo, hi in pattern.scan(text, screen):
            start, end = m.start(), m.end()
            # trim spaces the optional groups may have swallowed at the edges
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if any(s < end and start < e for s, e in taken):
                continue
            amount = _build(m, start, end, text, g, (lo, hi))
            if amount is None:
                continue
            taken.append((start, end))
            found.append(amount)
    found.sort(key=lambda a: a.start)
    return found


def _build(m: re.Match[str], start: int, end: int, text: str, g: _Grammar,
           bounds: tuple[int, int]) -> Amount | None:
    """The amount a match reads; the words before and after it are looked for within `bounds` (the span of
    text scanned: its sentence)."""
    groups = m.groupdict()
    currency = _currency(groups.get("pre"), groups.get("suf"), g)
    if currency is None:
        return None
    unit = _unit_value(groups.get("unit"), g.units)
    vague = g.vague.get(groups.get("vague") or "")
    number = _number(groups.get("num"))
    high: float | None = None
    if vague:
        # "数千万": the vague word scales the unit; a following numeral multiplies too ("数十亿")
        scale = number if number is not None else 1.0
        low_value, high_value = vague[0] * scale * unit, vague[1] * scale * unit
        value, high = low_value, high_value
    else:
        if number is None:
            return None
        value = number * unit
    second = _number(groups.get("num2"))
    if second is not None and not vague:
        unit2 = _unit_value(groups.get("unit2"), g.units)
        if not groups.get("unit") and groups.get("unit2"):
            value = number * unit2 if number is not None else value
        high = second * (unit2 if groups.get("unit2") else unit)
        if high < value:
            value, high = high, value
    if value <= 0 or value > 1e15:
        return None
    # A bare "2025 dollars" style year or tiny sum without unit is rarely a deal amount; keep it but
    # the extractors decide with context.
    qualifier = "approx" if groups.get("approx") else _qualifier_before(text, start, g, bounds[0])
    tail = text[end:min(end + 3, bounds[1])]
    for word, kind in g.post_qualifiers.items():
        if tail.startswith(word):
            qualifier = qualifier or kind
            break
    return Amount(start=start, end=end, value=round(float(value), 2), high=round(float(high), 2) if high else None,
                  currency=currency, qualifier=qualifier, text=text[start:end])


def _qualifier_before(text: str, start: int, g: _Grammar, floor: int = 0) -> str | None:
    window = text[max(floor, start - 16):start]
    m = g.qualifier_tail.search(window)
    if not m:
        return None
    word = m.group(0).strip().lower()
    kind = g.qualifiers.get(word)
    if kind == "point":
        return None
    return kind
