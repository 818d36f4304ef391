"""Normalisation folds scripts and widths without moving a single character offset."""

import pytest

from ingest.textnorm import normalize, translation_table


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("寒武紀科技B輪融資", "寒武纪科技B轮融资"),
        ("輝達與台積電", "辉达与台积电"),
        ("ＡＢＣ１２３％（約）", "ABC123%(约)"),
        ("Nvidia’s GPUs", "Nvidia's GPUs"),
        ("plain English stays", "plain English stays"),
    ],
)
def test_folds_scripts_and_widths(raw: str, folded: str) -> None:
    assert normalize(raw) == folded


def test_length_is_preserved_on_mixed_text() -> None:
    text = "壁仞科技（Biren）宣布完成B輪融資，估值達１００億元；Nvidia’s share — 80％."
    assert len(normalize(text)) == len(text)


def test_ascii_text_is_returned_as_it_is() -> None:
    # normalize skips ASCII text, which is right only while the table folds no ASCII character
    assert not [code for code in translation_table() if code < 128]
    text = "Groq raised $640 million."
    assert normalize(text) is text
