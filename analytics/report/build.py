"""Build the weekly report from the database: read-only, through the analytics sandbox."""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from analytics.report.model import (Acquisition, Conflict, ConflictValue, DateBasis, Fact, FundingRound, Headline,
                                    Partnership, PeopleMove, ProductNews, ShareClaim, Source, Valuation,
                                    WeeklyReport)
from analytics.report.weeks import IsoWeek, resolve_week
from analytics.sqlsafe import ensure_views, run_query, sandbox_connect

Row = dict[str, Any]
F = TypeVar("F", bound=Fact)

REPORT_VIEWS = ("v_fact_sources", "v_fact_first_seen", "v_valuation_moves")
ROW_LIMIT = 100_000
FIRST_SEEN = {"article": "first_published", "ingest": "first_ingested"}
ARTICLE_DAY = {"article": "published", "ingest": "CAST(ingested_at AS DATE)"}

FUNDING_SQL = """
    SELECT fact_id, company, amount, currency, amount_usd, round, date, status, lead_investors, investors,
           valuation_usd
    FROM v_funding_rounds"""
VALUATION_SQL = """
    SELECT fact_id, company, value_usd, value, currency, date, bound, previous_usd, previous_date, change
    FROM v_valuation_moves"""
SHARE_SQL = """
    SELECT fact_id, subject, market, share_low, share_high, bound, year, period, source AS claimed_by
    FROM v_market_share"""
PRODUCT_SQL = "SELECT fact_id, name, maker, kind, node, year FROM products"
ACQUISITION_SQL = "SELECT fact_id, acquirer, target, amount_usd, amount, currency, date, status FROM acquisitions"
PEOPLE_SQL = "SELECT fact_id, person, role, org FROM roles"
PARTNERSHIP_SQL = "SELECT fact_id, a, b, what FROM partnerships"


def build_report(db_path: str | Path, week: str | IsoWeek | None = None, by: DateBasis = "article", *,
                 today: date | None = None) -> WeeklyReport:
    """Collect what is new in `week` (default: the last complete ISO week), dated by article or ingest date."""
    if by not in FIRST_SEEN:
        raise ValueError(f"by must be 'article' or 'ingest', not {by!r}")
    target = resolve_week(week, today)
    with _report_connection(db_path) as conn:
        query = _WeekQuery(conn, target, by)
        capital = query.capital_by_week()
        return WeeklyReport(
            week=target, by=by, generated_at=datetime.now().replace(microsecond=0),
            headlines=query.headlines(capital),
            funding_rounds=query.facts(FundingRound, FUNDING_SQL, "amount_usd DESC NULLS LAST, company"),
            valuations=query.facts(Valuation, VALUATION_SQL, "value_usd DESC, company"),
            share_claims=query.facts(ShareClaim, SHARE_SQL, "subject, market NULLS LAST, share_low DESC"),
            products=query.facts(ProductNews, PRODUCT_SQL, "maker NULLS LAST, name"),
            acquisitions=query.facts(Acquisition, ACQUISITION_SQL, "amount_usd DESC NULLS LAST, acquirer"),
            people=query.facts(PeopleMove, PEOPLE_SQL, "org NULLS LAST, person"),
            partnerships=query.facts(Partnership, PARTNERSHIP_SQL, "a, b"),
            capital_by_company=_capital_by_company(capital.get(target, [])),
            cumulative_capital=_cumulative(target, capital),
        )


@contextmanager
def _report_connection(db_path: str | Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A sandboxed read-only connection; refresh the views first when the report's views are missing."""
    conn = sandbox_connect(db_path)
    if not _has_views(conn, REPORT_VIEWS):
        conn.close()
        ensure_views(db_path)
        conn = sandbox_connect(db_path)
    try:
        yield conn
    finally:
        conn.close()


def _has_views(conn: duckdb.DuckDBPyConnection, names: Sequence[str]) -> bool:
    found = _rows(conn, "SELECT view_name FROM duckdb_views() WHERE view_name IN (SELECT unnest(?))", [list(names)])
    return len(found) == len(names)


def _rows(conn: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[Row]:
    """Run one read query in the sandbox; the rows as dicts."""
    result = run_query(conn, sql, params=params, limit=ROW_LIMIT)
    if result.truncated:
        raise RuntimeError(f"the report query returned more than {ROW_LIMIT} rows")
    return [dict(zip(result.columns, row, strict=True)) for row in result.rows]


class _WeekQuery:
    """The report's queries for one week and one way of dating facts."""

    def __init__(self, conn: duckdb.DuckDBPyConnection, week: IsoWeek, by: DateBasis) -> None:
        self.conn = conn
        self.week = week
        self.seen = FIRST_SEEN[by]
        self.article_day = ARTICLE_DAY[by]
        self.conflicts = self._conflicts()

    def facts(self, kind: type[F], select_sql: str, order: str) -> tuple[F, ...]:
        """Facts of one type first seen in the week, with sources and conflicts."""
        sql = (f"WITH f AS ({select_sql}) "
               f"SELECT f.*, s.first_published, s.{self.seen} AS first_seen, s.sources FROM f "
               f"JOIN v_fact_sources s ON s.fact_type = ? AND s.fact_id = f.fact_id "
               f"WHERE s.{self.seen} BETWEEN ? AND ? ORDER BY {order}, f.fact_id")
        rows = _rows(self.conn, sql, [kind.FACT_TYPE, self.week.monday, self.week.sunday])
        return tuple(_to_fact(kind, row, self.conflicts.get((kind.FACT_TYPE, row["fact_id"]), ())) for row in rows)

    def capital_by_week(self) -> dict[IsoWeek, list[Row]]:
        """Rounds that count as capital raised (announced, not talks, with an amount), by week first seen."""
        start = min(self.week.year_start, self.week.previous().monday)
        sql = (f"SELECT r.fact_id, r.company, r.amount_usd, r.date, s.first_published, s.{self.seen} AS first_seen "
               f"FROM v_funding_rounds r JOIN v_fact_first_seen s ON s.fact_type = 'funding_rounds' "
               f"AND s.fact_id = r.fact_id WHERE s.{self.seen} BETWEEN ? AND ? "
               f"AND r.status <> 'in_talks' AND r.amount_usd IS NOT NULL")
        by_week: dict[IsoWeek, list[Row]] = defaultdict(list)
        for row in _rows(self.conn, sql, [start, self.week.sunday]):
            if not is_earlier(row["date"], row["first_published"]):
                by_week[IsoWeek.containing(row["first_seen"])].append(row)
        return by_week

    def headlines(self, capital: dict[IsoWeek, list[Row]]) -> tuple[Headline, ...]:
        """Articles, capital raised and new facts per type: this week, the week before, year to date."""
        previous = self.week.previous()
        ranges = [self.week.monday, self.week.sunday, previous.monday, previous.sunday,
                  self.week.year_start, self.week.sunday]
        counts = ("count(*) FILTER (WHERE d BETWEEN ? AND ?) AS this_week, "
                  "count(*) FILTER (WHERE d BETWEEN ? AND ?) AS previous_week, "
                  "count(*) FILTER (WHERE d BETWEEN ? AND ?) AS year_to_date")
        articles = _rows(self.conn, f"SELECT {counts} FROM (SELECT {self.article_day} AS d FROM articles)", ranges)[0]
        per_type = {r.pop("fact_type"): r for r in _rows(
            self.conn, f"SELECT fact_type, {counts} FROM (SELECT fact_type, {self.seen} AS d FROM v_fact_first_seen) "
                       f"GROUP BY fact_type", ranges)}
        lines = [Headline("Articles", **articles),
                 Headline("Capital raised", _usd(capital, [self.week]), _usd(capital, [previous]),
                          _usd(capital, self.week.weeks_to_date()), "usd")]
        none = {"this_week": 0, "previous_week": 0, "year_to_date": 0}
        for kind in (FundingRound, Valuation, ShareClaim, ProductNews, Acquisition, PeopleMove, Partnership):
            lines.append(Headline(kind.TITLE, **per_type.get(kind.FACT_TYPE, none)))
        return tuple(lines)

    def _conflicts(self) -> dict[tuple[str, int], tuple[Conflict, ...]]:
        """Disputed fields of the facts first seen in the week, keyed by (fact type, fact id)."""
        sql = (f"SELECT c.fact_type, c.fact_id, c.field, c.value, c.articles FROM v_fact_conflicts c "
               f"JOIN v_fact_first_seen s USING (fact_type, fact_id) WHERE s.{self.seen} BETWEEN ? AND ? "
               f"ORDER BY c.fact_type, c.fact_id, c.field, c.sources DESC, c.value")
        values: dict[tuple[str, int], dict[str, list[ConflictValue]]] = defaultdict(lambda: defaultdict(list))
        for row in _rows(self.conn, sql, [self.week.monday, self.week.sunday]):
            sources = tuple(sorted((_source(a) for a in row["articles"]), key=_source_order))
            values[(row["fact_type"], row["fact_id"])][row["field"]].append(ConflictValue(row["value"], sources))
        return {key: tuple(Conflict(field, tuple(vals)) for field, vals in fields.items())
                for key, fields in values.items()}


def _to_fact(kind: type[F], row: Row, conflicts: tuple[Conflict, ...]) -> F:
    """A fact dataclass from a query row (extra columns dropped, lists made tuples)."""
    fields: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in row.items()
                              if k in kind.__dataclass_fields__}
    fields["sources"] = tuple(_source(s) for s in row["sources"])
    fields["conflicts"] = conflicts
    if "earlier" in kind.__dataclass_fields__:
        fields["earlier"] = is_earlier(row["date"], row["first_published"])
    return kind(**fields)


def _source(article: Row) -> Source:
    return Source(title=article.get("title") or "(untitled article)", url=article.get("url"),
                  published=article.get("published"), outlet=article.get("source_name"),
                  quote=article.get("quote") or "")


def _source_order(source: Source) -> tuple[bool, date, str]:
    return (source.published is None, source.published or date.min, source.title)


def stated_period_end(stated: str | None) -> date | None:
    """Last day of a date as stated (YYYY, YYYY-MM or YYYY-MM-DD); None when absent or unreadable."""
    try:
        parts = [int(p) for p in (stated or "").split("-")]
        if len(parts) == 1:
            return date(parts[0], 12, 31)
        if len(parts) == 2:
            return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
        if len(parts) == 3:
            return date(parts[0], parts[1], parts[2])
    except ValueError:
        return None
    return None


def is_earlier(stated: str | None, first_published: date | None) -> bool:
    """Does the stated date end before the week the fact was first reported in (old news, newly found)?"""
    end = stated_period_end(stated)
    return end is not None and first_published is not None and end < IsoWeek.containing(first_published).monday


def _usd(capital: dict[IsoWeek, list[Row]], weeks: Sequence[IsoWeek]) -> float:
    """Capital raised over some weeks."""
    return float(sum(r["amount_usd"] for w in weeks for r in capital.get(w, [])))


def _capital_by_company(rounds: Sequence[Row]) -> tuple[tuple[str, float], ...]:
    """Capital raised per company, largest first."""
    totals: dict[str, float] = defaultdict(float)
    for r in rounds:
        totals[r["company"]] += r["amount_usd"]
    return tuple(sorted(totals.items(), key=lambda item: (-item[1], item[0])))


def _cumulative(week: IsoWeek, capital: dict[IsoWeek, list[Row]]) -> tuple[tuple[IsoWeek, float], ...]:
    """Capital raised year to date after each ISO week of the year up to `week`."""
    points: list[tuple[IsoWeek, float]] = []
    total = 0.0
    for w in week.weeks_to_date():
        total += _usd(capital, [w])
        points.append((w, total))
    return tuple(points)
