"""Extraction of articles: spaCy pipeline -> typed items -> registered extractors -> records."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from entities.gazetteer import Gazetteer, load_gazetteer
from entities.resolve import default_resolver
from ingest.analysis import ArticleContext, build_context
from ingest.batches import BATCH_SIZE, in_batches
from ingest.extractors.registry import ordered
from ingest.heap import collector_paused, settle
from ingest.lexicon import load_lexicon
from ingest.nlp.docdata import release_spans
from ingest.pipeline import build_pipeline, start_doc
from ingest.records import Acquisition, Article, Extraction, Partnership, Record

T = TypeVar("T")
U = TypeVar("U")


@dataclass(frozen=True)
class ExtractionFailure:
    """An article whose extraction raised: the others of its batch go on."""

    article: Article
    error: Exception

    @property
    def reason(self) -> str:
        """What went wrong, for the run's report."""
        return f"extraction failed ({type(self.error).__name__}: {self.error})"


def extract_article(article: Article) -> Extraction:
    """Run every registered extractor on one article; no database involved."""
    result = extract_articles([article])[0]
    if isinstance(result, ExtractionFailure):
        raise result.error
    return result


def extract_articles(articles: Sequence[Article]) -> list[Extraction | ExtractionFailure]:
    """Extract a batch of articles, in their order; an article that fails gives an `ExtractionFailure`
    (see `_stage_by_stage`; the cycle collector is paused meanwhile, see `collector_paused`)."""
    with collector_paused():
        return _stage_by_stage(articles)


def extract_in_batches(articles: Sequence[Article], size: int = BATCH_SIZE) -> Iterator[Extraction | ExtractionFailure]:
    """Extract `articles` a batch of `size` at a time (as ingest does), yielding results in their order."""
    for batch in in_batches(articles, size):
        yield from extract_articles(batch)


def _stage_by_stage(articles: Sequence[Article]) -> list[Extraction | ExtractionFailure]:
    """Extract a batch of articles, in their order.

    The batch goes through one stage at a time (each pipeline component, then each extractor, over every
    article of a language), as spaCy's `nlp.pipe` does: a stage's code and tables stay in the processor's
    caches across the batch instead of being evicted by the next stage after every article. Each article
    sees the same stages in the same order as it would alone, so the results do not depend on the batch.
    """
    results: list[Extraction | ExtractionFailure | None] = [None] * len(articles)
    by_language: dict[str, list[int]] = {}
    for index, article in enumerate(articles):
        by_language.setdefault(article.lang, []).append(index)

    def each(work: dict[int, T], step: Callable[[int, T], U]) -> dict[int, U]:
        done: dict[int, U] = {}
        for index, value in work.items():
            try:
                done[index] = step(index, value)
            except Exception as exc:  # an extractor bug must not stop the batch
                results[index] = ExtractionFailure(articles[index], exc)
        return done

    gazetteer, resolver = load_gazetteer(), default_resolver()
    for language, indexes in by_language.items():
        try:
            lexicon, pipeline = load_lexicon(language), build_pipeline(language).pipeline
        except Exception as exc:  # a language we cannot read: its articles fail, the others go on
            for index in indexes:
                results[index] = ExtractionFailure(articles[index], exc)
            continue
        docs = each({i: articles[i] for i in indexes}, lambda _, a: start_doc(a.text, a.lang, a.published))
        for _, component in pipeline:
            docs = each(docs, lambda _, doc: component(doc))  # noqa: B023 (used at once)
        contexts = each(docs, lambda i, doc: build_context(articles[i], doc, lexicon, gazetteer, resolver))
        extractions = {i: Extraction(article=articles[i]) for i in contexts}
        partnerships: dict[int, set[frozenset[str]]] = {i: set() for i in contexts}
        for spec in ordered():
            def run(index: int, ctx: ArticleContext) -> ArticleContext:
                for record in spec.func(ctx):  # noqa: B023 (used at once)
                    _add(extractions[index], as_reported(record, ctx.gazetteer), partnerships[index])
                return ctx

            contexts = each(contexts, run)
        for index, mentions in each(contexts, lambda _, ctx: ctx.mentions()).items():
            extractions[index].mentions = mentions
            results[index] = extractions[index]
        for doc in docs.values():
            release_spans(doc)
    for language in by_language:
        settle(language)  # (after a first batch: the grammars each stage builds on first use exist by now)
    return results  # type: ignore[return-value]


def _add(result: Extraction, reported: Record | None, pairs: set[frozenset[str]]) -> None:
    if reported is None:
        return
    if isinstance(reported, Partnership):
        if frozenset((reported.a, reported.b)) in pairs:
            return  # "Groq–Samsung Foundry" and "Groq–Samsung" are one partnership
        pairs.add(frozenset((reported.a, reported.b)))
    result.add(reported)


def as_reported(record: Record, gazetteer: Gazetteer) -> Record | None:
    """The record with business units named as their parent company ("report_as" in the gazetteer); None
    for a deal or partnership that this leaves between a company and itself."""
    changes: dict[str, object] = {}
    for name in record.org_fields:
        value = getattr(record, name)
        if isinstance(value, tuple):
            mapped: object = tuple(dict.fromkeys(gazetteer.reported_name(v) for v in value))
        elif isinstance(value, str) and value:
            mapped = gazetteer.reported_name(value)
        else:
            continue
        if mapped != value:
            changes[name] = mapped
    if not changes:
        return record
    record = replace(record, **changes)
    if isinstance(record, (Partnership, Acquisition)):
        parties = [getattr(record, name) for name in record.org_fields]
        if len(set(parties)) < len(parties):
            return None
    return record
