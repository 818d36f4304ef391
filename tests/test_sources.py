"""Reading sources: front matter, HTML, JSON Lines, feeds, encodings, and clear errors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from ingest.sources import article_id_for, iter_source_files, read_source

FRONT = "---\n\ntitle: 'Groq raises $640 million'\ndate: 2024-08-05\nauthor: desk\nurl: https://example.com/a\n\n---\n\n"
BODY = "Groq said on Monday it raised $640 million in a Series D round led by BlackRock, valuing it at $2.8 billion."


def write(tmp: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    path = tmp / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding=encoding)
    return path


def test_text_with_front_matter(tmp_path: Path) -> None:
    result = read_source(write(tmp_path, "a.txt", FRONT + BODY))
    [article] = result.articles
    assert article.title == "Groq raises $640 million"
    assert article.published == date(2024, 8, 5)
    assert article.url == "https://example.com/a"
    assert article.text == BODY
    assert article.lang == "en"


def test_seed_article_layout(shared_dir: Path) -> None:
    [article] = read_source(next((shared_dir / "seeds").glob("*.txt"))).articles
    assert article.lang == "zh"
    assert article.published == date(2024, 8, 8)
    assert article.title and "6.4亿美元" in article.title
    assert not article.text.startswith("---")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "big5"])
def test_chinese_encodings(tmp_path: Path, encoding: str) -> None:
    text = "寒武紀科技日前宣布完成數億美元的B輪融資，整體估值達25億美元，由中國國有資本風險投資基金領投。"
    if encoding == "gb18030":
        text = "寒武纪科技日前宣布完成数亿美元的B轮融资，整体估值达25亿美元，由中国国有资本风险投资基金领投。"
    [article] = read_source(write(tmp_path, "zh.txt", text, encoding)).articles
    assert article.text == text
    assert article.lang == "zh"
    assert article.encoding.replace("_", "-").startswith(encoding.split("-sig")[0].replace("_", "-")) or encoding == "utf-8-sig"


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Groq raises</title><meta name='author' content='Desk'>"
        "<meta property='article:published_time' content='2024-08-05T09:00:00Z'></head><body>"
        "<nav>Home | Markets | Chips</nav><article><h1>Groq raises $640 million</h1>"
        f"<p>{BODY}</p><p>The company plans to deploy more than 100,000 LPUs by next year, it said.</p></article>"
        "<footer>Copyright 2024 Example Media. All rights reserved.</footer><script>track()</script></body></html>"
    )
    [article] = read_source(write(tmp_path, "a.html", html)).articles
    assert "BlackRock" in article.text
    assert "Copyright" not in article.text and "track()" not in article.text
    assert article.published == date(2024, 8, 5)


def test_jsonl_keeps_good_lines_and_reports_bad_ones(tmp_path: Path) -> None:
    lines = [json.dumps({"title": "One", "date": "2024-08-05", "text": BODY}), "{broken json",
             json.dumps({"title": "Two", "date": "2024-08-06", "text": BODY.replace("Groq", "Etched")})]
    result = read_source(write(tmp_path, "feed.jsonl", "\n".join(lines)))
    assert [a.title for a in result.articles] == ["One", "Two"]
    assert [a.key for a in result.articles] == ["feed-1", "feed-3"]
    assert len(result.problems) == 1 and "line 2" in result.problems[0].reason


def test_rss_feed(tmp_path: Path) -> None:
    rss = ("<?xml version='1.0'?><rss version='2.0'><channel><title>x</title>"
           f"<item><title>Groq</title><link>https://example.com/g</link><pubDate>Mon, 05 Aug 2024 09:00:00 GMT</pubDate>"
           f"<description>{BODY}</description></item></channel></rss>")
    [article] = read_source(write(tmp_path, "f.rss", rss)).articles
    assert article.published == date(2024, 8, 5) and article.url == "https://example.com/g"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", "", "empty file"),
        ("fake.txt", b"%PDF-1.4 binary", "PDF"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        ("bad.md", "---\ntitle: [unclosed\n---\nbody text that is long enough to be an article", "broken YAML front matter"),
    ],
)
def test_bad_files_get_one_clear_reason(tmp_path: Path, name: str, content: str | bytes, reason: str) -> None:
    result = read_source(write(tmp_path, name, content))
    assert result.articles == []
    assert len(result.problems) == 1
    assert reason in result.problems[0].reason
    assert name in str(result.problems[0])


def test_future_date_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    result = read_source(write(tmp_path, "f.txt", FRONT.replace("2024-08-05", "2999-01-01") + BODY))
    assert result.articles[0].published is None
    assert not result.problems[0].fatal and "future" in result.problems[0].reason


def test_same_article_in_two_formats_has_one_id(tmp_path: Path) -> None:
    a = read_source(write(tmp_path, "a.txt", FRONT + BODY)).articles[0]
    b = read_source(write(tmp_path, "b.jsonl", json.dumps({"title": "x", "text": "  " + BODY + "\n"}))).articles[0]
    assert a.article_id == b.article_id == article_id_for(BODY)


def test_walk_survives_symlink_loops(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    write(tmp_path / "d", "a.txt", BODY)
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d")
    files = [p for p in iter_source_files([tmp_path]) if isinstance(p, Path)]
    assert [p.name for p in files] == ["a.txt"]
