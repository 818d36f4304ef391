"""The evaluation gate: F1 per fact type and language may not fall below the pinned floors.

Floors live in tests/eval_floors.json and only rise: after an improvement, raise them to the new
figures minus a hair (`python scripts/raise_eval_floors.py`) in the same commit. Suites: our own golden
set (always), and the seed article and the development set from ../shared/eval when that folder is present.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from accelkb.config import REPO_ROOT
from ingest.evaluate import EvalReport, evaluate

FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text(encoding="utf-8"))
SHARED_EVAL = REPO_ROOT.parent / "shared" / "eval"


def _suite(name: str, tmp_path_factory: pytest.TempPathFactory) -> EvalReport:
    if name == "golden":
        return evaluate(REPO_ROOT / "data" / "golden", REPO_ROOT / "data" / "articles")
    if not SHARED_EVAL.is_dir():
        pytest.skip("../shared/eval is not present")
    if name == "dev":
        return evaluate(SHARED_EVAL / "dev" / "gold", SHARED_EVAL / "dev" / "articles")
    gold = tmp_path_factory.mktemp("seed_gold")
    shutil.copy(SHARED_EVAL / "seed_000.gold.json", gold / "000.json")
    return evaluate(gold, SHARED_EVAL.parent / "seeds")


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, EvalReport]:
    return {}


@pytest.mark.parametrize("suite", sorted(FLOORS))
def test_f1_floors(suite: str, reports: dict[str, EvalReport], tmp_path_factory: pytest.TempPathFactory) -> None:
    report = reports.setdefault(suite, _suite(suite, tmp_path_factory))
    print(f"\n[{suite}]\n{report.table()}")
    drops = []
    for kind, by_lang in FLOORS[suite].items():
        for lang, floor in by_lang.items():
            f1 = report.total(kind, None if lang == "all" else lang).f1
            if f1 + 1e-9 < floor:
                drops.append(f"{kind}/{lang}: F1 {f1:.3f} < floor {floor:.3f}")
    assert not drops, f"{suite}: " + "; ".join(drops)


def test_floors_file_is_well_formed() -> None:
    for suite, by_kind in FLOORS.items():
        assert suite in {"golden", "seed", "dev"}
        for kind, by_lang in by_kind.items():
            for lang, floor in by_lang.items():
                assert lang in {"en", "zh", "all"} and 0.0 <= floor <= 1.0, (suite, kind, lang)
