"""The weekly report as a workbook: a summary sheet, one sheet per fact type, and the conflicts."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from analytics.report.model import Source, WeeklyReport
from analytics.report.tables import (DEFINITIONS, USD_FORMAT, CellValue, Section, conflict_value_text, safe_url,
                                     sections, source_date, week_span)

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "yyyy-mm-dd"
BOLD = Font(bold=True)
MAX_WIDTH = 60


def plain_text(text: str) -> str:
    """A string that a spreadsheet will never run: illegal characters dropped, formula triggers quoted."""
    cleaned = str(ILLEGAL_CHARACTERS_RE.sub("", text))
    return "'" + cleaned if cleaned.startswith(FORMULA_TRIGGERS) else cleaned


def render_xlsx(report: WeeklyReport) -> bytes:
    """The report as .xlsx bytes; article-derived text stored as inert plain strings."""
    book = Workbook()
    _summary(book.active, report)
    for section in sections(report):
        _fact_sheet(book.create_sheet(section.title), section)
    _conflict_sheet(book.create_sheet("Conflicts"), report)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _put(sheet: Worksheet, row: int, column: int, value: CellValue, number_format: str | None = None) -> Cell:
    """Write one cell: text neutralised, numbers and dates typed."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = plain_text(value)
    else:
        cell.value = value
        if isinstance(value, date):
            cell.number_format = DATE_FORMAT
        elif number_format and value is not None:
            cell.number_format = number_format
    return cell


def _header(sheet: Worksheet, row: int, headers: Sequence[str]) -> None:
    for column, header in enumerate(headers, start=1):
        _put(sheet, row, column, header).font = BOLD


def _link(sheet: Worksheet, row: int, column: int, source: Source) -> None:
    """A source as "title (outlet, date)", hyperlinked when its URL is a safe http link."""
    outlet = f"{source.outlet}, " if source.outlet else ""
    cell = _put(sheet, row, column, f"{source.title} ({outlet}{source_date(source)})")
    url = safe_url(source.url)
    if url:
        cell.hyperlink = url
        cell.style = "Hyperlink"


def _summary(sheet: Worksheet, report: WeeklyReport) -> None:
    sheet.title = "Summary"
    _put(sheet, 1, 1, f"AI-accelerator weekly report {report.week}").font = Font(bold=True, size=14)
    _put(sheet, 2, 1, f"{week_span(report)} · {report.basis_text}")
    _put(sheet, 3, 1, f"Generated {report.generated_at:%Y-%m-%d %H:%M} by accelkb")
    if report.is_empty:
        _put(sheet, 4, 1, f"Nothing new in {report.week}: no {report.basis_text}.").font = BOLD
    _header(sheet, 6, ["Figure", str(report.week), str(report.week.previous()), "Change",
                       f"Year to date (W01–W{report.week.week:02d})"])
    for row, h in enumerate(report.headlines, start=7):
        number_format = USD_FORMAT if h.unit == "usd" else "#,##0"
        _put(sheet, row, 1, h.label)
        for column, value in enumerate((h.this_week, h.previous_week, h.this_week - h.previous_week,
                                        h.year_to_date), start=2):
            _put(sheet, row, column, value, number_format)
    for row, note in enumerate(DEFINITIONS, start=8 + len(report.headlines)):
        _put(sheet, row, 1, note)
    sheet.column_dimensions["A"].width = 28
    for letter in "BCDE":
        sheet.column_dimensions[letter].width = 18


def _fact_sheet(sheet: Worksheet, section: Section) -> None:
    """All columns of one fact type, the disputed fields, and every source as its own linked cell."""
    most = max((len(f.sources) for f in section.facts), default=1)
    headers = [c.header for c in section.full] + ["Disputed fields", "Sources"]
    headers += [f"Source {i}" for i in range(1, most + 1)]
    _header(sheet, 1, headers)
    for row, fact in enumerate(section.facts, start=2):
        for column, spec in enumerate(section.full, start=1):
            _put(sheet, row, column, spec.value(fact), spec.number_format)
        _put(sheet, row, len(section.full) + 1, ", ".join(fact.disputed_fields))
        _put(sheet, row, len(section.full) + 2, len(fact.sources))
        for i, source in enumerate(fact.sources):
            _link(sheet, row, len(section.full) + 3 + i, source)
    _finish(sheet, len(headers))


def _conflict_sheet(sheet: Worksheet, report: WeeklyReport) -> None:
    """One row per disputed value with the articles that state it."""
    rows = [(fact, c.field, v) for fact in report.disputed for c in fact.conflicts for v in c.values]
    most = max((len(v.sources) for _, _, v in rows), default=1)
    headers = ["Fact type", "Fact id", "Fact", "Field", "Value", "Sources"]
    headers += [f"Source {i}" for i in range(1, most + 1)]
    _header(sheet, 1, headers)
    for row, (fact, field, value) in enumerate(rows, start=2):
        cells: list[CellValue] = [fact.FACT_TYPE, fact.fact_id, fact.label, field,
                                  conflict_value_text(field, value.value), len(value.sources)]
        for column, cell in enumerate(cells, start=1):
            _put(sheet, row, column, cell)
        for i, source in enumerate(value.sources):
            _link(sheet, row, len(cells) + 1 + i, source)
    _finish(sheet, len(headers))


def _finish(sheet: Worksheet, n_columns: int) -> None:
    """Freeze the header, add filters, size the columns to their content."""
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(n_columns)}{max(sheet.max_row, 1)}"
    for column in range(1, n_columns + 1):
        cells = sheet.iter_rows(min_col=column, max_col=column, values_only=True)
        width = max((len(str(value[0])) for value in cells if value[0] is not None), default=8)
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 8), MAX_WIDTH)
