"""Score extraction against gold annotations: precision, recall and F1 per fact type and language."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from entities.gazetteer import load_gazetteer
from entities.names import fold, has_cjk, person_pinyin
from entities.resolve import default_resolver
from ingest.extract import extract_article
from ingest.records import SCORED_KINDS, Article
from ingest.sources import iter_source_files, read_source

AMOUNT_TOLERANCE = 0.05
SHARE_TOLERANCE = 0.006


@dataclass
class Counts:
    """True positives, false positives and false negatives of one cell."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when nothing was expected."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        """Accumulate another cell."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class EvalReport:
    """Scores and the list of errors of one evaluation run."""

    cells: dict[tuple[str, str], Counts] = field(default_factory=lambda: defaultdict(Counts))
    misses: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    false_facts: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    articles: int = 0
    missing_articles: list[str] = field(default_factory=list)

    def total(self, kind: str, lang: str | None = None) -> Counts:
        """Counts for one fact type over one language (or all)."""
        out = Counts()
        for (k, lg), c in self.cells.items():
            if k == kind and (lang is None or lg == lang):
                out.add(c)
        return out

    def languages(self) -> list[str]:
        """Languages present in this run."""
        return sorted({lg for _, lg in self.cells})

    def to_json(self) -> dict[str, Any]:
        """Scores as nested JSON: {type: {lang|all: {p, r, f1, tp, fp, fn}}}."""
        out: dict[str, Any] = {}
        for kind in SCORED_KINDS:
            out[kind] = {}
            for lang in [*self.languages(), None]:
                c = self.total(kind, lang)
                out[kind][lang or "all"] = {"precision": round(c.precision, 4), "recall": round(c.recall, 4),
                                            "f1": round(c.f1, 4), "tp": c.tp, "fp": c.fp, "fn": c.fn}
        return out

    def table(self) -> str:
        """A plain-text table of P/R/F1 per type and language."""
        langs = self.languages()
        header = f"{'fact type':22}" + "".join(f"{lg:>22}" for lg in [*langs, "all"])
        lines = [f"{self.articles} articles scored", header, " " * 22 + "      P     R    F1   n" * (len(langs) + 1)]
        for kind in SCORED_KINDS:
            row = f"{kind:22}"
            for lang in [*langs, None]:
                c = self.total(kind, lang)
                n = c.tp + c.fn
                row += f"   {c.precision:5.2f} {c.recall:5.2f} {c.f1:5.2f} {n:3d}"
            lines.append(row)
        return "\n".join(lines)


# ---------------------------------------------------------------- loading


def load_gold(gold_dir: Path) -> dict[str, dict[str, Any]]:
    """Gold annotations keyed by article id (the file stem or its `id`)."""
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(Path(gold_dir).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out[str(data.get("id") or path.stem)] = data
    return out


def load_articles(articles_dir: Path) -> dict[str, Article]:
    """Articles under a folder keyed by their key (file stem, or stem-n inside JSONL/feeds)."""
    out: dict[str, Article] = {}
    for path in iter_source_files([articles_dir]):
        if not isinstance(path, Path):
            continue
        for article in read_source(path).articles:
            out[article.key] = article
    return out


# ---------------------------------------------------------------- matching


class _Names:
    """Name equivalence for one article: gold aliases, then the gazetteer, then folding."""

    def __init__(self, gold: dict[str, Any]) -> None:
        self.resolver = default_resolver()
        self.alias: dict[str, str] = {}
        for canonical, spellings in (gold.get("aliases") or {}).items():
            target = self._base(canonical)
            self.alias[fold(canonical)] = target
            for s in spellings or []:
                self.alias[fold(s)] = target
                if has_cjk(s) and len(s) <= 4:
                    self.alias[fold(person_pinyin(s))] = target

    def _base(self, name: str) -> str:
        return fold(self.resolver.resolve(name).canonical)

    def key(self, name: str | None) -> str:
        """Comparable key of an organisation or person name."""
        if not name:
            return ""
        k = fold(name)
        if k in self.alias:
            return self.alias[k]
        base = self._base(name)
        return self.alias.get(base, base)

    def same(self, a: str | None, b: str | None) -> bool:
        """Two names of one organisation or person: equal keys, or (Chinese names nobody listed) one
        spelling containing the other, e.g. "鸿钧微电子" and "鸿钧微电子科技"."""
        ka, kb = self.key(a), self.key(b)
        if ka == kb:
            return bool(ka) or not (a or b)
        for x, y in ((a, b), (b, a)):
            fx = fold(x or "")
            if has_cjk(fx) and any(has_cjk(s) and _contains(fx, s) for s in self.spellings(y)):
                return True
        return False

    def spellings(self, name: str | None) -> set[str]:
        """Every folded spelling of an organisation known from the gold aliases and the gazetteer."""
        if not name:
            return set()
        target = self.key(name)
        out = {k for k, v in self.alias.items() if v == target}
        entry = load_gazetteer().org(self.resolver.resolve(name).canonical)
        if entry:
            out |= {fold(a) for a in (entry.name, *entry.aliases)}
        return out | {target}

    def product_key(self, name: str | None) -> str:
        """Comparable key of a product name (gazetteer aliases folded to the canonical name)."""
        if not name:
            return ""
        return _product_aliases().get(fold(name), fold(name))


def _contains(a: str, b: str) -> bool:
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 3 and short in long_


def _product_aliases() -> dict[str, str]:
    table: dict[str, str] = {}
    for p in load_gazetteer().products:
        for a in (p.name, *p.aliases):
            table.setdefault(fold(a), fold(p.name))
    return table


def _close(a: float | None, b: float | None, tol: float) -> bool:
    if a is None or b is None:
        return False
    return abs(a - b) <= tol * max(abs(a), abs(b), 1e-9)


def _round_match(names: _Names, g: dict[str, Any], p: dict[str, Any]) -> bool:
    if not names.same(g.get("company"), p.get("company")):
        return False
    if g.get("amount") is not None and p.get("amount") is not None:
        if g.get("currency") and p.get("currency") and g["currency"] == p["currency"]:
            return _close(g["amount"], p["amount"], AMOUNT_TOLERANCE)
    if g.get("amount_usd") is not None and p.get("amount_usd") is not None:
        return _close(g["amount_usd"], p["amount_usd"], AMOUNT_TOLERANCE * 2)
    if g.get("amount") is None and g.get("amount_usd") is None:
        if g.get("round") and p.get("round"):
            return g["round"] == p["round"]
        return _dates_compatible(g.get("date"), p.get("date"))
    return False


def _dates_compatible(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    return a.startswith(b) or b.startswith(a)


def _valuation_match(names: _Names, g: dict[str, Any], p: dict[str, Any]) -> bool:
    if not names.same(g.get("company"), p.get("company")):
        return False
    if _close(g.get("value_usd"), p.get("value_usd"), AMOUNT_TOLERANCE):
        return True
    return _close(g.get("value"), p.get("value"), AMOUNT_TOLERANCE) and (g.get("currency") in (None, p.get("currency")))


def _share_match(names: _Names, g: dict[str, Any], p: dict[str, Any]) -> bool:
    if not names.same(g.get("subject"), p.get("subject")):
        return False
    gl, gh = g.get("share_low"), g.get("share_high")
    pl, ph = p.get("share_low"), p.get("share_high")
    if gl is not None and pl is not None:
        if abs(gl - pl) > SHARE_TOLERANCE:
            return False
        if gh is not None and ph is not None and abs(gh - ph) > SHARE_TOLERANCE:
            return False
        return True
    if gh is not None and ph is not None:
        return abs(gh - ph) <= SHARE_TOLERANCE
    return False


def _product_match(names: _Names, g: dict[str, Any], p: dict[str, Any]) -> bool:
    gk, pk = names.product_key(g.get("name")), names.product_key(p.get("name"))
    if gk != pk:
        # "昆仑芯M100" vs "M100", "AMD Instinct MI300X" vs "MI300X": a maker name before the model name
        short, long_ = sorted((gk, pk), key=len)
        maker = fold(names.key(p.get("company")) or "")
        prefix = long_[: len(long_) - len(short)] if long_.endswith(short) else None
        if not short or prefix is None or not (prefix in names.spellings(p.get("company")) or prefix == maker):
            return False
    return not g.get("company") or names.same(g.get("company"), p.get("company"))


def _acq_match(names: _Names, g: dict[str, Any], p: dict[str, Any]) -> bool:
    return names.same(g.get("acquirer"), p.get("acquirer")) and names.same(g.get("target"), p.get("target"))


def _person_match(names: _Names, g: dict[str, Any], p: dict[str, Any]) -> bool:
    if not names.same(g.get("person"), p.get("person")):
        return False
    return not g.get("org") or names.same(g.get("org"), p.get("org"))


def _partner_match(names: _Names, g: dict[str, Any], p: dict[str, Any]) -> bool:
    ga, gb, pa, pb = g.get("a"), g.get("b"), p.get("a"), p.get("b")
    return (names.same(ga, pa) and names.same(gb, pb)) or (names.same(ga, pb) and names.same(gb, pa))


MATCHERS = {
    "funding_rounds": _round_match,
    "valuations": _valuation_match,
    "market_share_claims": _share_match,
    "products": _product_match,
    "acquisitions": _acq_match,
    "people": _person_match,
    "partnerships": _partner_match,
}


def score_article(gold: dict[str, Any], predicted: dict[str, Any], report: EvalReport) -> None:
    """Match one article's predictions to its gold, one-to-one, and add the counts to `report`."""
    names = _Names(gold)
    lang = gold.get("lang") or predicted.get("article", {}).get("lang") or "?"
    article_id = str(gold.get("id"))
    for kind in SCORED_KINDS:
        matcher = MATCHERS[kind]
        expected = list(gold.get(kind) or [])
        optional = list(gold.get(f"optional_{kind}") or [])
        raw = [p for p in predicted.get(kind) or []]
        cell = report.cells[(kind, lang)]
        owner = _assign(expected, raw, lambda g, p: matcher(names, g, p))
        used = set(owner)
        matched = [expected[gi] for gi in sorted(set(owner.values()))]
        cell.tp += len(owner)
        for gi, g in enumerate(expected):
            if gi not in owner.values():
                cell.fn += 1
                report.misses.append((article_id, kind, g))
        for i, p in enumerate(raw):
            if i in used:
                continue
            if any(matcher(names, o, p) for o in optional):
                continue
            # a second record of a fact already matched is a duplicate, not a false fact
            if any(matcher(names, g, p) for g in matched) and not any(matcher(names, g, p) for g in expected if g not in matched):
                continue
            cell.fp += 1
            report.false_facts.append((article_id, kind, p))


def _assign(expected: list[dict[str, Any]], raw: list[dict[str, Any]],
            match: Callable[[dict[str, Any], dict[str, Any]], bool]) -> dict[int, int]:
    """A maximum one-to-one matching of predictions to gold facts, closest candidates tried first, so that
    a loose gold fact cannot take the only prediction a stricter one could match. Returns prediction -> gold."""
    candidates = [sorted((i for i, p in enumerate(raw) if match(g, p)), key=lambda i, g=g: _distance(g, raw[i]))
                  for g in expected]
    owner: dict[int, int] = {}

    def place(gi: int, seen: set[int]) -> bool:
        for pi in candidates[gi]:
            if pi in seen:
                continue
            seen.add(pi)
            if pi not in owner or place(owner[pi], seen):
                owner[pi] = gi
                return True
        return False

    for gi in range(len(expected)):
        place(gi, set())
    return owner


def _distance(g: dict[str, Any], p: dict[str, Any]) -> float:
    """How far a matching prediction is from the gold fact (closest wins)."""
    for key in ("amount", "amount_usd", "value_usd", "value", "share_low", "share_high"):
        a, b = g.get(key), p.get(key)
        if a is not None and b is not None:
            return abs(a - b) / max(abs(a), abs(b), 1e-9)
    return 0.0


def evaluate(gold_dir: Path, articles_dir: Path) -> EvalReport:
    """Extract every gold article found under `articles_dir` and score it."""
    gold = load_gold(gold_dir)
    articles = load_articles(articles_dir)
    report = EvalReport()
    for article_id, g in gold.items():
        article = articles.get(article_id)
        if article is None:
            report.missing_articles.append(article_id)
            continue
        article = with_reference_date(article, g)
        predicted = extract_article(article).to_json()
        score_article(g, predicted, report)
        report.articles += 1
    return report


def with_reference_date(article: Article, gold: dict[str, Any]) -> Article:
    """Articles without a date get the gold's `published` date, so relative dates can be resolved."""
    if article.published is None and gold.get("published") and len(str(gold["published"])) >= 10:
        try:
            return replace(article, published=date.fromisoformat(str(gold["published"])[:10]))
        except ValueError:
            return article
    return article
