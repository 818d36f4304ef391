"""Every extractor is registered once, versioned, with what it needs and emits."""

from ingest.extractors.registry import ordered
from ingest.records import RECORD_TYPES


def test_registry_table() -> None:
    specs = ordered()
    assert len({s.name for s in specs}) == len(specs)
    emitted = {t for s in specs for t in s.emits}
    assert emitted == set(RECORD_TYPES)
    for spec in specs:
        assert "@" in spec.full_name and spec.needs and spec.description
