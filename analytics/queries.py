"""The dashboard's data access: each function reads the database through the read-only sandbox and returns a DataFrame.

Every function takes the database path first, so callers can cache results per database version.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from analytics.sqlsafe import DEFAULT_ROW_LIMIT, DEFAULT_TIMEOUT_SECONDS, run_query, sandbox_connect
from entities.db import DatabaseBusy, view_files

DbPath = str | Path
BUSY_RETRY_SECONDS = 5.0
EXPORT_ROW_LIMIT = 200_000
UNSPECIFIED_MARKET = "(market not stated)"
# a share claim as stated: 50%, 70%–95%, ≥ 80%
SHARE_TEXT = """CASE WHEN share_low IS NOT NULL AND share_high IS NOT NULL AND share_low <> share_high
         THEN printf('%.3g%%', share_low * 100) || '–' || printf('%.3g%%', share_high * 100)
         ELSE CASE bound WHEN 'lower' THEN '≥ ' WHEN 'upper' THEN '≤ ' ELSE '' END
              || printf('%.3g%%', coalesce(share_low, share_high) * 100) END"""
_VIEW_NAME = re.compile(r"CREATE\s+OR\s+REPLACE\s+VIEW\s+(\w+)", re.IGNORECASE)


# ---------------------------------------------------------------- plumbing


def read(db: DbPath, sql: str, params: list[Any] | None = None, *, limit: int = DEFAULT_ROW_LIMIT) -> pd.DataFrame:
    """Run one read query in the sandbox and return its rows."""
    plain = [value.item() if isinstance(value, np.generic) else value for value in params or []]
    conn = _connect(db)
    try:
        return run_query(conn, sql, params=plain, limit=limit).to_frame()
    finally:
        conn.close()


def _connect(db: DbPath) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + BUSY_RETRY_SECONDS
    while True:
        try:
            return sandbox_connect(db, retry_seconds=BUSY_RETRY_SECONDS)
        except duckdb.ConnectionException:
            # An ingest in this very process (the Upload page) holds the file with another configuration;
            # it writes in short bursts, so wait like sandbox_connect waits for another process's lock.
            if time.monotonic() >= deadline:
                raise DatabaseBusy(f"{db} is being written; try again shortly") from None
            time.sleep(0.2)


def _in_list(column: str, values: tuple[str, ...], clauses: list[str], params: list[Any]) -> None:
    if values:
        clauses.append(f"list_contains(?::VARCHAR[], {column})")
        params.append(list(values))


# ---------------------------------------------------------------- database state


def database_summary(db: DbPath) -> pd.DataFrame:
    """One row: how many articles and facts the database holds and when it was last ingested."""
    tables = read(db, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'")
    if "articles" not in set(tables["table_name"]):
        return pd.DataFrame([{"articles": 0, "facts": 0, "last_ingest": None}])
    return read(db, """
        SELECT (SELECT count(*) FROM articles) AS articles,
               (SELECT count(DISTINCT (fact_type, fact_id)) FROM evidence) AS facts,
               (SELECT max(finished_at) FROM ingest_runs WHERE status <> 'running') AS last_ingest
    """)


def expected_views() -> list[str]:
    """Names of the analytic views the view files define, in creation order."""
    names = []
    for path in view_files():
        match = _VIEW_NAME.search(path.read_text(encoding="utf-8"))
        if match:
            names.append(match.group(1))
    return names


def existing_views(db: DbPath) -> pd.DataFrame:
    """The views present in the database."""
    return read(db, "SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY view_name")


# ---------------------------------------------------------------- overview


def headline_figures(db: DbPath) -> pd.DataFrame:
    """One row of headline numbers: capital tracked, rounds, companies, articles and the latest ingest."""
    return read(db, """
        WITH last_run AS (
            SELECT finished_at FROM ingest_runs WHERE status <> 'running' ORDER BY run_id DESC LIMIT 1
        )
        SELECT (SELECT sum(amount_usd) FROM funding_rounds WHERE status <> 'in_talks') AS capital_usd,
               (SELECT count(*) FROM funding_rounds WHERE status <> 'in_talks') AS rounds,
               (SELECT count(*) FROM funding_rounds WHERE status = 'in_talks') AS rounds_in_talks,
               (SELECT count(DISTINCT company_id) FROM funding_rounds) AS companies_funded,
               (SELECT count(*) FROM articles) AS articles,
               (SELECT count(DISTINCT (fact_type, fact_id)) FROM v_latest_ingest WHERE fact_id IS NOT NULL)
                   AS latest_facts,
               (SELECT finished_at FROM last_run) AS last_ingest
    """)


def funding_by_quarter(db: DbPath) -> pd.DataFrame:
    """Capital, rounds and companies per calendar quarter (talks excluded)."""
    return read(db, """
        SELECT quarter, date_trunc('quarter', quarter_start) AS quarter_start, rounds, companies, capital_usd
        FROM v_funding_by_quarter ORDER BY quarter_start
    """)


def largest_rounds(db: DbPath, limit: int = 10) -> pd.DataFrame:
    """The biggest closed or reported rounds by amount in USD."""
    return read(db, """
        SELECT company, company_type, company_country, round, amount_usd, valuation_usd, event_date, date, status,
               lead_investors, n_sources, fact_id
        FROM v_funding_rounds
        WHERE amount_usd IS NOT NULL AND status <> 'in_talks'
        ORDER BY amount_usd DESC LIMIT ?
    """, [limit])


def valuation_leaders(db: DbPath, limit: int = 10) -> pd.DataFrame:
    """Companies ranked by their latest stated valuation."""
    return read(db, """
        SELECT company, company_type, company_country, value_usd, bound, date, event_date, n_sources
        FROM v_valuations
        WHERE is_latest AND value_usd IS NOT NULL
        ORDER BY value_usd DESC LIMIT ?
    """, [limit])


def latest_ingest_run(db: DbPath) -> pd.DataFrame:
    """The most recent finished ingest run (zero or one row)."""
    return read(db, """
        SELECT run_id, started_at, finished_at, command, status, articles_new, articles_changed,
               articles_unchanged, articles_failed
        FROM ingest_runs WHERE status <> 'running' ORDER BY run_id DESC LIMIT 1
    """)


LATEST_FACTS_LIMIT = 500


def latest_ingest_facts(db: DbPath, limit: int = LATEST_FACTS_LIMIT) -> pd.DataFrame:
    """Facts stated by the articles of the latest ingest run, one row per fact and article (newest articles first,
    at most `limit`); `total` holds how many there are in all."""
    return read(db, f"""
        WITH pairs AS (
            SELECT DISTINCT article_id, fact_type, fact_id FROM v_latest_ingest WHERE fact_id IS NOT NULL
        ),
        total AS (SELECT count(*) AS total FROM pairs),
        -- every article states at least one fact, so the page's facts come from its first `limit` articles:
        -- sorting those few is much cheaper than sorting every fact of a big run
        top_articles AS (
            SELECT article_id, title, published, lang FROM articles
            WHERE article_id IN (SELECT article_id FROM pairs)
            ORDER BY published DESC NULLS LAST, title, article_id LIMIT {int(limit)}
        ),
        page AS (
            SELECT p.fact_type, p.fact_id, t.title, t.published, t.lang, t.article_id
            FROM pairs p JOIN top_articles t USING (article_id)
            ORDER BY t.published DESC NULLS LAST, t.title, t.article_id, p.fact_type, p.fact_id LIMIT {int(limit)}
        )
        SELECT p.fact_type, l.label, p.title, p.published, p.lang, p.article_id, total.total
        FROM page p JOIN v_fact_labels l USING (fact_type, fact_id), total
        ORDER BY p.published DESC NULLS LAST, p.title, p.article_id, p.fact_type, l.label
    """)


# ---------------------------------------------------------------- entities


def organisations(db: DbPath) -> pd.DataFrame:
    """Every organisation, the best-covered first (for pickers)."""
    return read(db, """
        SELECT entity_id, name, type, country, mentions, edges
        FROM v_entity_summary WHERE kind = 'org'
        ORDER BY edges DESC, mentions DESC, name
    """)


def graph_entities(db: DbPath) -> pd.DataFrame:
    """Entities with at least one edge; `label` is unique (the kind is added when two kinds share a name)."""
    return read(db, """
        SELECT entity_id, name, kind, type, edges,
               CASE WHEN count(*) OVER (PARTITION BY name) > 1 THEN name || ' (' || kind || ')' ELSE name END AS label
        FROM v_entity_summary WHERE edges > 0
        ORDER BY edges DESC, label
    """)


def entity_profile(db: DbPath, entity_id: int) -> pd.DataFrame:
    """One row describing an entity: type, country, ticker, parent, aliases, coverage."""
    return read(db, "SELECT * FROM v_entity_summary WHERE entity_id = ?", [entity_id])


def company_rounds(db: DbPath, entity_id: int) -> pd.DataFrame:
    """A company's funding rounds in date order."""
    return read(db, """
        SELECT event_date, date, round, status, amount_usd, amount, currency, valuation_usd, lead_investors,
               investors, n_sources, fact_id
        FROM v_funding_rounds WHERE company_id = ? ORDER BY event_date NULLS LAST, fact_id
    """, [entity_id])


def company_valuations(db: DbPath, entity_id: int) -> pd.DataFrame:
    """A company's stated valuations in date order."""
    return read(db, """
        SELECT event_date, date, value_usd, value, currency, bound, n_sources, is_latest, fact_id
        FROM v_valuations WHERE company_id = ? ORDER BY event_date NULLS LAST, fact_id
    """, [entity_id])


def company_investors(db: DbPath, entity_id: int) -> pd.DataFrame:
    """Who backed a company: rounds joined and led, capital of those rounds."""
    return read(db, """
        SELECT p.investor, e.type AS investor_type, p.rounds, p.rounds_led, p.round_capital_usd, p.first_round,
               p.last_round, p.round_labels
        FROM v_investor_portfolio p LEFT JOIN entities e ON e.entity_id = p.investor_id
        WHERE p.company_id = ?
        ORDER BY p.rounds_led DESC, p.rounds DESC, p.investor
    """, [entity_id])


def company_products(db: DbPath, maker: str) -> pd.DataFrame:
    """Products made by an organisation (catalogue and news)."""
    return read(db, """
        SELECT name, kind, family, node, year, mentions, in_catalogue
        FROM v_products WHERE maker = ? ORDER BY year DESC NULLS LAST, name
    """, [maker])


def company_market_share(db: DbPath, entity_id: int) -> pd.DataFrame:
    """Market-share claims about an entity."""
    return read(db, f"""
        SELECT coalesce(nullif(trim(market), ''), ?) AS market, {SHARE_TEXT} AS share, claim_year, period, source,
               n_sources, first_reported, share_low, share_high, bound
        FROM v_market_share WHERE subject_id = ? ORDER BY market, claim_year
    """, [UNSPECIFIED_MARKET, entity_id])


def company_people(db: DbPath, entity_id: int) -> pd.DataFrame:
    """People reported in a role at an organisation."""
    return read(db, "SELECT person, role, n_sources FROM roles WHERE org_id = ? ORDER BY person", [entity_id])


def company_deals(db: DbPath, entity_id: int) -> pd.DataFrame:
    """Acquisitions made or suffered by an organisation, and its partners."""
    return read(db, """
        SELECT 'acquired' AS relation, target AS counterpart, status AS detail, amount_usd, date, n_sources
        FROM acquisitions WHERE acquirer_id = $1
        UNION ALL
        SELECT 'acquired by', acquirer, status, amount_usd, date, n_sources FROM acquisitions WHERE target_id = $1
        UNION ALL
        SELECT 'partner', CASE WHEN a_id = $1 THEN b ELSE a END, what, NULL, NULL, n_sources
        FROM partnerships WHERE $1 IN (a_id, b_id)
        ORDER BY relation, counterpart
    """, [entity_id])


def entity_facts(db: DbPath, entity_id: int) -> pd.DataFrame:
    """Every fact an entity takes part in, one row per sentence that states it, with its article."""
    return read(db, """
        SELECT f.fact_type, f.role, f.label, f.disputed, f.event_date, ev.sentence, ev.title, ev.published,
               ev.article_id, ev.url, f.fact_id
        FROM v_entity_facts f JOIN v_evidence ev USING (fact_type, fact_id)
        WHERE f.entity_id = ?
        ORDER BY f.fact_type, f.event_date DESC NULLS LAST, f.fact_id, ev.published
    """, [entity_id], limit=EXPORT_ROW_LIMIT)


def entity_conflicts(db: DbPath, entity_id: int) -> pd.DataFrame:
    """Facts about an entity whose sources disagree: each stated value and the articles stating it."""
    return read(db, """
        SELECT l.label, c.field, c.value, c.sources,
               list_transform(c.articles, lambda a: coalesce(strftime(a.published, '%Y-%m-%d') || ' ', '') || a.title)
                   AS articles,
               c.fact_type, c.fact_id
        FROM fact_conflicts_for($1) c JOIN v_fact_labels l USING (fact_type, fact_id)
        ORDER BY c.fact_type, c.fact_id, c.field, c.sources DESC
    """, [entity_id])


def neighbourhood(db: DbPath, entity_id: int, hops: int = 1) -> pd.DataFrame:
    """Edges within `hops` (1 or 2) of an entity, one row per pair and relation, with the facts behind it."""
    return read(db, """
        WITH ring1 AS (SELECT * FROM edges WHERE $1 IN (src_id, dst_id)),
        near AS (SELECT src_id AS id FROM ring1 UNION SELECT dst_id FROM ring1),
        ring2 AS (
            SELECT * FROM edges
            WHERE $2 >= 2 AND (src_id IN (SELECT id FROM near) OR dst_id IN (SELECT id FROM near))
        ),
        picked AS (
            SELECT * FROM ring1 UNION ALL SELECT * FROM ring2
        ),
        -- partnerships are listed in both directions; draw each once
        undirected AS (
            SELECT * FROM picked WHERE relation <> 'partner_of' OR src_id < dst_id
        )
        SELECT u.src_id, any_value(u.src) AS src, any_value(s.kind) AS src_kind, any_value(s.type) AS src_type,
               u.dst_id, any_value(u.dst) AS dst, any_value(d.kind) AS dst_kind, any_value(d.type) AS dst_type,
               u.relation, count(DISTINCT u.fact_id) AS facts,
               string_agg(DISTINCT u.detail, '; ' ORDER BY u.detail) AS details, sum(u.n_sources) AS sources
        FROM undirected u
        JOIN entities s ON s.entity_id = u.src_id
        JOIN entities d ON d.entity_id = u.dst_id
        GROUP BY u.src_id, u.dst_id, u.relation
        ORDER BY u.relation, src, dst
    """, [entity_id, hops])


# ---------------------------------------------------------------- funding


@dataclass(frozen=True)
class RoundFilter:
    """Which funding rounds to show; empty tuples and None mean no restriction."""

    start: date | None = None
    end: date | None = None
    company_types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    rounds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    investors: tuple[str, ...] = ()
    min_usd: float | None = None
    max_usd: float | None = None


def funding_facets(db: DbPath) -> pd.DataFrame:
    """The values each funding filter can take, with how many rounds have them."""
    return read(db, """
        SELECT 'company_type' AS facet, company_type AS value, count(*) AS rounds
        FROM v_funding_rounds WHERE company_type IS NOT NULL GROUP BY ALL
        UNION ALL
        SELECT 'country', company_country, count(*) FROM v_funding_rounds WHERE company_country IS NOT NULL GROUP BY ALL
        UNION ALL
        SELECT 'round', round, count(*) FROM v_funding_rounds WHERE round IS NOT NULL GROUP BY ALL
        UNION ALL
        SELECT 'status', status, count(*) FROM v_funding_rounds GROUP BY ALL
        UNION ALL
        SELECT 'investor', investor, count(DISTINCT fact_id) FROM round_investors GROUP BY ALL
        ORDER BY facet, rounds DESC, value
    """, limit=EXPORT_ROW_LIMIT)


def funding_date_bounds(db: DbPath) -> pd.DataFrame:
    """The first and last event date of any round (one row, NULLs when there are none)."""
    return read(db, "SELECT min(event_date) AS first, max(event_date) AS last FROM v_funding_rounds")


ROUND_TABLE_LIMIT = 2_000


def _round_clauses(where: RoundFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = ["TRUE"]
    params: list[Any] = []
    if where.start is not None:
        clauses.append("event_date >= ?")
        params.append(where.start)
    if where.end is not None:
        clauses.append("event_date <= ?")
        params.append(where.end)
    _in_list("company_type", where.company_types, clauses, params)
    _in_list("company_country", where.countries, clauses, params)
    _in_list("round", where.rounds, clauses, params)
    _in_list("status", where.statuses, clauses, params)
    if where.investors:
        clauses.append("list_has_any(investors, ?::VARCHAR[])")
        params.append(list(where.investors))
    if where.min_usd is not None:
        clauses.append("amount_usd >= ?")
        params.append(where.min_usd)
    if where.max_usd is not None:
        clauses.append("amount_usd <= ?")
        params.append(where.max_usd)
    return " AND ".join(clauses), params


def funding_rounds(db: DbPath, where: RoundFilter = RoundFilter(), *, limit: int = ROUND_TABLE_LIMIT) -> pd.DataFrame:
    """Funding rounds matching a filter, newest first (at most `limit`; the downloads ask for all of them)."""
    clauses, params = _round_clauses(where)
    return read(db, f"""
        SELECT event_date, quarter, company, company_type, company_country, round, status, amount_usd, amount,
               currency, valuation_usd, lead_investors, investors, n_sources, date, fact_id
        FROM v_funding_rounds
        WHERE {clauses}
        ORDER BY event_date DESC NULLS LAST, amount_usd DESC NULLS LAST, fact_id
        LIMIT {int(limit)}
    """, params, limit=EXPORT_ROW_LIMIT)


def funding_summary(db: DbPath, where: RoundFilter = RoundFilter()) -> pd.DataFrame:
    """Rounds, capital raised (closed and reported), companies and undisclosed amounts of a selection (one row)."""
    clauses, params = _round_clauses(where)
    return read(db, f"""
        SELECT count(*) AS rounds, sum(amount_usd) FILTER (WHERE status <> 'in_talks') AS capital_usd,
               count(DISTINCT company) AS companies, count(*) FILTER (WHERE amount_usd IS NULL) AS undisclosed
        FROM v_funding_rounds WHERE {clauses}
    """, params)


def capital_by_quarter_and_type(db: DbPath, where: RoundFilter = RoundFilter()) -> pd.DataFrame:
    """Capital raised per quarter and company type in a selection (rounds in talks left out)."""
    clauses, params = _round_clauses(where)
    return read(db, f"""
        SELECT date_trunc('quarter', event_date)::DATE AS quarter_start, coalesce(company_type, 'unknown') AS company_type,
               sum(amount_usd) AS amount_usd
        FROM v_funding_rounds
        WHERE {clauses} AND status <> 'in_talks' AND event_date IS NOT NULL
        GROUP BY ALL ORDER BY quarter_start, company_type
    """, params, limit=EXPORT_ROW_LIMIT)


def capital_by_company(db: DbPath, where: RoundFilter = RoundFilter(), *, limit: int = 15) -> pd.DataFrame:
    """The companies that raised most in a selection, with their capital and number of rounds (talks left out)."""
    clauses, params = _round_clauses(where)
    return read(db, f"""
        SELECT company, sum(amount_usd) AS capital, count(*) AS rounds
        FROM v_funding_rounds
        WHERE {clauses} AND status <> 'in_talks'
        GROUP BY company ORDER BY capital DESC NULLS LAST, company LIMIT {int(limit)}
    """, params)


def investor_leaderboard(db: DbPath) -> pd.DataFrame:
    """Investors ranked by rounds joined: companies backed, rounds led, capital of those rounds."""
    return read(db, """
        SELECT p.investor, any_value(e.type) AS investor_type, count(DISTINCT p.company_id) AS companies,
               sum(p.rounds) AS rounds, sum(p.rounds_led) AS rounds_led, sum(p.round_capital_usd) AS round_capital_usd,
               max(p.last_round) AS last_round, p.investor_id
        FROM v_investor_portfolio p LEFT JOIN entities e ON e.entity_id = p.investor_id
        GROUP BY p.investor_id, p.investor
        ORDER BY rounds DESC, companies DESC, p.investor
    """, limit=EXPORT_ROW_LIMIT)


def investor_portfolio(db: DbPath, investor_id: int) -> pd.DataFrame:
    """The companies an investor backed, most recent first."""
    return read(db, """
        SELECT p.company, e.type AS company_type, e.country AS company_country, p.rounds, p.rounds_led,
               p.round_capital_usd, p.first_round, p.last_round, p.round_labels
        FROM v_investor_portfolio p LEFT JOIN entities e ON e.entity_id = p.company_id
        WHERE p.investor_id = ?
        ORDER BY p.last_round DESC NULLS LAST, p.company
    """, [investor_id])


def co_investors(db: DbPath, investor_id: int) -> pd.DataFrame:
    """Investors that joined the same rounds as this one, most shared rounds first."""
    return read(db, """
        SELECT investor_b AS co_investor, shared_rounds, companies FROM v_co_investors WHERE investor_a_id = $1
        UNION ALL
        SELECT investor_a, shared_rounds, companies FROM v_co_investors WHERE investor_b_id = $1
        ORDER BY shared_rounds DESC, co_investor
    """, [investor_id])


# ---------------------------------------------------------------- market share


def markets(db: DbPath) -> pd.DataFrame:
    """Markets with share claims, the most claimed first (claims naming no market last)."""
    return read(db, """
        WITH labelled AS (
            SELECT coalesce(nullif(trim(market), ''), $1) AS market, subject, source, claim_year FROM v_market_share
        )
        SELECT market, count(*) AS claims, count(DISTINCT subject) AS subjects, count(DISTINCT source) AS sources,
               min(claim_year) AS first_year, max(claim_year) AS last_year
        FROM labelled GROUP BY market ORDER BY market = $1, claims DESC, market
    """, [UNSPECIFIED_MARKET])


def market_share_claims(db: DbPath, market: str | None = None) -> pd.DataFrame:
    """Share claims (of one market, or all), each with who says so and the first article saying it."""
    return read(db, f"""
        WITH claims AS (
            SELECT *, coalesce(nullif(trim(market), ''), $1) AS market_label, {SHARE_TEXT} AS share FROM v_market_share
        ),
        picked AS (SELECT * FROM claims WHERE $2::VARCHAR IS NULL OR market_label = $2),
        first_article AS (
            SELECT fact_id, arg_min(title, coalesce(published, DATE '9999-12-31')) AS title,
                   arg_min(article_id, coalesce(published, DATE '9999-12-31')) AS article_id,
                   min(published) AS published
            FROM v_evidence
            WHERE fact_type = 'market_share_claims' AND fact_id IN (SELECT fact_id FROM picked)
            GROUP BY fact_id
        )
        SELECT c.market_label AS market, c.subject, c.share, c.share_low, c.share_high, c.share_point, c.bound,
               c.claim_year, c.period, c.source, c.n_sources, a.title, a.published, a.article_id, c.fact_id
        FROM picked c LEFT JOIN first_article a USING (fact_id)
        ORDER BY c.market_label, c.subject, c.claim_year, c.source
    """, [UNSPECIFIED_MARKET, market])


def share_disagreements(db: DbPath, market: str | None = None) -> pd.DataFrame:
    """Subjects and years for which claims differ, one column per source (values as stated ranges)."""
    keys = ["market", "subject", "year"]
    claims = read(db, f"""
        WITH claims AS (
            SELECT coalesce(nullif(trim(market), ''), $1) AS market, subject,
                   coalesce(CAST(claim_year AS VARCHAR), 'undated') AS year, source, {SHARE_TEXT} AS share
            FROM v_market_share
        ),
        picked AS (SELECT * FROM claims WHERE $2::VARCHAR IS NULL OR market = $2),
        contested AS (SELECT market, subject, year FROM picked GROUP BY ALL HAVING count(DISTINCT share) > 1)
        SELECT market, subject, year, source, string_agg(DISTINCT share, ' / ' ORDER BY share) AS share
        FROM picked p SEMI JOIN contested USING (market, subject, year)
        GROUP BY ALL
    """, [UNSPECIFIED_MARKET, market], limit=EXPORT_ROW_LIMIT)
    if claims.empty:
        return pd.DataFrame(columns=keys)
    wide = claims.pivot(index=keys, columns="source", values="share").reset_index()
    wide.columns.name = None
    return wide


# ---------------------------------------------------------------- products


@dataclass(frozen=True)
class ProductFilter:
    """Which catalogue entries to show; empty tuples and None mean no restriction."""

    makers: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    nodes: tuple[str, ...] = ()
    first_year: int | None = None
    last_year: int | None = None
    reported_only: bool = False
    name_contains: str = ""


def product_facets(db: DbPath) -> pd.DataFrame:
    """The makers, kinds and process nodes in the catalogue, with how many products each has."""
    return read(db, """
        SELECT 'maker' AS facet, maker AS value, count(*) AS products
        FROM v_products WHERE maker IS NOT NULL GROUP BY ALL
        UNION ALL SELECT 'kind', kind, count(*) FROM v_products WHERE kind IS NOT NULL GROUP BY ALL
        UNION ALL SELECT 'node', node, count(*) FROM v_products WHERE node IS NOT NULL GROUP BY ALL
        UNION ALL SELECT 'year', CAST(year AS VARCHAR), count(*) FROM v_products WHERE year IS NOT NULL GROUP BY ALL
        ORDER BY facet, products DESC, value
    """, limit=EXPORT_ROW_LIMIT)


def product_catalogue(db: DbPath, where: ProductFilter = ProductFilter()) -> pd.DataFrame:
    """Catalogue and news-only products matching a filter, newest first."""
    clauses: list[str] = ["TRUE"]
    params: list[Any] = []
    _in_list("maker", where.makers, clauses, params)
    _in_list("kind", where.kinds, clauses, params)
    _in_list("node", where.nodes, clauses, params)
    if where.first_year is not None:
        clauses.append("year >= ?")
        params.append(where.first_year)
    if where.last_year is not None:
        clauses.append("year <= ?")
        params.append(where.last_year)
    if where.reported_only:
        clauses.append("mentions > 0")
    if where.name_contains.strip():
        clauses.append("contains(lower(name), lower(?))")
        params.append(where.name_contains.strip())
    return read(db, f"""
        SELECT name, maker, kind, family, node, year, mentions, in_catalogue
        FROM v_products WHERE {' AND '.join(clauses)}
        ORDER BY year DESC NULLS LAST, maker, name
    """, params, limit=EXPORT_ROW_LIMIT)


# ---------------------------------------------------------------- articles


@dataclass(frozen=True)
class ArticleFilter:
    """Which articles to list; empty values mean no restriction."""

    langs: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    text_contains: str = ""
    mentions: str | None = None
    fact_types: tuple[str, ...] = ()


ARTICLE_PAGE_SIZE = 500


def _article_clauses(where: ArticleFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = ["TRUE"]
    params: list[Any] = []
    _in_list("a.lang", where.langs, clauses, params)
    if where.start is not None:
        clauses.append("a.published >= ?")
        params.append(where.start)
    if where.end is not None:
        clauses.append("a.published <= ?")
        params.append(where.end)
    if where.text_contains.strip():
        # a case-blind regular expression of the escaped term: several times faster than lower() on every text
        clauses.append("(regexp_matches(coalesce(a.title, ''), ?) OR regexp_matches(a.text, ?))")
        params += ["(?i)" + re.escape(where.text_contains.strip())] * 2
    if where.mentions:
        clauses.append("""a.article_id IN (SELECT m.article_id FROM mentions m JOIN entities e USING (entity_id)
                                           WHERE e.name = ?)""")
        params.append(where.mentions)
    if where.fact_types:
        clauses.append("a.article_id IN (SELECT article_id FROM evidence WHERE fact_type IN (SELECT unnest(?)))")
        params.append(list(where.fact_types))
    return " AND ".join(clauses), params


def articles(db: DbPath, where: ArticleFilter = ArticleFilter(), *, limit: int = ARTICLE_PAGE_SIZE,
             offset: int = 0) -> pd.DataFrame:
    """One page of the articles matching a filter, newest first, with how many facts each states."""
    clauses, params = _article_clauses(where)
    return read(db, f"""
        WITH page AS (
            SELECT a.article_id, a.published, a.title, a.lang, a.source_name, a.n_chars, a.url
            FROM articles a
            WHERE {clauses}
            ORDER BY a.published DESC NULLS LAST, a.title, a.article_id
            LIMIT {int(limit)} OFFSET {int(offset)}
        ),
        f AS (
            SELECT article_id, count(DISTINCT (fact_type, fact_id)) AS facts,
                   list(DISTINCT fact_type ORDER BY fact_type) AS fact_types
            FROM evidence SEMI JOIN page USING (article_id)
            GROUP BY article_id
        )
        SELECT p.published, p.title, p.lang, p.source_name, coalesce(f.facts, 0) AS facts, f.fact_types,
               p.n_chars, p.url, p.article_id
        FROM page p LEFT JOIN f USING (article_id)
        ORDER BY p.published DESC NULLS LAST, p.title, p.article_id
    """, params, limit=EXPORT_ROW_LIMIT)


def article_count(db: DbPath, where: ArticleFilter = ArticleFilter()) -> int:
    """How many articles match a filter."""
    clauses, params = _article_clauses(where)
    return int(read(db, f"SELECT count(*) AS n FROM articles a WHERE {clauses}", params).iloc[0]["n"])


def article_date_bounds(db: DbPath) -> pd.DataFrame:
    """The first and last publication date of any article (one row, NULLs when there are none)."""
    return read(db, "SELECT min(published) AS first, max(published) AS last FROM articles")


def article(db: DbPath, article_id: str) -> pd.DataFrame:
    """One article with its full text (zero or one row)."""
    return read(db, """
        SELECT article_id, title, published, lang, script, author, source_name, source_format, url, text,
               ingested_at, run_id
        FROM articles WHERE article_id = ?
    """, [article_id])


def article_evidence(db: DbPath, article_id: str) -> pd.DataFrame:
    """The facts an article states, each with the character span of the sentence stating it."""
    return read(db, """
        SELECT ev.start_char, ev.end_char, ev.fact_type, l.label, ev.sentence, ev.extractor, ev.fact_id
        FROM evidence ev LEFT JOIN v_fact_labels l USING (fact_type, fact_id)
        WHERE ev.article_id = ?
        ORDER BY ev.start_char, ev.fact_type, ev.fact_id
    """, [article_id])


def article_mentions(db: DbPath, article_id: str) -> pd.DataFrame:
    """The entities an article names, how often, and as which spellings."""
    return read(db, """
        SELECT e.name, e.kind, e.type, count(*) AS mentions, list(DISTINCT m.surface ORDER BY m.surface) AS spellings
        FROM mentions m JOIN entities e USING (entity_id)
        WHERE m.article_id = ?
        GROUP BY e.name, e.kind, e.type
        ORDER BY mentions DESC, e.name
    """, [article_id])


RUN_ARTICLES_LIMIT = 1_000


def run_articles(db: DbPath, run_id: int, limit: int = RUN_ARTICLES_LIMIT) -> pd.DataFrame:
    """Articles written by one ingest run, newest first (at most `limit`), with how many facts each states;
    `total` holds how many articles the run wrote."""
    return read(db, f"""
        WITH run AS (SELECT article_id, title, published, lang FROM articles WHERE run_id = ?),
        -- the page's articles first: counting the facts of every article of a big run costs far more
        page AS (SELECT * FROM run ORDER BY published DESC NULLS LAST, title, article_id LIMIT {int(limit)}),
        stated AS (
            SELECT article_id, count(*) AS facts
            FROM (SELECT DISTINCT article_id, fact_type, fact_id FROM evidence
                  WHERE article_id IN (SELECT article_id FROM page))
            GROUP BY article_id
        )
        SELECT p.title, p.published, p.lang, coalesce(s.facts, 0) AS facts, p.article_id,
               (SELECT count(*) FROM run) AS total
        FROM page p LEFT JOIN stated s USING (article_id)
        ORDER BY p.published DESC NULLS LAST, p.title, p.article_id
    """, [run_id])


# ---------------------------------------------------------------- SQL console


def console_query(db: DbPath, sql: str, limit: int = DEFAULT_ROW_LIMIT,
                  timeout: float = DEFAULT_TIMEOUT_SECONDS) -> pd.DataFrame:
    """Run an analyst's query in the sandbox; `attrs` holds `truncated` and `seconds`.

    Raises QueryRefused, QueryTimeout or a duckdb.Error for the caller to show.
    """
    conn = _connect(db)
    try:
        result = run_query(conn, sql, limit=limit, timeout=timeout)
    finally:
        conn.close()
    frame = result.to_frame()
    frame.attrs.update(truncated=result.truncated, seconds=result.seconds)
    return frame


def schema_columns(db: DbPath) -> pd.DataFrame:
    """Every column of every table and view, tables first."""
    return read(db, """
        SELECT t.table_type, c.table_name, c.column_name, c.data_type
        FROM information_schema.columns c
        JOIN information_schema.tables t USING (table_catalog, table_schema, table_name)
        WHERE c.table_schema = 'main'
        ORDER BY t.table_type, c.table_name, c.ordinal_position
    """, limit=EXPORT_ROW_LIMIT)


def view_descriptions() -> pd.DataFrame:
    """Each analytic view with the comment that opens its definition file."""
    rows = []
    for path in view_files():
        text = path.read_text(encoding="utf-8")
        match = _VIEW_NAME.search(text)
        comment = " ".join(line.lstrip("- ").strip() for line in text[:match.start() if match else 0].splitlines()
                           if line.startswith("--"))
        if match:
            rows.append({"view": match.group(1), "description": comment})
    return pd.DataFrame(rows, columns=["view", "description"])
