"""Entity resolution on labelled hard pairs: the fuzzy threshold is chosen on these."""

from pathlib import Path

import pytest
import yaml

from entities.resolve import FUZZY_THRESHOLD, Resolver

PAIRS = yaml.safe_load((Path(__file__).parent / "fixtures" / "resolution_pairs.yaml").read_text(encoding="utf-8"))
SAME = [tuple(p) for p in PAIRS["same"]]
DIFFERENT = [tuple(p) for p in PAIRS["different"]]


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver()


@pytest.mark.parametrize(("surface", "canonical"), SAME)
def test_spellings_resolve_to_one_entity(resolver: Resolver, surface: str, canonical: str) -> None:
    res = resolver.resolve(surface)
    assert res.known and res.canonical == canonical, res


@pytest.mark.parametrize(("surface", "not_this"), DIFFERENT)
def test_near_names_stay_apart(resolver: Resolver, surface: str, not_this: str) -> None:
    assert resolver.resolve(surface).canonical != not_this


def test_unknown_names_are_new(resolver: Resolver) -> None:
    res = resolver.resolve("Xyzzy Photonics Inc.")
    assert not res.known and res.canonical == "Xyzzy Photonics"


def test_threshold_is_strict() -> None:
    assert FUZZY_THRESHOLD >= 85
