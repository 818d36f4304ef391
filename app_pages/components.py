"""Building blocks the pages share: safe text, table columns, downloads, empty states, the highlighted article."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

FACT_TYPE_LABELS = {
    "funding_rounds": "Funding round",
    "valuations": "Valuation",
    "market_share_claims": "Market share",
    "products": "Product",
    "acquisitions": "Acquisition",
    "people": "Person",
    "partnerships": "Partnership",
    "funding_totals": "Funding total",
}
FACT_TYPE_COLOURS = {
    "funding_rounds": "#cfe5ff",
    "valuations": "#d3f5d3",
    "market_share_claims": "#ffe2bf",
    "products": "#e8dcff",
    "acquisitions": "#ffd5d5",
    "people": "#fff1a8",
    "partnerships": "#cff3f3",
    "funding_totals": "#e4e4e4",
}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|$<>~])")


def escape_markdown(text: object) -> str:
    """Text from the database made safe for elements that render Markdown (no emphasis, links, maths or HTML)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def facet_options(facets: pd.DataFrame, facet: str) -> list[str]:
    """The values of one filter from a long (facet, value, count) frame, the most frequent first."""
    return facets.loc[facets["facet"] == facet, "value"].tolist()


def empty_state(message: str) -> None:
    """Say plainly that there is nothing to show here."""
    st.info(message, icon=":material/search_off:")


# ---------------------------------------------------------------- table columns


def money_column(label: str, help: str | None = None) -> st.column_config.NumberColumn:
    """A USD amount shown compactly (640M, 2.8B)."""
    return st.column_config.NumberColumn(label, format="compact", help=help)


def link_column(label: str, help: str | None = None) -> st.column_config.LinkColumn:
    """A link to another page of the dashboard, shown as an icon."""
    return st.column_config.LinkColumn(label, display_text=":material/open_in_new:", help=help, width="small")


def list_column(label: str) -> st.column_config.ListColumn:
    """A list of names (investors, aliases)."""
    return st.column_config.ListColumn(label)


def date_column(label: str) -> st.column_config.DateColumn:
    """A calendar date."""
    return st.column_config.DateColumn(label, format="YYYY-MM-DD")


def with_links(frame: pd.DataFrame, column: str, url_of: Callable[[str], str], name: str = "open") -> pd.DataFrame:
    """The frame with a first column of links built from another column (no link where that column is empty)."""
    urls = frame[column].map(lambda value: url_of(value) if isinstance(value, str) and value else None)
    return frame.assign(**{name: urls})[[name, *frame.columns]]


# ---------------------------------------------------------------- downloads


def to_excel(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    """The frame as an .xlsx workbook (lists joined with commas)."""
    flat = frame.copy()
    for column in flat.columns:
        if flat[column].map(lambda v: isinstance(v, (list, tuple))).any():
            flat[column] = flat[column].map(lambda v: ", ".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        flat.to_excel(writer, sheet_name=sheet[:31], index=False)
    return buffer.getvalue()


def download_buttons(frame: pd.DataFrame | Callable[[], pd.DataFrame], file_stem: str, key: str) -> None:
    """CSV and Excel downloads of a table; a callable is only run (and the file built) when a button is clicked."""
    rows: Callable[[], pd.DataFrame] = frame if callable(frame) else (lambda: frame)
    row = st.container(horizontal=True)
    row.download_button("Download CSV", lambda: rows().to_csv(index=False).encode("utf-8"), f"{file_stem}.csv",
                         "text/csv", key=f"{key}_csv", icon=":material/download:", on_click="ignore")
    row.download_button("Download Excel", lambda: to_excel(rows(), file_stem), f"{file_stem}.xlsx",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          key=f"{key}_xlsx", icon=":material/table:", on_click="ignore")


# ---------------------------------------------------------------- highlighted article


@dataclass(frozen=True)
class Span:
    """A stretch of article text that states a fact."""

    start: int
    end: int
    fact_type: str
    label: str


def highlighted_article_html(text: str, spans: Iterable[Span]) -> str:
    """The article text as escaped HTML, every evidence span in a <mark> whose tooltip names the facts it states."""
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    pieces = []
    for start, end in zip(cuts, cuts[1:]):
        segment = html.escape(text[start:end])
        covering = [s for s in spans if s.start <= start and end <= s.end]
        if not covering:
            pieces.append(segment)
            continue
        colour = FACT_TYPE_COLOURS.get(covering[0].fact_type, "#eee")
        tooltip = html.escape("\n".join(dict.fromkeys(s.label for s in covering)), quote=True)
        types = " ".join(sorted({s.fact_type for s in covering}))
        pieces.append(f'<mark data-facts="{html.escape(types, quote=True)}" title="{tooltip}" '
                      f'style="background:{colour};padding:0 1px;border-radius:3px">{segment}</mark>')
    return ('<div class="accelkb-article" style="white-space:pre-wrap;line-height:1.65;font-size:1rem">'
            + "".join(pieces) + "</div>")


def fact_type_legend_html(fact_types: Iterable[str]) -> str:
    """Colour swatches naming the fact types highlighted in an article."""
    items = [f'<span style="background:{FACT_TYPE_COLOURS.get(t, "#eee")};padding:1px 6px;border-radius:3px;'
             f'margin-right:6px">{html.escape(FACT_TYPE_LABELS.get(t, t))}</span>' for t in fact_types]
    return '<div style="font-size:0.85rem">' + "".join(items) + "</div>"
