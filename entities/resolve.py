"""Resolve a surface form to a canonical entity: exact alias, folded form, alias substitution, fuzzy."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from entities.gazetteer import Gazetteer, load_gazetteer
from entities.names import fold, has_cjk, loose_key, strip_legal_form

# Chosen on the labelled hard pairs in tests/fixtures/resolution_pairs.yaml: misspellings of listed names
# score above it, different organisations sharing a stem below (bench/resolution.py prints the margin).
FUZZY_THRESHOLD = 90.0

# Words that make a different organisation of the same stem: "Samsung Catalyst Fund" is not
# "Samsung", "Intel Capital" is not "Intel", "Nvidia Foundation" is not "Nvidia".
DISTINGUISHING_WORDS = frozenset({
    "capital", "ventures", "venture", "fund", "funds", "catalyst", "investment", "investments", "partners",
    "foundry", "foundation", "bank", "securities", "asset", "management", "labs", "cloud", "research",
    "holdings", "growth", "equity", "global", "technologies", "semiconductor", "systems", "digital",
    "资本", "创投", "基金", "投资", "证券", "银行", "研究院", "代工", "云",
})
_WORD = re.compile(r"[a-z0-9]+|[\u4e00-\u9fff]{2}")


RESOLUTION_CACHE_SIZE = 50_000


@dataclass(frozen=True)
class Resolution:
    """The outcome of resolving one surface form."""

    surface: str
    canonical: str
    known: bool
    method: str  # exact | folded | substituted | fuzzy | new
    score: float = 100.0


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


class Resolver:
    """Resolves organisation names against the gazetteer (plus names learnt during a run)."""

    def __init__(self, gaz: Gazetteer | None = None) -> None:
        self.gaz = gaz or load_gazetteer()
        self.exact: dict[str, str] = {}
        self.loose: dict[str, str] = {}
        for entry in self.gaz.orgs.values():
            for alias in (entry.name, *entry.aliases):
                self.exact.setdefault(fold(alias), entry.name)
                self.loose.setdefault(loose_key(alias), entry.name)
        self._choices = [k for k in self.exact if len(k) >= 5 and not has_cjk(k)]
        self._prefixes = sorted((k for k in self.exact if len(k) >= 2), key=len, reverse=True)
        self._seen: dict[str, Resolution] = {}  # names recur across articles: resolve each spelling once

    def resolve(self, surface: str) -> Resolution:
        """Resolve a surface form; unknown names come back cleaned, with known=False."""
        found = self._seen.get(surface)
        if found is None:
            found = self._resolve(surface)
            if len(self._seen) >= RESOLUTION_CACHE_SIZE:
                self._seen.clear()
            self._seen[surface] = found
        return found

    def _resolve(self, surface: str) -> Resolution:
        key = fold(surface)
        if not key:
            return Resolution(surface, surface, False, "new", 0.0)
        if key in self.exact:
            return Resolution(surface, self.exact[key], True, "exact")
        loose = loose_key(surface)
        if loose in self.loose:
            return Resolution(surface, self.loose[loose], True, "folded")
        substituted = self._substitute(surface)
        if substituted:
            return Resolution(surface, substituted, True, "substituted")
        fuzzy = self._fuzzy(surface, key)
        if fuzzy:
            return fuzzy
        return Resolution(surface, clean_new_name(surface), False, "new", 0.0)

    def _substitute(self, surface: str) -> str | None:
        """Mixed spellings such as "三星 Catalyst Fund": replace a known alias prefix by its canonical name."""
        key = fold(surface)
        for prefix in self._prefixes:
            if key.startswith(prefix) and len(prefix) < len(key):
                candidate = fold(self.exact[prefix]) + key[len(prefix):]
                if candidate in self.exact:
                    return self.exact[candidate]
                break
        return None

    def _fuzzy(self, surface: str, key: str) -> Resolution | None:
        if has_cjk(surface) or len(key) < 5 or not self._choices:
            return None
        match = process.extractOne(key, self._choices, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)
        if not match:
            return None
        choice, score, _ = match
        canonical = self.exact[choice]
        if not compatible_words(surface, canonical):
            return None
        return Resolution(surface, canonical, True, "fuzzy", float(score))


def compatible_words(a: str, b: str) -> bool:
    """False when one name carries a distinguishing word the other lacks (Intel vs Intel Capital)."""
    wa = _words(strip_legal_form(a)) & DISTINGUISHING_WORDS
    wb = _words(strip_legal_form(b)) & DISTINGUISHING_WORDS
    return wa == wb


def clean_new_name(surface: str) -> str:
    """Tidy a name nobody listed: collapse spaces, drop legal forms, a leading city, trailing punctuation."""
    text = re.sub(r"\s+", " ", surface).strip(" ,.;:()（）\"'“”")
    stripped = strip_legal_form(text)
    if has_cjk(stripped):
        stripped = _CITY_PREFIX.sub("", stripped)
    return stripped or text


_CITY_PREFIX = re.compile(r"^(?:北京|上海|深圳|杭州|广州|南京|苏州|武汉|成都|合肥|西安|无锡|天津|珠海|厦门|青岛|重庆|长沙|"
                          r"济南|郑州|宁波|香港|台北|新竹)(?=.{3,})")


@lru_cache(maxsize=1)
def default_resolver() -> Resolver:
    """One resolver per process over the default gazetteer."""
    return Resolver()
