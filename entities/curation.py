"""Analyst curation: merge, rename, retype, add aliases. Kept in data/curation.yaml and applied to the DB.

The file is the source of truth (it is under version control and applied at every gazetteer load,
so a rebuild from scratch gives the same graph); the database is updated at once as well.
"""

from __future__ import annotations

from pathlib import Path

from entities.db import connect
from entities.gazetteer import ORG_TYPES, curation_path, load_curation, load_gazetteer
from entities.names import fold

# (table, id column, name column) of every place an organisation is named
ORG_COLUMNS = (
    ("funding_rounds", "company_id", "company"),
    ("round_investors", "investor_id", "investor"),
    ("valuations", "company_id", "company"),
    ("funding_totals", "company_id", "company"),
    ("market_share_claims", "subject_id", "subject"),
    ("market_share_claims", "source_id", "source"),
    ("products", "maker_id", "maker"),
    ("product_catalog", "maker_id", "maker"),
    ("acquisitions", "acquirer_id", "acquirer"),
    ("acquisitions", "target_id", "target"),
    ("roles", "org_id", "org"),
    ("partnerships", "a_id", "a"),
    ("partnerships", "b_id", "b"),
)


def _save(update: str, item: dict[str, str]) -> None:
    cur = load_curation()
    getattr(cur, update).append(item)
    path = curation_path()
    path.write_text(cur.to_yaml(), encoding="utf-8")
    load_gazetteer.cache_clear()


def _org_id(conn: object, name: str) -> int | None:
    row = conn.execute("SELECT entity_id FROM entities WHERE kind = 'org' AND name = ?", [name]).fetchone()  # type: ignore[attr-defined]
    return int(row[0]) if row else None


def rename(old: str, new: str, db: Path) -> str:
    """Rename an organisation everywhere; the old name stays as an alias."""
    _save("renames", {"from": old, "to": new})
    if not db.exists():
        return f"recorded rename {old!r} -> {new!r} in {curation_path()}"
    conn = connect(db, retry_seconds=30)
    try:
        eid = _org_id(conn, old)
        if eid is None:
            return f"recorded rename {old!r} -> {new!r}; no such entity in {db} yet"
        conn.execute("BEGIN TRANSACTION")
        conn.execute("UPDATE entities SET name = ?, origin = 'curation' WHERE entity_id = ?", [new, eid])
        for table, id_col, name_col in ORG_COLUMNS:
            conn.execute(f"UPDATE {table} SET {name_col} = ? WHERE {id_col} = ?", [new, eid])
        conn.execute("INSERT INTO entity_aliases VALUES (?, ?, ?, 'latin', 'curation') ON CONFLICT DO NOTHING",
                     [eid, new, fold(new)])
        conn.execute("COMMIT")
    finally:
        conn.close()
    return f"renamed {old!r} -> {new!r} (recorded in {curation_path()})"


def merge(source: str, target: str, db: Path) -> str:
    """Merge organisation `source` into `target`: its aliases, mentions and facts move over."""
    _save("merges", {"from": source, "into": target})
    if not db.exists():
        return f"recorded merge {source!r} -> {target!r} in {curation_path()}"
    conn = connect(db, retry_seconds=30)
    try:
        src, dst = _org_id(conn, source), _org_id(conn, target)
        if src is None or dst is None:
            return f"recorded merge {source!r} -> {target!r}; {'source' if src is None else 'target'} not in {db} yet"
        conn.execute("BEGIN TRANSACTION")
        # a round that lists both keeps one investor row: the target, lead if either was
        conn.execute("UPDATE round_investors SET is_lead = TRUE WHERE investor_id = ? AND fact_id IN"
                     " (SELECT fact_id FROM round_investors WHERE investor_id = ? AND is_lead)", [dst, src])
        conn.execute("DELETE FROM round_investors WHERE investor_id = ? AND fact_id IN"
                     " (SELECT fact_id FROM round_investors WHERE investor_id = ?)", [src, dst])
        for table, id_col, name_col in ORG_COLUMNS:
            conn.execute(f"UPDATE {table} SET {id_col} = ?, {name_col} = ? WHERE {id_col} = ?", [dst, target, src])
        conn.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ?", [dst, src])
        conn.execute("INSERT INTO entity_aliases SELECT ?, alias, alias_norm, script, 'curation' FROM entity_aliases"
                     " WHERE entity_id = ? ON CONFLICT DO NOTHING", [dst, src])
        conn.execute("DELETE FROM entity_aliases WHERE entity_id = ?", [src])
        conn.execute("DELETE FROM entities WHERE entity_id = ?", [src])
        conn.execute("COMMIT")
    finally:
        conn.close()
    return f"merged {source!r} into {target!r} (recorded in {curation_path()})"


def set_type(name: str, type_: str, db: Path) -> str:
    """Set an organisation's type."""
    if type_ not in ORG_TYPES:
        raise ValueError(f"unknown type {type_!r}; one of: {', '.join(sorted(ORG_TYPES))}")
    _save("types", {"name": name, "type": type_})
    if db.exists():
        conn = connect(db, retry_seconds=30)
        try:
            conn.execute("UPDATE entities SET type = ?, verified = TRUE WHERE kind = 'org' AND name = ?", [type_, name])
        finally:
            conn.close()
    return f"{name!r} is now {type_} (recorded in {curation_path()})"


def add_alias(name: str, alias: str, db: Path) -> str:
    """Record another spelling of an organisation."""
    _save("aliases", {"name": name, "alias": alias})
    if db.exists():
        conn = connect(db, retry_seconds=30)
        try:
            eid = _org_id(conn, name)
            if eid is not None:
                conn.execute("INSERT INTO entity_aliases VALUES (?, ?, ?, NULL, 'curation') ON CONFLICT DO NOTHING",
                             [eid, alias, fold(alias)])
        finally:
            conn.close()
    return f"{alias!r} is now a spelling of {name!r} (recorded in {curation_path()})"


def show(db: Path, name: str) -> str:
    """A text card of an entity: type, aliases, facts it takes part in."""
    from analytics.sqlsafe import sandbox_connect

    conn = sandbox_connect(db)
    try:
        row = conn.execute(
            "SELECT e.entity_id, e.name, e.kind, e.type, e.country, e.ticker, e.verified FROM entities e"
            " LEFT JOIN entity_aliases a USING (entity_id) WHERE e.name = ? OR a.alias_norm = ? ORDER BY e.kind LIMIT 1",
            [name, fold(name)]).fetchone()
        if row is None:
            close = conn.execute("SELECT name FROM entities ORDER BY jaro_winkler_similarity(lower(name), lower(?)) DESC LIMIT 5",
                                 [name]).fetchall()
            return f"no entity named {name!r}; closest: {', '.join(r[0] for r in close)}"
        eid = row[0]
        lines = [f"{row[1]}  ({row[2]}, {row[3]}{', ' + row[4] if row[4] else ''}{', ' + row[5] if row[5] else ''})"
                 f"{'' if row[6] else '  [unverified]'}"]
        aliases = [r[0] for r in conn.execute("SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias", [eid]).fetchall()]
        lines.append("aliases: " + ", ".join(aliases))
        edges = conn.execute(
            "SELECT relation, src, dst, detail, n_sources FROM edges WHERE src_id = ? OR dst_id = ? ORDER BY relation, src, dst",
            [eid, eid]).fetchall()
        lines.append(f"edges ({len(edges)}):")
        lines.extend(f"  {r[1]} -[{r[0]}{' · ' + r[3] if r[3] else ''}]-> {r[2]}  ({r[4]} sources)" for r in edges)
        return "\n".join(lines)
    finally:
        conn.close()
