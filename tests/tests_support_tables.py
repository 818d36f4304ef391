"""Row counts of the knowledge base's tables, for comparing two databases."""

from __future__ import annotations

from pathlib import Path

from entities.db import connect

TABLES = ("articles", "evidence", "funding_rounds", "round_investors", "valuations", "market_share_claims",
          "products", "acquisitions", "roles", "partnerships", "funding_totals", "mentions", "entities")


def table_counts(db: Path) -> dict[str, int]:
    """Rows per table."""
    conn = connect(db)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in TABLES}
    finally:
        conn.close()
