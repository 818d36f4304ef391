"""Weekly report (issue 6): build the data once, render it as HTML, Markdown or a workbook.

The dashboard calls `build_report` and the renderers; the CLI calls `write_report`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from analytics.report.build import build_report
from analytics.report.html_render import render_html
from analytics.report.md_render import render_markdown
from analytics.report.model import DateBasis, WeeklyReport
from analytics.report.weeks import IsoWeek, last_complete_week
from analytics.report.xlsx_render import render_xlsx

FORMATS = ("html", "md", "xlsx")

__all__ = ["FORMATS", "IsoWeek", "WeeklyReport", "build_report", "last_complete_week", "render_html",
           "render_markdown", "render_xlsx", "write_report"]


def write_report(db_path: str | Path, week: str | None = None, fmt: str = "html", out: str | Path | None = None,
                 by: DateBasis = "article") -> Path | None:
    """Build and render the report; write it to `out` and return the path, or print it (html/md) and return None.

    A workbook without `out` goes to accelkb-report-<week>.xlsx in the current folder.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    report = build_report(db_path, week, by)
    if fmt == "xlsx":
        target = Path(out) if out else Path(f"accelkb-report-{report.week}.xlsx")
        target.write_bytes(render_xlsx(report))
        return target
    text = render_html(report) if fmt == "html" else render_markdown(report)
    if out is None:
        sys.stdout.write(text)
        return None
    target = Path(out)
    target.write_text(text, encoding="utf-8")
    return target
