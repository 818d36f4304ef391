"""Graph questions over the `edges` view: neighbours, portfolios, co-investors, the path between two entities."""

from __future__ import annotations

from collections import deque
from pathlib import Path

import pandas as pd

from analytics.sqlsafe import run_query, sandbox_connect


def _frame(db: Path, sql: str, params: list[object]) -> pd.DataFrame:
    conn = sandbox_connect(db)
    try:
        return run_query(conn, sql, params=params).to_frame()
    finally:
        conn.close()


def neighbours(db: Path, name: str) -> pd.DataFrame:
    """Every edge touching an entity, in both directions."""
    return _frame(db, "SELECT src, relation, dst, detail, n_sources FROM edges WHERE src = ? OR dst = ?"
                      " ORDER BY relation, src, dst", [name, name])


def portfolio(db: Path, investor: str) -> pd.DataFrame:
    """The companies an investor backed, with rounds and rounds led."""
    return _frame(db, "SELECT company, rounds, rounds_led, round_capital_usd, first_round, last_round"
                      " FROM v_investor_portfolio WHERE investor = ? ORDER BY rounds DESC, company", [investor])


def co_investors(db: Path, investor: str) -> pd.DataFrame:
    """Investors that appear in the same rounds as `investor`."""
    return _frame(db, "SELECT CASE WHEN investor_a = ? THEN investor_b ELSE investor_a END AS co_investor,"
                      " shared_rounds, companies FROM v_co_investors WHERE ? IN (investor_a, investor_b)"
                      " ORDER BY shared_rounds DESC, co_investor", [investor, investor])


def shortest_path(db: Path, start: str, goal: str, max_hops: int = 6) -> list[tuple[str, str, str]]:
    """The shortest chain of edges between two entities, as (from, relation, to) steps; [] when none."""
    edges = _frame(db, "SELECT src, relation, dst FROM edges", [])
    links: dict[str, list[tuple[str, str]]] = {}
    for src, relation, dst in edges.itertuples(index=False):
        links.setdefault(src, []).append((relation, dst))
        links.setdefault(dst, []).append((f"{relation} (reverse)", src))
    if start not in links or goal not in links:
        return []
    previous: dict[str, tuple[str, str]] = {start: ("", "")}
    queue = deque([(start, 0)])
    while queue:
        node, hops = queue.popleft()
        if node == goal:
            break
        if hops >= max_hops:
            continue
        for relation, other in links.get(node, []):
            if other not in previous:
                previous[other] = (node, relation)
                queue.append((other, hops + 1))
    if goal not in previous:
        return []
    steps: list[tuple[str, str, str]] = []
    node = goal
    while node != start:
        parent, relation = previous[node]
        steps.append((parent, relation, node))
        node = parent
    return list(reversed(steps))
