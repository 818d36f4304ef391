"""Entity resolution on labelled hard pairs: the fuzzy threshold is chosen on these."""

import pytest

from entities.resolve import FUZZY_THRESHOLD, Resolver

SAME = [
    ("NVIDIA Corp.", "Nvidia"),
    ("Nvidia Corporation", "Nvidia"),
    ("英伟达", "Nvidia"),
    ("輝達", "Nvidia"),
    ("Lambda Labs", "Lambda"),
    ("D-Matrix", "d-Matrix"),
    ("SK hynix", "SK Hynix"),
    ("SK海力士", "SK Hynix"),
    ("Tiger Global Management", "Tiger Global"),
    ("三星 Catalyst Fund", "Samsung Catalyst Fund"),
    ("Cerebras Systems Inc.", "Cerebras"),
    ("Groq Inc", "Groq"),
    ("Samsung Electronics", "Samsung"),
    ("寒武紀", "Cambricon"),
    ("Moore Threads Technology Co., Ltd.", "Moore Threads"),
    ("TSMC", "TSMC"),
    ("台積電", "TSMC"),
    ("Andreessen Horowitz", "a16z"),
    ("Tenstorent", "Tenstorrent"),
]
DIFFERENT = [
    ("Samsung Catalyst Fund", "Samsung"),
    ("Intel Capital", "Intel"),
    ("GV", "Google"),
    ("Google", "GV"),
    ("AMD Ventures", "AMD"),
    ("Nvidia Foundation", "Nvidia"),
    ("Intel Foundry", "Intel"),
]


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
