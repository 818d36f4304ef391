"""Graph: the investors, companies, products and people around one entity, one or two hops out.
Click a node to re-centre the graph on it."""

from __future__ import annotations

import streamlit as st

from analytics import figures, queries
from app_pages import components as ui
from app_pages import links
from app_pages.data import load, require_data


def recentre_on_click() -> None:
    """Make the clicked node (its name is the point's customdata) the graph's centre."""
    points = st.session_state["network"].selection.points
    clicked = next((p["customdata"] for p in points if isinstance(p.get("customdata"), str)), None)
    if clicked is None:
        return
    labels = load(queries.graph_entities)["label"]
    matching = labels[(labels == clicked) | labels.str.startswith(f"{clicked} (")]  # "(kind)" added to shared names
    if not matching.empty:
        st.session_state["entity"] = matching.iloc[0]


st.title("Graph")
require_data()
entities = load(queries.graph_entities)
if entities.empty:
    ui.empty_state("The graph is empty: no investments, products, deals, roles or partnerships yet.")
    st.stop()
controls = st.columns([3, 1, 3])
label = controls[0].selectbox("Centre on", entities["label"], key="entity", bind="query-params",
                              help="Any investor, company, product or person with at least one link.")
hops = controls[1].segmented_control("Hops", [1, 2], default=1, key="hops", bind="query-params", required=True)
relations = controls[2].multiselect("Links", list(figures.RELATION_LABELS), format_func=figures.RELATION_LABELS.get,
                                    key="links", bind="query-params", placeholder="All kinds of link")
centre = entities.loc[entities["label"] == label].iloc[0]
edges = load(queries.neighbourhood, int(centre["entity_id"]), hops=int(hops or 1))
if relations:
    edges = edges[edges["relation"].isin(relations)]
if edges.empty:
    ui.empty_state("No links of these kinds around this entity.")
    st.stop()
st.caption(f"{len(edges)} links · click a node to centre the graph on it · drag to pan, scroll to zoom")
st.plotly_chart(figures.network(edges, int(centre["entity_id"])), key="network", on_select=recentre_on_click,
                selection_mode="points")
if centre["kind"] == "org":
    st.page_link(links.COMPANY, label=f"Open {centre['name']} on the Company page", icon=":material/domain:",
                 query_params={"entity": centre["name"]})
with st.expander("The links as a table"):
    st.dataframe(edges.assign(relation=edges["relation"].map(figures.RELATION_LABELS)), hide_index=True,
                 key="edges_table",
                 column_order=["src", "relation", "dst", "details", "facts", "sources"],
                 column_config={"src": "From", "relation": "Link", "dst": "To", "details": "Details",
                                "facts": "Facts", "sources": "Articles"})
