"""Shares and ranges: single values, ranges, open bounds, Chinese tenths (成)."""

import pytest

from ingest.parse.percents import find_percents
from ingest.textnorm import normalize


@pytest.mark.parametrize(
    ("text", "low", "high", "bound"),
    [
        ("a 97.2% share", 0.972, 0.972, None),
        ("70% to 95% of the market", 0.70, 0.95, None),
        ("70-95%", 0.70, 0.95, None),
        ("over 80% of AI chips", 0.80, None, "lower"),
        ("less than 10% unit share", None, 0.10, "upper"),
        ("nearly 99%", 0.99, 0.99, None),
        ("80 percent", 0.80, 0.80, None),
        ("占有率高达97.2%", 0.972, 0.972, None),
        ("超过95%", 0.95, None, "lower"),
        ("逾九成", 0.90, None, "lower"),
        ("七成至九成五", 0.70, 0.95, None),
        ("百分之九十五", 0.95, 0.95, None),
        ("40%以上", 0.40, None, "lower"),
        ("70% 至 95%", 0.70, 0.95, None),
        ("不到5%", None, 0.05, "upper"),
    ],
)
def test_percents(text: str, low: float | None, high: float | None, bound: str | None) -> None:
    found = find_percents(normalize(text))
    assert len(found) == 1, found
    p = found[0]
    assert p.low == (pytest.approx(low) if low is not None else None)
    assert p.high == (pytest.approx(high) if high is not None else None)
    assert p.bound == bound
