"""Shared fixtures: an in-memory migrated database, the ingested sample corpus, the shared eval data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from accelkb.config import REPO_ROOT
from entities.db import memory_db

SHARED = REPO_ROOT.parent / "shared"
SAMPLE_ARTICLES = REPO_ROOT / "data" / "articles"
GOLDEN = REPO_ROOT / "data" / "golden"


@pytest.fixture
def mem_db() -> Iterator[duckdb.DuckDBPyConnection]:
    """A freshly migrated in-memory database."""
    conn = memory_db()
    yield conn
    conn.close()


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample articles ingested once into a real DuckDB file."""
    from ingest.run import ingest_paths

    path = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    summary = ingest_paths([str(SAMPLE_ARTICLES)], path, progress=False)
    assert summary.counts["new"] >= 40, summary.lines()
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The project's shared evaluation data (seed and development set); skip when absent."""
    if not (SHARED / "eval").is_dir():
        pytest.skip("../shared/eval is not present on this machine")
    return SHARED
