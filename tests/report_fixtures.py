"""Fixtures of the weekly-report tests: databases built by the real `accelkb ingest`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE_ARTICLES = REPO / "data" / "articles"

HOSTILE_TITLE = ('=HYPERLINK("http://evil.example","x") <script>alert(1)</script> | pipes | '
                 "*stars* _under_ `tick` [link](javascript:alert(4))")
HOSTILE_QUOTE_SCRIPT = "<script>alert(2)</script>"
HOSTILE_URL = "javascript:alert(1)"
ODD_TITLE = '@SUM(1+1) -2 <img src=x onerror=alert(3)> "quoted" & more'
ODD_URL = 'https://example.com/evil_(1)|x?q=<b>&r="y"'
HOSTILE_WEEK = "2024-W32"

# Single-quoted YAML front matter: a quote inside is written twice.
HOSTILE_ARTICLES = {
    "hostile_a.txt": f"""---
title: '{HOSTILE_TITLE}'
date: 2024-08-07
url: '{HOSTILE_URL}'
source: '+cmd|'' /C calc''!A0'
lang: en
---

Groq, the chip startup, said on Wednesday that it has closed a $640 million Series D round led by BlackRock \
that values the company at $2.8 billion.

Nvidia holds an estimated 80% share of the AI accelerator market, according to Mizuho, whose note was titled \
"{HOSTILE_QUOTE_SCRIPT} | =HYPERLINK(1) |".
""",
    "hostile_b.txt": f"""---
title: '{ODD_TITLE}'
date: 2024-08-08
url: '{ODD_URL}'
source: '=1+1'
lang: en
---

AMD said on Thursday it has agreed to acquire ZT Systems for $4.9 billion in cash and stock.
""",
}


def run_ingest(paths: list[Path], db: Path) -> None:
    """Run the real `accelkb ingest` command; fail the test run when it does not succeed."""
    cmd = [sys.executable, "-m", "accelkb.cli", "ingest", *map(str, paths), "--db", str(db), "--no-progress"]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, timeout=600)
    assert done.returncode == 0, f"ingest failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"


@pytest.fixture(scope="session")
def cli_sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample articles ingested into a fresh database by the `accelkb ingest` command itself."""
    db = tmp_path_factory.mktemp("cli_sample") / "sample.duckdb"
    run_ingest([SAMPLE_ARTICLES], db)
    return db


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two articles whose titles, URLs, outlets and sentences try HTML, Markdown and formula injection."""
    folder = tmp_path_factory.mktemp("hostile")
    articles = folder / "articles"
    articles.mkdir()
    for name, text in HOSTILE_ARTICLES.items():
        (articles / name).write_text(text, encoding="utf-8")
    db = folder / "hostile.duckdb"
    run_ingest([articles], db)
    return db
