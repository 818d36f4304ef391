"""The whole path through the real CLI: files -> articles -> facts with evidence -> DuckDB -> `accelkb sql`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

FRONT = "---\n\ntitle: '{title}'\ndate: 2024-08-05\n\n---\n\n"


def accelkb(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "accelkb.cli", *args, "--db", str(db)],
                          capture_output=True, text=True, timeout=300)


def sql(query: str, db: Path) -> list[dict[str, object]]:
    out = accelkb("sql", query, "--format", "json", db=db)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_ingest_then_query(tmp_path: Path) -> None:
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "groq.txt").write_text(FRONT.format(title="Groq raises $640M") +
                                   "Groq said on Monday it raised $640 million in a Series D round led by BlackRock, "
                                   "with Cisco and Samsung Catalyst Fund participating. The round values Groq at $2.8 billion.",
                                   encoding="utf-8")
    (docs / "cambricon.md").write_text(FRONT.format(title="寒武纪完成B轮融资") +
                                       "寒武纪科技日前宣布完成数亿美元的B轮融资，由中国国有资本风险投资基金领投，整体估值达25亿美元。",
                                       encoding="utf-8")
    (docs / "broken.txt").write_bytes(b"%PDF-1.7 not text")
    db = tmp_path / "kb.duckdb"
    first = accelkb("ingest", str(docs), "--no-progress", db=db)
    assert first.returncode == 1, first.stderr  # partial: one file failed
    assert "broken.txt" in first.stderr and "PDF" in first.stderr
    assert "2 new" in first.stdout and "1 failed" in first.stdout

    rounds = sql("SELECT company, amount_usd, round, lead_investors FROM v_funding_rounds ORDER BY company", db)
    assert {"company": "Groq", "amount_usd": 640e6, "round": "Series D", "lead_investors": ["BlackRock"]} in rounds
    assert any(r["company"] == "Cambricon" and r["round"] == "Series B" for r in rounds)
    evidence = sql("SELECT e.sentence, e.start_char, e.end_char, a.text FROM evidence e JOIN articles a USING (article_id)", db)
    assert evidence and all(r["text"][r["start_char"]:r["end_char"]] == r["sentence"] for r in evidence)
    edges = sql("SELECT src, relation, dst FROM edges WHERE relation = 'invested_in' AND dst = 'Groq'", db)
    assert {"src": "BlackRock", "relation": "invested_in", "dst": "Groq"} in edges
    runs = sql("SELECT status, articles_new, articles_failed FROM ingest_runs", db)
    assert runs == [{"status": "partial", "articles_new": 2, "articles_failed": 1}]

    counts_before = sql("SELECT (SELECT count(*) FROM articles) a, (SELECT count(*) FROM evidence) e,"
                        " (SELECT count(*) FROM entities) n, (SELECT count(*) FROM funding_rounds) r", db)
    again = accelkb("ingest", str(docs), "--no-progress", db=db)
    assert "0 new" in again.stdout and "2 unchanged" in again.stdout
    assert sql("SELECT (SELECT count(*) FROM articles) a, (SELECT count(*) FROM evidence) e,"
               " (SELECT count(*) FROM entities) n, (SELECT count(*) FROM funding_rounds) r", db) == counts_before


def test_sql_refuses_writes(tmp_path: Path) -> None:
    db = tmp_path / "kb.duckdb"
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "a.txt").write_text("Etched raised $120 million in a Series A round led by Primary Venture Partners.")
    accelkb("ingest", str(docs), "--no-progress", db=db)
    out = accelkb("sql", "DELETE FROM articles", db=db)
    assert out.returncode == 2 and "only SELECT" in out.stderr
