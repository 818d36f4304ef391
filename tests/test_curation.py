"""Curation through the CLI: kept in the curation file, applied to the database, and surviving a rebuild."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from accelkb.config import REPO_ROOT

ARTICLE = ("---\n\ntitle: 'x'\ndate: 2024-06-25\n\n---\n\n"
           "Zyphra Photonics raised $40 million in a Series A round led by Quokka Ventures Partners and Tiger Global "
           "Management, the startup said on Tuesday. Quokka Ventures Partners also backed Lightmatter.")


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "accelkb.cli", *args], capture_output=True, text=True, env=env,
                          timeout=300)


def sql(query: str, db: Path, env: dict[str, str]) -> list[dict[str, object]]:
    out = run("sql", query, "--db", str(db), "--format", "json", env=env)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_curation_is_recorded_applied_and_survives_a_rebuild(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "data", data, ignore=shutil.ignore_patterns("articles", "golden", "*.duckdb*"))
    (data / "curation.yaml").unlink(missing_ok=True)
    env = dict(os.environ, ACCELKB_DATA=str(data))
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "kb.duckdb"
    assert run("ingest", str(docs), "--db", str(db), "--no-progress", env=env).returncode == 0
    assert {"company": "Zyphra Photonics"} in sql("SELECT company FROM funding_rounds", db, env)
    [quokka] = [r["investor"] for r in sql("SELECT investor FROM round_investors", db, env) if "Quokka" in str(r["investor"])]
    assert sql(f"SELECT verified FROM entities WHERE name = '{quokka}'", db, env) == [{"verified": False}]

    assert run("entities", "rename", "Zyphra Photonics", "Zyphra", "--db", str(db), env=env).returncode == 0
    assert run("entities", "set-type", quokka, "vc", "--db", str(db), env=env).returncode == 0
    assert run("entities", "merge", quokka, "Tiger Global", "--db", str(db), env=env).returncode == 0

    curation = yaml.safe_load((data / "curation.yaml").read_text(encoding="utf-8"))
    assert curation["renames"] == [{"from": "Zyphra Photonics", "to": "Zyphra"}]
    assert curation["merges"] == [{"from": quokka, "into": "Tiger Global"}]
    assert sql("SELECT company FROM funding_rounds", db, env) == [{"company": "Zyphra"}]
    investors = sql("SELECT investor FROM round_investors ORDER BY investor", db, env)
    assert investors == [{"investor": "Tiger Global"}]

    rebuilt = tmp_path / "rebuilt.duckdb"
    assert run("ingest", str(docs), "--db", str(rebuilt), "--no-progress", env=env).returncode == 0
    assert sql("SELECT company FROM funding_rounds", rebuilt, env) == [{"company": "Zyphra"}]
    assert sql("SELECT investor FROM round_investors", rebuilt, env) == [{"investor": "Tiger Global"}]
    shown = run("entities", "show", "Zyphra", "--db", str(rebuilt), env=env)
    assert "Zyphra Photonics" in shown.stdout and "invested_in" in shown.stdout


def test_graph_helpers(sample_db: Path) -> None:
    from analytics import graph

    path = graph.shortest_path(sample_db, "BlackRock", "Nvidia")
    assert path and path[0][0] == "BlackRock" and path[-1][2] == "Nvidia"
    assert all(step[2] == nxt[0] for step, nxt in zip(path, path[1:]))
    assert "Groq" in set(graph.portfolio(sample_db, "BlackRock")["company"])
    assert not graph.neighbours(sample_db, "Groq").empty
    assert graph.shortest_path(sample_db, "Groq", "No Such Entity") == []
