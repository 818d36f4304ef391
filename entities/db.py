"""DuckDB connections, numbered SQL migrations applied once, and the analytic views."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import duckdb

from accelkb.config import data_dir

_MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")
VIEWS_DIR = Path(__file__).resolve().parents[1] / "analytics" / "views"


class DatabaseBusy(RuntimeError):
    """The database file is held by another process for writing."""


def schema_dir() -> Path:
    """Folder of the numbered migration files."""
    return data_dir() / "schema"


def migration_files() -> list[tuple[int, Path]]:
    """Return (version, path) of every migration, in order; reject badly named files."""
    found: list[tuple[int, Path]] = []
    for path in sorted(schema_dir().glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if not match:
            raise ValueError(f"{path}: migration files are named NNN_name.sql")
        found.append((int(match.group(1)), path))
    versions = [v for v, _ in found]
    if len(set(versions)) != len(versions):
        raise ValueError(f"{schema_dir()}: two migrations share a number")
    return found


def migrate(conn: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply migrations not yet recorded; return the versions applied now."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations").fetchall()}
    applied: list[int] = []
    for version, path in migration_files():
        if version in done:
            continue
        conn.execute("BEGIN TRANSACTION")
        try:
            conn.execute(path.read_text(encoding="utf-8"))
            conn.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, path.name, datetime.now()])
            conn.execute("COMMIT")
        except Exception:
            conn.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied


def view_files() -> list[Path]:
    """Analytic view definitions, one view per file, applied in name order."""
    return sorted(VIEWS_DIR.glob("*.sql"))


def create_views(conn: duckdb.DuckDBPyConnection) -> None:
    """(Re)create every analytic view; views are code, so they are replaced, not migrated."""
    for path in view_files():
        conn.execute(path.read_text(encoding="utf-8"))


def connect(path: str | Path, *, read_only: bool = False, retry_seconds: float = 0.0,
            prepare: bool = True) -> duckdb.DuckDBPyConnection:
    """Open the database; a writable open also migrates it and refreshes the views (unless `prepare`
    is False: the batch writes of a run that has already done so).

    When another process holds the file, retry for `retry_seconds` and then raise DatabaseBusy.
    """
    target = str(path)
    if target != ":memory:":
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + retry_seconds
    delay = 0.05
    while True:
        try:
            conn = duckdb.connect(target, read_only=read_only)
            break
        except (duckdb.IOException, duckdb.ConnectionException) as exc:
            # another process holds the file, or this process has it open with another configuration
            message = str(exc).lower()
            if "lock" not in message and "different configuration" not in message:
                raise
            if time.monotonic() >= deadline:
                raise DatabaseBusy(f"{target} is being written by another process; try again shortly") from None
            time.sleep(delay)
            delay = min(delay * 1.6, 0.5)
    if not read_only and prepare:
        migrate(conn)
        create_views(conn)
    return conn


@contextmanager
def open_db(path: str | Path, *, read_only: bool = False, retry_seconds: float = 0.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """Context manager around `connect` that always closes the connection."""
    conn = connect(path, read_only=read_only, retry_seconds=retry_seconds)
    try:
        yield conn
    finally:
        conn.close()


def memory_db() -> duckdb.DuckDBPyConnection:
    """A migrated in-memory database (tests and `extract`-style dry runs)."""
    return connect(":memory:")
