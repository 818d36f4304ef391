"""Language per article: English, or Chinese in either script."""

import pytest

from ingest.language import chinese_script, detect_language


@pytest.mark.parametrize(
    ("text", "lang", "script"),
    [
        ("Groq raised $640 million in a round led by BlackRock.", "en", None),
        ("Groq在由贝莱德领投的新一轮融资中筹集了6.4亿美元，估值达28亿美元。", "zh", "simplified"),
        ("輝達執行長黃仁勳表示，公司在中國的市占率已從95%降至零。", "zh", "traditional"),
    ],
)
def test_detection(text: str, lang: str, script: str | None) -> None:
    assert detect_language(text) == lang
    assert chinese_script(text) == script


def test_declared_language_wins() -> None:
    assert detect_language("短文", declared="en") == "en"
