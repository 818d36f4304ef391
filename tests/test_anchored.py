"""Patterns run only where an anchor says a match can be: the same matches as the plain pattern."""

from __future__ import annotations

import re
from pathlib import Path

from ingest.extractors.shares import _EN_MARKET, _EN_MARKET_NEAR, _ZH_MARKET, _ZH_MARKET_NEAR
from ingest.textnorm import normalize

ROOT = Path(__file__).resolve().parent.parent
HARD_CASES = [
    "the global AI accelerator market", "of the  market", "its data-center GPU market, the market in China",
    "a/b c&d e+f g-h i j k l m n o market space sector", "Market MARKET markets market.",
    "eight words are far too many to reach this one more market", "xx 中国AI芯片市场和全球GPU市场 领域",
    "A" * 30 + "市场", "市场", "", "market",
]


def _texts() -> list[str]:
    folders = [ROOT / "data" / "articles", ROOT / "data" / "golden"]
    files = [p for folder in folders for p in sorted(folder.rglob("*.txt"))]
    texts = [normalize(p.read_text(encoding="utf-8", errors="replace")) for p in files]
    return [s for t in texts for s in re.split(r"(?<=[.!?。！？\n])", t)] + texts + HARD_CASES


def test_keyword_windows_find_what_the_whole_text_scan_finds() -> None:
    texts = _texts()
    assert len(texts) > 500
    found = 0
    for plain, windowed in ((_EN_MARKET, _EN_MARKET_NEAR), (_ZH_MARKET, _ZH_MARKET_NEAR)):
        for text in texts:
            expected = [(m.span(), m.group("m")) for m in plain.finditer(text)]
            assert [(m.span(), m.group("m")) for m in windowed.finditer(text)] == expected, text[:80]
            found += len(expected)
    assert found > 50
