"""Small inline SVG charts (no scripts, no network): they render offline and print as vectors."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

WIDTH = 720
LABEL_WIDTH = 220
ROW_HEIGHT = 22
BAR_COLOUR = "#2b6cb0"
RANGE_COLOUR = "#c05621"
MAX_LABEL = 34


def _text(x: float, y: float, text: str, anchor: str = "start", css: str = "") -> str:
    klass = f' class="{css}"' if css else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{klass}>{escape(text)}</text>'


def _clip(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[:MAX_LABEL - 1] + "…"


def _svg(title: str, height: float, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" width="{WIDTH}" '
            f'height="{height:.0f}" role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
            + "".join(body) + "</svg>")


def bar_chart(title: str, bars: Sequence[tuple[str, float]], fmt: Callable[[float], str]) -> str:
    """Horizontal bars, one per label, scaled to the largest value."""
    top = max((v for _, v in bars), default=0.0) or 1.0
    span = WIDTH - LABEL_WIDTH - 90
    body: list[str] = []
    for i, (label, value) in enumerate(bars):
        y = 8 + i * ROW_HEIGHT
        length = max(value / top * span, 1.0)
        body.append(_text(LABEL_WIDTH - 8, y + 14, _clip(label), "end"))
        body.append(f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{length:.1f}" height="{ROW_HEIGHT - 6}" '
                    f'fill="{BAR_COLOUR}"/>')
        body.append(_text(LABEL_WIDTH + length + 6, y + 14, fmt(value)))
    return _svg(title, 16 + len(bars) * ROW_HEIGHT, body)


def line_chart(title: str, points: Sequence[tuple[str, float]], fmt: Callable[[float], str]) -> str:
    """A rising line over labelled steps (first, last and the top value are labelled)."""
    height, left, right, top_pad, bottom = 220, 70, WIDTH - 20, 20, 180
    top = max((v for _, v in points), default=0.0) or 1.0
    step = (right - left) / max(len(points) - 1, 1)
    xy = [(left + i * step, bottom - v / top * (bottom - top_pad)) for i, (_, v) in enumerate(points)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
    body = [f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#999"/>',
            f'<line x1="{left}" y1="{top_pad}" x2="{left}" y2="{bottom}" stroke="#999"/>',
            _text(left - 6, top_pad + 4, fmt(top), "end"), _text(left - 6, bottom, fmt(0), "end"),
            f'<polyline points="{path}" fill="none" stroke="{BAR_COLOUR}" stroke-width="2"/>']
    if points:
        body.append(_text(xy[0][0], bottom + 18, points[0][0], "start"))
        body.append(_text(xy[-1][0], bottom + 18, points[-1][0], "end"))
        body.append(f'<circle cx="{xy[-1][0]:.1f}" cy="{xy[-1][1]:.1f}" r="3.5" fill="{BAR_COLOUR}"/>')
    return _svg(title, height, body)


def range_chart(title: str, ranges: Sequence[tuple[str, float, float]]) -> str:
    """Shares from 0 to 100%: a dot for a point claim, a bar for a range."""
    span = WIDTH - LABEL_WIDTH - 60
    body = [f'<line x1="{LABEL_WIDTH}" y1="4" x2="{LABEL_WIDTH}" y2="{12 + len(ranges) * ROW_HEIGHT}" stroke="#999"/>']
    for tick in (0, 25, 50, 75, 100):
        x = LABEL_WIDTH + tick / 100 * span
        body.append(_text(x, 24 + len(ranges) * ROW_HEIGHT, f"{tick}%", "middle", "tick"))
    for i, (label, low, high) in enumerate(ranges):
        y = 8 + i * ROW_HEIGHT + ROW_HEIGHT / 2
        x1, x2 = LABEL_WIDTH + low * span, LABEL_WIDTH + high * span
        body.append(_text(LABEL_WIDTH - 8, y + 4, _clip(label), "end"))
        body.append(f'<line x1="{x1:.1f}" y1="{y:.1f}" x2="{max(x2, x1 + 0.1):.1f}" y2="{y:.1f}" '
                    f'stroke="{RANGE_COLOUR}" stroke-width="8" stroke-linecap="round"/>')
    return _svg(title, 32 + len(ranges) * ROW_HEIGHT, body)
