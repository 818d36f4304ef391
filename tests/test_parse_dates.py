"""Dates resolved against the article's date, in both languages."""

from datetime import date

import pytest

from ingest.parse.dates import date_start, find_dates
from ingest.textnorm import normalize

REF = date(2024, 8, 8)  # a Thursday


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("said on Monday", "2024-08-05"),
        ("in April 2021", "2021-04"),
        ("last year", "2023"),
        ("this June", "2024-06"),
        ("in May", "2024-05"),
        ("in October", "2023-10"),
        ("Dec 11, 2024", "2024-12-11"),
        ("earlier this month", "2024-08"),
        ("the first quarter of 2025", "2025-Q1"),
        # a quarter without a year is the latest one up to the article's date
        ("in the second quarter", "2024-Q2"),
        ("the fourth quarter", "2023-Q4"),
        ("第二季度", "2024-Q2"),
        ("第一季", "2024-Q1"),
        ("今年第三季度", "2024-Q3"),
        ("2025年第二季", "2025-Q2"),
        ("周一表示", "2024-08-05"),
        ("2021 年 4 月", "2021-04"),
        ("去年年底", "2023"),
        ("今年 6 月", "2024-06"),
        ("上个月", "2024-07"),
        ("2024年8月8日", "2024-08-08"),
        ("8月8日", "2024-08-08"),
        ("昨日", "2024-08-07"),
        ("2016年", "2016"),
    ],
)
def test_dates(text: str, value: str) -> None:
    found = find_dates(normalize(text), REF)
    assert [d.value for d in found] == [value]


def test_relative_dates_need_a_reference() -> None:
    assert [d.value for d in find_dates("last year and in April 2021", None)] == [None, "2021-04"]


def test_quantities_are_not_years() -> None:
    assert find_dates("shipped 2000 units and 2024 GPUs", REF) == []


@pytest.mark.parametrize(("value", "start"), [("2024", date(2024, 1, 1)), ("2024-05", date(2024, 5, 1)),
                                               ("2024-05-06", date(2024, 5, 6)), ("2025-Q3", date(2025, 7, 1)),
                                               (None, None), ("garbage", None)])
def test_date_start(value: str | None, start: date | None) -> None:
    assert date_start(value) == start
