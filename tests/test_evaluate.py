"""The scorer: one-to-one matching of predicted facts to gold facts, misses and false facts counted."""

from __future__ import annotations

from typing import Any

from ingest.evaluate import EvalReport, score_article


def share(low: float | None, high: float | None, source: str = "") -> dict[str, Any]:
    """A market-share record for Nvidia."""
    return {"subject": "Nvidia", "share_low": low, "share_high": high, "source": source}


def test_a_loose_gold_fact_does_not_take_the_prediction_a_stricter_one_needs() -> None:
    # gold 1 ("up to 95%") matches either prediction; gold 2 (70-95%) only the range
    gold = {"id": "a", "lang": "en", "market_share_claims": [share(None, 0.95), share(0.70, 0.95)]}
    predicted = {"market_share_claims": [share(0.70, 0.95), share(0.95, 0.95)]}
    report = EvalReport()
    score_article(gold, predicted, report)
    counts = report.total("market_share_claims", "en")
    assert (counts.tp, counts.fn, counts.fp) == (2, 0, 0)


def test_misses_and_false_facts_are_listed() -> None:
    gold = {"id": "b", "lang": "zh", "market_share_claims": [share(0.97, 0.97)]}
    predicted = {"market_share_claims": [share(0.40, 0.40)]}
    report = EvalReport()
    score_article(gold, predicted, report)
    counts = report.total("market_share_claims", "zh")
    assert (counts.tp, counts.fn, counts.fp) == (0, 1, 1)
    assert report.misses == [("b", "market_share_claims", share(0.97, 0.97))]
    assert report.false_facts == [("b", "market_share_claims", share(0.40, 0.40))]
