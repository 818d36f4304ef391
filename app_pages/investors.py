"""Investors: who funds the market (leaderboard), and for one investor its portfolio and co-investors."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import figures, queries
from app_pages import components as ui
from app_pages import links
from app_pages.data import load, require_data


def leaderboard(investors: pd.DataFrame) -> None:
    """Every investor by rounds joined."""
    st.caption("Pick an investor above, or open one from the table.")
    st.dataframe(ui.with_links(investors, "investor", links.investor_url), hide_index=True, key="leaderboard",
                 column_order=["open", "investor", "investor_type", "companies", "rounds", "rounds_led",
                               "round_capital_usd", "last_round"],
                 column_config={"open": ui.link_column(""), "investor": "Investor", "investor_type": "Type",
                                "companies": "Companies", "rounds": "Rounds", "rounds_led": "Led",
                                "round_capital_usd": ui.money_column("Capital of those rounds (USD)"),
                                "last_round": ui.date_column("Latest round")})
    ui.download_buttons(investors.drop(columns=["investor_id"]), "investors", key="leaderboard_download")


def portfolio(name: str, investor: pd.Series) -> None:
    """The companies one investor backed."""
    st.header(ui.escape_markdown(name))
    columns = st.columns(4)
    columns[0].metric("Companies", int(investor["companies"]), border=True)
    columns[1].metric("Rounds joined", int(investor["rounds"]), border=True)
    columns[2].metric("Rounds led", int(investor["rounds_led"]), border=True)
    columns[3].metric("Capital of those rounds", figures.format_usd(investor["round_capital_usd"]), border=True)
    st.page_link(links.GRAPH, label="Graph around it", icon=":material/hub:", query_params={"entity": name})
    companies = load(queries.investor_portfolio, int(investor["investor_id"]))
    st.subheader("Portfolio")
    st.dataframe(ui.with_links(companies, "company", links.company_url), hide_index=True, key="portfolio",
                 column_config={"open": ui.link_column(""), "company": "Company", "company_type": "Type",
                                "company_country": "Country", "rounds": "Rounds", "rounds_led": "Led",
                                "round_capital_usd": ui.money_column("Capital of those rounds (USD)"),
                                "first_round": ui.date_column("First"), "last_round": ui.date_column("Last"),
                                "round_labels": ui.list_column("Rounds")})


def co_investment(name: str, investor_id: int) -> None:
    """The investors that joined the same rounds."""
    st.subheader("Co-investors")
    partners = load(queries.co_investors, investor_id)
    if partners.empty:
        ui.empty_state(f"{name} has not shared a round with another named investor.")
        return
    left, right = st.columns([3, 2])
    left.plotly_chart(figures.co_investors(partners), key="co_investors_chart")
    right.dataframe(ui.with_links(partners, "co_investor", links.investor_url), hide_index=True, key="co_investors",
                    column_config={"open": ui.link_column(""), "co_investor": "Co-investor",
                                   "shared_rounds": "Shared rounds", "companies": ui.list_column("In")})


st.title("Investors")
require_data()
board = load(queries.investor_leaderboard)
if board.empty:
    ui.empty_state("No investors have been extracted yet: no funding round names its backers.")
    st.stop()
chosen = st.selectbox("Investor", board["investor"], index=None, key="investor", bind="query-params",
                      placeholder=f"Search {len(board):,} investors by name…")
if chosen is None:
    leaderboard(board)
    st.stop()
selected = board.loc[board["investor"] == chosen].iloc[0]
portfolio(chosen, selected)
co_investment(chosen, int(selected["investor_id"]))
