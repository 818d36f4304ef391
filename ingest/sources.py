"""Read source files (text/Markdown with front matter, HTML, JSON Lines, RSS/Atom) into Articles."""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from ingest.language import detect_language
from ingest.records import Article
from ingest.textnorm import normalize

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES

MAX_FILE_BYTES = 20 * 1024 * 1024
FRONT_MATTER_KEYS = {"title", "date", "author", "url", "source", "lang", "published", "tags", "id"}
_FRONT_MATTER = re.compile(r"\A\s*---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_WHITESPACE = re.compile(r"\s+")
_LETTER = re.compile(r"[^\W_]")


class SourceError(ValueError):
    """A file (or one article inside it) that cannot be read; the message says why."""


@dataclass(frozen=True)
class SourceProblem:
    """A problem found while reading one file; `fatal` problems drop the article."""

    path: str
    reason: str
    fatal: bool = True

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class ReadResult:
    """The articles read from one file and the problems met on the way."""

    path: str
    articles: list[Article]
    problems: list[SourceProblem]


# ---------------------------------------------------------------- discovery


def iter_source_files(paths: list[str | os.PathLike[str]]) -> Iterator[Path | SourceProblem]:
    """Yield every supported file under `paths` (recursively), or a problem for what cannot be walked."""
    seen_dirs: set[tuple[int, int]] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield SourceProblem(str(path), "no such file or folder")
            continue
        if path.is_file():
            yield path
            continue
        yield from _walk(path, seen_dirs)


def _walk(folder: Path, seen_dirs: set[tuple[int, int]]) -> Iterator[Path | SourceProblem]:
    try:
        folder_status = folder.stat()
    except OSError as exc:
        yield SourceProblem(str(folder), f"cannot read folder ({exc.strerror})")
        return
    ident = (folder_status.st_dev, folder_status.st_ino)
    if ident in seen_dirs:  # a symlink loop or a second link to a folder already walked
        return
    seen_dirs.add(ident)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield SourceProblem(str(folder), f"cannot list folder ({exc.strerror})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = Path(entry.path)
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(child, seen_dirs)
        elif child.suffix.lower() in SUPPORTED_SUFFIXES:
            yield child


# ---------------------------------------------------------------- decoding


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode the bytes of a text file; return (text, encoding). Raise SourceError if it is not text."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    _reject_binary(data)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_16"]).best()
    if best is None:
        raise SourceError("not valid UTF-8, GB18030 or Big5 text")
    return str(best), best.encoding


def _reject_binary(data: bytes) -> None:
    head = data[:4096]
    signatures = {b"%PDF": "a PDF file", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
                  b"GIF8": "a GIF image", b"PK\x03\x04": "a ZIP archive (docx/xlsx?)", b"\x7fELF": "an executable"}
    for magic, what in signatures.items():
        if head.startswith(magic):
            raise SourceError(f"binary content ({what}), not an article")
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError("binary content (NUL bytes), not an article")


# ---------------------------------------------------------------- identity


def content_hash(text: str) -> str:
    """Hash of the normalised, whitespace-collapsed text: equal for the same article in any format."""
    folded = _WHITESPACE.sub(" ", normalize(text)).strip().lower()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def article_id_for(text: str) -> str:
    """Stable article id derived from the content."""
    return content_hash(text)[:16]


# ---------------------------------------------------------------- dates


def parse_published(value: Any, *, today: date | None = None) -> tuple[date | None, str | None]:
    """Parse a published date from metadata; return (date, problem) where problem explains a rejection."""
    if value is None or value == "":
        return None, None
    parsed: date | None = None
    if isinstance(value, datetime):
        parsed = value.date()
    elif isinstance(value, date):
        parsed = value
    else:
        text = str(value).strip()
        parsed = _parse_date_text(text)
        if parsed is None:
            return None, f"unreadable date {text[:40]!r}; stored without a date"
    limit = today or date.today()
    if parsed.year < 1990:
        return None, f"implausible date {parsed.isoformat()}; stored without a date"
    if (parsed - limit).days > 2:
        return None, f"date {parsed.isoformat()} is in the future; stored without a date"
    return parsed, None


_DATE_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})"), "ymd"),
    (re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})"), "ymd"),
    (re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})"), "ymd"),
    (re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日"), "ymd"),
)


def _parse_date_text(text: str) -> date | None:
    for pattern, _ in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    try:
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


# ---------------------------------------------------------------- readers


def read_source(path: str | os.PathLike[str], *, display: str | None = None) -> ReadResult:
    """Read one file into articles; never raises for bad content, reports problems instead."""
    shown = display or str(path)
    file_path = Path(path)
    problems: list[SourceProblem] = []
    try:
        status = file_path.stat()
        if not stat.S_ISREG(status.st_mode):  # a FIFO or device would block or never end
            raise SourceError("not a regular file")
        size = status.st_size
        if size > MAX_FILE_BYTES:
            raise SourceError(f"file too large ({size / 1e6:.1f} MB > {MAX_FILE_BYTES / 1e6:.0f} MB limit)")
        if size == 0:
            raise SourceError("empty file")
        data = file_path.read_bytes()
        text, encoding = decode_bytes(data)
        suffix = file_path.suffix.lower()
        if suffix in HTML_SUFFIXES:
            raw = [_from_html(text)]
            fmt = "html"
        elif suffix in JSONL_SUFFIXES:
            raw, line_problems = _from_jsonl(text)
            problems.extend(SourceProblem(shown, p) for p in line_problems)
            fmt = "jsonl"
        elif suffix in FEED_SUFFIXES:
            raw = _from_feed(text)
            fmt = "feed"
        else:
            raw = [_from_text(text)]
            fmt = "markdown" if suffix in {".md", ".markdown"} else "text"
    except SourceError as exc:
        return ReadResult(shown, [], [SourceProblem(shown, str(exc))])
    except OSError as exc:
        return ReadResult(shown, [], [SourceProblem(shown, f"cannot read file ({exc.strerror or exc})")])
    multi = len(raw) > 1 or fmt in {"jsonl", "feed"}
    articles: list[Article] = []
    for index, fields in enumerate(raw, start=1):
        if fields is None:
            continue
        key = f"{file_path.stem}-{fields.get('_index', index)}" if multi else file_path.stem
        where = f"{shown}#{fields.get('_index', index)}" if multi else shown
        article, problem = _make_article(fields, source_path=shown, key=key, fmt=fmt, encoding=encoding)
        if problem:
            problems.append(SourceProblem(where, problem.reason, problem.fatal))
        if article is not None:
            articles.append(article)
    if not articles and not problems:
        problems.append(SourceProblem(shown, "no article found in file"))
    return ReadResult(shown, articles, problems)


def _make_article(fields: dict[str, Any], *, source_path: str, key: str, fmt: str,
                  encoding: str) -> tuple[Article | None, SourceProblem | None]:
    body = (fields.get("text") or "").replace("\r\n", "\n").replace("\r", "\n")
    if not body.strip():
        return None, SourceProblem(source_path, "article has no text")
    if len(_LETTER.findall(body, 0, 20000)) < 20:
        return None, SourceProblem(source_path, "article text too short to be news (under 20 letters)")
    published, date_problem = parse_published(fields.get("date"))
    lang = detect_language(body, declared=_clean_str(fields.get("lang")))
    title = _clean_str(fields.get("title"))
    article = Article(
        article_id=article_id_for(body),
        text=body,
        title=title,
        published=published,
        lang=lang,
        source_path=source_path,
        key=_clean_str(fields.get("id")) or key,
        url=_clean_str(fields.get("url")),
        author=_clean_str(fields.get("author")),
        source_name=_clean_str(fields.get("source")),
        content_hash=content_hash(body),
        source_format=fmt,
        encoding=encoding,
    )
    problem = SourceProblem(source_path, date_problem, fatal=False) if date_problem else None
    return article, problem


def _clean_str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text[:2000] or None


def _from_text(text: str) -> dict[str, Any]:
    """Split optional YAML front matter from the body."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {"text": text.strip("\n")}
    header = match.group(1)
    try:
        meta = yaml.safe_load(header) if header.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise SourceError(f"broken YAML front matter{where}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise SourceError("front matter is not a YAML mapping")
    fields = {str(k).lower(): v for k, v in meta.items() if str(k).lower() in FRONT_MATTER_KEYS}
    for key, value in fields.items():
        if isinstance(value, (dict, list)) and key != "tags":
            raise SourceError(f"front matter field {key!r} must be a plain value")
    if "date" not in fields and "published" in fields:
        fields["date"] = fields["published"]
    fields["text"] = text[match.end():].strip("\n")
    return fields


def _from_html(text: str) -> dict[str, Any]:
    import trafilatura

    try:
        # dates only from the page's metadata and markup, never guessed from the article text
        doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_recall=True,
                                          date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        raise SourceError(f"HTML could not be parsed ({type(exc).__name__})") from None
    if doc is None or not (doc.text or "").strip():
        raise SourceError("no main text found in HTML page")
    body = doc.text
    title = doc.title
    if title and body.startswith(title):
        body = body[len(title):].lstrip("\n")
    author = doc.author or _html_meta(text, "author")
    return {"title": title, "date": doc.date, "author": author, "url": doc.url, "text": body}


def _html_meta(html: str, name: str) -> str | None:
    m = re.search(r"<meta[^>]+name=[\"']%s[\"'][^>]*content=[\"']([^\"']+)" % re.escape(name), html, re.I)
    return m.group(1).strip() if m else None


def _from_jsonl(text: str) -> tuple[list[dict[str, Any] | None], list[str]]:
    rows: list[dict[str, Any] | None] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: broken JSON ({exc.msg})")
            continue
        if not isinstance(obj, dict):
            problems.append(f"line {number}: not a JSON object")
            continue
        body = obj.get("text") or obj.get("content") or obj.get("body")
        if not isinstance(body, str):
            problems.append(f"line {number}: no 'text' string")
            continue
        rows.append({"title": obj.get("title"), "date": obj.get("date") or obj.get("published"),
                     "url": obj.get("url"), "author": obj.get("author"), "lang": obj.get("lang"),
                     "source": obj.get("source"), "text": body, "_index": number})
    return rows, problems


def _from_feed(text: str) -> list[dict[str, Any]]:
    import feedparser

    feed = feedparser.parse(text)
    if not feed.entries:
        reason = getattr(feed, "bozo_exception", None)
        raise SourceError(f"no RSS/Atom entries found{f' ({reason})' if reason else ''}")
    rows: list[dict[str, Any]] = []
    for number, entry in enumerate(feed.entries, start=1):
        content = ""
        if entry.get("content"):
            content = entry["content"][0].get("value", "")
        content = content or entry.get("summary", "") or entry.get("description", "")
        rows.append({
            "title": entry.get("title"),
            "date": _feed_date(entry),
            "url": entry.get("link"),
            "author": entry.get("author"),
            "text": _html_to_text(content),
            "_index": number,
        })
    return rows


def _feed_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _html_to_text(fragment: str) -> str:
    """Turn a feed item's (possibly HTML) body into plain paragraphs."""
    if "<" not in fragment:
        return fragment.strip()
    import html as html_lib

    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", fragment)
    text = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</h\d>|</li>", "\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = html_lib.unescape(text)
    lines = [line.strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def with_key(article: Article, key: str) -> Article:
    """Return the article under another key (used when the gold set names articles)."""
    return replace(article, key=key)
