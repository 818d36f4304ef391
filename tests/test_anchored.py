"""Patterns run only where an anchor says a match can be: the same matches as the plain pattern."""

from __future__ import annotations

import re
from pathlib import Path

from ingest.extractors.shares import _EN_MARKET, _EN_MARKET_NEAR, _ZH_MARKET, _ZH_MARKET_NEAR
from ingest.nlp.components import _ZH_GLOSS
from ingest.textnorm import normalize

ROOT = Path(__file__).resolve().parent.parent
HARD_CASES = [
    "the global AI accelerator market", "of the  market", "its data-center GPU market, the market in China",
    "a/b c&d e+f g-h i j k l m n o market space sector", "Market MARKET markets market.",
    "eight words are far too many to reach this one more market", "xx 中国AI芯片市场和全球GPU市场 领域",
    "A" * 30 + "市场", "市场", "", "market", "由乔纳森·罗斯（Jonathan Ross）和道格拉斯·怀特曼 (Douglas Wightman) 创立",
    "（Jonathan Ross", "首席执行官（CEO）陈立武（Lip-Bu Tan）表示", "罗斯（Jonathan Ross））",
    "近日，杭州鸿钧微电子科技股份有限公司宣布完成", "由国信资本领投，知存科技投资本轮", "曦望（Sunrise）已完成新一轮融资",
    "投资本集团控股", "，上海某某某某某某某某某某某某某某某有限公司", "日前完成了",
]


def _texts() -> list[str]:
    folders = [ROOT / "data" / "articles", ROOT / "data" / "golden"]
    files = [p for folder in folders for p in sorted(folder.rglob("*.txt"))]
    texts = [normalize(p.read_text(encoding="utf-8", errors="replace")) for p in files]
    return [s for t in texts for s in re.split(r"(?<=[.!?。！？\n])", t)] + texts + HARD_CASES


def _new_name_windows() -> list[tuple[re.Pattern[str], object]]:
    from ingest.nlp.anchored import KeywordWindowPattern
    from ingest.pipeline import build_pipeline

    annotate = build_pipeline("zh").get_pipe("accelkb_new_orgs")
    patterns = next(c.cell_contents for c in annotate.__closure__ or ()
                    if isinstance(c.cell_contents, list) and c.cell_contents
                    and isinstance(c.cell_contents[0], KeywordWindowPattern))
    return [(p.pattern, p) for p in patterns]


def test_keyword_windows_find_what_the_whole_text_scan_finds() -> None:
    texts = _texts()
    assert len(texts) > 500
    for plain, windowed in ((_EN_MARKET, _EN_MARKET_NEAR), (_ZH_MARKET, _ZH_MARKET_NEAR),
                            (_ZH_GLOSS.pattern, _ZH_GLOSS), *_new_name_windows()):
        found = 0
        for text in texts:
            expected = [(m.span(), m.groupdict()) for m in plain.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in windowed.finditer(text)] == expected, text[:80]
            found += len(expected)
        assert found >= 3, plain.pattern
