"""Property-based tests: the parsers never crash on any text, and agree with the forms they know."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.parse.amounts import find_amounts
from ingest.parse.dates import find_dates
from ingest.parse.percents import find_percents
from ingest.parse.rounds import find_rounds

ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
NEWSY = st.text(alphabet="0123456789 .,%$€£亿万元美元至到约逾超过近成九五七B轮Series million billion to over",
                max_size=120)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(ANY_TEXT, NEWSY), year=st.integers(1995, 2035), month=st.integers(1, 12), day=st.integers(1, 28))
def test_parsers_never_crash(text: str, year: int, month: int, day: int) -> None:
    ref = date(year, month, day)
    for found in (find_amounts(text), find_percents(text), find_dates(text, ref), find_rounds(text)):
        for item in found:
            assert 0 <= item.start < item.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(value=st.integers(1, 999), unit=st.sampled_from([("million", 1e6), ("billion", 1e9), ("m", 1e6), ("bn", 1e9)]),
       symbol=st.sampled_from([("$", "USD"), ("US$", "USD"), ("€", "EUR"), ("£", "GBP")]))
def test_english_amounts(value: int, unit: tuple[str, float], symbol: tuple[str, str]) -> None:
    sep = " " if len(unit[0]) > 2 else ""
    [amount] = find_amounts(f"raised {symbol[0]}{value}{sep}{unit[0]} in new funding")
    assert amount.value == value * unit[1] and amount.currency == symbol[1]


@settings(max_examples=200, deadline=None)
@given(whole=st.integers(1, 999), tenth=st.integers(0, 9), unit=st.sampled_from([("亿", 1e8), ("万", 1e4)]),
       cur=st.sampled_from([("美元", "USD"), ("元", "CNY"), ("港元", "HKD")]))
def test_chinese_amounts(whole: int, tenth: int, unit: tuple[str, float], cur: tuple[str, str]) -> None:
    [amount] = find_amounts(f"完成{whole}.{tenth}{unit[0]}{cur[0]}融资")
    assert abs(amount.value - (whole + tenth / 10) * unit[1]) < 1e-3 * unit[1] and amount.currency == cur[1]


@settings(max_examples=200, deadline=None)
@given(low=st.integers(0, 100), high=st.integers(0, 100))
def test_percent_ranges(low: int, high: int) -> None:
    found = find_percents(f"a share of {min(low, high)}% to {max(low, high)}% of the market")
    assert len(found) == 1
    assert found[0].low == min(low, high) / 100 and found[0].high == max(low, high) / 100


@settings(max_examples=200, deadline=None)
@given(year=st.integers(2000, 2030), month=st.integers(1, 12))
def test_explicit_months(year: int, month: int) -> None:
    names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
    [found] = find_dates(f"in {names[month - 1]} {year}", date(2030, 12, 31))
    assert found.value == f"{year:04d}-{month:02d}"
    [found_zh] = find_dates(f"{year}年{month}月", None)
    assert found_zh.value == f"{year:04d}-{month:02d}"
