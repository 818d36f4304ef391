"""Numbers as news writes them: "1,100", "6.4", "1.1", and Chinese numerals "三千", "九十五"."""

from __future__ import annotations

# Digits with thousands separators or a decimal part; no sign (amounts and shares are positive).
# thousands groups are exactly three digits: in "推出昇腾960，2028年" (a full-width comma folded to ",") the
# comma ends a clause
NUMBER = r"(?:\d{1,3}(?:,\d{3}(?!\d))+(?:\.\d+)?|\d+(?:\.\d+)?)"

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_CN_SCALES = {"十": 10, "百": 100, "千": 1000}


def parse_number(text: str) -> float | None:
    """Parse "1,100.5" -> 1100.5; None if it is not a number."""
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def chinese_numeral_value(text: str) -> float | None:
    """Parse Chinese numerals below ten thousand: "三" -> 3, "十五" -> 15, "三千五百" -> 3500."""
    if not text:
        return None
    total = 0
    current: int | None = None
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch] if current is None else current * 10 + _CN_DIGITS[ch]
        elif ch in _CN_SCALES:
            total += (current if current is not None else 1) * _CN_SCALES[ch]
            current = None
        else:
            return None
    if current is not None:
        total += current
    return float(total)
