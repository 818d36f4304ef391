"""Company: one organisation's profile, funding, valuations, investors, products, market share, people, deals,
graph neighbourhood, and every fact with the sentence and article stating it (disagreeing sources flagged)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import figures, queries
from app_pages import components as ui
from app_pages import links
from app_pages.data import load, require_data

TABS = ["Funding", "Investors", "Products", "Market share", "People & deals", "Neighbourhood", "Facts & sources"]


def pick_company(orgs: pd.DataFrame) -> str | None:
    """The organisation named in the URL (`?entity=`), chosen with a searchable select box."""
    return st.selectbox("Company", orgs["name"], index=None, key="entity", bind="query-params",
                        placeholder=f"Search {len(orgs):,} organisations by name…")


def most_covered(orgs: pd.DataFrame) -> None:
    """When no company is chosen: the best-covered organisations, each a link."""
    st.caption("Pick a company above, or open one of the best-covered organisations:")
    top = orgs.head(25)
    st.dataframe(ui.with_links(top, "name", links.company_url), hide_index=True, key="most_covered",
                 column_order=["open", "name", "type", "country", "mentions", "edges"],
                 column_config={"open": ui.link_column(""), "name": "Organisation", "type": "Type",
                                "country": "Country", "mentions": "Mentions", "edges": "Facts linking it"})


def profile(name: str, entity_id: int) -> None:
    """Name, what the organisation is, its spellings, links to related views, headline numbers."""
    row = load(queries.entity_profile, entity_id).iloc[0]
    st.header(ui.escape_markdown(name))
    described = [str(row["type"]).replace("_", " "), row["country"], row["ticker"],
                 f"part of {row['parent']}" if isinstance(row["parent"], str) else None,
                 None if row["verified"] else "found in articles only (not in the gazetteer yet)"]
    st.caption(" · ".join(ui.escape_markdown(d) for d in described if isinstance(d, str) and d))
    aliases = [a for a in row["aliases"] if a != name]
    if aliases:
        st.caption("Also written: " + " · ".join(ui.escape_markdown(a) for a in aliases))
    link_columns = st.columns(3)
    link_columns[0].page_link(links.GRAPH, label="Graph around it", icon=":material/hub:",
                              query_params={"entity": name})
    link_columns[1].page_link(links.ARTICLES, label=f"Articles naming it ({row['articles']})",
                              icon=":material/article:", query_params={"mentions": name})
    if name in set(load(queries.investor_leaderboard)["investor"]):
        link_columns[2].page_link(links.INVESTORS, label="Its investments", icon=":material/account_balance:",
                                  query_params={"investor": name})


def headline(rounds: pd.DataFrame, valuations: pd.DataFrame, investors: pd.DataFrame) -> None:
    """Raised, latest valuation, rounds, investors."""
    raised = rounds.loc[rounds["status"] != "in_talks", "amount_usd"].sum(min_count=1)
    latest = valuations[valuations["is_latest"]]
    columns = st.columns(4)
    columns[0].metric("Raised (known rounds)", figures.format_usd(raised), border=True)
    columns[1].metric("Latest valuation", figures.format_usd(latest["value_usd"].iloc[0]) if len(latest) else "—",
                      border=True, help=f"As of {latest['date'].iloc[0]}" if len(latest) else None)
    columns[2].metric("Funding rounds", len(rounds), border=True)
    columns[3].metric("Investors", len(investors), border=True)


def funding_tab(name: str, rounds: pd.DataFrame, valuations: pd.DataFrame) -> None:
    """Funding timeline and valuation trajectory, each with its table."""
    left, right = st.columns(2)
    with left:
        st.markdown("**Funding timeline**")
        if rounds.empty:
            ui.empty_state(f"No funding rounds recorded for {name}.")
        else:
            st.plotly_chart(figures.funding_timeline(rounds), key="funding_timeline")
    with right:
        st.markdown("**Valuation trajectory**")
        if valuations.empty:
            ui.empty_state(f"No valuations recorded for {name}.")
        else:
            st.plotly_chart(figures.valuation_trajectory(valuations), key="valuation_trajectory")
    if not rounds.empty:
        st.dataframe(rounds, hide_index=True, key="company_rounds",
                     column_order=["date", "round", "status", "amount_usd", "valuation_usd", "lead_investors",
                                   "investors", "n_sources"],
                     column_config={"date": "Date", "round": "Round", "status": "Status",
                                    "amount_usd": ui.money_column("Amount (USD)"),
                                    "valuation_usd": ui.money_column("Valuation (USD)"),
                                    "lead_investors": ui.list_column("Led by"),
                                    "investors": ui.list_column("Investors"), "n_sources": "Sources"})


def investors_tab(name: str, investors: pd.DataFrame) -> None:
    """Who backed the company."""
    if investors.empty:
        ui.empty_state(f"No investors recorded for {name}.")
        return
    st.dataframe(ui.with_links(investors, "investor", links.investor_url), hide_index=True, key="company_investors",
                 column_order=["open", "investor", "investor_type", "rounds", "rounds_led", "round_capital_usd",
                               "first_round", "last_round", "round_labels"],
                 column_config={"open": ui.link_column("", "Open the investor"), "investor": "Investor",
                                "investor_type": "Type", "rounds": "Rounds", "rounds_led": "Led",
                                "round_capital_usd": ui.money_column("Capital of those rounds (USD)"),
                                "first_round": ui.date_column("First"), "last_round": ui.date_column("Last"),
                                "round_labels": ui.list_column("Rounds")})


def products_tab(name: str) -> None:
    """What the company makes."""
    products = load(queries.company_products, name)
    if products.empty:
        ui.empty_state(f"No products recorded for {name}.")
        return
    st.dataframe(products, hide_index=True, key="company_products",
                 column_config={"name": "Product", "kind": "Kind", "family": "Family", "node": "Process node",
                                "year": st.column_config.NumberColumn("Year", format="%d"),
                                "mentions": "Mentions", "in_catalogue": "In catalogue"})


def market_share_tab(name: str, entity_id: int) -> None:
    """Market-share claims about the company."""
    claims = load(queries.company_market_share, entity_id)
    if claims.empty:
        ui.empty_state(f"No market-share claims about {name}.")
        return
    st.dataframe(claims, hide_index=True, key="company_shares",
                 column_order=["market", "share", "claim_year", "period", "source", "n_sources", "first_reported"],
                 column_config={"market": "Market", "share": "Share", "claim_year": st.column_config.NumberColumn(
                     "Year", format="%d"), "period": "Period", "source": "According to", "n_sources": "Sources",
                     "first_reported": ui.date_column("First reported")})
    st.page_link(links.MARKET_SHARE, label="Compare with other claims on the Market share page",
                 icon=":material/pie_chart:", query_params={"market": claims["market"].iloc[0]})


def people_and_deals_tab(name: str, entity_id: int) -> None:
    """People in roles there; acquisitions and partners."""
    left, right = st.columns(2)
    with left:
        st.markdown("**People**")
        people = load(queries.company_people, entity_id)
        if people.empty:
            ui.empty_state(f"No people recorded at {name}.")
        else:
            st.dataframe(people, hide_index=True, key="company_people",
                         column_config={"person": "Person", "role": "Role", "n_sources": "Sources"})
    with right:
        st.markdown("**Acquisitions and partners**")
        deals = load(queries.company_deals, entity_id)
        if deals.empty:
            ui.empty_state(f"No acquisitions or partnerships recorded for {name}.")
        else:
            st.dataframe(ui.with_links(deals, "counterpart", links.company_url), hide_index=True, key="company_deals",
                         column_config={"open": ui.link_column(""), "relation": "Relation", "counterpart": "With",
                                        "detail": "Detail", "amount_usd": ui.money_column("Amount (USD)"),
                                        "date": "Date", "n_sources": "Sources"})


def neighbourhood_tab(name: str, entity_id: int) -> None:
    """Investors, products, people and partners one hop away."""
    edges = load(queries.neighbourhood, entity_id, hops=1)
    if edges.empty:
        ui.empty_state(f"No graph edges around {name}.")
        return
    st.plotly_chart(figures.network(edges, entity_id, height=520), key="company_network")
    st.page_link(links.GRAPH, label="Explore two hops out on the Graph page", icon=":material/hub:",
                 query_params={"entity": name, "hops": "2"})


def facts_tab(name: str, entity_id: int) -> None:
    """Where sources disagree, then every fact with its sentence and article."""
    conflicts = load(queries.entity_conflicts, entity_id)
    if not conflicts.empty:
        st.warning(f"Sources disagree on {conflicts['fact_id'].nunique()} fact(s) about this company; "
                   "the fact shows the best-supported value.", icon=":material/rule:")
        st.dataframe(conflicts, hide_index=True, key="company_conflicts",
                     column_order=["label", "field", "value", "sources", "articles"],
                     column_config={"label": "Fact", "field": "Field", "value": "Stated value",
                                    "sources": "Articles", "articles": ui.list_column("Stated by")})
    facts = load(queries.entity_facts, entity_id)
    if facts.empty:
        ui.empty_state(f"No facts about {name} yet.")
        return
    facts = facts.assign(fact_type=facts["fact_type"].map(ui.FACT_TYPE_LABELS).fillna(facts["fact_type"]))
    st.dataframe(ui.with_links(facts, "article_id", links.article_url), hide_index=True, key="company_facts",
                 column_order=["open", "fact_type", "role", "label", "disputed", "sentence", "title", "published"],
                 column_config={"open": ui.link_column("", "Read the article with the facts highlighted"),
                                "fact_type": "Fact", "role": "As", "label": "What it says",
                                "disputed": st.column_config.CheckboxColumn("Disputed"),
                                "sentence": st.column_config.TextColumn("Source sentence", width="large"),
                                "title": "Article", "published": ui.date_column("Published")})
    ui.download_buttons(facts.drop(columns=["article_id"]), f"{name}-facts", key="company_facts_download")


st.title("Company")
require_data()
organisations = load(queries.organisations)
chosen = pick_company(organisations)
if chosen is None:
    most_covered(organisations)
    st.stop()
company_id = int(organisations.loc[organisations["name"] == chosen, "entity_id"].iloc[0])
profile(chosen, company_id)
company_rounds = load(queries.company_rounds, company_id)
company_valuations = load(queries.company_valuations, company_id)
company_investors = load(queries.company_investors, company_id)
headline(company_rounds, company_valuations, company_investors)
funding, backers, made, shares, people_deals, around, facts_and_sources = st.tabs(TABS, key="tab",
                                                                                   bind="query-params")
with funding:
    funding_tab(chosen, company_rounds, company_valuations)
with backers:
    investors_tab(chosen, company_investors)
with made:
    products_tab(chosen)
with shares:
    market_share_tab(chosen, company_id)
with people_deals:
    people_and_deals_tab(chosen, company_id)
with around:
    neighbourhood_tab(chosen, company_id)
with facts_and_sources:
    facts_tab(chosen, company_id)
