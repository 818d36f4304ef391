"""Find funding-round labels and normalise them: "Series B-1", "pre-Series A", "B+轮", "战略投资"."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.lexicon import CJK_CHAR, load_lexicon
from ingest.prefilter import Screen, TextScreen


@dataclass(frozen=True)
class RoundMention:
    """A round label in text; `label` None means "a new round" without a name."""

    start: int
    end: int
    label: str | None
    text: str


def _fill(label: str, groups: tuple[str | None, ...]) -> str:
    if "{L}" not in label:
        return label
    letter = (groups[0] or "").upper()
    digit = groups[1] if len(groups) > 1 and groups[1] else ""
    plus = groups[2] if len(groups) > 2 and groups[2] else ""
    return label.replace("{L}", f"{letter}{digit}{plus}")


def find_rounds(text: str, languages: tuple[str, ...] = ("en", "zh"), *,
                screen: Screen | None = None) -> list[RoundMention]:
    """Return round labels in `text`, left to right, without overlaps (earlier patterns win)."""
    found: list[RoundMention] = []
    taken: list[tuple[int, int]] = []
    has_cjk = CJK_CHAR.search(text) is not None
    screen = screen or TextScreen(text)
    for lang in languages:
        for entry in load_lexicon(lang).rounds:
            if entry.needs_cjk and not has_cjk:
                continue
            for m, _, _ in entry.pattern.scan(text, screen):
                start, end = m.span()
                if start == end or any(s < end and start < e for s, e in taken):
                    continue
                label = _fill(entry.label, m.groups()) if entry.label else None
                taken.append((start, end))
                found.append(RoundMention(start, end, label, text[start:end]))
    found.sort(key=lambda r: r.start)
    return found
