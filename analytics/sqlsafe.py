"""Read-only, sandboxed SQL for analysts: no files, no network, no extensions, a time and row limit."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from entities.db import DatabaseBusy, connect

DEFAULT_ROW_LIMIT = 10_000
DEFAULT_TIMEOUT_SECONDS = 10.0
ALLOWED_STATEMENTS = {"SELECT", "EXPLAIN"}
SANDBOX_CONFIG = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "allow_unsigned_extensions": False,
    "memory_limit": "1GB",
    "threads": 2,
    "lock_configuration": True,
}


class QueryRefused(ValueError):
    """The query is not allowed (not a read, several statements, or it reaches outside the database)."""


class QueryTimeout(RuntimeError):
    """The query ran longer than its time limit and was interrupted."""


@dataclass
class QueryResult:
    """Columns and rows of a query; `truncated` when the row limit cut it."""

    columns: list[str]
    rows: list[tuple[Any, ...]]
    truncated: bool
    seconds: float

    def to_frame(self) -> Any:
        """The result as a pandas DataFrame."""
        import pandas as pd

        return pd.DataFrame(self.rows, columns=self.columns)


def sandbox_connect(db_path: str | Path, retry_seconds: float = 10.0) -> duckdb.DuckDBPyConnection:
    """Open the database read-only inside the sandbox configuration."""
    path = Path(db_path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no database here yet; run `accelkb ingest` first")
    deadline = time.monotonic() + retry_seconds
    delay = 0.05
    while True:
        try:
            return duckdb.connect(str(path), read_only=True, config=dict(SANDBOX_CONFIG))
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() >= deadline:
                if "lock" in str(exc).lower():
                    raise DatabaseBusy(f"{path} is being written; try again shortly") from None
                raise
            time.sleep(delay)
            delay = min(delay * 1.6, 0.5)


def check_statement(sql: str) -> str:
    """Refuse anything but one read statement; return the statement text."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryRefused(f"cannot parse the query: {exc}") from None
    if len(statements) != 1:
        raise QueryRefused(f"one statement at a time, please (got {len(statements)})")
    kind = statements[0].type.name
    if kind not in ALLOWED_STATEMENTS:
        raise QueryRefused(f"only SELECT queries are allowed here (got {kind})")
    return sql


def run_query(conn: duckdb.DuckDBPyConnection, sql: str, *, limit: int = DEFAULT_ROW_LIMIT,
              timeout: float = DEFAULT_TIMEOUT_SECONDS, params: list[Any] | None = None) -> QueryResult:
    """Run one read query with a row limit and a time limit (the query is interrupted when late)."""
    check_statement(sql)
    timer = threading.Timer(timeout, conn.interrupt)
    started = time.monotonic()
    timer.start()
    try:
        cursor = conn.execute(sql, params or [])
        columns = [d[0] for d in cursor.description or []]
        rows = cursor.fetchmany(limit + 1)
    except duckdb.InterruptException:
        raise QueryTimeout(f"query stopped after {timeout:.0f}s (time limit)") from None
    finally:
        timer.cancel()
    elapsed = time.monotonic() - started
    if elapsed >= timeout:
        raise QueryTimeout(f"query stopped after {timeout:.0f}s (time limit)")
    return QueryResult(columns, rows[:limit], len(rows) > limit, elapsed)


def query_db(db_path: str | Path, sql: str, **kwargs: Any) -> QueryResult:
    """Open the sandbox, run one query, close."""
    conn = sandbox_connect(db_path)
    try:
        return run_query(conn, sql, **kwargs)
    finally:
        conn.close()


def ensure_views(db_path: str | Path) -> None:
    """Make sure the analytic views exist (a writable open refreshes them)."""
    conn = connect(db_path, retry_seconds=10)
    conn.close()
