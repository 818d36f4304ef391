"""Find percentages and share expressions: "97.2%", "70% to 95%", "over 80%", "逾九成", "七成至九成五"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.casefold import CaseBlindPattern
from ingest.lexicon import load_lexicon
from ingest.parse.numerals import NUMBER, chinese_numeral_value
from ingest.prefilter import Screen, TextScreen


@dataclass(frozen=True)
class Percent:
    """A share or percentage: low/high as fractions; bound 'lower' / 'upper' for open ranges."""

    start: int
    end: int
    low: float | None
    high: float | None
    bound: str | None
    text: str


@dataclass(frozen=True)
class _Grammar:
    patterns: tuple[CaseBlindPattern, ...]
    qualifiers: dict[str, str]
    post_qualifiers: dict[str, str]
    qualifier_tail: re.Pattern[str]
    words: dict[str, tuple[float, str]]
    trend_to: re.Pattern[str]


def _alt(words: list[str]) -> str:
    """Words for a case-blind pattern, in lower case (so that it has a twin for lowercased text)."""
    ordered = sorted({w.lower() for w in words if w}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w) for w in ordered) + ")"


@lru_cache(maxsize=2)
def _grammar(languages: tuple[str, ...]) -> _Grammar:
    signs: list[str] = []
    qualifiers: dict[str, str] = {}
    post: dict[str, str] = {}
    words: dict[str, tuple[float, str]] = {}
    joiners: list[str] = []
    trend: list[str] = []
    for lang in languages:
        lex = load_lexicon(lang)
        signs += [str(s) for s in lex.section("percent", "signs")]
        qualifiers.update({str(k).lower(): v for k, v in lex.section("percent", "qualifiers").items()})
        post.update(lex.section("percent", "post_qualifiers"))
        joiners += [str(j) for j in lex.section("percent", "range_joiners")]
        trend += [str(t) for t in lex.section("percent", "trend_to")]
        for word, spec in lex.section("percent", "words").items():
            if isinstance(spec, list):
                words[str(word).lower()] = (float(spec[0]), str(spec[1]))
            else:
                words[str(word).lower()] = (float(spec), "point")
    sign = _alt(signs)
    joiner = _alt([j for j in joiners if j != "and"] + ["and"])
    num = NUMBER
    cn = "[一二三四五六七八九十]"
    patterns = (
        # "between 70% and 95%", "70% to 95%", "70-95%", "70%至95%"
        re.compile(rf"(?:between\s)?(?P<n1>{num})\s?(?:{sign})?\s?(?:{joiner})\s?(?P<n2>{num})\s?(?:{sign})", re.I),
        # "97.2%", "80 percent"
        re.compile(rf"(?P<n1>{num})\s?(?:{sign})(?![a-z])", re.I),
        # "七成至九成五", "逾九成", "九成五"
        re.compile(rf"(?P<c1>{cn})成(?P<c1b>{cn})?(?:\s?(?:至|到|-)\s?(?P<c2>{cn})成(?P<c2b>{cn})?)?"),
        # "百分之九十五"
        re.compile(rf"百分之(?P<p1>[一二三四五六七八九十百点零]+)"),
        # word shares: "roughly half", "过半"
        re.compile(rf"(?<![a-z])(?P<w>{_alt(list(words))})(?![a-z])", re.I) if words else re.compile(r"(?!)"),
    )
    qualifier_tail = re.compile(rf"(?:(?<![A-Za-z]){_alt(list(qualifiers))})\s?$", re.I)
    trend_to = re.compile(rf"\s?(?:{_alt(trend)})\s?(?:仅|just|only)?\s?(?P<n>{NUMBER})(?![\d.%]|\s?(?:{sign}))", re.I) \
        if trend else re.compile(r"(?!)")
    patterns = tuple(CaseBlindPattern.of(p, lookahead=True) for p in patterns)
    return _Grammar(patterns, qualifiers, post, qualifier_tail, words, trend_to)


def _cn_tenths(whole: str, extra: str | None) -> float | None:
    base = chinese_numeral_value(whole)
    if base is None:
        return None
    value = base / 10
    if extra:
        digit = chinese_numeral_value(extra)
        if digit is not None:
            value += digit / 100
    return value


def _cn_percent(text: str) -> float | None:
    if "点" in text:
        whole, _, frac = text.partition("点")
        w = chinese_numeral_value(whole)
        digits = [chinese_numeral_value(ch) for ch in frac]
        if w is None or any(d is None for d in digits):
            return None
        return (w + float("0." + "".join(str(int(d)) for d in digits))) / 100  # type: ignore[arg-type]
    value = chinese_numeral_value(text)
    return value / 100 if value is not None else None


def find_percents(text: str, languages: tuple[str, ...] = ("en", "zh"), *,
                  screen: Screen | None = None) -> list[Percent]:
    """Return every percentage or share expression in `text`, left to right, without overlaps (`screen`: of
    `text`, when the caller has one)."""
    g = _grammar(languages)
    found: list[Percent] = []
    taken: list[tuple[int, int]] = []
    screen = screen or TextScreen(text)
    limits: list[int] = []  # for each of `found`, the end of the span (sentence) it was found in
    for index, pattern in enumerate(g.patterns):
        for m, lo, hi in pattern.scan(text, screen):
            start, end = m.span()
            if any(s < end and start < e for s, e in taken):
                continue
            low, high, bound = _values(m, index, g)
            if low is None and high is None:
                continue
            if (low is not None and not 0 <= low <= 1.0001) or (high is not None and not 0 <= high <= 1.0001):
                continue
            if index < 4:
                qualifier = _qualifier(text, start, end, g, (lo, hi))
                if qualifier == "lower" and high == low:
                    high = None
                    bound = "lower"
                elif qualifier == "upper" and high == low:
                    low = None
                    bound = "upper"
            taken.append((start, end))
            if index == 0 and re.search(r"(?:\bfrom|从)\s?$", text[max(lo, start - 6):start], re.I):
                # "from 20% to 35%": two readings at two times, not a range
                found.append(Percent(start, m.end("n1") + 1, round(low, 4), round(low, 4), None, text[start:m.end("n1") + 1]))
                found.append(Percent(m.start("n2"), end, round(high, 4), round(high, 4), None, text[m.start("n2"):end]))
                limits += [hi, hi]
                continue
            low = round(low, 4) if low is not None else None
            high = round(high, 4) if high is not None else None
            found.append(Percent(start, end, low, high, bound, text[start:end]))
            limits.append(hi)
    # "from 95% to 0": the bare number after a percentage's trend word is a percentage too
    for p, limit in list(zip(found, limits)):
        m = g.trend_to.match(text, p.end, limit)
        if m and not any(s < m.end() and m.start("n") < e for s, e in taken):
            value = float(m.group("n").replace(",", "")) / 100
            if 0 <= value <= 1:
                taken.append((m.start("n"), m.end("n")))
                found.append(Percent(m.start("n"), m.end("n"), value, value, None, m.group("n")))
    found.sort(key=lambda p: p.start)
    return found


def _values(m: re.Match[str], index: int, g: _Grammar) -> tuple[float | None, float | None, str | None]:
    gd = m.groupdict()
    if index in (0, 1):
        low = float(gd["n1"].replace(",", "")) / 100
        high = float(gd["n2"].replace(",", "")) / 100 if gd.get("n2") else low
        if high < low:
            return None, None, None
        return low, high, None
    if index == 2:
        low = _cn_tenths(gd["c1"], gd.get("c1b"))
        high = _cn_tenths(gd["c2"], gd.get("c2b")) if gd.get("c2") else low
        return low, high, None
    if index == 3:
        value = _cn_percent(gd["p1"])
        return value, value, None
    value, kind = g.words[gd["w"].lower()]
    if kind == "lower":
        return value, None, "lower"
    return value, value, None


def _qualifier(text: str, start: int, end: int, g: _Grammar, bounds: tuple[int, int]) -> str | None:
    window = text[max(bounds[0], start - 14):start]
    m = g.qualifier_tail.search(window)
    if m:
        kind = g.qualifiers.get(m.group(0).strip().lower())
        if kind in ("lower", "upper"):
            return kind
    tail = text[end:min(end + 3, bounds[1])]
    for word, kind in g.post_qualifiers.items():
        if tail.startswith(word) and kind in ("lower", "upper"):
            return kind
    return None
