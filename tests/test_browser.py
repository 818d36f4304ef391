"""The dashboard in a real browser: Debian's Chromium driven by Playwright against `streamlit run app.py` on a
sample database built by the real `accelkb ingest`. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, served_app
from dashboard_fixtures import SCRIPT_TAG, dashboard_db, script_article_id  # noqa: F401  (fixture used by name)

from accelkb.config import REPO_ROOT
from analytics import queries

pytestmark = pytest.mark.browser

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium fonts-wqy-zenhei)",
                allow_module_level=True)

from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright  # noqa: E402

SCREENSHOTS = REPO_ROOT / "artifacts" / "screenshots"
# where Plotly drew the node whose customdata is a name, in page pixels
NODE_POSITION_JS = """name => {
    const plot = document.querySelector('.js-plotly-plot');
    const xaxis = plot._fullLayout.xaxis, yaxis = plot._fullLayout.yaxis, box = plot.getBoundingClientRect();
    for (const trace of plot._fullData) {
        const index = trace.customdata ? Array.from(trace.customdata).indexOf(name) : -1;
        if (index >= 0) {
            return {x: box.left + xaxis._offset + xaxis.l2p(trace.x[index]),
                    y: box.top + yaxis._offset + yaxis.l2p(trace.y[index])};
        }
    }
    return null;
}"""
TIMEOUT_MS = 30_000
PAGES = [  # URL path, title, an element the page shows once its data is in
    ("", "Overview", ".js-plotly-plot"),
    ("funding", "Funding explorer", ".js-plotly-plot"),
    ("investors", "Investors", "[data-testid=stDataFrame]"),
    ("market-share", "Market share", ".js-plotly-plot"),
    ("products", "Products", ".js-plotly-plot"),
    ("company?entity=Cambricon", "Company", ".js-plotly-plot"),
    ("graph?entity=Groq", "Graph", ".js-plotly-plot"),
    ("articles", "Articles", "[data-testid=stDataFrame]"),
    ("sql", "SQL console", "[data-testid=stDataFrame]"),
    ("upload", "Upload", "[data-testid=stFileUploader]"),
    ("report?week=2024-W32", "Weekly report", "iframe"),
]


@pytest.fixture(scope="module")
def app_url(dashboard_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard served on a free port."""
    with served_app(dashboard_db, tmp_path_factory.mktemp("streamlit") / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, app_url: str) -> Iterator[Page]:
    """A fresh tab (own cookies and session) on the served app."""
    context = browser.new_context(base_url=app_url, viewport={"width": 1440, "height": 1600})
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()


def open_page(page: Page, path: str, title: str) -> None:
    """Go to a page of the app and wait until its script has run and its title is shown."""
    page.goto(f"/{path}")
    expect(page.locator("[data-testid=stApp][data-test-script-state=notRunning]")).to_be_attached()
    expect(page.locator("h1").filter(has_text=title)).to_be_visible()


def screenshot(page: Page, name: str) -> None:
    """Save the viewport under artifacts/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def table_cell(page: Page, text: str) -> Locator:
    """Cells of the first data table on screen holding exactly `text` (the grid mirrors its cells in a hidden table)."""
    cells = page.locator("[data-testid=stDataFrame]:visible").first.locator("[role=gridcell]")
    return cells.filter(has_text=re.compile(f"^{re.escape(text)}$"))


def metric_value(page: Page, label: str) -> Locator:
    """The value of the metric with a label."""
    return page.get_by_test_id("stMetric").filter(has_text=label).get_by_test_id("stMetricValue")


@pytest.mark.parametrize(("path", "title", "ready"), PAGES, ids=[title for _, title, _ in PAGES])
def test_every_page_loads_without_errors(page: Page, path: str, title: str, ready: str) -> None:
    open_page(page, path, title)
    expect(page.locator(ready).first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, title.lower().replace(" ", "-"))


def test_sidebar_navigation_switches_pages(page: Page) -> None:
    open_page(page, "", "Overview")
    page.get_by_test_id("stSidebarNav").get_by_text("Market share").click()
    expect(page.locator("h1").filter(has_text="Market share")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/market-share$"))


def test_funding_filter_updates_the_view_and_the_url(page: Page, dashboard_db: Path) -> None:
    rounds_with_blackrock = queries.read(
        dashboard_db, "SELECT count(DISTINCT fact_id) AS n FROM round_investors WHERE investor = 'BlackRock'")
    expected = str(int(rounds_with_blackrock["n"].iloc[0]))
    open_page(page, "funding", "Funding explorer")
    investor_filter = page.get_by_test_id("stMultiSelect").filter(has_text="Investor (any of)")
    investor_filter.click()
    page.keyboard.type("BlackRock")
    page.get_by_role("option", name="BlackRock", exact=True).click()
    page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile(r"investor=BlackRock"))
    expect(metric_value(page, "Rounds")).to_have_text(expected)
    expect(table_cell(page, "Groq").first).to_be_attached()
    screenshot(page, "funding-filtered")

    page.goto(page.url)  # the link alone reproduces the view
    expect(metric_value(page, "Rounds")).to_have_text(expected)


def test_deep_link_opens_a_company_on_a_tab(page: Page) -> None:
    open_page(page, "company?entity=Groq&tab=Investors", "Company")
    expect(page.get_by_role("heading", name="Groq", exact=True)).to_be_visible()
    expect(page.get_by_role("tab", name="Investors")).to_have_attribute("aria-selected", "true")
    expect(table_cell(page, "BlackRock")).to_be_attached()
    screenshot(page, "company-groq-investors")


def test_chinese_text_renders(page: Page) -> None:
    open_page(page, "company?entity=Nvidia", "Company")
    expect(page.get_by_text("英伟达", exact=False).first).to_be_visible()
    screenshot(page, "company-nvidia-chinese-aliases")


def test_clicking_a_graph_node_recentres_the_graph(page: Page) -> None:
    open_page(page, "graph?entity=Groq", "Graph")
    expect(page.locator(".js-plotly-plot .textpoint text", has_text="BlackRock").first).to_be_visible()
    node = page.evaluate(NODE_POSITION_JS, "BlackRock")
    page.mouse.click(node["x"], node["y"])
    expect(page).to_have_url(re.compile(r"entity=BlackRock"))
    expect(page.get_by_role("combobox", name="Centre on")).to_have_value("BlackRock")
    expect(page.get_by_text("Open BlackRock on the Company page")).to_be_visible()
    screenshot(page, "graph-recentred-on-blackrock")


def test_sql_console_runs_a_query(page: Page, dashboard_db: Path) -> None:
    articles = str(queries.database_summary(dashboard_db).iloc[0]["articles"])
    open_page(page, "sql", "SQL console")
    page.get_by_test_id("stTextArea").locator("textarea").fill("SELECT count(*) AS articles FROM articles")
    page.get_by_role("button", name="Run").click()
    expect(page.get_by_text("1 row(s)")).to_be_visible()
    expect(table_cell(page, articles)).to_be_attached()
    expect(page).to_have_url(re.compile(r"sql=SELECT"))
    screenshot(page, "sql-console")


def test_sql_console_refuses_writes(page: Page) -> None:
    open_page(page, "sql?sql=DELETE+FROM+articles", "SQL console")
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text("Refused")


def test_article_with_a_script_tag_shows_it_as_text(page: Page, dashboard_db: Path) -> None:
    open_page(page, f"articles?article={script_article_id(dashboard_db)}", "Articles")
    text = page.locator(".accelkb-article")
    expect(text).to_contain_text(SCRIPT_TAG)
    expect(text.locator("script")).to_have_count(0)
    expect(text.locator("mark").first).to_contain_text("Lumora Labs")
    assert page.evaluate("() => window.__accelkbInjected") is None
    expect(page.locator("h3").filter(has_text="<script>")).to_be_visible()  # the title, as text
    screenshot(page, "article-script-as-text")
