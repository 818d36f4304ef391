"""SIGKILL an ingest of 1,000 articles at a random moment: no article is half there, and re-running gives
exactly the totals of a clean run."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.corpus import write_corpus
from entities.db import connect
from tests_support_tables import table_counts as totals

pytestmark = pytest.mark.slow


def ingest_cmd(folder: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "accelkb.cli", "ingest", str(folder), "--db", str(db), "--no-progress"]


def reporting_ingest_cmd(folder: Path, db: Path) -> list[str]:
    """The same ingest through the library, printing a line for each article as soon as it is stored."""
    code = ("import sys; from pathlib import Path; from ingest.run import ingest_paths; "
            "ingest_paths([sys.argv[1]], Path(sys.argv[2]), progress=False, "
            "on_article=lambda path, status: print(status, flush=True))")
    return [sys.executable, "-c", code, str(folder), str(db)]


def evidence_per_article(db: Path) -> dict[str, int]:
    conn = connect(db)
    try:
        rows = conn.execute("SELECT a.article_id, count(e.evidence_id) FROM articles a"
                            " LEFT JOIN evidence e USING (article_id) GROUP BY 1").fetchall()
        return dict(rows)
    finally:
        conn.close()


def test_sigkill_then_rerun(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 1000, seed=21, per_jsonl=50)

    clean_db = tmp_path / "clean.duckdb"
    started = time.monotonic()
    subprocess.run(ingest_cmd(corpus, clean_db), check=True, capture_output=True, timeout=900)
    clean_seconds = time.monotonic() - started
    clean = totals(clean_db)
    clean_evidence = evidence_per_article(clean_db)
    assert clean["articles"] == 1000

    crash_db = tmp_path / "crash.duckdb"
    proc = subprocess.Popen(reporting_ingest_cmd(corpus, crash_db), stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    # the first line comes once the first write batch has committed; the kill then lands somewhere in the
    # extraction or the writing of the next batch
    assert proc.stdout is not None
    assert proc.stdout.readline(), "the run ended before storing anything"
    time.sleep(random.uniform(0.0, 0.2) * clean_seconds)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.stdout.close()
    proc.wait(timeout=30)

    partial = evidence_per_article(crash_db)  # reopening replays the write-ahead log
    assert 0 < len(partial) < 1000, f"the kill should land mid-run ({len(partial)} articles stored)"
    half_there = {a: n for a, n in partial.items() if n != clean_evidence[a]}
    assert half_there == {}, f"articles stored without all their evidence: {list(half_there)[:5]}"

    rerun = subprocess.run(ingest_cmd(corpus, crash_db), capture_output=True, text=True, timeout=900)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    after = totals(crash_db)
    assert after == clean
    runs = connect(crash_db).execute("SELECT status FROM ingest_runs ORDER BY run_id").fetchall()
    assert [r[0] for r in runs] == ["running", "ok"]  # the killed run stays visible as unfinished
