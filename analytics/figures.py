"""Plotly figures for the dashboard, built from the DataFrames of analytics.queries (no Streamlit here)."""

from __future__ import annotations

import math
from collections import defaultdict, deque

import pandas as pd
import plotly.graph_objects as go

FONT_FAMILY = "Inter, 'Source Sans Pro', 'Noto Sans CJK SC', 'WenQuanYi Zen Hei', sans-serif"
STATUS_COLOURS = {"closed": "#1f77b4", "reported": "#7f7f7f", "in_talks": "#ff7f0e"}
NODE_GROUP_STYLE = {  # group -> (colour, marker symbol)
    "Company": ("#1f77b4", "circle"),
    "Investor": ("#2ca02c", "diamond"),
    "Product": ("#9467bd", "square"),
    "Person": ("#ff7f0e", "triangle-up"),
}
RELATION_COLOURS = {
    "invested_in": "#2ca02c",
    "makes": "#9467bd",
    "acquired": "#d62728",
    "role_at": "#ff7f0e",
    "partner_of": "#17becf",
}
RELATION_LABELS = {
    "invested_in": "invested in",
    "makes": "makes",
    "acquired": "acquired",
    "role_at": "works at",
    "partner_of": "partner of",
}


def format_usd(value: float | None) -> str:
    """A dollar amount the way analysts say it: $640M, $2.8B, $1.1T."""
    if value is None or pd.isna(value):
        return "undisclosed"
    for threshold, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= threshold:
            return f"${value / threshold:.3g}{suffix}"
    return f"${value:,.0f}"


def _date_axis(fig: go.Figure, dates: pd.Series) -> None:
    """Month ticks, and half a year of room either side so that one or two points do not zoom to milliseconds."""
    moments = pd.to_datetime(dates.dropna())
    if moments.empty:
        return
    padding = pd.Timedelta(days=183)
    fig.update_xaxes(type="date", tickformat="%b %Y", hoverformat="%Y-%m-%d",
                     range=[moments.min() - padding, moments.max() + padding])


def _style(fig: go.Figure, *, height: int = 380, legend: bool = True) -> go.Figure:
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=30, b=10), font=dict(family=FONT_FAMILY),
                      showlegend=legend, legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
                      hoverlabel=dict(font=dict(family=FONT_FAMILY)))
    return fig


# ---------------------------------------------------------------- funding


def funding_by_quarter(quarters: pd.DataFrame) -> go.Figure:
    """Capital raised per quarter (bars, USD bn) with the number of rounds (line, right axis); empty quarters show 0."""
    starts = pd.to_datetime(quarters["quarter_start"])
    every_quarter = pd.period_range(starts.min(), starts.max(), freq="Q")
    quarters = (quarters.assign(quarter_start=starts.dt.to_period("Q")).set_index("quarter_start")
                .reindex(every_quarter).rename_axis("period").reset_index())
    quarters = quarters.assign(quarter_start=quarters["period"].dt.start_time,
                               quarter=quarters["period"].map(lambda q: f"{q.year}-Q{q.quarter}"),
                               rounds=quarters["rounds"].fillna(0).astype(int),
                               companies=quarters["companies"].fillna(0).astype(int),
                               capital_usd=quarters["capital_usd"].where(quarters["rounds"].notna(), 0.0))
    fig = go.Figure()
    fig.add_bar(x=quarters["quarter_start"], y=quarters["capital_usd"].fillna(0) / 1e9, name="Capital (USD bn)",
                customdata=list(zip(quarters["quarter"], quarters["capital_usd"].map(format_usd),
                                    quarters["companies"])),
                hovertemplate="%{customdata[0]}: %{customdata[1]} across %{customdata[2]} companies<extra></extra>",
                xperiod="M3", xperiodalignment="middle", marker_color="#1f77b4")
    fig.add_scatter(x=quarters["quarter_start"], y=quarters["rounds"], name="Rounds", yaxis="y2", mode="lines+markers",
                    xperiod="M3", xperiodalignment="middle", line=dict(color="#ff7f0e"),
                    hovertemplate="%{y} rounds<extra></extra>")
    fig.update_layout(yaxis=dict(title="USD bn"), yaxis2=dict(title="Rounds", overlaying="y", side="right",
                                                              showgrid=False, rangemode="tozero", tickformat="d"))
    return _style(fig)


def capital_by_quarter_and_type(table: pd.DataFrame) -> go.Figure:
    """Capital per quarter stacked by company type, from `queries.capital_by_quarter_and_type`."""
    fig = go.Figure()
    for company_type, part in table.groupby("company_type"):
        fig.add_bar(x=part["quarter_start"], y=part["amount_usd"] / 1e9, name=str(company_type),
                    xperiod="M3", xperiodalignment="middle",
                    customdata=part["amount_usd"].map(format_usd),
                    hovertemplate=f"{company_type}: %{{customdata}}<extra></extra>")
    fig.update_layout(barmode="stack", yaxis=dict(title="USD bn"))
    return _style(fig)


def top_companies_by_capital(totals: pd.DataFrame) -> go.Figure:
    """Companies ranked by capital raised, from `queries.capital_by_company` (largest at the top)."""
    totals = totals.iloc[::-1]
    fig = go.Figure(go.Bar(x=totals["capital"] / 1e9, y=totals["company"], orientation="h",
                           customdata=list(zip(totals["capital"].map(format_usd), totals["rounds"])),
                           hovertemplate="%{y}: %{customdata[0]} in %{customdata[1]} rounds<extra></extra>",
                           marker_color="#1f77b4"))
    fig.update_layout(xaxis=dict(title="USD bn"))
    return _style(fig, height=max(260, 24 * len(totals) + 80), legend=False)


def funding_timeline(rounds: pd.DataFrame) -> go.Figure:
    """A company's rounds over time: amount (USD M) by date, coloured by status, labelled by round."""
    dated = rounds[rounds["event_date"].notna()]
    fig = go.Figure()
    for status, part in dated.groupby("status"):
        amounts = part["amount_usd"]
        fig.add_scatter(
            x=part["event_date"], y=amounts.fillna(0) / 1e6, mode="markers+text", name=str(status),
            text=part["round"].fillna(""), textposition="top center",
            marker=dict(size=14, color=STATUS_COLOURS.get(str(status), "#888"),
                        symbol=["circle" if pd.notna(a) else "circle-open" for a in amounts]),
            customdata=list(zip(amounts.map(format_usd), part["round"].fillna("round"), part["date"].fillna(""),
                                part["lead_investors"].map(_join_names), part["n_sources"])),
            hovertemplate=("%{customdata[1]} · %{customdata[2]}<br>%{customdata[0]}<br>led by %{customdata[3]}"
                           "<br>%{customdata[4]} source(s)<extra>" + str(status) + "</extra>"))
    fig.update_traces(cliponaxis=False)
    fig.update_layout(yaxis=dict(title="USD M", rangemode="tozero"))
    _date_axis(fig, dated["event_date"])
    return _style(fig, height=320)


def valuation_trajectory(valuations: pd.DataFrame) -> go.Figure:
    """A company's stated valuations over time (USD bn); triangles mark lower or upper bounds."""
    dated = valuations[valuations["event_date"].notna() & valuations["value_usd"].notna()]
    symbols = dated["bound"].map({"lower": "triangle-up", "upper": "triangle-down"}).fillna("circle")
    fig = go.Figure(go.Scatter(
        x=dated["event_date"], y=dated["value_usd"] / 1e9, mode="lines+markers", name="valuation",
        marker=dict(size=12, symbol=list(symbols), color="#2ca02c"), line=dict(color="#2ca02c"),
        customdata=list(zip(dated["value_usd"].map(format_usd), dated["date"].fillna(""),
                            dated["bound"].fillna("stated"), dated["n_sources"])),
        hovertemplate=("%{customdata[0]} (%{customdata[2]}) · %{customdata[1]}"
                       "<br>%{customdata[3]} source(s)<extra></extra>")))
    fig.update_layout(yaxis=dict(title="USD bn", rangemode="tozero"))
    _date_axis(fig, dated["event_date"])
    return _style(fig, height=320, legend=False)


def valuation_leaders(leaders: pd.DataFrame) -> go.Figure:
    """Latest valuation per company as horizontal bars (USD bn)."""
    ordered = leaders.iloc[::-1]
    fig = go.Figure(go.Bar(x=ordered["value_usd"] / 1e9, y=ordered["company"], orientation="h", marker_color="#2ca02c",
                           customdata=list(zip(ordered["value_usd"].map(format_usd), ordered["date"].fillna(""))),
                           hovertemplate="%{y}: %{customdata[0]} (%{customdata[1]})<extra></extra>"))
    fig.update_layout(xaxis=dict(title="USD bn"))
    return _style(fig, height=max(260, 26 * len(ordered) + 80), legend=False)


def co_investors(partners: pd.DataFrame, limit: int = 15) -> go.Figure:
    """An investor's most frequent co-investors by shared rounds."""
    top = partners.head(limit).iloc[::-1]
    fig = go.Figure(go.Bar(x=top["shared_rounds"], y=top["co_investor"], orientation="h", marker_color="#2ca02c",
                           customdata=top["companies"].map(_join_names),
                           hovertemplate="%{y}: %{x} shared round(s)<br>%{customdata}<extra></extra>"))
    fig.update_layout(xaxis=dict(title="Shared rounds", dtick=1))
    return _style(fig, height=max(240, 24 * len(top) + 80), legend=False)


def _join_names(names: object) -> str:
    if names is None or isinstance(names, float):
        return "—"
    listed = [str(n) for n in names]  # type: ignore[attr-defined]
    return ", ".join(listed) if listed else "—"


# ---------------------------------------------------------------- market share


def market_share_claims(claims: pd.DataFrame) -> go.Figure:
    """Share claims by year, one colour per company; ranges drawn as error bars, each point labelled by its source."""
    placed = claims[claims["share_point"].notna()].copy()
    placed["year"] = placed["claim_year"].astype("Float64")
    # spread the claims of one year side by side so that disagreeing sources do not hide each other
    placed = placed.sort_values(["year", "subject", "source"])
    placed["slot"] = placed.groupby("year").cumcount()
    placed["slots"] = placed.groupby("year")["slot"].transform("size")
    placed["x"] = placed["year"] + (placed["slot"] - (placed["slots"] - 1) / 2) * (0.6 / placed["slots"].clip(lower=2))
    fig = go.Figure()
    for subject, part in placed.groupby("subject"):
        low = part["share_low"].fillna(part["share_point"])
        high = part["share_high"].fillna(part["share_point"])
        fig.add_scatter(
            x=part["x"], y=part["share_point"] * 100, mode="markers+text", name=str(subject),
            text=part["source"], textposition="middle right", textfont=dict(size=10),
            error_y=dict(type="data", symmetric=False, array=(high - part["share_point"]) * 100,
                         arrayminus=(part["share_point"] - low) * 100, thickness=2, width=6),
            marker=dict(size=11, symbol=list(part["bound"].map({"lower": "triangle-up", "upper": "triangle-down"})
                                             .fillna("circle"))),
            customdata=list(zip(part["share"], part["source"], part["title"].fillna("—"), part["claim_year"],
                                part["market"])),
            hovertemplate=(f"<b>{subject}</b> %{{customdata[0]}} of %{{customdata[4]}} (%{{customdata[3]}})"
                           "<br>according to %{customdata[1]}<br>%{customdata[2]}<extra></extra>"))
    fig.update_layout(xaxis=dict(title="Year the share refers to", dtick=1, tickformat="d"),
                      yaxis=dict(title="Share (%)", range=[0, 105]))
    return _style(fig, height=440)


# ---------------------------------------------------------------- products


def products_by_year(products: pd.DataFrame) -> go.Figure:
    """Products launched per year, stacked by kind."""
    dated = products[products["year"].notna()]
    counts = dated.groupby(["year", dated["kind"].fillna("unknown")]).size().rename("products").reset_index()
    fig = go.Figure()
    for kind, part in counts.groupby("kind"):
        fig.add_bar(x=part["year"], y=part["products"], name=str(kind),
                    hovertemplate=f"{kind}: %{{y}} in %{{x}}<extra></extra>")
    fig.update_layout(barmode="stack", xaxis=dict(dtick=1, tickformat="d"), yaxis=dict(title="Products"))
    return _style(fig, height=340)


# ---------------------------------------------------------------- graph


def network(edges: pd.DataFrame, centre_id: int, height: int = 620) -> go.Figure:
    """The neighbourhood of one entity as a radial network: the entity in the middle, one ring per hop.

    Nodes carry their canonical name as `customdata`, so a click can re-centre the graph.
    """
    nodes = _graph_nodes(edges, centre_id)
    position = _radial_layout(edges, nodes, centre_id)
    fig = go.Figure()
    for relation, part in edges.groupby("relation"):
        xs: list[float | None] = []
        ys: list[float | None] = []
        mid_x, mid_y, hover = [], [], []
        for row in part.itertuples():
            (x0, y0), (x1, y1) = position[row.src_id], position[row.dst_id]
            xs += [x0, x1, None]
            ys += [y0, y1, None]
            mid_x.append((x0 + x1) / 2)
            mid_y.append((y0 + y1) / 2)
            detail = f" ({row.details})" if isinstance(row.details, str) and row.details else ""
            hover.append(f"{row.src} {RELATION_LABELS.get(str(relation), relation)} {row.dst}{detail}")
        colour = RELATION_COLOURS.get(str(relation), "#999")
        fig.add_scatter(x=xs, y=ys, mode="lines", line=dict(width=1.2, color=colour), hoverinfo="skip",
                        name=RELATION_LABELS.get(str(relation), str(relation)), legendgroup=str(relation))
        fig.add_scatter(x=mid_x, y=mid_y, mode="markers", marker=dict(size=6, color=colour, opacity=0.35),
                        text=hover, hovertemplate="%{text}<extra></extra>", showlegend=False,
                        legendgroup=str(relation))
    for group, members in nodes.groupby("group"):
        colour, symbol = NODE_GROUP_STYLE[str(group)]
        is_centre = members["entity_id"] == centre_id
        fig.add_scatter(
            x=[position[i][0] for i in members["entity_id"]], y=[position[i][1] for i in members["entity_id"]],
            mode="markers+text", name=str(group), text=members["name"], textposition="top center",
            textfont=dict(size=[14 if c else 10 for c in is_centre]), customdata=members["name"],
            hovertext=[f"{t} · {d} link(s)" for t, d in zip(members["type"], members["degree"])],
            hovertemplate="<b>%{customdata}</b><br>%{hovertext}<extra></extra>",
            marker=dict(size=[30 if c else 10 + min(d, 10) * 1.5 for c, d in zip(is_centre, members["degree"])],
                        color=colour, symbol=symbol,
                        line=dict(width=[3 if c else 0.5 for c in is_centre], color="#222")))
    fig.update_layout(xaxis=dict(visible=False), yaxis=dict(visible=False, scaleanchor="x"), dragmode="pan",
                      clickmode="event+select")
    return _style(fig, height=height)


def _graph_nodes(edges: pd.DataFrame, centre_id: int) -> pd.DataFrame:
    ends = pd.concat([
        edges[["src_id", "src", "src_kind", "src_type"]].set_axis(["entity_id", "name", "kind", "type"], axis=1),
        edges[["dst_id", "dst", "dst_kind", "dst_type"]].set_axis(["entity_id", "name", "kind", "type"], axis=1),
    ])
    degree = ends["entity_id"].value_counts()
    investors = set(edges.loc[edges["relation"] == "invested_in", "src_id"])
    nodes = ends.drop_duplicates("entity_id").reset_index(drop=True)
    nodes["degree"] = nodes["entity_id"].map(degree).astype(int)
    nodes["group"] = [
        "Product" if kind == "product" else "Person" if kind == "person"
        else "Investor" if entity_id in investors and entity_id != centre_id else "Company"
        for entity_id, kind in zip(nodes["entity_id"], nodes["kind"])
    ]
    return nodes


def _radial_layout(edges: pd.DataFrame, nodes: pd.DataFrame, centre_id: int) -> dict[int, tuple[float, float]]:
    """The centre at the origin, one-hop nodes on ring 1 grouped by kind, the others on ring 2 near their parent."""
    neighbours: dict[int, set[int]] = defaultdict(set)
    for src, dst in zip(edges["src_id"], edges["dst_id"]):
        neighbours[src].add(dst)
        neighbours[dst].add(src)
    hop = {centre_id: 0}
    queue = deque([centre_id])
    while queue:
        node = queue.popleft()
        for other in sorted(neighbours[node]):
            if other not in hop:
                hop[other] = hop[node] + 1
                queue.append(other)
    group = dict(zip(nodes["entity_id"], nodes["group"]))
    name = dict(zip(nodes["entity_id"], nodes["name"]))
    position: dict[int, tuple[float, float]] = {centre_id: (0.0, 0.0)}
    ring1 = sorted((n for n, h in hop.items() if h == 1), key=lambda n: (group.get(n, ""), name.get(n, "")))
    angle: dict[int, float] = {}
    for index, node in enumerate(ring1):
        angle[node] = 2 * math.pi * index / max(len(ring1), 1)
        position[node] = (math.cos(angle[node]), math.sin(angle[node]))
    ring2 = [n for n, h in hop.items() if h >= 2]
    parent_angle = {n: min(angle[p] for p in neighbours[n] if p in angle) for n in ring2}
    ring2.sort(key=lambda n: (parent_angle[n], name.get(n, "")))
    for index, node in enumerate(ring2):
        theta = 2 * math.pi * index / max(len(ring2), 1)
        position[node] = (2.1 * math.cos(theta), 2.1 * math.sin(theta))
    for node in nodes["entity_id"]:  # entities not connected to the centre (should not happen) go far out
        position.setdefault(node, (3.0, 0.0))
    return position
