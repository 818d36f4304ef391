"""Scores of the labelled hard pairs against the fuzzy threshold: how much margin the threshold leaves.

    python bench/resolution.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from rapidfuzz import fuzz

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from entities.names import fold  # noqa: E402
from entities.resolve import FUZZY_THRESHOLD, Resolver, compatible_words  # noqa: E402


def main() -> int:
    """Print each pair's method and fuzzy score, then the closest scores on each side of the threshold."""
    pairs = yaml.safe_load((REPO / "tests" / "fixtures" / "resolution_pairs.yaml").read_text(encoding="utf-8"))
    resolver = Resolver()
    print(f"threshold {FUZZY_THRESHOLD}")
    true_scores, false_scores = [], []
    for label, rows in (("same", pairs["same"]), ("different", pairs["different"])):
        for surface, other in rows:
            res = resolver.resolve(surface)
            score = fuzz.ratio(fold(surface), fold(other))
            ok = (res.canonical == other) if label == "same" else (res.canonical != other)
            print(f"{'ok ' if ok else 'BAD'} {label:9} {surface!r:40} -> {res.canonical!r:28} {res.method:11} "
                  f"ratio to {other!r}: {score:5.1f}{'' if compatible_words(surface, other) else '  (distinguishing word)'}")
            if label == "same" and res.method == "fuzzy":
                true_scores.append(score)
            if label == "different" and compatible_words(surface, other):
                false_scores.append(score)
    if true_scores:
        print(f"lowest fuzzy score of a true pair: {min(true_scores):.1f}")
    if false_scores:
        print(f"highest score of a false pair without a distinguishing word: {max(false_scores):.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
