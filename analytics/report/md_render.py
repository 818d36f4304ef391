"""The weekly report as Markdown (GitHub-flavoured tables) to paste into a chat or a wiki."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import quote

from analytics.report.model import Fact, Source, WeeklyReport
from analytics.report.tables import (DEFINITIONS, Section, conflict_value_text, headline_change, headline_value,
                                     safe_url, sections, source_date, week_span)

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_URL_SAFE = ":/?#@!$&'*+,;=%"


def md_escape(text: str) -> str:
    """Text made inert in Markdown and in table cells: one line, special characters backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def md_url(url: str) -> str:
    """A link target that cannot close the link or break a table: parentheses, pipes, spaces encoded."""
    return quote(url, safe=_URL_SAFE)


def render_markdown(report: WeeklyReport) -> str:
    """The report as Markdown; every cell escaped, links only to http(s) URLs."""
    lines = [f"# AI-accelerator weekly report {report.week}", "",
             f"{md_escape(week_span(report))} · {md_escape(report.basis_text)}", ""]
    if report.is_empty:
        lines += [f"**Nothing new in {report.week}: no {md_escape(report.basis_text)}.**", ""]
    lines += _headlines(report)
    if not report.is_empty:
        for section in sections(report):
            lines += _section(section)
        lines += _conflicts(report)
    lines += ["---", ""] + [f"- {md_escape(d)}" for d in DEFINITIONS]
    lines.append(f"- Generated {report.generated_at:%Y-%m-%d %H:%M} by accelkb.")
    return "\n".join(lines) + "\n"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A Markdown table; cells must already be escaped."""
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return [*out, ""]


def _headlines(report: WeeklyReport) -> list[str]:
    header = ["Figure", str(report.week), str(report.week.previous()), "Change",
              f"Year to date (W01–W{report.week.week:02d})"]
    rows = [[md_escape(h.label), md_escape(headline_value(h, h.this_week)),
             md_escape(headline_value(h, h.previous_week)), md_escape(headline_change(h)),
             md_escape(headline_value(h, h.year_to_date))] for h in report.headlines]
    return ["## Headline figures", "", *_table(header, rows)]


def _section(section: Section) -> list[str]:
    lines = [f"## {md_escape(section.title)} ({len(section.facts)})", ""]
    if not section.facts:
        return [*lines, f"_{md_escape(section.empty_text)}_", ""]
    header = [md_escape(c.header) for c in section.display] + ["Sources"]
    rows = [[md_escape(str(c.value(f))) for c in section.display] + [_disputed(f) + _sources(f.sources)]
            for f in section.facts]
    return lines + _table(header, rows)


def _disputed(fact: Fact) -> str:
    if not fact.conflicts:
        return ""
    return f"⚠ sources disagree on {md_escape(', '.join(fact.disputed_fields))}; "


def _sources(sources: Sequence[Source]) -> str:
    return "; ".join(_cite(s) for s in sources)


def _cite(source: Source) -> str:
    url = safe_url(source.url)
    title = md_escape(source.title)
    name = f"[{title}]({md_url(url)})" if url else title
    outlet = f"{md_escape(source.outlet)}, " if source.outlet else ""
    return f"{name} ({outlet}{source_date(source)})"


def _conflicts(report: WeeklyReport) -> list[str]:
    lines = ["## Conflicting figures", ""]
    if not report.disputed:
        return [*lines, "_No conflicting figures among this week's facts._", ""]
    rows = [[md_escape(fact.label), md_escape(c.field), md_escape(conflict_value_text(c.field, v.value)),
             _sources(v.sources)]
            for fact in report.disputed for c in fact.conflicts for v in c.values]
    return lines + _table(["Fact", "Field", "Value", "Stated by"], rows)
