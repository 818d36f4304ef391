"""Raise the evaluation gate's floors (tests/eval_floors.json) to today's F1 minus 0.01; never lowers one.

    python scripts/raise_eval_floors.py
"""

from __future__ import annotations

import json
import math
import shutil
import tempfile
from pathlib import Path

from accelkb.config import REPO_ROOT
from ingest.evaluate import EvalReport, evaluate

FLOORS = REPO_ROOT / "tests" / "eval_floors.json"
SHARED_EVAL = REPO_ROOT.parent / "shared" / "eval"


def suite_reports() -> dict[str, EvalReport]:
    """Score the golden set, and the dev set and seed when ../shared/eval is present."""
    reports = {"golden": evaluate(REPO_ROOT / "data" / "golden", REPO_ROOT / "data" / "articles")}
    if SHARED_EVAL.is_dir():
        reports["dev"] = evaluate(SHARED_EVAL / "dev" / "gold", SHARED_EVAL / "dev" / "articles")
        gold = Path(tempfile.mkdtemp())
        shutil.copy(SHARED_EVAL / "seed_000.gold.json", gold / "000.json")
        reports["seed"] = evaluate(gold, SHARED_EVAL.parent / "seeds")
    return reports


def main() -> int:
    """Print each floor that rises and write the file."""
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    for suite, report in suite_reports().items():
        for kind, by_lang in floors.get(suite, {}).items():
            for lang, floor in by_lang.items():
                f1 = report.total(kind, None if lang == "all" else lang).f1
                candidate = math.floor((f1 - 0.01) * 100) / 100
                if candidate > floor:
                    print(f"{suite} {kind}/{lang}: {floor:.2f} -> {candidate:.2f}")
                    by_lang[lang] = candidate
    FLOORS.write_text(json.dumps(floors, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
