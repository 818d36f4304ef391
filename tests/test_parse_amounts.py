"""Money amounts as English and Chinese sources write them."""

import pytest

from ingest.parse.amounts import find_amounts
from ingest.textnorm import normalize


@pytest.mark.parametrize(
    ("text", "value", "high", "currency", "qualifier"),
    [
        ("raised $640 million", 640e6, None, "USD", None),
        ("a $1.1B round", 1.1e9, None, "USD", None),
        ("valued at US$2.8bn", 2.8e9, None, "USD", None),
        ("EUR 100m from investors", 100e6, None, "EUR", None),
        ("a £400m deal", 400e6, None, "GBP", None),
        ("about $300 million", 300e6, None, "USD", "approx"),
        ("more than $1 billion", 1e9, None, "USD", "lower"),
        ("between $100 million and $200 million", 100e6, 200e6, "USD", None),
        ("between roughly $2.3 billion and $2.7 billion", 2.3e9, 2.7e9, "USD", "approx"),
        ("筹集了 6.4 亿美元", 6.4e8, None, "USD", None),
        ("融资1.1 亿美元", 1.1e8, None, "USD", None),
        ("20 億元", 2e9, None, "CNY", None),
        ("约合 5400万韩元", 5.4e7, None, "KRW", "approx"),
        ("数千万元", 1e7, 1e8, "CNY", None),
        ("数十亿美元", 1e9, 1e10, "USD", None),
        ("逾5亿美元", 5e8, None, "USD", "lower"),
        ("超过100亿元人民币", 1e10, None, "CNY", "lower"),
        ("约新台幣358億元", 3.58e10, None, "TWD", "approx"),
        ("8,100万美元", 8.1e7, None, "USD", None),
        ("人民币20亿元", 2e9, None, "CNY", None),
        ("10亿美元以上", 1e9, None, "USD", "lower"),
    ],
)
def test_amounts(text: str, value: float, high: float | None, currency: str, qualifier: str | None) -> None:
    found = find_amounts(normalize(text))
    assert len(found) == 1, found
    amount = found[0]
    assert amount.value == pytest.approx(value)
    assert amount.high == (pytest.approx(high) if high else None)
    assert amount.currency == currency
    assert amount.qualifier == qualifier


@pytest.mark.parametrize("text", ["4nm process", "Cobalt 100 CPU", "GB200 NVL72", "2024年8月", "356,000 developers"])
def test_non_amounts(text: str) -> None:
    assert find_amounts(normalize(text)) == []


def test_spans_point_at_the_text() -> None:
    text = "它在C轮融资中获得了11 亿美元，随后获得75 亿美元贷款。"
    spans = [text[a.start:a.end] for a in find_amounts(text)]
    assert spans == ["11 亿美元", "75 亿美元"]
