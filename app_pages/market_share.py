"""Market share: the claims about one market over time, ranges drawn as ranges, each point naming who claims it,
and the claims that disagree side by side."""

from __future__ import annotations

import streamlit as st

from analytics import figures, queries
from app_pages import components as ui
from app_pages import links
from app_pages.data import load, require_data

st.title("Market share")
require_data()
markets = load(queries.markets)
if markets.empty:
    ui.empty_state("No market-share claims have been extracted yet.")
    st.stop()
left, right = st.columns([1, 2])
market = left.selectbox("Market", markets["market"], key="market", bind="query-params",
                        help="Markets as the articles name them; the most claimed first.")
claims = load(queries.market_share_claims, market)
subjects = right.multiselect("Companies", sorted(claims["subject"].unique()), key="subject", bind="query-params",
                             placeholder="All companies claimed about")
if subjects:
    claims = claims[claims["subject"].isin(subjects)]
if claims.empty:
    ui.empty_state("No claims for these companies in this market.")
    st.stop()

st.caption("Each point is one claim, labelled with who makes it; bars span a stated range, triangles mark "
           "“at least” (▲) or “at most” (▼). Hover for the article.")
st.plotly_chart(figures.market_share_claims(claims), key="share_chart")

st.subheader("Where the claims disagree")
disagreements = load(queries.share_disagreements, market)
if subjects and not disagreements.empty:
    disagreements = disagreements[disagreements["subject"].isin(subjects)]
if disagreements.empty:
    ui.empty_state("Every company and year in this market has one consistent figure.")
else:
    st.dataframe(disagreements.drop(columns=["market"]), hide_index=True, key="share_disagreements",
                 column_config={"subject": "Company", "year": "Year"})

st.subheader("All claims")
st.dataframe(ui.with_links(claims, "article_id", links.article_url), hide_index=True, key="share_claims",
             column_order=["open", "subject", "share", "claim_year", "period", "source", "n_sources", "title",
                           "published"],
             column_config={"open": ui.link_column("", "Read the article"), "subject": "Company", "share": "Share",
                            "claim_year": st.column_config.NumberColumn("Year", format="%d"), "period": "Period",
                            "source": "According to", "n_sources": "Articles", "title": "First article",
                            "published": ui.date_column("Published")})
ui.download_buttons(claims.drop(columns=["article_id", "fact_id"]), "market-share", key="share_download")
