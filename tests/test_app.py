"""The dashboard under Streamlit's AppTest: every page on the sample database, deep links through URL query
parameters, empty and missing databases, a missing fact type, a busy database, uploads, and HTML escaping."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest
from dashboard_fixtures import (  # noqa: F401  (fixtures are used by name)
    SCRIPT_TAG,
    dashboard_db,
    dashboard_db_copy,
    db_without_market_share,
    empty_db,
    run_page,
    script_article_id,
)
from streamlit.testing.v1 import AppTest

from analytics import figures, queries
from app_pages.components import Span, highlighted_article_html
from entities.db import connect

DATA_PAGES = ["overview", "company", "funding", "investors", "market_share", "products", "graph", "articles",
              "sql_console", "report"]


def frame_with(app: AppTest, column: str) -> pd.DataFrame:
    """The first table on the page that has a given column."""
    for table in app.dataframe:
        if column in table.value.columns:
            return table.value
    raise AssertionError(f"no table with a {column!r} column; tables: {[list(t.value.columns) for t in app.dataframe]}")


def texts(elements: object) -> str:
    """All values of a list of text-like elements, joined (for `in` checks)."""
    return "\n".join(str(e.value) for e in elements)  # type: ignore[attr-defined]


def companies_backed_by(db: Path, investor: str) -> set[str]:
    """The companies of the rounds an investor joined, straight from the base tables (not the views)."""
    rows = queries.read(db, """SELECT DISTINCT r.company FROM funding_rounds r JOIN round_investors i USING (fact_id)
                               WHERE i.investor = ?""", [investor])
    return set(rows["company"])


def assert_clean(app: AppTest) -> None:
    """No exception and no error box on the page."""
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [e.value for e in app.error]


# ---------------------------------------------------------------- every page on the sample database


@pytest.mark.parametrize("page", [*DATA_PAGES, "upload"])
def test_every_page_renders_on_the_sample_database(monkeypatch: pytest.MonkeyPatch, dashboard_db: Path,
                                                   page: str) -> None:
    app = run_page(monkeypatch, dashboard_db, page)
    assert_clean(app)
    assert app.title and app.title[0].value
    assert "accelkb ingest" not in texts(app.code), "the sample database must not look empty"


def test_report_page_previews_and_offers_three_formats(monkeypatch: pytest.MonkeyPatch, dashboard_db: Path) -> None:
    app = run_page(monkeypatch, dashboard_db, "report", week="2024-W32")
    assert_clean(app)
    labels = [b.label for b in app.get("download_button")]
    assert labels == ["HTML", "Markdown", "Spreadsheet"]


def test_overview_headline_matches_the_database(monkeypatch: pytest.MonkeyPatch, dashboard_db: Path) -> None:
    app = run_page(monkeypatch, dashboard_db, "overview")
    assert_clean(app)
    metrics = {m.label: m.value for m in app.metric}
    head = queries.headline_figures(dashboard_db).iloc[0]
    assert metrics["Capital tracked"] == figures.format_usd(head["capital_usd"])
    assert metrics["Articles"] == str(queries.database_summary(dashboard_db).iloc[0]["articles"])
    largest = frame_with(app, "amount_usd")
    assert largest["amount_usd"].is_monotonic_decreasing and len(largest) == 10
    assert len(app.get("plotly_chart")) == 2  # funding by quarter, valuation leaders
    latest = frame_with(app, "label")
    assert latest["label"].str.contains("Lumora Labs raised \\$20M Seed").any()


def test_company_page_for_groq(monkeypatch: pytest.MonkeyPatch, dashboard_db: Path) -> None:
    app = run_page(monkeypatch, dashboard_db, "company", entity="Groq")
    assert_clean(app)
    assert app.selectbox(key="entity").value == "Groq"
    assert app.header[0].value == "Groq"
    assert "chip designer · US" in texts(app.caption)
    investors = frame_with(app, "investor")
    assert "BlackRock" in set(investors["investor"])
    rounds = frame_with(app, "round")
    assert {"Series C", "Series D"} <= set(rounds["round"].dropna())
    facts = frame_with(app, "sentence")
    assert facts["sentence"].str.contains("BlackRock").any()
    assert facts["disputed"].any()
    assert "Sources disagree" in texts(app.warning)
    assert "No market-share claims about Groq." in texts(app.info)
    assert len(app.get("plotly_chart")) == 3  # funding timeline, valuation trajectory, neighbourhood


def test_company_page_shows_chinese_aliases(monkeypatch: pytest.MonkeyPatch, dashboard_db: Path) -> None:
    app = run_page(monkeypatch, dashboard_db, "company", entity="Nvidia", tab="Market share")
    assert_clean(app)
    assert "英伟达" in texts(app.caption)
    shares = frame_with(app, "share")
    assert "Mizuho" in set(shares["source"])


def test_company_page_without_a_choice_lists_companies(monkeypatch: pytest.MonkeyPatch, dashboard_db: Path) -> None:
    app = run_page(monkeypatch, dashboard_db, "company")
    assert_clean(app)
    listed = frame_with(app, "name")
    assert listed["name"].iloc[0] == "Nvidia"
    assert listed["open"].iloc[0] == "./company?entity=Nvidia"


def test_funding_explorer_filters_by_investor(monkeypatch: pytest.MonkeyPatch, dashboard_db: Path) -> None:
    app = run_page(monkeypatch, dashboard_db, "funding", investor="BlackRock")
    assert_clean(app)
    assert app.multiselect(key="investor").value == ["BlackRock"]
    rounds = frame_with(app, "investors")
    assert "Groq" in set(rounds["company"])
    assert set(rounds["company"]) == companies_backed_by(dashboard_db, "BlackRock")
    assert all("BlackRock" in investors for investors in rounds["investors"])
    assert {b.proto.label for b in app.get("download_button")} == {"Download CSV", "Download Excel"}


def test_funding_explorer_filters_by_amount_and_type(monkeypatch: pytest.MonkeyPatch, dashboard_db: Path) -> None:
    app = run_page(monkeypatch, dashboard_db, "funding", min_musd="1000", type="cloud_provider")
    assert_clean(app)
    rounds = frame_with(app, "amount_usd")
    assert len(rounds) > 0
    assert (rounds["amount_usd"] >= 1e9).all()
    assert set(rounds["company_type"]) == {"cloud_provider"}


def test_investors_page_shows_portfolio_and_co_investors(monkeypatch: pytest.MonkeyPatch, dashboard_db: Path) -> None:
    app = run_page(monkeypatch, dashboard_db, "investors", investor="BlackRock")
    assert_clean(app)
    portfolio = set(frame_with(app, "company")["company"])
    assert "Groq" in portfolio and portfolio == companies_backed_by(dashboard_db, "BlackRock")
    assert "Neuberger Berman" in set(frame_with(app, "co_investor")["co_investor"])


def test_market_share_draws_ranges_and_names_sources(monkeypatch: pytest.MonkeyPatch, dashboard_db: Path) -> None:
    app = run_page(monkeypatch, dashboard_db, "market_share", market="中国AI晶片")
    assert_clean(app)
    claims = frame_with(app, "share")
    stated = queries.read(dashboard_db, "SELECT DISTINCT subject FROM market_share_claims WHERE market = ?",
                          ["中国AI晶片"])
    assert {"Nvidia", "Huawei"} <= set(claims["subject"]) == set(stated["subject"])
    disagreements = frame_with(app, "year")
    assert "Bernstein" in disagreements.columns  # one column per source, side by side
    chart = app.get("plotly_chart")[0].proto.spec
    assert "error_y" in chart and "Bernstein" in chart  # ranges drawn as error bars, points labelled by source


def test_products_page_filters_by_maker(monkeypatch: pytest.MonkeyPatch, dashboard_db: Path) -> None:
    app = run_page(monkeypatch, dashboard_db, "products", maker="Nvidia", reported="true")
    assert_clean(app)
    products = frame_with(app, "in_catalogue")
    assert set(products["maker"]) == {"Nvidia"}
    assert "H100" in set(products["name"])
    assert (products["mentions"] > 0).all()


def test_graph_page_two_hops_around_groq(monkeypatch: pytest.MonkeyPatch, dashboard_db: Path) -> None:
    app = run_page(monkeypatch, dashboard_db, "graph", entity="Groq", hops="2")
    assert_clean(app)
    edges = frame_with(app, "relation")
    assert ((edges["src"] == "BlackRock") & (edges["dst"] == "Groq")).any()
    assert (edges["src"].ne("Groq") & edges["dst"].ne("Groq")).any(), "two hops reach beyond Groq's own edges"
    one_hop = run_page(monkeypatch, dashboard_db, "graph", entity="Groq")
    assert len(frame_with(one_hop, "relation")) < len(edges)


def test_article_reader_highlights_facts_and_escapes_html(monkeypatch: pytest.MonkeyPatch,
                                                          dashboard_db: Path) -> None:
    app = run_page(monkeypatch, dashboard_db, "articles", article=script_article_id(dashboard_db))
    assert_clean(app)
    body = next(h.proto.body for h in app.get("html") if "accelkb-article" in h.proto.body)
    assert "<script" not in body
    assert "&lt;script&gt;window.__accelkbInjected = 1&lt;/script&gt;" in body
    assert "&lt;b&gt;Bold claims&lt;/b&gt;" in body
    assert 'data-facts="funding_rounds"' in body
    assert "Lumora Labs" in app.subheader[0].value
    assert frame_with(app, "label")["label"].str.startswith("Lumora Labs raised $20M Seed").any()


def test_articles_filter_by_language_and_company(monkeypatch: pytest.MonkeyPatch, dashboard_db: Path) -> None:
    app = run_page(monkeypatch, dashboard_db, "articles", lang="Chinese", mentions="Groq")
    assert_clean(app)
    listed = frame_with(app, "lang")
    assert len(listed) > 0 and set(listed["lang"]) == {"zh"}
    assert listed["title"].str.contains("Groq").all()


def test_sql_console_runs_a_query_from_the_url(monkeypatch: pytest.MonkeyPatch, dashboard_db: Path) -> None:
    app = run_page(monkeypatch, dashboard_db, "sql_console",
                   sql="SELECT investor FROM v_investor_portfolio WHERE company = 'Groq' ORDER BY investor")
    assert_clean(app)
    assert "BlackRock" in set(frame_with(app, "investor")["investor"])
    assert "v_entity_facts" in app.selectbox(key="table").options
    assert "lead_investors" in set(frame_with(app, "column_name")["column_name"])  # v_funding_rounds, the default


@pytest.mark.parametrize(("sql", "message"), [
    ("DROP TABLE articles", "Refused"),
    ("SELECT * FROM no_such_table", "could not run this query"),
    ("SELECT * FROM read_csv('/etc/passwd')", "could not run this query"),
])
def test_sql_console_shows_errors_plainly(monkeypatch: pytest.MonkeyPatch, dashboard_db: Path, sql: str,
                                          message: str) -> None:
    app = run_page(monkeypatch, dashboard_db, "sql_console", sql=sql)
    assert not app.exception
    assert message in texts(app.error)
    assert app.code, "the database's own message is shown as plain text"


def test_sql_console_example_fills_the_editor(monkeypatch: pytest.MonkeyPatch, dashboard_db: Path) -> None:
    app = run_page(monkeypatch, dashboard_db, "sql_console")
    app.selectbox(key="example").select("BlackRock's portfolio").run()
    assert "investor = 'BlackRock'" in app.text_area(key="sql").value
    assert "Groq" in set(frame_with(app, "company")["company"])


# ---------------------------------------------------------------- empty states


@pytest.mark.parametrize("page", DATA_PAGES)
def test_empty_database_explains_how_to_ingest(monkeypatch: pytest.MonkeyPatch, empty_db: Path, page: str) -> None:
    app = run_page(monkeypatch, empty_db, page)
    assert_clean(app)
    assert "holds no articles yet" in texts(app.info)
    assert f"accelkb ingest data/articles --db {empty_db}" in texts(app.code)


@pytest.mark.parametrize("page", DATA_PAGES)
def test_missing_database_explains_how_to_ingest(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, page: str) -> None:
    app = run_page(monkeypatch, tmp_path / "nowhere.duckdb", page)
    assert_clean(app)
    assert "There is no database" in texts(app.info)


def test_upload_page_works_without_a_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    app = run_page(monkeypatch, tmp_path / "new.duckdb", "upload")
    assert_clean(app)
    assert "not created yet" in texts(app.sidebar.caption)


def test_missing_fact_type_shows_an_empty_state(monkeypatch: pytest.MonkeyPatch,
                                                db_without_market_share: Path) -> None:
    page = run_page(monkeypatch, db_without_market_share, "market_share")
    assert_clean(page)
    assert "No market-share claims have been extracted yet." in texts(page.info)
    company = run_page(monkeypatch, db_without_market_share, "company", entity="Nvidia")
    assert_clean(company)
    assert "No market-share claims about Nvidia." in texts(company.info)


# ---------------------------------------------------------------- writing while reading


def test_page_waits_while_another_process_writes(monkeypatch: pytest.MonkeyPatch, dashboard_db_copy: Path) -> None:
    monkeypatch.setattr(queries, "BUSY_RETRY_SECONDS", 0.5)
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time, duckdb
        conn = duckdb.connect({str(dashboard_db_copy)!r})
        print("locked", flush=True)
        time.sleep(3)
        conn.close()
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        app = run_page(monkeypatch, dashboard_db_copy, "company", entity="Groq")
        waited = time.monotonic() - started
    finally:
        holder.wait(timeout=30)
    assert_clean(app)
    assert "BlackRock" in set(frame_with(app, "investor")["investor"])
    assert waited > 1.5, "each read gives up after 0.5 s, so the page must have retried until the writer left"


def test_upload_of_pasted_text_ingests_it(monkeypatch: pytest.MonkeyPatch, dashboard_db_copy: Path) -> None:
    app = run_page(monkeypatch, dashboard_db_copy, "upload")
    app.text_input[0].input("Etched raises $5 million bridge")
    app.text_area[0].input("AI chip startup Etched said on Monday that it raised $5 million in a bridge round "
                           "led by Primary Venture Partners to finish its Sohu accelerator.")
    app.button[-1].click().run()
    assert_clean(app)
    assert "1 new" in texts(app.text)
    added = frame_with(app, "facts")
    assert list(added["title"]) == ["Etched raises $5 million bridge"]
    assert added["facts"].iloc[0] >= 1


def test_upload_of_files_ingests_every_article(monkeypatch: pytest.MonkeyPatch, dashboard_db_copy: Path) -> None:
    markdown = ("---\ntitle: 燧原科技完成新一轮融资\ndate: 2025-06-01\nlang: zh\n---\n\n"
                "燧原科技宣布完成20亿元人民币D轮融资，由腾讯领投，资金将用于新一代AI训练芯片的研发。\n")
    lines = [{"title": f"Wire brief {n}", "date": "2025-06-02",
              "text": f"Brief {n}: Tenstorrent shipped more Blackhole cards to customers in Japan and Korea this week."}
             for n in (1, 2)]
    app = run_page(monkeypatch, dashboard_db_copy, "upload")
    app.file_uploader[0].set_value([
        ("enflame.md", markdown.encode("utf-8"), "text/markdown"),
        ("briefs.jsonl", "\n".join(json.dumps(line) for line in lines).encode("utf-8"), "application/jsonl"),
    ]).run()
    app.button(key="ingest_files").click().run()
    assert_clean(app)
    assert "3 new" in texts(app.text)
    assert set(frame_with(app, "facts")["title"]) == {"燧原科技完成新一轮融资", "Wire brief 1", "Wire brief 2"}


def test_cached_results_refresh_when_the_database_changes(monkeypatch: pytest.MonkeyPatch,
                                                          dashboard_db_copy: Path) -> None:
    app = run_page(monkeypatch, dashboard_db_copy, "market_share")
    assert frame_with(app, "share").shape[0] > 0
    conn = connect(dashboard_db_copy)
    try:
        conn.execute("DELETE FROM market_share_claims")
    finally:
        conn.close()
    app.run()
    assert "No market-share claims have been extracted yet." in texts(app.info)


# ---------------------------------------------------------------- building blocks


def test_highlighting_escapes_text_and_marks_spans() -> None:
    text = "Intro. <img src=x onerror=alert(1)> raised $5M. Tail & end."
    start = text.index("<img")
    html = highlighted_article_html(text, [Span(start, text.index(" Tail"), "funding_rounds", 'X "raised" $5M')])
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'title="X &quot;raised&quot; $5M"' in html
    assert html.count("<mark") == 1
    assert "Tail &amp; end." in html
    assert SCRIPT_TAG not in highlighted_article_html(SCRIPT_TAG, [])
