"""Funding explorer: filter rounds by date, company type, country, round, investor, status and amount;
chart them, list them, download them (CSV, Excel). Every filter lives in the URL."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from analytics import figures, queries
from app_pages import components as ui
from app_pages import links
from app_pages.data import database_path, load, require_data


def date_range(first: date, last: date) -> tuple[date | None, date | None]:
    """The period filter (`?dates=YYYY-MM-DD&dates=YYYY-MM-DD`); a half-picked range filters from its start."""
    picked = st.date_input("Period", value=(first, last), min_value=first, max_value=last, key="dates",
                           bind="query-params", format="YYYY-MM-DD")
    chosen = tuple(picked) if isinstance(picked, (list, tuple)) else (picked,)
    start = chosen[0] if chosen and chosen[0] != first else None
    end = chosen[1] if len(chosen) > 1 and chosen[1] != last else None
    return start, end


def filters() -> queries.RoundFilter:
    """The filter bar; returns the filter it describes."""
    facets = load(queries.funding_facets)
    bounds = load(queries.funding_date_bounds).iloc[0]
    with st.container(border=True):
        top = st.columns([2, 2, 2, 2])
        with top[0]:
            start, end = (date_range(pd.Timestamp(bounds["first"]).date(), pd.Timestamp(bounds["last"]).date())
                          if pd.notna(bounds["first"]) else (None, None))
        company_types = top[1].multiselect("Company type", ui.facet_options(facets, "company_type"), key="type",
                                           bind="query-params", placeholder="Any type")
        countries = top[2].multiselect("Country", ui.facet_options(facets, "country"), key="country",
                                       bind="query-params", placeholder="Any country")
        rounds = top[3].multiselect("Round", ui.facet_options(facets, "round"), key="round", bind="query-params",
                                    placeholder="Any round")
        bottom = st.columns([4, 2, 1, 1])
        investors = bottom[0].multiselect("Investor (any of)", ui.facet_options(facets, "investor"), key="investor",
                                          bind="query-params", placeholder="Any investor")
        statuses = bottom[1].multiselect("Status", ui.facet_options(facets, "status"), key="status",
                                         bind="query-params", placeholder="Closed, reported and in talks")
        min_musd = bottom[2].number_input("Min (USD M)", min_value=0.0, value=None, step=50.0, format="%.0f",
                                          key="min_musd", bind="query-params")
        max_musd = bottom[3].number_input("Max (USD M)", min_value=0.0, value=None, step=50.0, format="%.0f",
                                          key="max_musd", bind="query-params")
    return queries.RoundFilter(
        start=start, end=end, company_types=tuple(company_types), countries=tuple(countries), rounds=tuple(rounds),
        statuses=tuple(statuses), investors=tuple(investors),
        min_usd=min_musd * 1e6 if min_musd is not None else None,
        max_usd=max_musd * 1e6 if max_musd is not None else None)


def summary(where: queries.RoundFilter) -> None:
    """Rounds, capital and companies in the selection."""
    row = load(queries.funding_summary, where).iloc[0]
    columns = st.columns(4)
    columns[0].metric("Rounds", int(row["rounds"]), border=True)
    columns[1].metric("Capital (closed and reported)", figures.format_usd(row["capital_usd"]), border=True)
    columns[2].metric("Companies", int(row["companies"]), border=True)
    columns[3].metric("Undisclosed amounts", int(row["undisclosed"]), border=True)


def charts(where: queries.RoundFilter) -> None:
    """Capital by quarter and company type; the companies that raised most."""
    left, right = st.columns([3, 2])
    with left:
        st.markdown("**Capital by quarter and company type**")
        st.plotly_chart(figures.capital_by_quarter_and_type(load(queries.capital_by_quarter_and_type, where)),
                        key="capital_by_quarter")
    with right:
        st.markdown("**Companies that raised most**")
        st.plotly_chart(figures.top_companies_by_capital(load(queries.capital_by_company, where)), key="top_companies")


def table(where: queries.RoundFilter, total: int) -> None:
    """The newest matching rounds, linked to their company; CSV and Excel downloads of all of them."""
    rounds = load(queries.funding_rounds, where)
    if total > len(rounds):
        st.caption(f"The {len(rounds)} newest of {total} rounds; the downloads hold all of them.")
    st.dataframe(ui.with_links(rounds, "company", links.company_url), hide_index=True, key="rounds_table",
                 column_order=["open", "event_date", "company", "company_type", "company_country", "round", "status",
                               "amount_usd", "valuation_usd", "lead_investors", "investors", "n_sources"],
                 column_config={"open": ui.link_column("", "Open the company"),
                                "event_date": ui.date_column("Date"), "company": "Company",
                                "company_type": "Type", "company_country": "Country", "round": "Round",
                                "status": "Status", "amount_usd": ui.money_column("Amount (USD)"),
                                "valuation_usd": ui.money_column("Valuation (USD)"),
                                "lead_investors": ui.list_column("Led by"), "investors": ui.list_column("Investors"),
                                "n_sources": "Sources"})
    path = database_path()  # the download runs outside the page script: read the file directly
    ui.download_buttons(lambda: queries.funding_rounds(path, where, limit=queries.EXPORT_ROW_LIMIT),
                        "funding-rounds", key="rounds_download")


st.title("Funding explorer")
require_data()
if not ui.facet_options(load(queries.funding_facets), "status"):
    ui.empty_state("No funding rounds have been extracted yet.")
    st.stop()
where = filters()
total = int(load(queries.funding_summary, where).iloc[0]["rounds"])
if total == 0:
    ui.empty_state("No funding rounds match these filters; widen them to see more.")
    st.stop()
summary(where)
charts(where)
table(where, total)
