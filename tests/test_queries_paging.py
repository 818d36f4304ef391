"""Large-table queries page in SQL and aggregate in SQL; pages and aggregates must agree with the whole table."""

from __future__ import annotations

from pathlib import Path

import pytest
from dashboard_fixtures import dashboard_db  # noqa: F401  (fixture used by name)

from analytics import queries


def test_article_pages_partition_the_filtered_list(dashboard_db: Path) -> None:
    where = queries.ArticleFilter(langs=("en",))
    total = queries.article_count(dashboard_db, where)
    assert total == int(queries.read(dashboard_db, "SELECT count(*) AS n FROM articles WHERE lang = 'en'").iloc[0]["n"])
    pages = [queries.articles(dashboard_db, where, limit=7, offset=o) for o in range(0, total, 7)]
    ids = [i for page in pages for i in page["article_id"]]
    assert len(ids) == total == len(set(ids))
    published = [p for page in pages for p in page["published"] if p is not None]
    assert published == sorted(published, reverse=True)


def test_article_text_search_is_case_blind_and_literal(dashboard_db: Path) -> None:
    lower = queries.article_count(dashboard_db, queries.ArticleFilter(text_contains="groq"))
    assert lower > 0
    assert lower == queries.article_count(dashboard_db, queries.ArticleFilter(text_contains="GROQ"))
    assert queries.article_count(dashboard_db, queries.ArticleFilter(text_contains="gr.q")) == 0  # no regex
    assert queries.article_count(dashboard_db, queries.ArticleFilter(text_contains="融资")) > 0


def test_funding_aggregates_match_the_rows(dashboard_db: Path) -> None:
    where = queries.RoundFilter(statuses=("closed", "reported"))
    rows = queries.funding_rounds(dashboard_db, where, limit=queries.EXPORT_ROW_LIMIT)
    summary = queries.funding_summary(dashboard_db, where).iloc[0]
    assert int(summary["rounds"]) == len(rows)
    assert summary["capital_usd"] == pytest.approx(rows["amount_usd"].sum())
    assert int(summary["companies"]) == rows["company"].nunique()
    by_company = queries.capital_by_company(dashboard_db, where, limit=3)
    expected = rows.groupby("company")["amount_usd"].sum().sort_values(ascending=False).head(3)
    assert list(by_company["capital"]) == pytest.approx(list(expected))
    by_quarter = queries.capital_by_quarter_and_type(dashboard_db, where)
    dated = rows[rows["event_date"].notna()]
    assert by_quarter["amount_usd"].sum() == pytest.approx(dated["amount_usd"].sum())
    assert len(queries.funding_rounds(dashboard_db, where, limit=5)) == min(5, len(rows))


def test_run_articles_page_is_the_newest_with_their_fact_counts(dashboard_db: Path) -> None:
    run_id = int(queries.read(dashboard_db, "SELECT max(run_id) AS r FROM articles").iloc[0]["r"])
    everything = queries.run_articles(dashboard_db, run_id, limit=100_000)
    assert len(everything) == int(everything["total"].iloc[0]) > 3
    expected = queries.read(dashboard_db, """
        SELECT a.article_id, count(DISTINCT (e.fact_type, e.fact_id)) AS facts FROM articles a
        LEFT JOIN evidence e USING (article_id) WHERE a.run_id = ? GROUP BY a.article_id""", [run_id])
    assert dict(zip(everything["article_id"], everything["facts"])) == \
        dict(zip(expected["article_id"], expected["facts"]))
    page = queries.run_articles(dashboard_db, run_id, limit=3)
    assert list(page["article_id"]) == list(everything["article_id"][:3])  # newest first, a stable order
    assert int(page["total"].iloc[0]) == len(everything)
