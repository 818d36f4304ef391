"""A batch of articles is extracted one stage at a time: the same records as one article at a time, and an
article that fails does not take its batch with it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

import ingest.extract as extract
from ingest.extract import ExtractionFailure, extract_article, extract_articles
from ingest.records import Article
from ingest.sources import iter_source_files, read_source

ROOT = Path(__file__).resolve().parent.parent


def sample_articles() -> list[Article]:
    """A dozen English and a dozen Chinese sample articles, interleaved."""
    paths = [p for p in iter_source_files([str(ROOT / "data" / "articles")]) if isinstance(p, Path)]
    english, chinese = (sorted(p for p in paths if p.parent.name == lang)[:12] for lang in ("en", "zh"))
    return [a for pair in zip(english, chinese) for p in pair for a in read_source(p).articles]


def as_compared(result: object) -> tuple[object, ...]:
    assert not isinstance(result, ExtractionFailure), result
    return (result.article.article_id, {k: [repr(r) for r in v] for k, v in result.records.items()},  # type: ignore[attr-defined]
            [repr(m) for m in result.mentions])  # type: ignore[attr-defined]


def test_a_batch_gives_what_each_article_gives_alone() -> None:
    articles = sample_articles()
    assert {a.lang for a in articles} == {"en", "zh"}  # both languages, interleaved in one batch
    batch = extract_articles(articles)
    assert [as_compared(r) for r in batch] == [as_compared(extract_article(a)) for a in articles]
    assert sum(len(v) for r in batch for v in r.records.values()) > 20  # type: ignore[union-attr]


def test_a_failing_article_does_not_stop_its_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = sample_articles()[:6]
    broken = articles[2]
    real = extract.ordered()

    def failing(ctx: extract.ArticleContext) -> list[object]:
        if ctx.article.article_id == broken.article_id:
            raise RuntimeError("extractor bug")
        return []

    monkeypatch.setattr(extract, "ordered", lambda: [real[0], replace(real[0], name="failing", func=failing), *real[1:]])
    unsupported = Article(article_id="fr", text="Une levée de fonds.", title=None, published=date(2024, 1, 1),
                          lang="fr", source_path="<test>", key="fr")
    results = extract_articles([*articles, unsupported])
    assert isinstance(results[2], ExtractionFailure) and "RuntimeError: extractor bug" in results[2].reason
    assert isinstance(results[-1], ExtractionFailure) and "no lexicon for language" in results[-1].reason
    monkeypatch.undo()
    expected = [as_compared(extract_article(a)) for a in articles]
    assert [as_compared(r) for i, r in enumerate(results[:-1]) if i != 2] == [e for i, e in enumerate(expected) if i != 2]
    with pytest.raises(ValueError, match="no lexicon for language"):
        extract_article(unsupported)


def test_what_extraction_loads_is_kept_out_of_full_collections(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    import ingest.heap

    # (as in a fresh process: the dashboard's tests, run in this one, keep their heap collectable)
    monkeypatch.setattr(ingest.heap, "_KEEP_COLLECTABLE", [False])
    monkeypatch.setattr(ingest.heap, "_SETTLED", set())
    extract_articles(sample_articles()[:2])
    # the pipelines, lexicons and gazetteer (hundreds of thousands of objects) sit in the permanent generation
    assert gc.get_freeze_count() > 100_000


def test_the_collector_is_paused_during_a_batch_and_back_after(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc
    import threading

    from ingest.heap import collector_paused

    assert gc.isenabled()
    seen: list[bool] = []
    real = extract.ordered()

    def watching(ctx: extract.ArticleContext) -> list[object]:
        seen.append(gc.isenabled())
        return []

    monkeypatch.setattr(extract, "ordered", lambda: [*real, replace(real[0], name="watch", func=watching)])
    extract_articles(sample_articles()[:2])
    monkeypatch.undo()
    assert seen == [False, False] and gc.isenabled()
    # two batches in threads: the collector comes back when the last one ends, not the first
    inside, release = threading.Event(), threading.Event()

    def long_batch() -> None:
        with collector_paused():
            inside.set()
            release.wait(10)

    worker = threading.Thread(target=long_batch)
    worker.start()
    inside.wait(10)
    with collector_paused():
        pass
    assert not gc.isenabled()
    release.set()
    worker.join(10)
    assert gc.isenabled()
    gc.disable()  # a caller that runs with the collector off keeps it off
    with collector_paused():
        pass
    assert not gc.isenabled()
    gc.enable()


def test_a_process_that_keeps_its_heap_collectable_is_not_frozen(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = ("import gc, sys; sys.path.insert(0, '.'); from ingest.heap import keep_collectable; keep_collectable();"
            "from tests.test_extract_batches import sample_articles; from ingest.extract import extract_articles;"
            "extract_articles(sample_articles()[:2]); print(gc.get_freeze_count())")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "0"
