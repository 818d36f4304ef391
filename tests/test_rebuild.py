"""A knowledge change re-extracts what it affects: new gazetteer spellings only the articles naming them,
a lexicon change everything; ingest says when stored articles are stale."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from accelkb.config import REPO_ROOT

FRONT = "---\n\ntitle: '{title}'\ndate: 2024-06-25\n\n---\n\n"
ARTICLES = {
    "a.txt": "Zyphra Photonics raised $40 million in a Series A round led by Quokkaflux Capital, the startup said.",
    "b.txt": "Groq said on Monday it raised $640 million in a Series D round led by BlackRock.",
    "c.txt": "Etched raised $120 million in a Series A round led by Primary Venture Partners.",
}


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "accelkb.cli", *args], capture_output=True, text=True, env=env,
                          timeout=300)


def leads(db: Path, env: dict[str, str]) -> list[dict[str, object]]:
    out = run("sql", "SELECT r.company, i.investor, e.verified FROM round_investors i JOIN funding_rounds r USING (fact_id)"
              " JOIN entities e ON e.entity_id = i.investor_id ORDER BY 1", "--db", str(db), "--format", "json", env=env)
    return json.loads(out.stdout)


def test_new_spelling_reextracts_only_the_articles_that_name_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "data", data, ignore=shutil.ignore_patterns("articles", "golden", "*.duckdb*"))
    env = dict(os.environ, ACCELKB_DATA=str(data))
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in ARTICLES.items():
        (docs / name).write_text(FRONT.format(title=name) + text, encoding="utf-8")
    db = tmp_path / "kb.duckdb"
    assert run("ingest", str(docs), "--db", str(db), "--no-progress", env=env).returncode == 0
    assert {"company": "Zyphra Photonics", "investor": "Quokkaflux Capital", "verified": False} in leads(db, env)

    with open(data / "gazetteer" / "organizations" / "investors.yaml", "a", encoding="utf-8") as fh:
        fh.write("\n- name: Quokkaflux\n  type: vc\n  country: AU\n  aliases:\n    - Quokkaflux Capital\n")
    again = run("ingest", str(docs), "--db", str(db), "--no-progress", env=env)
    assert "run `accelkb rebuild`" in again.stdout

    rebuilt = run("rebuild", "--db", str(db), "--no-progress", env=env)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "re-extracted 1 articles, re-stamped 2" in rebuilt.stdout
    assert {"company": "Zyphra Photonics", "investor": "Quokkaflux", "verified": True} in leads(db, env)
    quiet = run("ingest", str(docs), "--db", str(db), "--no-progress", env=env)
    assert "rebuild" not in quiet.stdout

    with open(data / "lexicon" / "en.yaml", "a", encoding="utf-8") as fh:
        fh.write("\n# a lexicon edit changes the rules\n")
    everything = run("rebuild", "--db", str(db), "--no-progress", env=env)
    assert "re-extracted 3 articles" in everything.stdout
    counts = run("sql", "SELECT count(*) AS n FROM funding_rounds", "--db", str(db), "--format", "json", env=env)
    assert json.loads(counts.stdout) == [{"n": 3}]
