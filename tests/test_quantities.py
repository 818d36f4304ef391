"""The quantities stage: which sentences the number grammars read, and what it marks."""

from __future__ import annotations

from datetime import date

from ingest.nlp.components import _sentences_with_numbers
from ingest.pipeline import analyse


def test_sentences_with_numbers() -> None:
    text = "It raised $5 million. No figures here. Roughly HALF of it. 收入增长三成。"
    spans = [(0, 21), (22, 38), (39, 58), (59, 66)]
    assert _sentences_with_numbers(text, text.lower(), spans) == {0, 2, 3}
    assert _sentences_with_numbers(text, None, spans) == {0, 2, 3}  # case-blind search of the original
    # a figure between two sentences does not hide the next one's
    gap_text = "One.\n7\n5 units were sold."
    assert _sentences_with_numbers(gap_text, gap_text.lower(), [(0, 4), (7, 25)]) == {1}


def test_quantities_of_each_sentence_are_marked() -> None:
    doc = analyse("Groq raised $640 million in a Series D last year. It now holds roughly half of the market.",
                  "en", date(2024, 8, 5))
    assert [s.text for s in doc.spans["money"]] == ["$640 million"]
    assert [s.text for s in doc.spans["round"]] == ["Series D"]
    assert [s.text for s in doc.spans["date"]] == ["last year"]
    assert [s.text for s in doc.spans["percent"]] == ["half"]


def test_a_number_reads_only_the_words_of_its_own_sentence() -> None:
    from ingest.nlp.docdata import VALUES

    # "up to" ends the line before: it does not make the amount an upper bound
    doc = analyse("The budget went up to\n$5 million was raised by Groq.", "en", date(2024, 8, 5))
    assert [(s.text, doc.user_data[VALUES][("money", s.start_char)].qualifier) for s in doc.spans["money"]] \
        == [("$5 million", None)]
    same_line = analyse("Groq raised up to $5 million.", "en", date(2024, 8, 5))
    assert [same_line.user_data[VALUES][("money", s.start_char)].qualifier for s in same_line.spans["money"]] \
        == ["upper"]
