"""How pages read the database: the current file, queries cached until it changes, and the no-data and busy states."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import duckdb
import pandas as pd
import streamlit as st

from accelkb.config import db_path
from analytics import queries
from analytics.sqlsafe import ensure_views
from app_pages import links
from entities.db import DatabaseBusy

P = ParamSpec("P")
R = TypeVar("R")
DbVersion = tuple[int, int, int, int]
BUSY_RETRY_DELAY_SECONDS = 2.0
BUSY_MAX_RETRIES = 15


def database_path() -> Path:
    """The database the dashboard reads: $ACCELKB_DB, else data/accelkb.duckdb."""
    return db_path()


def database_version(path: Path) -> DbVersion:
    """Modification time and size of the database file and its write-ahead log: changes with every write."""
    def stat(file: Path) -> tuple[int, int]:
        try:
            info = file.stat()
        except FileNotFoundError:
            return 0, 0
        return info.st_mtime_ns, info.st_size

    return (*stat(path), *stat(Path(f"{path}.wal")))


@st.cache_data(show_spinner=False, max_entries=1024)
def _cached_query(_query: Callable[..., Any], query_name: str, db: str, version: DbVersion,
                  args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    return _query(db, *args, **kwargs)


def load(query: Callable[Concatenate[queries.DbPath, P], R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Run a function of analytics.queries on the current database; cached until the database file changes."""
    path = database_path()
    name = f"{query.__module__}.{query.__qualname__}"
    return _cached_query(query, name, str(path), database_version(path), args, kwargs)


def has_articles() -> bool:
    """Whether the database exists and holds at least one article."""
    path = database_path()
    return path.exists() and int(load(queries.database_summary).iloc[0]["articles"]) > 0


def require_data() -> None:
    """Stop the page with how-to-ingest instructions when there is no database or it is empty."""
    if has_articles():
        return
    path = database_path()
    if path.exists():
        st.info(f"The database `{path}` holds no articles yet.", icon=":material/inbox:")
    else:
        st.info(f"There is no database at `{path}` yet.", icon=":material/database:")
    st.markdown("Ingest a folder of articles from a terminal (text, Markdown, HTML, JSON Lines, RSS or Atom):")
    st.code(f"accelkb ingest data/articles --db {path}", language="bash")
    st.page_link(links.UPLOAD, label="…or add articles from the browser on the Upload page", icon=":material/upload:")
    st.stop()


def sidebar_database_status() -> None:
    """Which database the dashboard reads and how fresh it is, in the sidebar."""
    path = database_path()
    if not path.exists():
        st.sidebar.caption(f"Database: `{path}` (not created yet)")
        return
    summary = load(queries.database_summary).iloc[0]
    last = summary["last_ingest"]
    freshness = f" · last ingest {pd.Timestamp(last):%Y-%m-%d %H:%M}" if pd.notna(last) else ""
    st.sidebar.caption(f"Database: `{path}`  \n{summary['articles']} articles · {summary['facts']} facts{freshness}")


def ensure_current_views() -> None:
    """Create analytic views missing from an older database (a short write; skipped while an ingest writes)."""
    path = database_path()
    if not path.exists():
        return
    present = set(load(queries.existing_views)["view_name"])
    if set(queries.expected_views()) <= present:
        return
    try:
        ensure_views(path)
    except (DatabaseBusy, duckdb.Error, OSError) as exc:
        st.warning(f"Some analytic views are missing and could not be created now ({exc}); "
                   "the next `accelkb ingest` creates them.", icon=":material/warning:")


def run_guarded(page: Callable[[], None]) -> None:
    """Run a page; while an ingest holds the database, say so and retry instead of failing."""
    try:
        page()
    except DatabaseBusy:
        attempts = st.session_state.get("busy_attempts", 0) + 1
        st.session_state["busy_attempts"] = attempts
        if attempts > BUSY_MAX_RETRIES:
            st.warning("The database is still busy: an ingest has been writing to it for a while.",
                       icon=":material/hourglass_top:")
            st.button("Try again", on_click=st.session_state.update, kwargs={"busy_attempts": 0})
            return
        st.info("The database is busy — an ingest is writing to it. Retrying in a moment…",
                icon=":material/hourglass_top:")
        time.sleep(BUSY_RETRY_DELAY_SECONDS)
        st.rerun()
    else:
        st.session_state["busy_attempts"] = 0
