"""Products: the chip catalogue (gazetteer and news) by maker, kind, process node and year."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import figures, queries
from app_pages import components as ui
from app_pages import links
from app_pages.data import load, require_data


def filters(facets: pd.DataFrame) -> queries.ProductFilter:
    """The filter bar; returns the filter it describes."""
    years = sorted(int(y) for y in ui.facet_options(facets, "year"))
    with st.container(border=True):
        top = st.columns(4)
        makers = top[0].multiselect("Maker", ui.facet_options(facets, "maker"), key="maker", bind="query-params",
                                    placeholder="Any maker")
        kinds = top[1].multiselect("Kind", ui.facet_options(facets, "kind"), key="kind", bind="query-params",
                                   placeholder="Any kind")
        nodes = top[2].multiselect("Process node", ui.facet_options(facets, "node"), key="node", bind="query-params",
                                   placeholder="Any node")
        name = top[3].text_input("Name contains", key="name", bind="query-params", placeholder="e.g. MI3")
        bottom = st.columns([3, 1])
        first, last = (bottom[0].slider("Launch year", years[0], years[-1], (years[0], years[-1]), key="years",
                                        bind="query-params")
                       if len(years) > 1 else (None, None))
        reported = bottom[1].toggle("Reported in the news only", key="reported", bind="query-params")
    return queries.ProductFilter(
        makers=tuple(makers), kinds=tuple(kinds), nodes=tuple(nodes), name_contains=name or "",
        first_year=first if years and first != years[0] else None,
        last_year=last if years and last != years[-1] else None, reported_only=reported)


st.title("Products")
require_data()
product_facets = load(queries.product_facets)
if product_facets.empty:
    ui.empty_state("The product catalogue is empty: no gazetteer products and none found in articles.")
    st.stop()
catalogue = load(queries.product_catalogue, filters(product_facets))
if catalogue.empty:
    ui.empty_state("No products match these filters; widen them to see more.")
    st.stop()
columns = st.columns(3)
columns[0].metric("Products", len(catalogue), border=True)
columns[1].metric("Makers", catalogue["maker"].nunique(), border=True)
columns[2].metric("Reported in the news", int((catalogue["mentions"] > 0).sum()), border=True)
st.plotly_chart(figures.products_by_year(catalogue), key="products_by_year")
st.dataframe(ui.with_links(catalogue, "maker", links.company_url), hide_index=True, key="products_table",
             column_order=["name", "open", "maker", "kind", "family", "node", "year", "mentions", "in_catalogue"],
             column_config={"name": "Product", "open": ui.link_column("", "Open the maker"), "maker": "Maker",
                            "kind": "Kind", "family": "Family", "node": "Process node",
                            "year": st.column_config.NumberColumn("Year", format="%d"),
                            "mentions": "News mentions", "in_catalogue": "In catalogue"})
ui.download_buttons(catalogue, "products", key="products_download")
