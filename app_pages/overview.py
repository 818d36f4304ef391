"""Overview: headline figures, funding by quarter, largest rounds, valuation leaders, what the latest ingest brought."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import figures, queries
from app_pages import components as ui
from app_pages import links
from app_pages.data import load, require_data


def headline() -> None:
    """Capital tracked, rounds, companies, articles, facts of the latest ingest."""
    figures_row = load(queries.headline_figures).iloc[0]
    last = figures_row["last_ingest"]
    columns = st.columns(5)
    columns[0].metric("Capital tracked", figures.format_usd(figures_row["capital_usd"]), border=True,
                      help="Sum of closed and reported rounds in USD; rounds still in talks are left out.")
    columns[1].metric("Funding rounds", int(figures_row["rounds"]), border=True,
                      help=f"Closed or reported; {int(figures_row['rounds_in_talks'])} more are in talks.")
    columns[2].metric("Companies funded", int(figures_row["companies_funded"]), border=True)
    columns[3].metric("Articles", int(figures_row["articles"]), border=True)
    columns[4].metric("Facts in latest ingest", int(figures_row["latest_facts"]), border=True,
                      help=f"Ingest finished {pd.Timestamp(last):%Y-%m-%d %H:%M}" if pd.notna(last) else None)


def funding_by_quarter() -> None:
    """Capital and rounds per quarter."""
    st.subheader("Funding by quarter")
    quarters = load(queries.funding_by_quarter)
    if quarters.empty:
        ui.empty_state("No dated funding rounds yet.")
        return
    st.plotly_chart(figures.funding_by_quarter(quarters), key="funding_by_quarter")


def largest_rounds() -> None:
    """The ten biggest rounds."""
    st.subheader("Largest rounds")
    rounds = load(queries.largest_rounds, limit=10)
    if rounds.empty:
        ui.empty_state("No funding rounds with a known amount yet.")
        return
    st.dataframe(
        ui.with_links(rounds, "company", links.company_url),
        hide_index=True, key="largest_rounds",
        column_order=["open", "company", "amount_usd", "round", "date", "status", "lead_investors", "valuation_usd",
                      "n_sources"],
        column_config={"open": ui.link_column("", "Open the company"), "company": "Company",
                       "amount_usd": ui.money_column("Amount (USD)"), "round": "Round", "date": "Date",
                       "status": "Status", "lead_investors": ui.list_column("Led by"),
                       "valuation_usd": ui.money_column("Valuation (USD)"), "n_sources": "Sources"})


def valuation_leaders() -> None:
    """Companies by latest valuation."""
    st.subheader("Valuation leaders")
    leaders = load(queries.valuation_leaders, limit=10)
    if leaders.empty:
        ui.empty_state("No valuations yet.")
        return
    st.plotly_chart(figures.valuation_leaders(leaders), key="valuation_leaders")


def latest_ingest() -> None:
    """The latest run and the facts its articles state."""
    st.subheader("Latest ingest")
    runs = load(queries.latest_ingest_run)
    if runs.empty:
        ui.empty_state("No ingest run has finished yet.")
        return
    run = runs.iloc[0]
    st.caption(f"Run {run['run_id']} finished {pd.Timestamp(run['finished_at']):%Y-%m-%d %H:%M} ({run['status']}): "
               f"{run['articles_new']} new, {run['articles_changed']} changed, "
               f"{run['articles_unchanged']} unchanged, {run['articles_failed']} failed articles.")
    facts = load(queries.latest_ingest_facts)
    if facts.empty:
        ui.empty_state("The latest ingest brought no new facts.")
        return
    if int(facts["total"].iloc[0]) > len(facts):
        st.caption(f"The {len(facts)} facts of the newest articles, of {int(facts['total'].iloc[0])} in this run.")
    facts = facts.assign(fact_type=facts["fact_type"].map(ui.FACT_TYPE_LABELS).fillna(facts["fact_type"]))
    st.dataframe(
        ui.with_links(facts, "article_id", links.article_url), hide_index=True, key="latest_facts",
        column_order=["open", "fact_type", "label", "title", "published", "lang"],
        column_config={"open": ui.link_column("", "Read the article"), "fact_type": "Fact", "label": "What it says",
                       "title": "Article", "published": ui.date_column("Published"), "lang": "Lang"})


st.title("Overview")
require_data()
headline()
funding_by_quarter()
left, right = st.columns([3, 2])
with left:
    largest_rounds()
with right:
    valuation_leaders()
latest_ingest()
