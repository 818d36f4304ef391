"""Ingest runs: files -> articles -> extraction (optionally in worker processes) -> the database.

The database is opened for writing only in short bursts (one batch of articles at a time), so the
dashboard and `accelkb sql` can read between them; a lock file keeps a second ingest waiting.
"""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from entities.db import connect
from entities.store import Store
from ingest.batches import BATCH_SIZE, in_batches
from ingest.extractors.registry import version_string
from ingest.knowledge import affected, knowledge_fingerprint, record_gazetteer_version, staleness
from ingest.records import FACT_KINDS, Article, Extraction
from ingest.sources import SourceProblem, iter_source_files, read_source

# Articles per write transaction. The writer's per-transaction work (reading the tallies, counts and
# disputes of the facts it touched) grows with the database, so fewer, larger transactions keep ingest
# near-linear; readers still get in between them every few seconds.
WRITE_BATCH_SIZE = 512
IN_FLIGHT_PER_WORKER = 4
# DuckDB's own cache for the writer: the batch writes scan large tables, and an unbounded cache (80% of RAM by
# default) would hold most of the database in memory by the end of a big run
WRITER_MEMORY_LIMIT = "768MB"


class IngestLocked(RuntimeError):
    """Another ingest holds the database."""


@dataclass
class RebuildSummary:
    """What a rebuild did."""

    reextracted: int = 0
    restamped: int = 0
    failed: list[str] = field(default_factory=list)
    seconds: float = 0.0


def rebuild(db_path: Path, *, everything: bool = False, workers: int = 1, wait_seconds: float = 0.0,
            progress: bool = True) -> RebuildSummary:
    """Re-extract stored articles whose extraction used other knowledge than now (or all of them)."""
    started = time.monotonic()
    out = RebuildSummary()
    with ingest_lock(db_path, wait_seconds):
        # readers open the file for a moment at a time: wait for one to finish rather than fail
        conn = connect(db_path, retry_seconds=30)
        try:
            stale = staleness(conn)
            Store(conn).sync_gazetteer()
            record_gazetteer_version(conn)
            if everything:
                ids = [r[0] for r in conn.execute("SELECT article_id FROM articles ORDER BY ingested_at").fetchall()]
            else:
                ids = affected(conn, stale)
            rows = conn.execute("SELECT article_id, text, title, published, lang, url, author, source_name, content_hash,"
                                " source_format, encoding FROM articles WHERE article_id IN (SELECT unnest(?))"
                                " ORDER BY ingested_at", [ids]).fetchall()
            untouched = [a for a in stale.gazetteer_changed if a not in set(ids)]
            # their text holds none of the new spellings: the new gazetteer reads them the same way
            conn.execute("UPDATE articles SET knowledge = ? WHERE article_id IN (SELECT unnest(?))",
                         [knowledge_fingerprint(), untouched])
            out.restamped = len(untouched)
        finally:
            conn.close()
        articles = [Article(article_id=r[0], text=r[1], title=r[2], published=r[3], lang=r[4], source_path="(stored)",
                            key=r[0], url=r[5], author=r[6], source_name=r[7], content_hash=r[8],
                            source_format=r[9] or "text", encoding=r[10] or "utf-8") for r in rows]
        bar = _progress(len(articles), progress)
        version = version_string()
        for results in _run_batches(in_batches(articles, BATCH_SIZE), workers):
            extractions = [r for r in results if not isinstance(r, tuple)]
            out.failed += [f"{r[0].article_id}: {r[1]}" for r in results if isinstance(r, tuple)]
            conn = connect(db_path, retry_seconds=30, prepare=False)
            try:
                Store(conn).write_batch([(ex, "") for ex in extractions], None, version, replace=True)
            finally:
                conn.close()
            out.reextracted += len(extractions)
            for _ in results:
                _tick(bar)
        if bar is not None:
            bar.close()
    out.seconds = time.monotonic() - started
    return out


def stale_notice(db_path: Path) -> str:
    """A line saying that stored articles need `accelkb rebuild`, or "" when none do."""
    conn = connect(db_path, retry_seconds=30, prepare=False)
    try:
        return staleness(conn).message()
    finally:
        conn.close()


@dataclass
class IngestSummary:
    """What one run did."""

    run_id: int | None = None
    counts: Counter[str] = field(default_factory=Counter)  # new | changed | unchanged | failed
    facts: Counter[str] = field(default_factory=Counter)
    problems: list[SourceProblem] = field(default_factory=list)
    files: int = 0
    seconds: float = 0.0

    @property
    def status(self) -> str:
        """ok, or partial when some file or article failed."""
        return "partial" if any(p.fatal for p in self.problems) else "ok"

    def lines(self) -> list[str]:
        """The closing summary printed on the terminal."""
        c = self.counts
        out = [f"articles: {c['new']} new, {c['changed']} changed, {c['unchanged']} unchanged, {c['failed']} failed"
               f" ({self.files} files, {self.seconds:.1f}s)"]
        facts = ", ".join(f"{self.facts[k]} {k.replace('_', ' ')}" for k in FACT_KINDS if self.facts[k])
        out.append(f"facts added: {facts or 'none'}")
        if self.problems:
            out.append(f"problems ({len(self.problems)}):")
            out.extend(f"  {'error' if p.fatal else 'warning'}: {p}" for p in self.problems)
        return out


@contextmanager
def ingest_lock(db_path: Path, wait_seconds: float) -> Iterator[None]:
    """Hold `<db>.lock` for the whole run; wait up to `wait_seconds` for another ingest to finish."""
    lock_path = Path(str(db_path) + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(lock_path, "a+")
    deadline = time.monotonic() + wait_seconds
    announced = False
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                handle.close()
                raise IngestLocked(f"another ingest is writing {db_path}; try again when it has finished") from None
            if not announced:
                print(f"waiting for another ingest on {db_path} to finish...", file=sys.stderr)
                announced = True
            time.sleep(0.2)
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def source_key(article: Article) -> str:
    """Where an article came from: its URL, else its file (and position inside the file)."""
    if article.url:
        return article.url
    return f"{Path(article.source_path).resolve()}#{article.key}"


def _extract_batch(articles: list[Article]) -> list[Extraction | tuple[Article, str]]:
    """Worker-side: extract a batch; failures come back as (article, reason)."""
    # imported here: loading spaCy takes half a second, and a re-ingest of unchanged files never needs it
    from ingest.extract import ExtractionFailure, extract_articles

    return [(r.article, r.reason) if isinstance(r, ExtractionFailure) else r for r in extract_articles(articles)]


def ingest_paths(paths: list[str], db_path: Path, *, workers: int = 1, progress: bool = True,
                 wait_seconds: float = 0.0, command: str = "ingest",
                 on_article: Callable[[str, str], None] | None = None, engine: str = "local",
                 scheduler: str | None = None, shard_dir: Path | None = None) -> IngestSummary:
    """Ingest files and folders into the database at `db_path`.

    `engine="dask"` extracts on a Dask cluster (`scheduler`, or a LocalCluster of `workers` processes)
    into Parquet shards under `shard_dir` (which workers and this process must both see); this process
    then loads them, as the one writer DuckDB allows.
    """
    started = time.monotonic()
    summary = IngestSummary()
    version = version_string()
    with ingest_lock(db_path, wait_seconds):
        # readers open the file for a moment at a time: wait for one to finish rather than fail
        conn = connect(db_path, retry_seconds=30)
        try:
            store = Store(conn)
            store.sync_gazetteer()
            record_gazetteer_version(conn)
            known = {r[0] for r in conn.execute("SELECT article_id FROM articles").fetchall()}
            summary.run_id = store.start_run(command, paths, version)
        finally:
            conn.close()
        pending: list[Article] = []
        unchanged: list[Article] = []
        seen_ids: set[str] = set()
        for item in iter_source_files(paths):
            if isinstance(item, SourceProblem):
                summary.problems.append(item)
                summary.counts["failed"] += 1
                continue
            summary.files += 1
            result = read_source(item)
            for problem in result.problems:
                summary.problems.append(problem)
                if problem.fatal:
                    summary.counts["failed"] += 1
            for article in result.articles:
                if article.article_id in known or article.article_id in seen_ids:
                    unchanged.append(article)
                else:
                    seen_ids.add(article.article_id)
                    pending.append(article)
        bar = _progress(len(pending) + len(unchanged), progress)
        _write_unchanged(db_path, unchanged, summary, bar)
        if engine == "dask":
            _run_dask(pending, db_path, summary, version, bar, on_article, scheduler, workers, shard_dir)
        else:
            for results in _grouped(_run_batches(in_batches(pending, BATCH_SIZE), workers), WRITE_BATCH_SIZE):
                _write_batch(db_path, results, summary, version, bar, on_article)
        if bar is not None:
            bar.close()
        summary.seconds = time.monotonic() - started
        conn = connect(db_path, retry_seconds=30)
        try:
            store = Store(conn)
            for problem in summary.problems:
                store.record_error(summary.run_id, problem.path, problem.reason, problem.fatal)
            store.finish_run(summary.run_id, summary.status, dict(summary.counts), dict(summary.facts))
        finally:
            conn.close()
    return summary


def _grouped(batches: Iterator[list[Extraction | tuple[Article, str]]],
             size: int) -> Iterator[list[Extraction | tuple[Article, str]]]:
    """Join extracted batches into groups of at least `size` results (the last one may be smaller)."""
    group: list[Extraction | tuple[Article, str]] = []
    for batch in batches:
        group.extend(batch)
        if len(group) >= size:
            yield group
            group = []
    if group:
        yield group


def _run_batches(batches: list[list[Article]], workers: int) -> Iterator[list[Extraction | tuple[Article, str]]]:
    if workers <= 1 or len(batches) <= 1:
        for batch in batches:
            yield _extract_batch(batch)
        return
    # a bounded window of batches in flight: workers never run far ahead of the writer, so finished
    # results do not pile up in memory when writing is the slower side
    # workers start from a fresh server process, not as copies of this one (which may hold every article
    # read so far): their memory is their own pipeline and the batch at hand
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("forkserver")) as pool:
        todo = iter(batches)
        window = deque(pool.submit(_extract_batch, batch) for batch in islice(todo, workers * IN_FLIGHT_PER_WORKER))
        while window:
            done = window.popleft().result()
            following = next(todo, None)
            if following is not None:
                window.append(pool.submit(_extract_batch, following))
            yield done


def _run_dask(pending: list[Article], db_path: Path, summary: IngestSummary, version: str, bar: object,
              on_article: Callable[[str, str], None] | None, scheduler: str | None, workers: int,
              shard_dir: Path | None) -> None:
    from ingest import distributed

    folder = shard_dir or distributed.temporary_shard_dir()
    try:
        for shard in distributed.run_dask(pending, folder, scheduler, max(1, workers)):
            for path, reason in shard["failures"]:
                summary.problems.append(SourceProblem(path, reason))
                summary.counts["failed"] += 1
                _tick(bar)
            if shard["shard"]:
                _write_batch(db_path, distributed.load_shard(shard["shard"]), summary, version, bar, on_article)
    finally:
        if shard_dir is None:
            distributed.cleanup(folder)


def _write_unchanged(db_path: Path, articles: list[Article], summary: IngestSummary, bar: object) -> None:
    """Articles already stored: only record where they were seen this time."""
    if not articles:
        return
    conn = connect(db_path, retry_seconds=30, prepare=False)
    try:
        Store(conn).write_batch([(Extraction(article=a), source_key(a)) for a in articles], summary.run_id, "")
        summary.counts["unchanged"] += len(articles)
        for _ in articles:
            _tick(bar)
    finally:
        conn.close()


def _write_batch(db_path: Path, results: list[Extraction | tuple[Article, str]], summary: IngestSummary,
                 version: str, bar: object, on_article: Callable[[str, str], None] | None) -> None:
    """Store a batch in one transaction; if that fails, store its articles one by one to isolate the bad one."""
    items: list[tuple[Extraction, str]] = []
    for result in results:
        if isinstance(result, tuple):
            article, reason = result
            summary.problems.append(SourceProblem(article.source_path, reason))
            summary.counts["failed"] += 1
            _tick(bar)
        else:
            items.append((result, source_key(result.article)))
    if not items:
        return
    conn = connect(db_path, retry_seconds=30, prepare=False)
    conn.execute(f"SET memory_limit = '{WRITER_MEMORY_LIMIT}'")
    try:
        store = Store(conn)
        try:
            outcomes: list[tuple[Extraction, str, object]] = [
                (ex, key, outcome) for (ex, key), outcome in zip(items, store.write_batch(items, summary.run_id, version))]
        except Exception:
            outcomes = []
            for ex, key in items:
                try:
                    outcomes.append((ex, key, store.write_batch([(ex, key)], summary.run_id, version)[0]))
                except Exception as exc:  # that article's transaction was rolled back; the others go on
                    outcomes.append((ex, key, exc))
        for ex, key, outcome in outcomes:
            if isinstance(outcome, Exception):
                summary.problems.append(SourceProblem(ex.article.source_path, f"could not be stored ({outcome})"))
                summary.counts["failed"] += 1
            else:
                status, added = outcome  # type: ignore[misc]
                summary.counts[status.status] += 1
                for kind, n in added.items():
                    summary.facts[kind] += n
                if on_article:
                    on_article(ex.article.source_path, status.status)
            _tick(bar)
    finally:
        conn.close()


def _progress(total: int, enabled: bool) -> object:
    if not enabled or total == 0:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="article", file=sys.stderr, dynamic_ncols=True, leave=False)


def _tick(bar: object) -> None:
    if bar is not None:
        bar.update(1)  # type: ignore[attr-defined]
