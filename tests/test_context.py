"""Building the extractors' view of an article: items handed to their sentences, indexed by kind."""

from __future__ import annotations

from ingest.analysis import Item, Sentence, _distribute


def test_items_go_to_the_last_sentence_starting_at_or_before_them() -> None:
    sentences = [Sentence(0, 2, 10, "x" * 8), Sentence(1, 12, 20, "x" * 8), Sentence(2, 22, 30, "x" * 8)]
    items = [Item("org", "chip_designer", 0, 1, "a"), Item("cue", "FUND_TRIGGER", 3, 5, "b"),
             Item("org", "investor", 12, 14, "c"), Item("money", "money", 25, 27, "d")]
    _distribute(items, sentences)
    assert [[i.text for i in s.items] for s in sentences] == [["a", "b"], ["c"], ["d"]]
    assert [i.text for i in sentences[0].of("org")] == ["a"] and sentences[0].has_cue("FUND_TRIGGER")
    assert [i.text for i in sentences[1].of("org", "investor")] == ["c"] and not sentences[1].of("money")
    assert [i.text for i in sentences[2].of("money")] == ["d"]


def test_a_sentence_without_items_has_an_empty_index() -> None:
    sentences = [Sentence(0, 0, 5, "x" * 5), Sentence(1, 6, 10, "x" * 4), Sentence(2, 11, 15, "x" * 4)]
    _distribute([Item("org", "other", 12, 13, "z")], sentences)
    assert sentences[0].of("org") == () and sentences[1].of("org") == ()
    assert [i.text for i in sentences[2].of("org")] == ["z"]


def test_text_inside_parentheses_is_masked_for_clause_breaks() -> None:
    from ingest.analysis import _mask_parentheses

    assert _mask_parentheses("Groq (a, b) raised") == "Groq (    ) raised"
    assert _mask_parentheses("a (b (c, d) e) f, g") == "a (  (    )  ) f, g"  # nested
    assert _mask_parentheses("x) y, (z, w") == "x) y, (    "  # unmatched: a closing one before any opening
    assert _mask_parentheses("摩尔线程（北京，上海）完成") == "摩尔线程（     ）完成"
    sentence = Sentence(0, 0, 33, "Groq (LPU, chips), based in CA, said")
    assert [sentence.clause_id(i) for i in (0, 10, 20, 34)] == [0, 0, 1, 2]
