"""Find dates and resolve them against the article's date: "April 2021", "last year", "今年6月", "周一"."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from ingest.casefold import CaseBlindPattern
from ingest.lexicon import load_lexicon
from ingest.prefilter import Screen, TextScreen, can_match, with_first_char_lookahead

YEAR = r"(?:19[89]\d|20[0-4]\d)"


@dataclass(frozen=True)
class DateMention:
    """A date found in text; `value` is YYYY, YYYY-MM or YYYY-MM-DD (None if unresolvable)."""

    start: int
    end: int
    value: str | None
    explicit_year: bool
    text: str
    same_as_before: bool = False  # "同年", "that same year": the year of the date stated before it


def _alt(words: list[str]) -> str:
    ordered = sorted({w for w in words if w}, key=len, reverse=True)
    if not ordered:
        return "(?!)"  # a language without such words: match nothing
    return "(?:" + "|".join(re.escape(w) for w in ordered) + ")"


@dataclass(frozen=True)
class _Grammar:
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    months: dict[str, int]
    weekdays: dict[str, int]
    relative: dict[str, tuple[str, int]]
    quarters: dict[str, int]
    year_words: dict[str, int]
    # (kind, pattern with its twin for lowercased text) in order, for each (numeric, numeric_only) mode of
    # `find_dates`; the case-blind patterns' twins are written without IGNORECASE (faster, same matches)
    by_mode: dict[tuple[bool, bool], tuple[tuple[str, CaseBlindPattern], ...]]


@lru_cache(maxsize=2)
def _grammar(languages: tuple[str, ...]) -> _Grammar:
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    relative: dict[str, tuple[str, int]] = {}
    quarters: dict[str, int] = {}
    year_words: dict[str, int] = {}
    for lang in languages:
        lex = load_lexicon(lang)
        months.update({str(k).lower(): int(v) for k, v in lex.section("dates", "months").items()})
        weekdays.update({str(k).lower(): int(v) for k, v in lex.section("dates", "weekdays").items()})
        relative.update({str(k).lower(): (str(v[0]), int(v[1])) for k, v in lex.section("dates", "relative").items()})
        quarters.update({str(k).lower(): int(v) for k, v in lex.section("dates", "quarters").items()})
        year_words.update({str(k): int(v) for k, v in lex.section("dates", "year_words").items()})
    patterns = _patterns(months, relative, weekdays, quarters, year_words, lowered=False)
    lowered = dict(_patterns(months, relative, weekdays, quarters, year_words, lowered=True))
    by_mode = {(numeric, numeric_only): tuple(
        (kind, CaseBlindPattern(pattern, lowered.get(kind))) for kind, pattern in patterns
        if not ((not numeric and kind not in WORD_KINDS) or (numeric_only and kind in WORD_KINDS)))
        for numeric in (True, False) for numeric_only in (True, False)}
    return _Grammar(tuple(patterns), months, weekdays, relative, quarters, year_words, by_mode)


def _patterns(months: dict[str, int], relative: dict[str, tuple[str, int]], weekdays: dict[str, int],
              quarters: dict[str, int], year_words: dict[str, int], *,
              lowered: bool) -> list[tuple[str, re.Pattern[str]]]:
    """The date patterns in order; `lowered`: only the case-blind ones, rewritten for lowercased text."""
    month = _alt(list(months))
    letters = "a-z" if lowered else "A-Za-z"
    b = rf"(?<![{letters}])"
    e = rf"(?![{letters}])"
    case = 0 if lowered else re.I
    yw = _alt(list(year_words)) if year_words else "(?!)"
    quarter = _alt(list(quarters)) if quarters else "(?!)"
    patterns: list[tuple[str, re.Pattern[str]]] = [
        ("zh_ymd", re.compile(rf"(?P<y>{YEAR})\s?年\s?(?P<m>\d{{1,2}})\s?月\s?(?P<d>\d{{1,2}})\s?[日号]")),
        ("zh_ym", re.compile(rf"(?P<y>{YEAR})\s?年\s?(?P<m>\d{{1,2}})\s?月")),
        ("zh_wm", re.compile(rf"(?P<yw>{yw})\s?(?P<m>\d{{1,2}})\s?月(?:份)?(?:\s?(?P<d>\d{{1,2}})\s?[日号])?")),
        ("zh_yq", re.compile(rf"(?P<y>{YEAR})\s?年\s?(?:的)?(?P<q>第?[一二三四]季度?|Q[1-4])")),
        ("zh_wq", re.compile(rf"(?P<yw>{yw})\s?(?:的)?(?P<q>第?[一二三四]季度?|Q[1-4])")),
        ("zh_md", re.compile(rf"(?<![\d年])(?P<m>\d{{1,2}})\s?月\s?(?P<d>\d{{1,2}})\s?[日号]")),
        ("zh_m", re.compile(rf"(?<![\d年.])(?P<m>\d{{1,2}})\s?月(?:份)?(?![\d])")),
        ("zh_y", re.compile(rf"(?P<y>{YEAR})\s?年")),
        ("iso", re.compile(rf"(?<![\d-])(?P<y>{YEAR})-(?P<m>\d{{2}})-(?P<d>\d{{2}})(?![\d])")),
        ("mdy", re.compile(rf"{b}(?P<mn>{month})\.?\s(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s(?P<y>{YEAR}){e}", case)),
        ("dmy", re.compile(rf"{b}(?P<d>\d{{1,2}})\s(?P<mn>{month})\.?,?\s(?P<y>{YEAR}){e}", case)),
        ("my", re.compile(rf"{b}(?P<mn>{month})\.?,?\s(?:of\s)?(?P<y>{YEAR}){e}", case)),
        ("quarter_y", re.compile(rf"{b}(?:the\s)?(?P<q>{quarter})(?:\sof)?\s(?P<y>{YEAR}){e}", case)),
        ("y_quarter", re.compile(rf"{b}(?P<y>{YEAR})\s(?P<q>{quarter}){e}", case)),
        ("this_month", re.compile(rf"{b}(?P<w>this|last|earlier this|late last|early last|next)\s(?P<mn>{month}){e}", case)),
        ("md", re.compile(rf"{b}(?P<mn>{month})\.?\s(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d])", case)),
        ("in_month", re.compile(rf"{b}(?:in|since|by|from|until|through|during|end of|early|late|mid-?)\s(?P<mn>{month}){e}(?!\s\d)", case)),
        # a quarter without its year: the latest such quarter up to the article date
        ("quarter", re.compile(rf"{b}(?:the\s)?(?P<q>{quarter}){e}(?!\s?(?:of\s)?\d)", case)),
        ("relative", _word_pattern(list(relative), b, e, case=case)),
        ("weekday", _word_pattern(list(weekdays), rf"{b}(?:on\s)?", e, group="wd", case=case)),
        ("year", re.compile(rf"(?<![\d.,$¥€£-])(?P<y>{YEAR})(?![\d%])")),
    ]
    # a language without month names (or year words, quarters...) has patterns that need one: drop them
    patterns = [(kind, with_first_char_lookahead(pattern)) for kind, pattern in patterns if can_match(pattern)]
    if lowered:
        return [(kind, pattern) for kind, pattern in patterns if not pattern.flags & re.IGNORECASE
                and kind in CASE_BLIND_KINDS]
    return patterns


def _word_pattern(words: list[str], before: str, after: str, group: str | None = None,
                  case: int = re.I) -> re.Pattern[str]:
    """Latin words need word boundaries; Chinese words sit between other characters ("去年NVIDIA")."""
    latin = [w for w in words if w.isascii()]
    cjk = [w for w in words if not w.isascii()]
    parts = []
    if latin:
        parts.append(rf"{before}{_named(_alt(latin), group)}{after}")
    if cjk:
        parts.append(_named(_alt(cjk), group, suffix="_zh"))
    return re.compile("|".join(parts), case) if parts else re.compile(r"(?!)")


def _named(pattern: str, group: str | None, suffix: str = "") -> str:
    return f"(?P<{group}{suffix}>{pattern})" if group else pattern


WORD_KINDS = frozenset({"this_month", "in_month", "relative", "weekday", "zh_wq", "quarter"})
CASE_BLIND_KINDS = frozenset({"mdy", "dmy", "my", "quarter_y", "y_quarter", "this_month", "md", "in_month",
                              "relative", "weekday", "quarter"})


def find_dates(text: str, ref: date | None, languages: tuple[str, ...] = ("en", "zh"), *,
               numeric: bool = True, numeric_only: bool = False, screen: Screen | None = None) -> list[DateMention]:
    """Return dates in `text`, resolved against `ref` (the article date) where they are relative.

    `numeric=False` runs only the word patterns ("last year", "周一"); `numeric_only=True` only the
    patterns with digits ("April 2021", "2021年4月"); by default both, with longer matches first.
    `screen`: of the text `text` is part of, when the caller scans it piece by piece.
    """
    g = _grammar(languages)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    screen = screen or TextScreen(text)
    for kind, pattern in g.by_mode[(numeric, numeric_only)]:
        for m, _, hi in pattern.scan(text, screen):
            start, end = m.span()
            if any(s < end and start < e for s, e in taken):
                continue
            value, explicit = _resolve(kind, m, ref, g)
            if kind == "year" and not _plausible_year_context(text[end:min(end + 8, hi)]):
                continue
            taken.append((start, end))
            anaphoric = kind == "relative" and g.relative[m.group(0).strip().lower()][0] == "same"
            found.append(DateMention(start, end, value, explicit, text[start:end], anaphoric))
    found.sort(key=lambda d: d.start)
    return found


def carry_years(mentions: list[DateMention]) -> list[DateMention]:
    """Give each "same year" mention the year of the last date with a stated year before it (text order)."""
    out: list[DateMention] = []
    last_year: str | None = None
    for mention in mentions:
        if mention.same_as_before and last_year is not None:
            mention = replace(mention, value=last_year, explicit_year=True)
        elif mention.explicit_year and mention.value:
            last_year = mention.value[:4]
        out.append(mention)
    return out


_QUANTITY_AFTER = re.compile(r"\s?(?:units|gpus|chips|cards|servers|people|employees|engineers|developers|个|台|颗|张|名|人|万|亿)")


def _plausible_year_context(after: str) -> bool:
    """A bare 4-digit number is a year unless the text `after` it reads like a quantity ("2000 units",
    "1999 GPUs")."""
    return _QUANTITY_AFTER.match(after.lower()) is None


def _ym(year: int, month: int, day: int | None = None) -> str | None:
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return f"{year:04d}-{month:02d}"


def _infer_year(month: int, ref: date | None) -> int | None:
    """A month without a year: this year unless that would be after the article date."""
    if ref is None:
        return None
    return ref.year if month <= ref.month else ref.year - 1


def _quarter_number(text: str, g: _Grammar) -> int | None:
    key = text.lower().replace("第", "")
    for word, number in g.quarters.items():
        if word.replace("第", "") == key:
            return number
    for ch, number in (("一", 1), ("二", 2), ("三", 3), ("四", 4)):
        if ch in text:
            return number
    return None


def _resolve(kind: str, m: re.Match[str], ref: date | None, g: _Grammar) -> tuple[str | None, bool]:
    gd = m.groupdict()
    if kind in ("zh_ymd", "iso"):
        return _ym(int(gd["y"]), int(gd["m"]), int(gd["d"])), True
    if kind == "zh_ym":
        return _ym(int(gd["y"]), int(gd["m"])), True
    if kind == "zh_y" or kind == "year":
        return gd["y"], True
    if kind == "zh_yq" or kind in ("quarter_y", "y_quarter"):
        q = _quarter_number(gd["q"], g)
        return (f"{gd['y']}-Q{q}" if q else gd["y"]), True
    if kind in ("zh_wq", "quarter"):
        q = _quarter_number(gd["q"], g)
        if ref is None or q is None:
            return None, False
        year = ref.year + g.year_words.get(gd["yw"], 0) if kind == "zh_wq" else _infer_year(3 * q - 2, ref)
        return f"{year}-Q{q}", False
    if kind == "zh_wm":
        if ref is None:
            return None, False
        year = ref.year + g.year_words.get(gd["yw"], 0)
        return _ym(year, int(gd["m"]), int(gd["d"]) if gd.get("d") else None), False
    if kind in ("zh_md", "zh_m"):
        month = int(gd["m"])
        year = _infer_year(month, ref)
        if year is None:
            return None, False
        return _ym(year, month, int(gd["d"]) if gd.get("d") else None), False
    if kind in ("mdy", "dmy"):
        return _ym(int(gd["y"]), g.months[gd["mn"].lower()], int(gd["d"])), True
    if kind == "my":
        return _ym(int(gd["y"]), g.months[gd["mn"].lower()]), True
    if kind in ("md", "in_month"):
        month = g.months[gd["mn"].lower()]
        year = _infer_year(month, ref)
        if year is None:
            return None, False
        day = int(gd["d"]) if gd.get("d") else None
        return _ym(year, month, day), False
    if kind == "this_month":
        if ref is None:
            return None, False
        month = g.months[gd["mn"].lower()]
        word = gd["w"].lower()
        if "last" in word:
            year = ref.year - 1
        elif word == "next":
            year = ref.year + 1
        else:
            year = ref.year
        return _ym(year, month), False
    if kind == "relative":
        if ref is None:
            return None, False
        unit, offset = g.relative[m.group(0).strip().lower()]
        return _relative(unit, offset, ref), False
    if kind == "weekday":
        if ref is None:
            return None, False
        target = g.weekdays[(gd.get("wd") or gd.get("wd_zh") or "").lower()]
        back = (ref.weekday() - target) % 7
        return (ref - timedelta(days=back)).isoformat(), False
    return None, False


def _relative(unit: str, offset: int, ref: date) -> str | None:
    if unit == "day":
        return (ref + timedelta(days=offset)).isoformat()
    if unit == "week":
        return (ref + timedelta(days=7 * offset)).strftime("%Y-%m")
    if unit == "month":
        month = ref.month + offset
        year = ref.year
        while month < 1:
            month += 12
            year -= 1
        return f"{year:04d}-{month:02d}"
    if unit == "year":
        return f"{ref.year + offset:04d}"
    return None


def date_start(value: str | None) -> date | None:
    """First day of a YYYY / YYYY-MM / YYYY-MM-DD / YYYY-Qn period."""
    if not value:
        return None
    try:
        if len(value) == 4:
            return date(int(value), 1, 1)
        if "-Q" in value:
            year, quarter = value.split("-Q")
            return date(int(year), 3 * (int(quarter) - 1) + 1, 1)
        if len(value) == 7:
            return date(int(value[:4]), int(value[5:7]), 1)
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
