"""The analysts' SQL: read-only, no reach outside the knowledge base, limited in rows and time."""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics.sqlsafe import QueryRefused, QueryTimeout, query_db


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_text('/etc/hostname')",
        "COPY articles TO '/tmp/leak.csv'",
        "EXPORT DATABASE '/tmp/leak'",
        "ATTACH '/tmp/other.duckdb' AS other",
        "INSTALL httpfs",
        "LOAD httpfs",
        "SET enable_external_access = true",
        "PRAGMA enable_external_access",
        "SELECT * FROM read_parquet('https://example.com/x.parquet')",
        "CREATE TABLE t AS SELECT 1",
        "DELETE FROM articles",
        "UPDATE entities SET name = 'x'",
        "DROP TABLE articles",
        "SELECT 1; DROP TABLE articles",
        "SELECT * FROM glob('/etc/*')",
    ],
)
def test_escapes_are_refused(sample_db: Path, sql: str) -> None:
    with pytest.raises(Exception) as info:
        query_db(sample_db, sql)
    assert info.type is QueryRefused or "disabled" in str(info.value) or "Permission" in type(info.value).__name__ \
        or "read-only" in str(info.value).lower() or "Cannot" in str(info.value)


def test_reads_work(sample_db: Path) -> None:
    result = query_db(sample_db, "SELECT company, amount_usd FROM funding_rounds ORDER BY amount_usd DESC NULLS LAST")
    assert result.columns == ["company", "amount_usd"]
    assert len(result.rows) > 20


def test_row_limit(sample_db: Path) -> None:
    result = query_db(sample_db, "SELECT * FROM range(100000)", limit=50)
    assert len(result.rows) == 50 and result.truncated


def test_time_limit(sample_db: Path) -> None:
    with pytest.raises(QueryTimeout):
        query_db(sample_db, "SELECT count(*) FROM range(1000000000) a, range(1000) b", timeout=0.5)


def test_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="accelkb ingest"):
        query_db(tmp_path / "none.duckdb", "SELECT 1")
