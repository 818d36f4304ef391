"""The pages of the dashboard and links into them (a link carries the page's state as URL query parameters)."""

from __future__ import annotations

from urllib.parse import urlencode

OVERVIEW = "app_pages/overview.py"
COMPANY = "app_pages/company.py"
FUNDING = "app_pages/funding.py"
INVESTORS = "app_pages/investors.py"
MARKET_SHARE = "app_pages/market_share.py"
PRODUCTS = "app_pages/products.py"
GRAPH = "app_pages/graph.py"
ARTICLES = "app_pages/articles.py"
SQL = "app_pages/sql_console.py"
UPLOAD = "app_pages/upload.py"
REPORT = "app_pages/report.py"

# URL path of each page (st.Page url_path); the overview is the default page at the root
URL_PATHS = {
    OVERVIEW: "overview",
    COMPANY: "company",
    FUNDING: "funding",
    INVESTORS: "investors",
    MARKET_SHARE: "market-share",
    PRODUCTS: "products",
    GRAPH: "graph",
    ARTICLES: "articles",
    SQL: "sql",
    UPLOAD: "upload",
    REPORT: "report",
}


def page_url(page: str, **params: str) -> str:
    """A relative link to a page with query parameters, for link columns in tables."""
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return f"./{URL_PATHS[page]}" + (f"?{query}" if query else "")


def company_url(name: str) -> str:
    """Link to an organisation's Company page."""
    return page_url(COMPANY, entity=name)


def investor_url(name: str) -> str:
    """Link to an investor on the Investors page."""
    return page_url(INVESTORS, investor=name)


def article_url(article_id: str) -> str:
    """Link to an article in the Articles reader."""
    return page_url(ARTICLES, article=article_id)
