"""Weekly report: preview the report of an ISO week and download it as HTML, Markdown or a spreadsheet."""

from __future__ import annotations

import streamlit as st
import streamlit.components.v1 as components

from analytics.report import IsoWeek, build_report, last_complete_week, render_html, render_markdown, render_xlsx
from app_pages.data import database_path, database_version, require_data


@st.cache_data(show_spinner="Building the report…", max_entries=32)
def _report_files(db: str, version: tuple[int, int, int, int], week: str, by: str) -> tuple[str, str, bytes]:
    report = build_report(db, week, by)  # type: ignore[arg-type]
    return render_html(report), render_markdown(report), render_xlsx(report)


st.title("Weekly report")
require_data()
default_week = str(last_complete_week())
controls = st.columns([2, 2, 3])
week_text = controls[0].text_input("ISO week", value=default_week, key="week", bind="query-params",
                                   help="e.g. 2024-W32; weeks follow ISO 8601")
by = controls[1].segmented_control("Date facts by", ["article", "ingest"], default="article", key="by",
                                   bind="query-params") or "article"
try:
    week = str(IsoWeek.parse(week_text.strip()))
except ValueError as exc:
    st.error(str(exc))
    st.stop()
path = database_path()
html, markdown, workbook = _report_files(str(path), database_version(path), week, by)
downloads = st.columns(3)
downloads[0].download_button("HTML", html, file_name=f"accelkb-{week}.html", mime="text/html",
                             icon=":material/download:")
downloads[1].download_button("Markdown", markdown, file_name=f"accelkb-{week}.md", mime="text/markdown",
                             icon=":material/download:")
downloads[2].download_button("Spreadsheet", workbook, file_name=f"accelkb-{week}.xlsx",
                             mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                             icon=":material/download:")
# the report escapes every article-derived string itself; it is shown in a sandboxed frame
components.html(html, height=1400, scrolling=True)
