"""References by kind ("the startup", "该公司") and the descriptions they point back to."""

from __future__ import annotations

from ingest.extractors.common import _ends_with_kind

KINDS = ("ai chip startup", "startup", "chipmaker", "初创公司")


def test_window_ending_with_a_kind_noun() -> None:
    assert _ends_with_kind("backed by investors, AI chip startup ", KINDS)
    assert _ends_with_kind("the Korean CHIPMAKER", KINDS)
    assert _ends_with_kind("a startup\t\n", KINDS)  # a space or tab, then a final newline
    assert _ends_with_kind("国内AI芯片初创公司", KINDS)
    assert not _ends_with_kind("several startups ", KINDS)
    assert not _ends_with_kind("a startup  ", KINDS)  # two spaces: the description pattern allows one
