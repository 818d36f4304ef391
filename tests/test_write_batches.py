"""What lands in the database does not depend on how many articles each write transaction holds: a record
is matched against everything earlier reports said, this transaction's included, and tallies add up."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import ingest.run as run
from bench.corpus import write_corpus

TABLES = {
    "funding_rounds": "company, amount, currency, round, date, valuation_usd, status, n_sources",
    "valuations": "company, value_usd, date, bound, n_sources",
    "market_share_claims": "subject, market, share_low, share_high, year, period, source, n_sources",
    "round_investors r JOIN funding_rounds f USING (fact_id)": "f.company, f.round, f.date, r.investor, r.is_lead",
    "fact_disputes": "fact_type, field, value, article_id",
    "fact_votes v JOIN evidence e ON e.fact_type = v.fact_type AND e.fact_id = v.fact_id AND v.field = '_records'":
        "v.fact_type, e.article_id, v.votes",
}


def snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = duckdb.connect(str(db), read_only=True)
    try:
        return {t: conn.execute(f"SELECT {cols} FROM {t} ORDER BY ALL").fetchall() for t, cols in TABLES.items()}
    finally:
        conn.close()


def test_one_article_per_transaction_equals_large_transactions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 120, seed=3, per_jsonl=40)  # few companies, many reports of each fact
    big = tmp_path / "big.duckdb"
    run.ingest_paths([str(corpus)], big, progress=False)
    monkeypatch.setattr(run, "WRITE_BATCH_SIZE", 1)
    monkeypatch.setattr(run, "BATCH_SIZE", 1)
    small = tmp_path / "small.duckdb"
    run.ingest_paths([str(corpus)], small, progress=False)
    a, b = snapshot(big), snapshot(small)
    assert a["funding_rounds"] and a["fact_disputes"]
    assert max(n for *_, n in a["funding_rounds"]) > 1  # facts with several reports were merged
    for table in TABLES:
        assert a[table] == b[table], table
