"""Per-article language detection: English or Chinese (simplified or traditional script)."""

from __future__ import annotations

from ingest.textnorm import translation_table

SUPPORTED = ("en", "zh")
_DECLARED = {"en": "en", "english": "en", "en-us": "en", "en-gb": "en", "zh": "zh", "zh-cn": "zh",
             "zh-hans": "zh", "zh-tw": "zh", "zh-hk": "zh", "zh-hant": "zh", "chinese": "zh"}


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF


def detect_language(text: str, declared: str | None = None) -> str:
    """Return 'zh' when CJK characters make up a fair part of the letters, else 'en'.

    A declared language (front matter `lang`) wins when it names a supported language.
    """
    if declared and declared.strip().lower() in _DECLARED:
        return _DECLARED[declared.strip().lower()]
    sample = text[:20000]
    cjk = sum(1 for ch in sample if _is_cjk(ch))
    latin = sum(1 for ch in sample if ch.isascii() and ch.isalpha())
    # A Chinese character carries about as much as a short English word, so weigh it up.
    return "zh" if cjk * 3 >= latin and cjk >= 10 else "en"


def chinese_script(text: str) -> str | None:
    """Return 'traditional' or 'simplified' for Chinese text, None when there is no Chinese."""
    table = translation_table()
    cjk = [ch for ch in text[:20000] if _is_cjk(ch)]
    if not cjk:
        return None
    traditional = sum(1 for ch in cjk if ord(ch) in table)
    return "traditional" if traditional / len(cjk) > 0.05 else "simplified"
