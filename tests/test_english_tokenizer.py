"""The English pipeline's tokenizer: spaCy's, without the special cases for bare whitespace; same tokens."""

from __future__ import annotations

import spacy

from ingest.nlp.tokenizer import drop_whitespace_special_cases
from ingest.pipeline import build_pipeline

TEXT = ("SANTA CLARA, Calif. -- Nvidia said on Monday it's buying a stake.\nThe deal\t(worth $5 billion)\n\n"
        "closes in Q1.  Analysts don't expect a review.\n\xa0Shares rose 3%.")


def test_the_pipeline_keeps_no_whitespace_special_case() -> None:
    rules = build_pipeline("en").tokenizer.rules
    assert not [orth for orth in rules if orth in ("\n", "\t", " ")]
    assert "Calif." in rules and "don't" in rules  # abbreviations and contractions keep their cases


def test_tokens_are_those_of_the_stock_tokenizer() -> None:
    stock = spacy.blank("en").tokenizer
    ours = build_pipeline("en").tokenizer
    assert [(t.text, t.idx, t.whitespace_) for t in ours(TEXT)] == [(t.text, t.idx, t.whitespace_) for t in stock(TEXT)]
    assert "\n" in [t.text for t in ours(TEXT)] and "Calif." in [t.text for t in ours(TEXT)]


def test_only_pure_whitespace_cases_go() -> None:
    tokenizer = spacy.blank("en").tokenizer
    before = dict(tokenizer.rules)
    drop_whitespace_special_cases(tokenizer)
    assert set(before) - set(tokenizer.rules) == {"\n", "\t", " "}  # "\xa0" also sets a norm, so it stays
