"""Fixtures of the dashboard tests: a sample database built by the real `accelkb ingest` (the bundled articles plus
one whose text holds a <script> tag), an empty one, one without market-share claims, and a page runner."""

from __future__ import annotations

import functools
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from accelkb.config import REPO_ROOT
from analytics import queries
from entities.db import connect

APP = REPO_ROOT / "app.py"
SAMPLE_ARTICLES = REPO_ROOT / "data" / "articles"
SCRIPT_TITLE_START = "Lumora Labs"
SCRIPT_TAG = "<script>window.__accelkbInjected = 1</script>"
SCRIPT_ARTICLE = f"""---
title: 'Lumora Labs {SCRIPT_TAG} raises $20 million'
date: 2025-01-15
source: accelkb tests
lang: en
---

Photonic chip startup Lumora Labs said on Tuesday it raised $20 million in a seed round led by Sequoia Capital \
{SCRIPT_TAG} to build optical interconnects for AI accelerators.

The company, founded in 2023, plans to ship samples next year. <b>Bold claims</b> and $5 maths $ markers stay text.
"""


@functools.cache
def build_sample_db(folder: Path) -> Path:
    """Ingest the sample articles and the <script> article into `folder` with the real CLI (once per folder)."""
    inbox = folder / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    (inbox / "900_script-injection.txt").write_text(SCRIPT_ARTICLE, encoding="utf-8")
    db = folder / "sample.duckdb"
    done = subprocess.run([sys.executable, "-m", "accelkb.cli", "ingest", str(SAMPLE_ARTICLES), str(inbox),
                           "--db", str(db), "--no-progress"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return db


@pytest.fixture(scope="session")
def dashboard_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample database (built once per test session, whichever module asks first)."""
    return build_sample_db(tmp_path_factory.getbasetemp() / "dashboard")


@pytest.fixture
def dashboard_db_copy(dashboard_db: Path, tmp_path: Path) -> Path:
    """A private copy of the sample database, for tests that write to it."""
    target = tmp_path / "copy.duckdb"
    shutil.copy(dashboard_db, target)
    return target


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    """A database with the schema and views but no articles."""
    path = tmp_path / "empty.duckdb"
    connect(path).close()
    return path


@pytest.fixture
def db_without_market_share(dashboard_db_copy: Path) -> Path:
    """The sample database with every market-share claim removed (a fact type nothing was extracted for)."""
    conn = connect(dashboard_db_copy)
    try:
        conn.execute("DELETE FROM evidence WHERE fact_type = 'market_share_claims'")
        conn.execute("DELETE FROM market_share_claims")
    finally:
        conn.close()
    return dashboard_db_copy


def script_article_id(db: Path) -> str:
    """The id of the test article whose text holds a <script> tag."""
    found = queries.read(db, "SELECT article_id FROM articles WHERE starts_with(title, ?)", [SCRIPT_TITLE_START])
    return str(found["article_id"].iloc[0])


def run_page(monkeypatch: pytest.MonkeyPatch, db: Path, page: str, **params: str | list[str]) -> AppTest:
    """Run one page of the app on a database, with URL query parameters, the way a browser would open it."""
    monkeypatch.setenv("ACCELKB_DB", str(db))
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    app.switch_page(f"app_pages/{page}.py")
    app.query_params.update(params)
    return app.run()
