"""A folder of whatever a scraper left behind: every bad file gets one clear line, the rest is ingested."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = ("---\n\ntitle: 'Etched raises $120 million'\ndate: 2024-06-25\n\n---\n\n"
        "Etched said on Tuesday it had raised $120 million in a Series A round led by Primary Venture Partners "
        "and Positive Sum to build its Sohu transformer chip.")
GOOD_ZH = "寒武纪科技日前宣布完成数亿美元的B轮融资，由中国国有资本风险投资基金领投，整体估值达25亿美元。"


def build_corpus(root: Path) -> dict[str, str]:
    """Write the hostile corpus; return file name -> the words its error line must contain."""
    root.mkdir()
    expect: dict[str, str] = {}

    def write(name: str, data: bytes | str, reason: str | None = None) -> None:
        path = root / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        if reason:
            expect[name] = reason

    write("good.txt", GOOD)
    variant = lambda text, n: text.replace("Sohu transformer chip.", f"Sohu transformer chip, its {n} chip.")  # noqa: E731
    write("good_gbk.txt", GOOD_ZH.encode("gb18030"))
    write("good_big5.txt", "寒武紀科技日前宣布完成數億美元的B輪融資，由中國國有資本風險投資基金領投，整體估值達25億美元。".encode("big5"))
    write("good_utf16.txt", variant(GOOD, "second").encode("utf-16"))
    write("empty.txt", b"", "empty file")
    write("binary.txt", bytes(range(256)) * 40, "binary")
    write("report.txt", b"%PDF-1.7\n1 0 obj <<>> endobj", "PDF")
    write("photo.md", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "PNG")
    write("mojibake.txt", b"Groq raised \xff\xfe\xfa money in a round led by \xc3\x28 BlackRock on Monday.", "not valid UTF-8")
    write("broken_yaml.md", "---\ntitle: [unclosed\ndate: 2024-01-01\n---\nGroq raised $640 million in a round led by BlackRock.",
          "broken YAML front matter")
    write("hostile_yaml.md", "---\ntitle: !!python/object/apply:os.system ['echo pwned']\n---\n" + GOOD.split("---\n\n")[-1],
          "broken YAML front matter")
    write("future.txt", variant(GOOD, "third").replace("2024-06-25", "2999-01-01"))
    write("nonsense_date.txt", variant(GOOD, "fourth").replace("2024-06-25", "'the day after tomorrow'"))
    write("page.html", "<html><head><title>x</title><script>document.write('evil')</script><style>p{}</style></head>"
          "<body><article><p>" + variant(GOOD, "fifth").split("---\n\n")[-1] + "</p><p>It plans to ship samples to customers later "
          "this year, the company said, and expects revenue in 2025.</p></article></body></html>")
    write("feed.jsonl", "\n".join([json.dumps({"title": "a", "date": "2024-06-25", "text": variant(GOOD, "sixth").split("---\n\n")[-1]}),
                                   "{not json", json.dumps(["a list"]), json.dumps({"title": "no text"})]),
          "line 2")
    write("huge.txt", b"Groq raised money. " * (50 * 1024 * 1024 // 19 + 1), "too large")
    (root / "loop").mkdir()
    (root / "loop" / "again").symlink_to(root / "loop")
    return expect


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], dict[str, str], Path]:
    base = tmp_path_factory.mktemp("hostile")
    expect = build_corpus(base / "inbox")
    db = base / "kb.duckdb"
    out = subprocess.run([sys.executable, "-m", "accelkb.cli", "ingest", str(base / "inbox"), "--db", str(db),
                          "--no-progress"], capture_output=True, text=True, timeout=600)
    return out, expect, db


def test_each_bad_file_gets_one_clear_line(hostile_run: tuple[subprocess.CompletedProcess[str], dict[str, str], Path]) -> None:
    out, expect, _ = hostile_run
    errors = [line for line in out.stderr.splitlines() if line.startswith("error:")]
    for name, reason in expect.items():
        lines = [line for line in errors if f"{os.sep}{name}" in line]
        assert lines, f"no error line for {name}:\n{out.stderr}"
        assert reason in lines[0], lines[0]
    assert out.returncode == 1  # partial run


def test_good_files_are_ingested_and_the_run_is_recorded(hostile_run: tuple[subprocess.CompletedProcess[str], dict[str, str], Path]) -> None:
    out, _, db = hostile_run
    from analytics.sqlsafe import query_db

    titles = query_db(db, "SELECT count(*) FROM articles").rows[0][0]
    # good, gbk, utf16, future, nonsense date, html, jsonl line 1; the Big5 file is the GBK article in the
    # other script, so it is stored once
    assert titles == 7
    undated = query_db(db, "SELECT count(*) FROM articles WHERE published IS NULL").rows[0][0]
    assert undated >= 2
    status, failed = query_db(db, "SELECT status, articles_failed FROM ingest_runs").rows[0]
    assert status == "partial" and failed >= 10
    errors = query_db(db, "SELECT count(*) FROM ingest_errors WHERE fatal").rows[0][0]
    assert errors >= 10
    html_text = query_db(db, "SELECT text FROM articles WHERE source_format = 'html'").rows[0][0]
    assert "evil" not in html_text and "document.write" not in html_text
    assert not Path("pwned").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file(tmp_path: Path) -> None:
    from ingest.sources import read_source

    path = tmp_path / "secret.txt"
    path.write_text(GOOD)
    path.chmod(0)
    result = read_source(path)
    assert result.articles == [] and "cannot read file" in result.problems[0].reason


def test_dangling_link_and_fifo_are_reported_not_waited_on(tmp_path: Path) -> None:
    from ingest.sources import iter_source_files, read_source

    (tmp_path / "gone.txt").symlink_to(tmp_path / "deleted-by-the-scraper.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    found = [item for item in iter_source_files([tmp_path]) if isinstance(item, Path)]
    reasons = {path.name: read_source(path).problems[0].reason for path in found}
    assert "cannot read file" in reasons["gone.txt"]
    assert reasons["pipe.txt"] == "not a regular file"
