"""The knowledge an extraction depends on (gazetteer, lexicons, curation, extractor versions), as fingerprints,
and which stored articles a change of it may affect."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

import duckdb

from accelkb.config import data_dir
from entities.gazetteer import gazetteer_files, load_gazetteer
from entities.names import fold


@lru_cache(maxsize=1)
def rules_fingerprint() -> str:
    """Hash of what is not the gazetteer: lexicons and extractor versions. A change means re-extract all."""
    from ingest.extractors.registry import version_string

    digest = hashlib.sha256(version_string().encode())
    for path in sorted((data_dir() / "lexicon").glob("*.yaml")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@lru_cache(maxsize=1)
def gazetteer_fingerprint() -> str:
    """Hash of the gazetteer and curation files."""
    digest = hashlib.sha256()
    for path in gazetteer_files():
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def knowledge_fingerprint() -> str:
    """The knowledge stamp stored with each article: rules, then gazetteer."""
    return f"{rules_fingerprint()}.{gazetteer_fingerprint()}"


@dataclass(frozen=True)
class Staleness:
    """Stored articles extracted with other knowledge than the current one, and what to do about them."""

    rules_changed: list[str]
    gazetteer_changed: list[str]
    new_spellings: list[str]

    @property
    def count(self) -> int:
        """How many articles are stale."""
        return len(self.rules_changed) + len(self.gazetteer_changed)

    def message(self) -> str:
        """One line for the terminal."""
        if not self.count:
            return ""
        return (f"{self.count} stored articles were extracted with other rules or gazetteer than now "
                f"({len(self.rules_changed)} need a full re-extraction, {len(self.gazetteer_changed)} only a "
                f"check for {len(self.new_spellings)} new spellings); run `accelkb rebuild` to bring them up to date")


def current_spellings() -> list[str]:
    """Every folded spelling the gazetteer knows (organisations and products)."""
    gaz = load_gazetteer()
    spellings = {fold(a) for o in gaz.orgs.values() for a in (o.name, *o.aliases)}
    spellings |= {fold(a) for p in gaz.products for a in (p.name, *p.aliases)}
    return sorted(s for s in spellings if s)


def record_gazetteer_version(conn: duckdb.DuckDBPyConnection) -> None:
    """Remember the spellings of the current gazetteer version (once per version)."""
    conn.execute("INSERT INTO gazetteer_versions VALUES (?, ?, now()) ON CONFLICT DO NOTHING",
                 [gazetteer_fingerprint(), current_spellings()])


def staleness(conn: duckdb.DuckDBPyConnection) -> Staleness:
    """Compare each stored article's knowledge stamp with the current knowledge."""
    rules, gazetteer = rules_fingerprint(), gazetteer_fingerprint()
    rows = conn.execute("SELECT article_id, coalesce(knowledge, '') FROM articles").fetchall()
    rules_changed = [a for a, k in rows if not k.startswith(rules + ".")]
    gazetteer_changed = [a for a, k in rows if k.startswith(rules + ".") and k != f"{rules}.{gazetteer}"]
    old_versions = {k.split(".", 1)[1] for a, k in rows if a in set(gazetteer_changed)}
    return Staleness(rules_changed, gazetteer_changed, new_spellings(conn, old_versions) if gazetteer_changed else [])


def new_spellings(conn: duckdb.DuckDBPyConnection, old_versions: set[str]) -> list[str]:
    """Spellings the current gazetteer has and the older versions did not (all of them if a version is unknown)."""
    now = set(current_spellings())
    known: set[str] | None = None
    for version in old_versions:
        row = conn.execute("SELECT spellings FROM gazetteer_versions WHERE fingerprint = ?", [version]).fetchall()
        if not row:
            return sorted(now)
        known = set(row[0][0]) if known is None else known & set(row[0][0])
    return sorted(now - (known or set()))


def affected(conn: duckdb.DuckDBPyConnection, stale: Staleness) -> list[str]:
    """Articles to re-extract: all with older rules, and those with older gazetteer that mention a new spelling."""
    out = list(stale.rules_changed)
    if stale.gazetteer_changed and stale.new_spellings:
        needles = [s for s in stale.new_spellings if len(s) >= 2]
        texts = conn.execute("SELECT article_id, text FROM articles WHERE article_id IN (SELECT unnest(?))",
                             [stale.gazetteer_changed]).fetchall()
        for article_id, text in texts:
            folded = fold(text)
            if any(n in folded for n in needles):
                out.append(article_id)
    return out
