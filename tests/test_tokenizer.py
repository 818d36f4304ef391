"""The mixed-script tokenizer for Chinese news: Han characters one by one, Latin words and numbers whole."""

from __future__ import annotations

import pytest
import spacy

from ingest.nlp.tokenizer import MixedScriptTokenizer


@pytest.fixture(scope="module")
def tokenize() -> MixedScriptTokenizer:
    """A tokenizer on a blank Chinese vocabulary."""
    return MixedScriptTokenizer(spacy.blank("zh").vocab)


def test_latin_names_and_model_codes_stay_whole(tokenize: MixedScriptTokenizer) -> None:
    assert [t.text for t in tokenize("英伟达H100与AMD MI300X")] == ["英", "伟", "达", "H100", "与", "AMD", "MI300X"]


def test_numbers_keep_decimals_and_thousands(tokenize: MixedScriptTokenizer) -> None:
    assert [t.text for t in tokenize("6.4亿美元，356,000颗")] == ["6.4", "亿", "美", "元", "，", "356,000", "颗"]


def test_a_comma_before_more_than_three_digits_is_punctuation(tokenize: MixedScriptTokenizer) -> None:
    # a full-width comma folded to "," between a model number and a year
    assert [t.text for t in tokenize("昇腾960,2028年")] == ["昇", "腾", "960", ",", "2028", "年"]


def test_possessives_are_split(tokenize: MixedScriptTokenizer) -> None:
    assert [t.text for t in tokenize("Nvidia's H20")] == ["Nvidia", "'s", "H20"]


@pytest.mark.parametrize("text", ["Groq 与 Carahsoft  合作\n\n第二段", "  leading spaces", "尾部空格 ", ""])
def test_the_doc_text_is_the_input(tokenize: MixedScriptTokenizer, text: str) -> None:
    assert tokenize(text).text == text
