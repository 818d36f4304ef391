"""Weekly report (issue 6): ISO weeks, report data from the real sample database, the three formats, escaping."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from collections import Counter
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import duckdb
import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from report_fixtures import (HOSTILE_QUOTE_SCRIPT, HOSTILE_TITLE, HOSTILE_WEEK, ODD_TITLE, ODD_URL, REPO,
                             cli_sample_db, hostile_db)

from accelkb.cli import main
from analytics.report import (IsoWeek, WeeklyReport, build_report, last_complete_week, render_html,
                              render_markdown, render_xlsx, write_report)
from analytics.report.build import is_earlier, stated_period_end
from analytics.report.md_render import md_escape
from analytics.report.model import Headline
from analytics.report.tables import fact_anchor, safe_url, sections
from analytics.report.xlsx_render import plain_text
from analytics.sqlsafe import query_db

__all__ = ["cli_sample_db", "hostile_db"]  # fixtures used by name below

GROQ_TITLE = "Groq raises $640 million to expand AI inference cloud"
GROQ_URL = "https://example.com/accelkb-samples/groq-640m"
FORMULA_START = ("=", "+", "-", "@")


# ---------------------------------------------------------------- readers used by the tests


class HtmlCheck(HTMLParser):
    """Tag balance, links and tags of an HTML document, read with the standard library parser."""

    VOID: ClassVar[set[str]] = {"meta", "br", "hr", "img", "input", "link", "wbr"}

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: Counter[str] = Counter()
        self.attrs: list[tuple[str, str, str]] = []
        self.feed(text)
        self.close()
        self.errors += [f"unclosed <{t}>" for t in self.stack]

    def _record(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.attrs += [(tag, name, value or "") for name, value in attrs]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._record(tag, attrs)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._record(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> does not close <{self.stack[-1] if self.stack else '-'}>")
        else:
            self.stack.pop()

    def values(self, name: str) -> list[str]:
        """Every value of one attribute, decoded."""
        return [value for _, attr, value in self.attrs if attr == name]


def md_tables(text: str) -> list[list[list[str]]]:
    """Markdown tables as rows of cells, split on unescaped pipes."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            current.append([c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]])
        elif current:
            tables.append(current)
            current = []
    return tables


def md_links(text: str) -> list[tuple[str, str]]:
    """(text, target) of every Markdown link whose opening bracket is not escaped."""
    return re.findall(r"(?<!\\)\[((?:\\.|[^\]\\])*)\]\(([^)\s]*)\)", text)


def assert_md_tables_sound(text: str) -> list[list[list[str]]]:
    """Every table has a header, a separator, and rows as wide as the header."""
    tables = md_tables(text)
    assert tables
    for table in tables:
        assert all(re.fullmatch(r"-{3,}", cell) for cell in table[1]), table[1]
        assert {len(row) for row in table} == {len(table[0])}, table[0]
    return tables


def workbook(report: WeeklyReport) -> openpyxl.Workbook:
    """The rendered workbook, read back with openpyxl."""
    return openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))


def all_cells(book: openpyxl.Workbook) -> list[openpyxl.cell.cell.Cell]:
    """Every non-empty cell of every sheet."""
    return [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]


# ---------------------------------------------------------------- ISO weeks


@pytest.mark.parametrize("text, year, week", [("2020-W53", 2020, 53), ("2026-W53", 2026, 53), ("2015-W53", 2015, 53),
                                              ("2024-W32", 2024, 32), ("2024w01", 2024, 1), (" 2024-W1 ", 2024, 1)])
def test_valid_weeks_parse(text: str, year: int, week: int) -> None:
    assert IsoWeek.parse(text) == IsoWeek(year, week)


@pytest.mark.parametrize("text, message", [("2021-W53", "2021 has 52 ISO weeks"), ("2024-W53", "2024 has 52 ISO weeks"),
                                           ("2024-W00", "2024 has 52 ISO weeks"), ("2024-32", "YYYY-Www"),
                                           ("W32", "YYYY-Www"), ("2024-W32-1", "YYYY-Www"), ("", "YYYY-Www")])
def test_invalid_weeks_are_refused_clearly(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        IsoWeek.parse(text)


def test_week_one_can_start_in_december() -> None:
    assert IsoWeek(2025, 1).monday == date(2024, 12, 30)
    assert IsoWeek(2020, 1).year_start == date(2019, 12, 30)
    assert IsoWeek.containing(date(2024, 12, 30)) == IsoWeek(2025, 1)
    assert IsoWeek(2025, 1).previous() == IsoWeek(2024, 52)


def test_week_53_spans_the_new_year() -> None:
    w53 = IsoWeek(2020, 53)
    assert (w53.monday, w53.sunday) == (date(2020, 12, 28), date(2021, 1, 3))
    assert IsoWeek.containing(date(2021, 1, 3)) == w53
    assert IsoWeek.containing(date(2021, 1, 4)) == IsoWeek(2021, 1)
    assert IsoWeek(2021, 1).previous() == w53
    assert len(w53.weeks_to_date()) == 53


@pytest.mark.parametrize("today, expected", [
    (date(2024, 8, 12), IsoWeek(2024, 32)),   # Monday: last week just ended
    (date(2024, 8, 11), IsoWeek(2024, 31)),   # Sunday: this week is not over yet
    (date(2021, 1, 6), IsoWeek(2020, 53)),    # after a 53-week year
    (date(2025, 1, 1), IsoWeek(2024, 52)),    # 1 January already in 2025-W01
    (date(2021, 1, 2), IsoWeek(2020, 52)),    # 2 January still in 2020-W53
])
def test_last_complete_week(today: date, expected: IsoWeek) -> None:
    assert last_complete_week(today) == expected


@pytest.mark.parametrize("stated, published, earlier", [
    ("2021", date(2024, 8, 6), True), ("2024-08", date(2024, 8, 5), False), ("2024-07", date(2024, 8, 5), True),
    ("2024-08-04", date(2024, 8, 5), True), ("2024-08-05", date(2024, 8, 5), False), (None, date(2024, 8, 5), False),
    ("2024", None, False), ("garbage", date(2024, 8, 5), False),
])
def test_earlier_events(stated: str | None, published: date | None, earlier: bool) -> None:
    assert is_earlier(stated, published) is earlier


def test_stated_period_end() -> None:
    assert stated_period_end("2024-02") == date(2024, 2, 29)
    assert stated_period_end("2023") == date(2023, 12, 31)
    assert stated_period_end("2024-13") is None


# ---------------------------------------------------------------- the sample database

# Counted straight from evidence and articles, independently of the report's views.
FIRST_SEEN_SQL = """
    SELECT fact_type, count(*) FROM (
        SELECT e.fact_type, e.fact_id FROM evidence e JOIN articles a USING (article_id)
        GROUP BY e.fact_type, e.fact_id HAVING min(a.published) BETWEEN ? AND ?)
    GROUP BY fact_type"""


def first_seen_counts(db: Path, week: IsoWeek) -> Counter[str]:
    """Facts per type whose earliest article is dated in `week`."""
    return Counter(dict(query_db(db, FIRST_SEEN_SQL, params=[week.monday, week.sunday]).rows))


def articles_dated(db: Path, week: IsoWeek) -> int:
    """Articles dated in `week`."""
    sql = "SELECT count(*) FROM articles WHERE published BETWEEN ? AND ?"
    return query_db(db, sql, params=[week.monday, week.sunday]).rows[0][0]


def headline(report: WeeklyReport, label: str) -> Headline:
    """One headline figure by label."""
    return next(h for h in report.headlines if h.label == label)


@pytest.fixture(scope="module")
def w32(cli_sample_db: Path) -> WeeklyReport:
    """The sample's report for 2024-W32, the week of Groq's Series D."""
    return build_report(cli_sample_db, "2024-W32")


@pytest.mark.slow
def test_groq_series_d_week(w32: WeeklyReport) -> None:
    assert (w32.week.monday, w32.week.sunday) == (date(2024, 8, 5), date(2024, 8, 11))
    series_d = next(r for r in w32.funding_rounds if r.company == "Groq" and r.round == "Series D")
    assert (series_d.amount_usd, series_d.valuation_usd, series_d.status) == (640e6, 2.8e9, "closed")
    assert "BlackRock" in series_d.lead_investors and not series_d.earlier
    first = series_d.sources[0]
    assert (first.title, first.url, first.published) == (GROQ_TITLE, GROQ_URL, date(2024, 8, 5))
    assert ("Groq", 640e6) in w32.capital_by_company


@pytest.mark.slow
def test_every_fact_is_new_in_the_week_and_cited(w32: WeeklyReport) -> None:
    assert len(w32.facts) > 10
    for fact in w32.facts:
        assert w32.week.monday <= fact.first_seen <= w32.week.sunday
        assert fact.sources and all(s.title and s.published for s in fact.sources)
        assert min(s.published for s in fact.sources) == fact.first_seen


@pytest.mark.slow
def test_counts_match_an_independent_query(cli_sample_db: Path, w32: WeeklyReport) -> None:
    expected = first_seen_counts(cli_sample_db, w32.week)
    shown = {s.key: len(s.facts) for s in sections(w32)}
    assert shown == {key: expected[key] for key in shown}
    assert all(headline(w32, s.title).this_week == len(s.facts) for s in sections(w32))
    assert headline(w32, "Articles").this_week == articles_dated(cli_sample_db, w32.week) > 0


@pytest.mark.slow
def test_capital_raised_counts_announced_rounds_only(w32: WeeklyReport) -> None:
    capital = headline(w32, "Capital raised")
    assert capital.this_week == pytest.approx(sum(v for _, v in w32.capital_by_company))
    announced = [r.amount_usd for r in w32.funding_rounds if not r.earlier and r.status != "in_talks"]
    assert capital.this_week == pytest.approx(sum(a for a in announced if a))
    assert any(r.earlier for r in w32.funding_rounds)  # Groq's 2021 Series C, recalled in the Series D news
    totals = [total for _, total in w32.cumulative_capital]
    assert len(totals) == 32 and totals == sorted(totals)
    assert totals[-1] == pytest.approx(capital.year_to_date)
    assert totals[-1] - totals[-2] == pytest.approx(capital.this_week)


@pytest.mark.slow
def test_valuation_move_against_previous(cli_sample_db: Path, w32: WeeklyReport) -> None:
    groq = next(v for v in w32.valuations if v.company == "Groq" and v.value_usd == 2.8e9)
    sql = ("SELECT value_usd, event_date FROM v_valuations WHERE company = 'Groq' AND event_date < DATE '2024-08-01' "
           "ORDER BY event_date DESC, n_sources DESC LIMIT 1")
    previous = query_db(cli_sample_db, sql).rows
    assert previous, "the sample recalls an earlier Groq valuation"
    assert (groq.previous_usd, groq.previous_date) == previous[0]
    assert groq.change == pytest.approx(2.8e9 / previous[0][0] - 1)
    assert f"{groq.change:+.0%} from" in render_markdown(w32)


@pytest.mark.slow
def test_previous_valuation_is_the_latest_strictly_earlier_one(cli_sample_db: Path) -> None:
    sql = """
        SELECT m.fact_id, m.previous_date,
               (SELECT max(p.event_date) FROM v_valuations p WHERE p.company_id = m.company_id
                AND p.value_usd IS NOT NULL AND p.event_date < m.event_date) AS latest_earlier
        FROM v_valuation_moves m"""
    rows = query_db(cli_sample_db, sql).rows
    assert len(rows) > 20 and any(previous for _, previous, _ in rows)
    assert [(fact, previous, latest) for fact, previous, latest in rows if previous != latest] == []


@pytest.mark.slow
def test_conflicting_figures_are_shown(w32: WeeklyReport) -> None:
    disputed = [f for f in w32.facts if f.conflicts]
    assert disputed, "the sample's Groq Series D sources disagree"
    html, md = render_html(w32), render_markdown(w32)
    conflicts = next(t for t in md_tables(md) if t[0] == ["Fact", "Field", "Value", "Stated by"])
    assert len(conflicts) - 2 == sum(len(c.values) for f in disputed for c in f.conflicts)
    for fact in disputed:
        anchor = fact_anchor(fact)
        assert f'id="conflict-{anchor}"' in html and f'href="#conflict-{anchor}"' in html
        assert all(len(c.values) > 1 for c in fact.conflicts)
    assert "⚠ sources disagree on" in md


@pytest.mark.slow
def test_week_one_starting_in_december(cli_sample_db: Path) -> None:
    report = build_report(cli_sample_db, "2025-W01")
    december = [f for f in report.facts if f.first_seen.year == 2024]
    assert december, "the sample has facts first reported on 30-31 December 2024, i.e. in 2025-W01"
    assert all(h.this_week == h.year_to_date for h in report.headlines)
    assert headline(report, "Articles").this_week == articles_dated(cli_sample_db, IsoWeek(2025, 1))
    previous = first_seen_counts(cli_sample_db, IsoWeek(2024, 52))
    assert headline(report, "Funding rounds").previous_week == previous["funding_rounds"] > 0
    assert [w for w, _ in report.cumulative_capital] == [IsoWeek(2025, 1)]


@pytest.mark.slow
def test_by_ingest_date(cli_sample_db: Path) -> None:
    ingested = query_db(cli_sample_db, "SELECT CAST(min(ingested_at) AS DATE) FROM articles").rows[0][0]
    report = build_report(cli_sample_db, IsoWeek.containing(ingested), "ingest")
    total = query_db(cli_sample_db, "SELECT count(*) FROM v_fact_sources WHERE fact_type <> 'funding_totals'").rows
    assert len(report.facts) == total[0][0] > 200
    assert build_report(cli_sample_db, "2024-W32", "ingest").is_empty
    assert "first ingested" in render_markdown(report)


@pytest.mark.slow
def test_empty_week_says_so(cli_sample_db: Path) -> None:
    report = build_report(cli_sample_db, "2020-W53")
    assert report.is_empty and all(h.this_week == 0 for h in report.headlines)
    assert "Nothing new in 2020-W53" in render_html(report)
    assert "Nothing new in 2020-W53" in render_markdown(report)
    assert any("Nothing new in 2020-W53" in str(c.value) for c in all_cells(workbook(report)))


@pytest.mark.slow
def test_html_is_well_formed_and_self_contained(w32: WeeklyReport) -> None:
    html = render_html(w32)
    check = HtmlCheck(html)
    assert check.errors == []
    charts = 2 + (1 if w32.share_claims else 0)  # capital by company, cumulative, and share claims when there are any
    tables = 1 + sum(1 for section in sections(w32) if section.facts)  # headlines, then one per non-empty section
    assert html.startswith("<!DOCTYPE html>") and check.tags["svg"] == charts and check.tags["table"] >= tables
    assert check.tags["script"] == 0 and check.tags["link"] == 0 and check.values("src") == []
    assert all(h.startswith(("https://", "#")) for h in check.values("href"))
    assert "@media print" in html and "url(" not in html and "@import" not in html


@pytest.mark.slow
def test_markdown_tables_parse(w32: WeeklyReport) -> None:
    tables = assert_md_tables_sound(render_markdown(w32))
    funding = next(t for t in tables if t[0][0] == "Company" and "Leads" in t[0])
    assert len(funding) - 2 == len(w32.funding_rounds)
    assert any(f"[{md_escape(GROQ_TITLE)}]({GROQ_URL})" in row[-1] for row in funding[2:])


@pytest.mark.slow
def test_workbook_has_a_sheet_per_fact_type_with_links(w32: WeeklyReport) -> None:
    book = workbook(w32)
    assert book.sheetnames == ["Summary"] + [s.title for s in sections(w32)] + ["Conflicts"]
    sheet = book["Funding rounds"]
    headers = [c.value for c in sheet[1]]
    assert {"Company", "Amount (USD)", "Round", "Lead investors", "Valuation (USD)", "Source 1"} <= set(headers)
    assert sheet.max_row - 1 == len(w32.funding_rounds)
    groq = next(row for row in sheet.iter_rows(min_row=2) if row[headers.index("Round")].value == "Series D")
    assert groq[headers.index("Amount (USD)")].value == 640e6
    link = groq[headers.index("Source 1")]
    assert link.hyperlink.target == GROQ_URL and link.value.startswith(GROQ_TITLE)
    summary = {row[0].value: row[1].value for row in book["Summary"].iter_rows(min_row=7) if row[0].value}
    assert summary["Capital raised"] == pytest.approx(headline(w32, "Capital raised").this_week)
    assert book["Conflicts"].max_row - 1 == sum(len(c.values) for f in w32.facts for c in f.conflicts)


@pytest.mark.slow
def test_cli_writes_every_format(cli_sample_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("html", "md", "xlsx"):
        out = tmp_path / f"report.{fmt}"
        args = ["report", "--week", "2024-W32", "--format", fmt, "--out", str(out), "--db", str(cli_sample_db)]
        assert main(args) == 0
        assert out.stat().st_size > 1000
    assert openpyxl.load_workbook(tmp_path / "report.xlsx")["Summary"]["A1"].value.endswith("2024-W32")
    capsys.readouterr()
    assert main(["report", "--format", "md", "--db", str(cli_sample_db)]) == 0
    assert f"weekly report {last_complete_week()}" in capsys.readouterr().out


def test_cli_refuses_a_week_that_does_not_exist(hostile_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--week", "2021-W53", "--db", str(hostile_db)]) == 2
    assert "2021 has 52 ISO weeks" in capsys.readouterr().err


def test_a_database_older_than_the_report_views_gets_them(hostile_db: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.duckdb"
    shutil.copy(hostile_db, old)
    conn = duckdb.connect(str(old))
    conn.execute("DROP VIEW v_valuation_moves")
    conn.close()
    assert len(build_report(old, HOSTILE_WEEK).valuations) == 1


def test_the_report_does_not_import_streamlit() -> None:
    code = "import sys, analytics.report; assert 'streamlit' not in sys.modules"
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True).returncode == 0


def test_write_report_refuses_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="format must be one of"):
        write_report(tmp_path / "none.duckdb", "2024-W32", fmt="pdf")


# ---------------------------------------------------------------- hostile article text


def test_hostile_text_is_inert_in_html(hostile_db: Path) -> None:
    report = build_report(hostile_db, HOSTILE_WEEK)
    assert len(report.funding_rounds) == 1 and len(report.share_claims) == 1 and len(report.acquisitions) == 1
    html = render_html(report)
    check = HtmlCheck(html)
    assert check.errors == []
    assert check.tags["script"] == 0 and check.tags["img"] == 0
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert all(h.startswith(("https://", "#")) for h in check.values("href"))
    assert ODD_URL in check.values("href")
    assert any(HOSTILE_QUOTE_SCRIPT in tip for tip in check.values("title"))  # quote kept whole inside its attribute


def test_hostile_text_is_inert_in_markdown(hostile_db: Path) -> None:
    md = render_markdown(build_report(hostile_db, HOSTILE_WEEK))
    assert_md_tables_sound(md)
    assert re.search(r"(?<!\\)[<>]", md) is None
    assert r"\<script\>alert(1)\</script\>" in md and r"\| pipes \|" in md
    assert r"\*stars\* \_under\_ \`tick\`" in md
    targets = [target for _, target in md_links(md)]
    assert targets and all(t.startswith("https://") for t in targets)
    assert "https://example.com/evil_%281%29%7Cx?q=%3Cb%3E&r=%22y%22" in targets
    assert md_escape(HOSTILE_TITLE) in md


def test_hostile_text_is_inert_in_xlsx(hostile_db: Path) -> None:
    cells = all_cells(workbook(build_report(hostile_db, HOSTILE_WEEK)))
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert not [t for t in texts if t.startswith(FORMULA_START)]
    assert any(t.startswith("'" + HOSTILE_TITLE) for t in texts)
    assert any(t.startswith("'" + ODD_TITLE) for t in texts)
    targets = [c.hyperlink.target for c in cells if c.hyperlink]
    assert targets == [ODD_URL] * len(targets) and targets


@given(st.text())
def test_escaped_markdown_stays_in_one_cell(text: str) -> None:
    row = f"| {md_escape(text)} |"
    assert md_tables(row) == [[[md_escape(text)]]]
    assert re.search(r"(?<!\\)[<>|*_`\[\]]", md_escape(text).replace("\\\\", "")) is None


@given(st.text())
def test_spreadsheet_text_never_starts_a_formula(text: str) -> None:
    assert not plain_text(text).startswith(FORMULA_START)


@pytest.mark.parametrize("url, safe", [("https://a.example/x", True), ("HTTP://a.example", True),
                                       ("javascript:alert(1)", False), (" javascript:alert(1)", False),
                                       ("data:text/html,hi", False), ("//a.example/x", False),
                                       ("https://a.example/\nx", False), (None, False), ("", False)])
def test_only_http_links_are_linked(url: str | None, safe: bool) -> None:
    assert (safe_url(url) is not None) is safe
