"""Name folding for matching, and pinyin for Chinese names nobody listed."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ingest.textnorm import normalize

# Legal-form words that do not distinguish one organisation from another.
_LEGAL_SUFFIXES = re.compile(
    r"(?:[,.\s]+(?:inc|incorporated|corp|corporation|co|company|ltd|limited|llc|l\.l\.c|plc|ag|gmbh|"
    r"s\.?a|n\.?v|b\.?v|pte|pty|lp|l\.p|holdings? inc|oy|ab|kk|k\.k)\.?)+$",
    re.IGNORECASE,
)
_ZH_LEGAL_SUFFIXES = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|集团公司|公司)$")
_ZH_PLACE_PREFIX = re.compile(r"^(?:北京|上海|深圳|杭州|广州|南京|苏州|武汉|成都|合肥|西安|无锡|天津|珠海|香港)(?=.{2,})")
_PUNCT = re.compile(r"[\s\-‐‑–—_.,'’\"“”()（）·・/&+]+")


_CJK_CHAR = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")


def has_cjk(text: str) -> bool:
    """True when the text holds at least one CJK character."""
    return not text.isascii() and _CJK_CHAR.search(text) is not None  # (isascii: a flag, no scan)


def fold(name: str) -> str:
    """Matching key: simplified, half-width, lower case, no punctuation or spaces."""
    text = unicodedata.normalize("NFKC", normalize(name)).strip()
    return _PUNCT.sub("", text).lower()


def strip_legal_form(name: str) -> str:
    """Drop legal-form suffixes: "NVIDIA Corp." -> "NVIDIA", "摩尔线程智能科技有限公司" -> "摩尔线程智能科技"."""
    text = normalize(name).strip()
    text = _LEGAL_SUFFIXES.sub("", text).strip(" ,.")
    if has_cjk(text):
        text = _ZH_LEGAL_SUFFIXES.sub("", text)
        text = re.sub(r"[(（][^)）]*[)）]", "", text)  # "(北京)" in legal names
    return text.strip()


def loose_key(name: str) -> str:
    """Fold after dropping legal forms and a leading city name (for second-chance matching)."""
    text = strip_legal_form(name)
    if has_cjk(text):
        text = _ZH_PLACE_PREFIX.sub("", text)
    return fold(text)


@lru_cache(maxsize=4096)
def person_pinyin(name: str) -> str:
    """Romanise a Chinese personal name family-name first: "陈天石" -> "Chen Tianshi"."""
    from pypinyin import Style, lazy_pinyin

    compound, readings = _surnames()
    simplified = normalize(name).strip()
    cut = 2 if simplified[:2] in compound and len(simplified) > 2 else 1
    family = readings.get(simplified[:cut]) or "".join(lazy_pinyin(simplified[:cut], style=Style.NORMAL))
    given = "".join(lazy_pinyin(simplified[cut:], style=Style.NORMAL))
    return f"{family.capitalize()} {given.capitalize()}".strip()


@lru_cache(maxsize=1)
def _surnames() -> tuple[frozenset[str], dict[str, str]]:
    """Two-character family names, and family names with their own reading (from the Chinese lexicon)."""
    from ingest.lexicon import load_lexicon

    people = load_lexicon("zh").section("people")
    return frozenset(people.get("compound_surnames") or ()), dict(people.get("surname_readings") or {})


def is_latin_name(text: str) -> bool:
    """True for names written in Latin letters (with digits and punctuation)."""
    return not has_cjk(text) and any(ch.isalpha() for ch in text)
