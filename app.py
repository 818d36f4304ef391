"""accelkb analyst dashboard: `accelkb app` (Streamlit) on the database named by $ACCELKB_DB."""

from __future__ import annotations

import streamlit as st

from app_pages import links
from app_pages.data import ensure_current_views, run_guarded, sidebar_database_status
from ingest.heap import keep_collectable

keep_collectable()  # the upload page extracts in this long-lived server: nothing of it may be frozen
st.set_page_config(page_title="accelkb", page_icon=":material/memory:", layout="wide")


def page(path: str, title: str, icon: str, *, default: bool = False) -> st.Page:
    """One page of the navigation, at its stable URL path."""
    return st.Page(path, title=title, icon=icon, url_path=links.URL_PATHS[path], default=default)


def main() -> None:
    """Route to the selected page, with the database status in the sidebar."""
    navigation = st.navigation({
        "Market": [
            page(links.OVERVIEW, "Overview", ":material/dashboard:", default=True),
            page(links.FUNDING, "Funding explorer", ":material/payments:"),
            page(links.INVESTORS, "Investors", ":material/account_balance:"),
            page(links.MARKET_SHARE, "Market share", ":material/pie_chart:"),
            page(links.PRODUCTS, "Products", ":material/memory:"),
        ],
        "Entities": [
            page(links.COMPANY, "Company", ":material/domain:"),
            page(links.GRAPH, "Graph", ":material/hub:"),
        ],
        "Sources": [
            page(links.ARTICLES, "Articles", ":material/article:"),
            page(links.REPORT, "Weekly report", ":material/summarize:"),
            page(links.SQL, "SQL console", ":material/terminal:"),
            page(links.UPLOAD, "Upload", ":material/upload:"),
        ],
    })

    def show() -> None:
        ensure_current_views()
        sidebar_database_status()
        navigation.run()

    run_guarded(show)


main()
