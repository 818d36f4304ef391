"""SQL console: read-only queries (time- and row-limited) with examples and the schema at hand; results as a
table with downloads; errors shown plainly. The query lives in the URL, so a link reruns it."""

from __future__ import annotations

import duckdb
import streamlit as st

from analytics import queries
from analytics.sqlsafe import DEFAULT_TIMEOUT_SECONDS, QueryRefused, QueryTimeout
from app_pages import components as ui
from app_pages.data import load, require_data

ROW_LIMITS = [100, 1_000, 10_000]
EXAMPLES = {
    "Largest closed rounds": """SELECT company, amount_usd / 1e6 AS amount_musd, round, date, lead_investors, n_sources
FROM v_funding_rounds
WHERE status = 'closed'
ORDER BY amount_usd DESC NULLS LAST
LIMIT 20""",
    "Capital by quarter": """SELECT quarter, rounds, companies, capital_usd / 1e9 AS capital_busd
FROM v_funding_by_quarter""",
    "BlackRock's portfolio": """SELECT company, rounds, rounds_led, round_capital_usd
FROM v_investor_portfolio
WHERE investor = 'BlackRock'""",
    "Who co-invests most": """SELECT investor_a, investor_b, shared_rounds, companies
FROM v_co_investors
ORDER BY shared_rounds DESC
LIMIT 20""",
    "Market-share claims about Nvidia": """SELECT market, share_low, share_high, bound, claim_year, source
FROM v_market_share
WHERE subject = 'Nvidia'
ORDER BY claim_year""",
    "Where sources disagree": "SELECT fact_type, fact_id, field, value, sources\nFROM v_fact_conflicts",
    "Every fact about Groq": """SELECT fact_type, role, label, disputed
FROM v_entity_facts
WHERE entity = 'Groq'
ORDER BY fact_type, event_date""",
    "The proof of one fact": """SELECT title, published, sentence
FROM v_evidence
WHERE fact_type = 'funding_rounds' AND fact_id = 1""",
}


def use_example() -> None:
    """Put the chosen example in the editor."""
    example = st.session_state.get("example")
    if example:
        st.session_state["sql"] = EXAMPLES[example]


def editor() -> tuple[str, int]:
    """The example picker, the query editor and the row limit; returns the query and the limit."""
    st.selectbox("Start from an example", list(EXAMPLES), index=None, key="example", on_change=use_example,
                 placeholder="Pick an example query…")
    sql = st.text_area("Query", key="sql", bind="query-params", height=180,
                       placeholder="SELECT company, amount_usd FROM v_funding_rounds ORDER BY amount_usd DESC LIMIT 10")
    left, right = st.columns([1, 3], vertical_alignment="bottom")
    limit = left.selectbox("Row limit", ROW_LIMITS, index=1, key="limit", bind="query-params")
    right.button("Run", type="primary", icon=":material/play_arrow:", key="run")
    st.caption(f"Read-only sandbox: one SELECT at a time, no files, network or extensions; "
               f"stopped after {DEFAULT_TIMEOUT_SECONDS:.0f} s.")
    return (sql or "").strip(), int(limit)


def results(sql: str, limit: int) -> None:
    """Run the query and show its rows, or the error as it is."""
    try:
        frame = load(queries.console_query, sql, limit=limit)
    except QueryRefused as exc:
        st.error("Refused: this console only runs one read-only query at a time.", icon=":material/block:")
        st.code(str(exc), language=None)
        return
    except QueryTimeout as exc:
        st.error("The query took too long.", icon=":material/timer_off:")
        st.code(str(exc), language=None)
        return
    except duckdb.Error as exc:
        st.error(f"The database could not run this query ({type(exc).__name__}).", icon=":material/error:")
        st.code(str(exc), language=None)
        return
    shown = f"first {limit:,} rows shown" if frame.attrs.get("truncated") else f"{len(frame):,} row(s)"
    st.caption(f"{shown} · {frame.attrs.get('seconds', 0.0) * 1000:.0f} ms")
    st.dataframe(frame, hide_index=True, key="sql_result")
    ui.download_buttons(frame, "query-result", key="sql_download")


def schema() -> None:
    """Tables and views with their columns, and what each view is for."""
    st.subheader("Schema")
    columns = load(queries.schema_columns)
    described = queries.view_descriptions().set_index("view")["description"]
    names = list(dict.fromkeys(columns["table_name"]))
    views = set(columns.loc[columns["table_type"] == "VIEW", "table_name"])
    table = st.selectbox("Table or view", names, key="table", bind="query-params",
                         index=names.index("v_funding_rounds") if "v_funding_rounds" in names else 0)
    kind = "View" if table in views else "Table"
    st.caption(f"{kind}" + (f": {ui.escape_markdown(described[table])}" if table in described.index else ""))
    st.dataframe(columns.loc[columns["table_name"] == table, ["column_name", "data_type"]], hide_index=True,
                 key="schema_columns", column_config={"column_name": "Column", "data_type": "Type"})
    with st.expander("All views"):
        st.dataframe(described.reset_index(), hide_index=True, key="view_list",
                     column_config={"view": "View", "description": "What it holds"})


st.title("SQL console")
require_data()
work, reference = st.columns([3, 2])
with reference:
    schema()
with work:
    query, row_limit = editor()
    if query:
        results(query, row_limit)
    else:
        st.info("Write a query, or start from an example. Views prefixed `v_` and `edges` are the easiest start.",
                icon=":material/terminal:")
