"""Schema migrations: plain SQL files, applied once, recorded."""

from entities.db import migrate, migration_files


def test_migrations_are_recorded_once(mem_db) -> None:  # type: ignore[no-untyped-def]
    versions = [v for v, _ in migration_files()]
    recorded = [r[0] for r in mem_db.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()]
    assert recorded == versions
    assert migrate(mem_db) == []


def test_analysts_can_guess_the_table_names(mem_db) -> None:  # type: ignore[no-untyped-def]
    names = {r[0] for r in mem_db.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    for expected in ("articles", "entities", "entity_aliases", "mentions", "funding_rounds", "round_investors",
                     "valuations", "market_share_claims", "products", "acquisitions", "roles", "partnerships",
                     "evidence", "edges", "ingest_runs"):
        assert expected in names
    columns = {r[0] for r in mem_db.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'articles'").fetchall()}
    assert {"lang", "text", "title", "url", "published", "content_hash"} <= columns
