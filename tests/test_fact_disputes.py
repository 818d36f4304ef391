"""Disputed fields: kept by the writer per touched fact, equal to the migration's one-off fill, cleared on removal."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from entities.db import migration_files
from entities.store import DISPUTABLE_FIELDS, Store
from entities.tallies import Tally, add_record, disputed
from ingest.records import Article, Evidence, Extraction, FundingRound
from ingest.sources import article_id_for


def disputed_fields(kind: str, records: list[dict[str, object]]) -> list[str]:
    """The fields a fact's reports disagree on, counted as the writer counts them."""
    tally: Tally = {}
    for i, record in enumerate(records):
        add_record(tally, record, None, i)
    return disputed(tally, DISPUTABLE_FIELDS[kind])


def test_dates_differing_in_precision_agree() -> None:
    assert disputed_fields("funding_rounds", [{"date": "2024-08"}, {"date": "2024-08-05"}]) == []
    assert disputed_fields("funding_rounds", [{"date": "2024-08"}, {"date": "2024-09-01"}]) == ["date"]
    assert disputed_fields("funding_rounds", [{"date": "2024"}, {"date": "2023-12"}]) == ["date"]


def test_amounts_compare_within_one_currency() -> None:
    won_and_dollars = [{"amount": 1.65e11, "currency": "KRW"}, {"amount": 1.24e8, "currency": "USD"}]
    assert disputed_fields("funding_rounds", won_and_dollars) == []
    assert disputed_fields("funding_rounds", [{"amount": 640e6, "currency": "USD"},
                                              {"amount": 600e6, "currency": "USD"}]) == ["amount"]


def test_one_report_is_never_a_dispute() -> None:
    assert disputed_fields("valuations", [{"value_usd": 1e9}]) == []
    assert disputed_fields("valuations", [{"value_usd": 1e9}, {"value_usd": 2e9}]) == ["value_usd"]


def _write(store: Store, text: str, valuation: float, key: str) -> str:
    art = Article(article_id=article_id_for(text), text=text, title="t", published=date(2024, 8, 5), lang="en",
                  source_path="mem", key=key, content_hash=article_id_for(text))
    ex = Extraction(article=art)
    ex.add(FundingRound(company="Groq", amount=640e6, currency="USD", amount_usd=640e6, round="Series D",
                        date="2024-08", valuation_usd=valuation,
                        evidence=Evidence(art.article_id, text, 0, len(text), "funding@test")))
    store.write(ex, key, None, "v")
    return art.article_id


@pytest.fixture
def store(mem_db: duckdb.DuckDBPyConnection) -> Store:
    s = Store(mem_db)
    s.sync_gazetteer()
    return s


def test_writer_and_migration_agree_and_removal_clears(store: Store) -> None:
    first = _write(store, "Groq raised $640 million at a $2.8 billion valuation.", 2.8e9, "a")
    assert store.conn.execute("SELECT count(*) FROM fact_disputes").fetchone()[0] == 0
    second = _write(store, "Groq's $640 million round valued it at $2.5 billion.", 2.5e9, "b")
    written = store.conn.execute("SELECT fact_type, field, value FROM fact_disputes ORDER BY value").fetchall()
    assert written == [("funding_rounds", "valuation_usd", "2500000000.0"), ("funding_rounds", "valuation_usd", "2800000000.0")]
    assert store.conn.execute("SELECT count(*) FROM v_entity_facts WHERE disputed").fetchone()[0] > 0

    fill = next(path for version, path in migration_files() if version == 3).read_text(encoding="utf-8")
    store.conn.execute("DELETE FROM fact_disputes")
    store.conn.execute(fill.split("-- One-off fill", 1)[1].split("\n", 1)[1])
    assert store.conn.execute("SELECT fact_type, field, value FROM fact_disputes ORDER BY value").fetchall() == written

    store.remove_article(second)
    assert store.conn.execute("SELECT count(*) FROM fact_disputes").fetchone()[0] == 0
    assert first
