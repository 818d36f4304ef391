"""Cutting work into batches, and extracting batch by batch."""

from __future__ import annotations

from ingest.batches import in_batches
from ingest.extract import extract_article, extract_in_batches
from ingest.records import Article
from ingest.sources import article_id_for


def test_batches_keep_order_and_the_last_is_shorter() -> None:
    assert in_batches(list(range(7)), 3) == [[0, 1, 2], [3, 4, 5], [6]]
    assert in_batches([], 3) == []


def _article(text: str, lang: str) -> Article:
    return Article(article_id=article_id_for(text), text=text, title="", published=None, lang=lang,
                   source_path="test", key=article_id_for(text))


def test_results_in_batches_equal_one_at_a_time() -> None:
    articles = [_article("Groq raised $640 million in a Series D led by BlackRock.", "en"),
                _article("摩尔线程完成新一轮融资，金额为20亿元。", "zh"),
                _article("Cerebras said on Monday it had raised $1.1 billion.", "en")]
    batched = list(extract_in_batches(articles, size=2))
    assert [r.article.article_id for r in batched] == [a.article_id for a in articles]
    assert [r.records for r in batched] == [extract_article(a).records for a in articles]
    assert any(batched[0].records.values())
