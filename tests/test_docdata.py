"""What the pipeline leaves on a Doc: sentence spans and span groups kept for the later stages."""

from __future__ import annotations

from datetime import date

from ingest.nlp.docdata import SENTENCES, sentence_spans, spans_of
from ingest.pipeline import analyse

TEXTS = [
    ("en", "Groq raised $640 million. It is led by Jonathan Ross.\n\nCerebras filed for an IPO in Sept. 2024."),
    ("zh", "摩尔线程完成新一轮融资。本轮由深创投领投！“我们很高兴，”公司表示。"),
    ("en", ""),
]


def test_sentence_spans_are_the_docs_sentences() -> None:
    for lang, text in TEXTS:
        doc = analyse(text, lang, date(2024, 8, 5))
        assert SENTENCES in doc.user_data  # set by the sentence component, not recomputed
        assert sentence_spans(doc) == [(s.start_char, s.end_char) for s in doc.sents]


def test_kept_spans_are_the_span_groups() -> None:
    doc = analyse(TEXTS[0][1], "en", date(2024, 8, 5))
    for group in ("org", "person", "money", "date", "role"):
        assert [(s.start_char, s.end_char, s.label_, s.kb_id_) for s in spans_of(doc, group)] == \
            [(s.start_char, s.end_char, s.label_, s.kb_id_) for s in doc.spans[group]]
    assert [s.text for s in spans_of(doc, "org")] == ["Groq", "Cerebras"]


def test_token_starts_inside_a_word() -> None:
    from ingest.nlp.components import _inside_words
    from ingest.pipeline import build_pipeline

    nlp = build_pipeline("en")
    doc = nlp("It can't be GroqCloud, not Groq.")
    assert [t.text for t in doc][1:3] == ["ca", "n't"]
    assert _inside_words(doc) == {2}  # "n't" is glued to "ca" inside one word; "," and "." are not letters
    zh = build_pipeline("zh")("英伟达H100芯片")
    assert _inside_words(zh) == frozenset()  # a Han character next to a code is a word boundary
