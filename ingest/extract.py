"""Extraction of one article: spaCy pipeline -> typed items -> registered extractors -> records."""

from __future__ import annotations

from dataclasses import replace

from entities.gazetteer import Gazetteer, load_gazetteer
from entities.resolve import default_resolver
from ingest.analysis import build_context
from ingest.extractors.registry import ordered
from ingest.lexicon import load_lexicon
from ingest.pipeline import analyse
from ingest.records import Acquisition, Article, Extraction, Partnership, Record


def extract_article(article: Article) -> Extraction:
    """Run every registered extractor on one article; no database involved."""
    doc = analyse(article.text, article.lang, article.published)
    ctx = build_context(article, doc, load_lexicon(article.lang), load_gazetteer(), default_resolver())
    result = Extraction(article=article)
    pairs: set[frozenset[str]] = set()
    for spec in ordered():
        for record in spec.func(ctx):
            reported = as_reported(record, ctx.gazetteer)
            if reported is None:
                continue
            if isinstance(reported, Partnership):
                if frozenset((reported.a, reported.b)) in pairs:
                    continue  # "Groq–Samsung Foundry" and "Groq–Samsung" are one partnership
                pairs.add(frozenset((reported.a, reported.b)))
            result.add(reported)
    result.mentions = ctx.mentions()
    return result


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
