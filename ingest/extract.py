"""Extraction of one article: spaCy pipeline -> typed items -> registered extractors -> records."""

from __future__ import annotations

from entities.gazetteer import load_gazetteer
from entities.resolve import default_resolver
from ingest.analysis import build_context
from ingest.extractors.registry import ordered
from ingest.lexicon import load_lexicon
from ingest.pipeline import analyse
from ingest.records import Article, Extraction


def extract_article(article: Article) -> Extraction:
    """Run every registered extractor on one article; no database involved."""
    doc = analyse(article.text, article.lang, article.published)
    ctx = build_context(article, doc, load_lexicon(article.lang), load_gazetteer(), default_resolver())
    result = Extraction(article=article)
    for spec in ordered():
        for record in spec.func(ctx):
            result.add(record)
    result.mentions = ctx.mentions()
    return result
