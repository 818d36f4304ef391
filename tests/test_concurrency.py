"""One writer at a time: readers keep answering while an ingest writes; a second ingest waits or stops."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.corpus import write_corpus

pytestmark = pytest.mark.slow


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "accelkb.cli", *args]


def test_readers_and_a_second_writer_during_an_ingest(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 300, seed=3, per_jsonl=20)
    db = tmp_path / "kb.duckdb"
    seed_docs = tmp_path / "seed"
    write_corpus(seed_docs, 5, seed=99)
    subprocess.run(cli("ingest", str(seed_docs), "--db", str(db), "--no-progress"), check=True, capture_output=True)

    writer = subprocess.Popen(cli("ingest", str(corpus), "--db", str(db), "--no-progress"),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    counts: list[int] = []
    second = None
    try:
        while writer.poll() is None:
            out = subprocess.run(cli("sql", "SELECT count(*) AS n FROM articles", "--db", str(db), "--format", "csv"),
                                 capture_output=True, text=True, timeout=120)
            assert out.returncode == 0, out.stderr
            counts.append(int(out.stdout.splitlines()[1]))
            if second is None and len(counts) >= 2:
                second = subprocess.run(cli("ingest", str(seed_docs), "--db", str(db), "--no-progress", "--wait", "0"),
                                        capture_output=True, text=True, timeout=120)
            time.sleep(0.2)
    finally:
        stdout, stderr = writer.communicate(timeout=600)
    assert writer.returncode == 0, stderr
    assert len(counts) >= 3, "the ingest finished before the readers could check it"
    assert counts == sorted(counts) and counts[0] >= 5
    assert second is not None and second.returncode == 3 and "another ingest" in second.stderr

    final = subprocess.run(cli("sql", "SELECT count(*) FROM articles", "--db", str(db), "--format", "csv"),
                           capture_output=True, text=True, check=True)
    assert int(final.stdout.splitlines()[1]) == 305
