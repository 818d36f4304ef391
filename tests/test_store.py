"""Storing extractions: one transaction per article, one fact per event, evidence per source."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import duckdb
import pytest

from entities.store import Store, consensus, same_round
from ingest.records import Article, Evidence, Extraction, FundingRound, Valuation
from ingest.sources import article_id_for


def article(text: str, published: date = date(2024, 8, 5), url: str | None = None) -> Article:
    return Article(article_id=article_id_for(text), text=text, title="t", published=published, lang="en",
                   source_path="mem", key="k", url=url, content_hash=article_id_for(text))


def groq_round(art: Article, amount: float = 640e6, valuation: float | None = 2.8e9) -> Extraction:
    ev = Evidence(art.article_id, art.text, 0, len(art.text), "funding@test")
    ex = Extraction(article=art)
    ex.add(FundingRound(company="Groq", amount=amount, currency="USD", amount_usd=amount, round="Series D",
                        date="2024-08", lead_investors=("BlackRock",), investors=("BlackRock", "Cisco"),
                        valuation_usd=valuation, evidence=ev))
    ex.add(Valuation(company="Groq", value_usd=valuation, value=valuation, currency="USD", date="2024-08", evidence=ev))
    return ex


@pytest.fixture
def store(mem_db: duckdb.DuckDBPyConnection) -> Store:
    s = Store(mem_db)
    s.sync_gazetteer()
    return s


def table_counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    tables = ["articles", "entities", "entity_aliases", "mentions", "funding_rounds", "round_investors", "valuations",
              "evidence", "article_sources"]
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def test_one_fact_many_sources(store: Store) -> None:
    a = article("Groq raised $640 million in a Series D led by BlackRock.", url="https://a.example/1")
    b = article("BlackRock led Groq's $640M Series D round, with Cisco joining.", url="https://b.example/2")
    store.write(groq_round(a), "a", None, "v")
    store.write(groq_round(b), "b", None, "v")
    rows = store.conn.execute("SELECT company, amount_usd, n_sources FROM funding_rounds").fetchall()
    assert rows == [("Groq", 640e6, 2)]
    assert store.conn.execute("SELECT count(*) FROM evidence WHERE fact_type = 'funding_rounds'").fetchone()[0] == 2
    leads = store.conn.execute("SELECT investor FROM round_investors WHERE is_lead").fetchall()
    assert leads == [("BlackRock",)]


def test_disagreeing_sources_stay_visible(store: Store) -> None:
    a = article("Groq raised $640 million at a $2.8 billion valuation.")
    b = article("Groq raised $640 million; one report put the valuation at $2.5 billion.")
    c = article("Groq's $640 million round valued it at $2.8 billion, people said.")
    for i, (art, val) in enumerate([(a, 2.8e9), (b, 2.5e9), (c, 2.8e9)]):
        store.write(groq_round(art, valuation=val), f"s{i}", None, "v")
    assert store.conn.execute("SELECT valuation_usd, n_sources FROM funding_rounds").fetchall() == [(2.8e9, 3)]
    disputed = store.conn.execute(
        "SELECT value, sources FROM v_fact_conflicts WHERE fact_type = 'funding_rounds' AND field = 'valuation_usd'"
        " ORDER BY sources DESC").fetchall()
    assert [(float(v), n) for v, n in disputed] == [(2.8e9, 2), (2.5e9, 1)]


def test_reingest_changes_nothing(store: Store) -> None:
    a = article("Groq raised $640 million in a Series D led by BlackRock.")
    store.write(groq_round(a), "a", None, "v")
    before = table_counts(store.conn)
    added = store.write(groq_round(a), "a", None, "v")
    assert sum(added.values()) == 0
    assert table_counts(store.conn) == before


def test_changed_article_replaces_its_facts(store: Store) -> None:
    old = article("Groq raised $600 million, sources said.")
    store.write(groq_round(old, amount=300e6), "file.txt#1", None, "v")
    new = article("Groq raised $640 million in its Series D.")
    assert store.classify(new.article_id, "file.txt#1").status == "changed"
    store.write(groq_round(new), "file.txt#1", None, "v")
    assert store.conn.execute("SELECT amount_usd FROM funding_rounds").fetchall() == [(640e6,)]
    assert store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_failed_write_leaves_nothing_half_written(store: Store) -> None:
    a = article("Groq raised $640 million.")
    ex = groq_round(a)
    ex.records["valuations"].append(replace(ex.records["valuations"][0], evidence=None))  # type: ignore[arg-type]
    before = table_counts(store.conn)
    with pytest.raises(AssertionError):
        store.write(ex, "a", None, "v")
    assert table_counts(store.conn) == before


def test_unknown_names_become_unverified_entities(store: Store) -> None:
    a = article("Xyzzy Photonics raised $20 million.")
    ex = Extraction(article=a)
    ex.add(FundingRound(company="Xyzzy Photonics", amount=20e6, currency="USD", amount_usd=20e6,
                        evidence=Evidence(a.article_id, a.text, 0, len(a.text), "funding@test")))
    store.write(ex, "a", None, "v")
    row = store.conn.execute("SELECT verified, origin FROM entities WHERE name = 'Xyzzy Photonics'").fetchone()
    assert row == (False, "extracted")


def test_round_matching_rules() -> None:
    base = {"amount_usd": 640e6, "round": "Series D", "date": "2024-08"}
    assert same_round(base, {"amount_usd": 650e6, "round": None, "date": "2024-08-05"})
    assert not same_round(base, {"amount_usd": 640e6, "round": "Series E", "date": "2024-08"})
    assert not same_round(base, {"amount_usd": 300e6, "round": None, "date": "2021-04"})


def test_consensus_prefers_support_then_recency() -> None:
    records = [({"v": 1}, date(2024, 1, 1)), ({"v": 2}, date(2024, 2, 1)), ({"v": 1}, date(2023, 1, 1))]
    assert consensus(records)["v"] == 1
    assert consensus(records[:2])["v"] == 2
