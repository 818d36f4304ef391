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
