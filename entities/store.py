"""Write extractions into the DuckDB entity graph: one fact per event, evidence per source.

A fact reported by several articles is one row with several evidence rows; each evidence row keeps what
its article said, and the fact row shows the best-supported value of every field. Articles are written in
batches: facts are matched in memory, rows are staged, and each batch is flushed in bulk inside one
transaction, so an article's facts land together or not at all.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import duckdb
import pandas as pd

from entities.gazetteer import Gazetteer, load_gazetteer
from entities.names import fold, has_cjk
from entities.tallies import (
    TALLY_COLUMNS,
    Tally,
    add_record,
    best_values,
    disputed,
    merge,
    reports,
    tallies_from_rows,
    tally_rows,
)
from ingest.language import chinese_script
from ingest.parse.dates import date_start
from ingest.records import FACT_KINDS, Extraction, Record, record_to_dict

ROUND_DATE_WINDOW_DAYS = 120
ROUND_AMOUNT_TOLERANCE = 0.25
VALUE_TOLERANCE = 0.10
ID_BLOCK = 512


@dataclass(frozen=True)
class ArticleStatus:
    """What storing an article will do: new, unchanged, or changed (replacing `previous`)."""

    status: str
    previous: str | None = None


@dataclass
class _Staged:
    """Rows waiting for the next flush."""

    entities: list[dict[str, Any]] = field(default_factory=list)
    aliases: list[tuple[int, str, str, str, str]] = field(default_factory=list)
    articles: list[list[Any]] = field(default_factory=list)
    sources: list[list[Any]] = field(default_factory=list)
    mentions: list[tuple[str, int, str, int, int]] = field(default_factory=list)
    facts: dict[str, list[tuple[int, dict[str, Any]]]] = field(default_factory=lambda: defaultdict(list))
    evidence: list[tuple[Any, ...]] = field(default_factory=list)
    dirty: set[tuple[str, int]] = field(default_factory=set)

    def empty(self) -> bool:
        """True when nothing waits to be written."""
        return not (self.entities or self.aliases or self.articles or self.sources or self.mentions
                    or any(self.facts.values()) or self.evidence or self.dirty)


class Store:
    """Persistence of articles, entities, facts and evidence on one DuckDB connection."""

    def __init__(self, conn: duckdb.DuckDBPyConnection, gazetteer: Gazetteer | None = None) -> None:
        self.conn = conn
        self.gaz = gazetteer or load_gazetteer()
        self._entity_cache: dict[tuple[str, str], int] = {}
        self._absent: set[str] = set()  # names known not to be in the entities table
        # facts matched in memory: (kind, key) -> fact ids; vote tallies of facts known in full, and the
        # reports staged since the last flush (entities/tallies.py)
        self._index: dict[tuple[str, str], list[int]] = {}
        self._tallies: dict[tuple[str, int], Tally] = {}
        self._deltas: dict[tuple[str, int], Tally] = {}
        self._unsaved: set[tuple[str, int]] = set()  # tallies in memory that fact_votes does not hold at all
        self._best: dict[tuple[str, int], tuple[Tally, int, dict[str, Any]]] = {}
        # best-supported values of stored facts, read from their rows: enough to match new records against,
        # so a fact's evidence is only read when that fact changes
        self._values: dict[tuple[str, int], dict[str, Any]] = {}
        self._id_pools: dict[str, list[int]] = {}
        self._staged = _Staged()
        self._curated = curated_names()
        from ingest.knowledge import knowledge_fingerprint

        self._knowledge = knowledge_fingerprint()
        self._product_names = [p.name for p in self.gaz.products]
        self._catalogue = {(p.name, p.maker): p for p in self.gaz.products}

    def _next_id(self, sequence: str) -> int:
        """The next value of a sequence, drawn in blocks to save a query per row."""
        pool = self._id_pools.setdefault(sequence, [])
        if not pool:
            rows = self.conn.execute(f"SELECT nextval('{sequence}') FROM range({ID_BLOCK})").fetchall()
            pool.extend(sorted((int(r[0]) for r in rows), reverse=True))
        return pool.pop()

    def _one(self, sql: str, params: list[Any] | None = None) -> tuple[Any, ...] | None:
        """First row of a query, with the result fully consumed (DuckDB 2 refuses new work otherwise)."""
        rows = self.conn.execute(sql, params or []).fetchall()
        return rows[0] if rows else None

    def _forget(self) -> None:
        """Drop every cache: after a rollback they may hold rows that were never written."""
        self._entity_cache.clear()
        self._absent.clear()
        self._tallies.clear()
        self._deltas.clear()
        self._unsaved.clear()
        self._best.clear()
        self._index.clear()
        self._values.clear()
        self._id_pools.clear()
        self._staged = _Staged()

    # ------------------------------------------------------------ entities

    def sync_gazetteer(self) -> int:
        """Insert gazetteer entities, aliases and catalogue rows not in the database yet (in bulk)."""
        import pandas as pd

        existing = {(k, n) for k, n in self.conn.execute("SELECT kind, name FROM entities").fetchall()}
        known_aliases = {(k, n, a) for k, n, a in self.conn.execute(
            "SELECT e.kind, e.name, a.alias_norm FROM entity_aliases a JOIN entities e USING (entity_id)").fetchall()}
        now = datetime.now()
        entity_rows: list[dict[str, Any]] = []
        alias_rows: list[tuple[str, str, str]] = []  # (kind, name, alias)
        catalog_rows: list[dict[str, Any]] = []
        for entry in self.gaz.orgs.values():
            # spellings added to an organisation already stored are recorded too
            alias_rows.extend(("org", entry.name, a) for a in {entry.name, *entry.aliases}
                              if ("org", entry.name, fold(a)) not in known_aliases)
            if ("org", entry.name) in existing:
                continue
            entity_rows.append({"name": entry.name, "kind": "org", "type": entry.type, "country": entry.country,
                                "ticker": entry.ticker, "parent": entry.parent})
        for person in self.gaz.people.values():
            alias_rows.extend(("person", person.name, a) for a in {person.name, *person.aliases}
                              if ("person", person.name, fold(a)) not in known_aliases)
            if ("person", person.name) not in existing:
                entity_rows.append({"name": person.name, "kind": "person", "type": "person", "country": None,
                                    "ticker": None, "parent": None})
        names = [p.name for p in self.gaz.products]
        for product in self.gaz.products:
            label = product_entity_name(product.name, product.maker, names)
            if ("product", label) in existing:
                continue
            entity_rows.append({"name": label, "kind": "product", "type": product.kind, "country": None,
                                "ticker": None, "parent": None})
            alias_rows.extend(("product", label, a) for a in {product.name, *product.aliases})
            catalog_rows.append({"label": label, "name": product.name, "maker": product.maker, "pkind": product.kind,
                                 "family": product.family, "node": product.node, "year": product.year})
        if not entity_rows and not alias_rows:
            self._load_entity_cache()
            return 0
        new_entities = pd.DataFrame(entity_rows, columns=["name", "kind", "type", "country", "ticker", "parent"])
        new_aliases = pd.DataFrame(
            [{"kind": k, "name": n, "alias": a, "alias_norm": fold(a),
              "script": (chinese_script(a) if has_cjk(a) else "latin")} for k, n, a in alias_rows],
            columns=["kind", "name", "alias", "alias_norm", "script"])
        new_catalog = pd.DataFrame(catalog_rows, columns=["label", "name", "maker", "pkind", "family", "node", "year"])
        self.conn.execute("BEGIN TRANSACTION")
        try:
            self.conn.register("new_entities", new_entities)
            self.conn.register("new_aliases", new_aliases)
            self.conn.register("new_catalog", new_catalog)
            self.conn.execute(
                "INSERT INTO entities (entity_id, name, kind, type, country, ticker, parent, verified, origin, created_at)"
                " SELECT nextval('entity_ids'), name, kind, type, country, ticker, parent, TRUE, 'gazetteer', ?"
                " FROM new_entities", [now])
            self.conn.execute(
                "INSERT INTO entity_aliases SELECT DISTINCT e.entity_id, a.alias, a.alias_norm, a.script, 'gazetteer'"
                " FROM new_aliases a JOIN entities e ON e.kind = a.kind AND e.name = a.name ON CONFLICT DO NOTHING")
            self.conn.execute(
                "INSERT INTO product_catalog SELECT p.entity_id, c.name, m.entity_id, c.maker, c.pkind, c.family,"
                " c.node, CAST(c.year AS INTEGER) FROM new_catalog c JOIN entities p ON p.kind = 'product' AND p.name = c.label"
                " LEFT JOIN entities m ON m.kind = 'org' AND m.name = c.maker")
            self.conn.execute("COMMIT")
        except Exception:
            self.conn.execute("ROLLBACK")
            raise
        finally:
            for view in ("new_entities", "new_aliases", "new_catalog"):
                self.conn.unregister(view)
        self._load_entity_cache()
        return len(entity_rows)

    def _load_entity_cache(self) -> None:
        rows = self.conn.execute("SELECT entity_id, kind, name FROM entities").fetchall()
        self._entity_cache.update({(k, n): int(i) for i, k, n in rows})

    def _load_entity_cache(self) -> None:
        rows = self.conn.execute("SELECT entity_id, kind, name FROM entities").fetchall()
        self._entity_cache.update({(k, n): int(i) for i, k, n in rows})

    def entity_id(self, name: str, kind: str, type_: str | None = None, *, create: bool = True) -> int | None:
        """Id of an entity by canonical name; unknown names become unverified entities (staged)."""
        key = (kind, name)
        if key in self._entity_cache:
            return self._entity_cache[key]
        # names a prefetch did not find need no second look
        row = None if name in self._absent else self._one(
            "SELECT entity_id FROM entities WHERE kind = ? AND name = ?", [kind, name])
        if row:
            self._entity_cache[key] = int(row[0])
            return int(row[0])
        if not create:
            return None
        eid = self._next_id("entity_ids")
        self._entity_cache[key] = eid
        self._staged.entities.append({"entity_id": eid, "name": name, "kind": kind,
                                      "type": type_ or ("person" if kind == "person" else "other")})
        self._stage_alias(eid, name)
        return eid

    def _stage_alias(self, entity_id: int, alias: str) -> None:
        script = chinese_script(alias) if has_cjk(alias) else "latin"
        self._staged.aliases.append((entity_id, alias, fold(alias), script or "latin", "extracted"))

    # ------------------------------------------------------------ articles

    def classify(self, article_id: str, source_key: str, lang: str | None = None) -> ArticleStatus:
        """Is this article new, already stored, or a changed version of what `source_key` held before?

        A text in another language at the same address is a translation, not a new version.
        """
        if self._one("SELECT 1 FROM articles WHERE article_id = ?", [article_id]):
            return ArticleStatus("unchanged")
        row = self._one("SELECT s.article_id FROM article_sources s JOIN articles a USING (article_id)"
                        " WHERE s.source_key = ? AND (? IS NULL OR a.lang = ?)", [source_key, lang, lang])
        if row and row[0] != article_id:
            return ArticleStatus("changed", row[0])
        return ArticleStatus("new")

    def _classify_all(self, items: list[tuple[Extraction, str]]) -> list[ArticleStatus]:
        """`classify` for a whole batch in two queries."""
        ids = [ex.article.article_id for ex, _ in items]
        keys = [key for _, key in items]
        stored = {r[0] for r in self.conn.execute(
            "SELECT article_id FROM articles WHERE article_id IN (SELECT unnest(?))", [ids]).fetchall()}
        previous: dict[tuple[str, str], str] = {
            (k, lang): a for k, a, lang in self.conn.execute(
                "SELECT s.source_key, s.article_id, a.lang FROM article_sources s JOIN articles a USING (article_id)"
                " WHERE s.source_key IN (SELECT unnest(?))", [keys]).fetchall()}
        out = []
        for ex, key in items:
            article = ex.article
            if article.article_id in stored:
                out.append(ArticleStatus("unchanged"))
                continue
            before = previous.get((key, article.lang))
            out.append(ArticleStatus("changed", before) if before and before != article.article_id else ArticleStatus("new"))
        return out

    def write(self, extraction: Extraction, source_key: str, run_id: int | None, extractor_version: str) -> dict[str, int]:
        """Store one article and its facts in one transaction; return new facts per kind."""
        return self.write_batch([(extraction, source_key)], run_id, extractor_version)[0][1]

    def write_batch(self, items: list[tuple[Extraction, str]], run_id: int | None,
                    extractor_version: str, *, replace: bool = False) -> list[tuple[ArticleStatus, dict[str, int]]]:
        """Store articles and their facts in one transaction; return (status, new facts per kind) each.

        With `replace`, the articles are stored ones re-extracted: their old facts make way for the new.
        """
        out: list[tuple[ArticleStatus, dict[str, int]]] = []
        seen: dict[str, ArticleStatus] = {}
        self._prefetch([ex for ex, _ in items])
        statuses = ([ArticleStatus("changed", ex.article.article_id) for ex, _ in items] if replace
                    else self._classify_all(items))
        self.conn.execute("BEGIN TRANSACTION")
        try:
            for (extraction, key), status in zip(items, statuses):
                article = extraction.article
                if status.status != "unchanged" and article.article_id in seen:
                    status = ArticleStatus("unchanged")  # the same text twice in one batch
                seen[article.article_id] = status
                added = {k: 0 for k in FACT_KINDS}
                if status.status == "unchanged":
                    self._flush()
                    self._add_source(article.article_id, key, article.source_path, article.url)
                    out.append((status, added))
                    continue
                if status.previous:
                    self._flush()
                    self._remove_article(status.previous, keep_sources=replace)
                self._stage_article(extraction, key, run_id, extractor_version)
                for kind in FACT_KINDS:
                    for record in extraction.records[kind]:
                        if self._stage_fact(kind, record, article.published):
                            added[kind] += 1
                out.append((status, added))
            self._flush()
            self.conn.execute("COMMIT")
        except Exception:
            self.conn.execute("ROLLBACK")
            self._forget()
            raise
        return out

    def _prefetch(self, extractions: list[Extraction]) -> None:
        """Load, in one query per kind, the stored facts and entities a batch will be matched against."""
        names: set[str] = set()
        keys: dict[str, set[str]] = defaultdict(set)
        for ex in extractions:
            names.update(m.canonical for m in ex.mentions)
            for kind in FACT_KINDS:
                for record in ex.records[kind]:
                    data = record_to_dict(record)
                    keys[kind].add(fact_key(kind, data))
                    names.update(v for k in NAME_FIELDS for v in _as_list(data.get(k)))
        self._prefetch_names(names)
        for kind, wanted in keys.items():
            todo = [k for k in wanted if (kind, k) not in self._index]
            if not todo:
                continue
            for k in todo:
                self._index[(kind, k)] = []
            self._load_facts(kind, f"{KEY_COLUMNS[kind]} IN (SELECT unnest(?))", [todo])

    def _prefetch_names(self, names: Iterable[str]) -> None:
        """Load the entity ids of names not cached yet, in one query."""
        missing = [n for n in names if n and not any((k, n) in self._entity_cache for k in ("org", "person"))]
        if missing:
            rows = self.conn.execute("SELECT entity_id, kind, name FROM entities WHERE name IN (SELECT unnest(?))",
                                     [missing]).fetchall()
            self._entity_cache.update({(k, n): int(i) for i, k, n in rows})
            self._absent.update(set(missing) - {n for _, _, n in rows})

    def _stage_article(self, extraction: Extraction, source_key: str, run_id: int | None, version: str) -> None:
        article = extraction.article
        self._staged.articles.append([
            article.article_id, article.content_hash, article.title, article.url, article.published, article.lang,
            chinese_script(article.text) if article.lang == "zh" else None, article.author, article.source_name,
            article.source_format, article.encoding, article.text, len(article.text), datetime.now(), run_id, version,
            self._knowledge])
        if source_key:
            self._staged.sources.append([source_key, article.article_id, article.source_path, article.url, datetime.now()])
        for m in extraction.mentions:
            kind = "org" if m.entity_type == "org" else m.entity_type
            if kind == "product":
                continue
            eid = self.entity_id(m.canonical, kind, "person" if kind == "person" else None)
            if eid is not None:
                self._staged.mentions.append((article.article_id, eid, m.surface, m.start, m.end))
                self._stage_alias(eid, m.surface)

    def _add_source(self, article_id: str, source_key: str, path: str, url: str | None) -> None:
        row = self._one("SELECT article_id FROM article_sources WHERE source_key = ?", [source_key])
        if row is None:
            self.conn.execute("INSERT INTO article_sources VALUES (?, ?, ?, ?, ?)",
                              [source_key, article_id, path, url, datetime.now()])
        elif row[0] != article_id:
            self.conn.execute("UPDATE article_sources SET article_id = ?, source_path = ?, url = ? WHERE source_key = ?",
                              [article_id, path, url, source_key])

    def remove_article(self, article_id: str) -> None:
        """Delete an article, its mentions and evidence; facts left without evidence go too."""
        self.conn.execute("BEGIN TRANSACTION")
        try:
            self._remove_article(article_id)
            self.conn.execute("COMMIT")
        except Exception:
            self.conn.execute("ROLLBACK")
            self._forget()
            raise

    def _remove_article(self, article_id: str, keep_sources: bool = False) -> None:
        touched = self.conn.execute(
            "SELECT DISTINCT fact_type, fact_id FROM evidence WHERE article_id = ?", [article_id]).fetchall()
        self.conn.execute("DELETE FROM evidence WHERE article_id = ?", [article_id])
        self.conn.execute("DELETE FROM mentions WHERE article_id = ?", [article_id])
        if not keep_sources:
            self.conn.execute("DELETE FROM article_sources WHERE article_id = ?", [article_id])
        self.conn.execute("DELETE FROM articles WHERE article_id = ?", [article_id])
        self._tallies.clear()
        self._unsaved.clear()
        self._best.clear()
        self._index.clear()
        remaining = {(k, int(f)): int(n) for k, f, n in self.conn.execute(
            "SELECT e.fact_type, e.fact_id, count(*) FROM evidence e"
            " SEMI JOIN (SELECT unnest(?) AS fact_type, unnest(?) AS fact_id) t USING (fact_type, fact_id)"
            " GROUP BY ALL", [[k for k, _ in touched], [f for _, f in touched]]).fetchall()}
        for kind, fact_id in touched:
            # the tally lost a report: it is counted again from the remaining evidence at the next refresh
            self.conn.execute("DELETE FROM fact_votes WHERE fact_type = ? AND fact_id = ?", [kind, fact_id])
            if not remaining.get((kind, int(fact_id))):
                self.conn.execute(f"DELETE FROM {TABLE[kind]} WHERE fact_id = ?", [fact_id])
                self.conn.execute("DELETE FROM fact_disputes WHERE fact_type = ? AND fact_id = ?", [kind, fact_id])
                if kind == "funding_rounds":
                    self.conn.execute("DELETE FROM round_investors WHERE fact_id = ?", [fact_id])
            else:
                self._staged.dirty.add((kind, fact_id))
        self._flush()

    # ------------------------------------------------------------ facts

    def _stage_fact(self, kind: str, record: Record, published: date | None) -> bool:
        data = record_to_dict(record)
        fact_id = self._find_fact(kind, data)
        is_new = fact_id is None
        if fact_id is None:
            fact_id = self._next_id("fact_ids")
            self._index[(kind, fact_key(kind, data))].append(fact_id)
            self._tallies[(kind, fact_id)] = {}
            self._unsaved.add((kind, fact_id))
            self._staged.facts[kind].append((fact_id, data))
        ev = record.evidence
        assert ev is not None
        evidence_id = self._next_id("evidence_ids")
        stored = json.dumps(data, default=str)
        self._staged.evidence.append((evidence_id, kind, fact_id, ev.article_id, ev.sentence,
                                      ev.start, ev.end, ev.extractor, stored))
        as_stored = json.loads(stored)  # count what evidence holds (dates as text), as a recount from it would
        add_record(self._deltas.setdefault((kind, fact_id), {}), as_stored, published, evidence_id)
        if (kind, fact_id) in self._tallies:  # keep known tallies current for matching within the batch
            add_record(self._tallies[(kind, fact_id)], as_stored, published, evidence_id)
        self._staged.dirty.add((kind, fact_id))
        return is_new

    def _find_fact(self, kind: str, data: dict[str, Any]) -> int | None:
        """The stored fact this record reports again, if any (matched in memory, per key)."""
        candidates = self._facts_for(kind, fact_key(kind, data))
        if kind in ("products", "acquisitions", "people", "partnerships"):
            return candidates[0] if candidates else None
        same = {"funding_rounds": same_round, "valuations": same_valuation, "market_share_claims": same_claim,
                "funding_totals": lambda c, d: _close(c.get("amount"), d.get("amount"), 0.02)}[kind]
        return next((fid for fid in candidates if same(self._consensus(kind, fid), data)), None)

    def _facts_for(self, kind: str, key: str) -> list[int]:
        """Fact ids stored under a key (company, subject|source|year, name|maker...), loaded once per key."""
        if (kind, key) not in self._index:
            self._index[(kind, key)] = []
            self._load_facts(kind, f"{KEY_COLUMNS[kind]} = ?", [key])
        return self._index[(kind, key)]

    def _load_facts(self, kind: str, where: str, params: list[Any]) -> None:
        """Index stored facts by key, with the values new records are matched against."""
        columns = VALUE_COLUMNS.get(kind, ())
        select = ", ".join(("fact_id", f"{KEY_COLUMNS[kind]} AS fact_key", *columns))
        for row in self.conn.execute(f"SELECT {select} FROM {TABLE[kind]} WHERE {where}", params).fetchall():
            fact_id = int(row[0])
            self._index.setdefault((kind, row[1]), []).append(fact_id)
            values = dict(zip(columns, row[2:]))
            if "date" in values and values["date"] is not None:
                values["date"] = str(values["date"])
            self._values[(kind, fact_id)] = values

    def _load_tallies(self, kind: str, fact_ids: list[int]) -> list[int]:
        """Put the stored tallies of facts in memory; a fact without one (an older database, or a fact that
        lost a report) is counted from its evidence and marked unsaved. Returns the facts so counted."""
        if not fact_ids:
            return []
        select = "SELECT fact_id, field, value, votes, latest, first_seen FROM fact_votes WHERE fact_type = ? AND "
        stored = tallies_from_rows(self.conn.execute(select + "fact_id = ?", [kind, fact_ids[0]]).fetchall()
                                   if len(fact_ids) == 1 else
                                   self.conn.execute(select + "fact_id IN (SELECT unnest(?))", [kind, fact_ids]).fetchall())
        recount = [f for f in fact_ids if f not in stored]
        counted: dict[int, Tally] = {f: {} for f in recount}
        if recount:
            for fid, record, published, evidence_id in self.conn.execute(
                    "SELECT e.fact_id, e.record, a.published, e.evidence_id FROM evidence e"
                    " LEFT JOIN articles a USING (article_id) WHERE e.fact_type = ? AND e.fact_id IN (SELECT unnest(?))",
                    [kind, recount]).fetchall():
                add_record(counted[int(fid)], json.loads(record), published, int(evidence_id))
        for f in fact_ids:
            self._tallies[(kind, f)] = stored.get(f) or counted.get(f, {})
        self._unsaved.update((kind, f) for f in recount)
        return recount

    def _full_tallies(self, kind: str, fact_ids: list[int]) -> dict[int, Tally]:
        """Complete tallies of facts with this batch's reports, written to fact_votes (the changes only, or
        the whole tally where none was stored)."""
        late = [f for f in fact_ids if (kind, f) not in self._tallies]
        # loaded only now, after this batch's evidence was written: a recount has the batch's reports already
        recounted = set(self._load_tallies(kind, late))
        for f in late:
            if f not in recounted:
                merge(self._tallies[(kind, f)], self._deltas.get((kind, f), {}))
        rows: list[tuple[Any, ...]] = []
        for f in fact_ids:
            delta = self._deltas.pop((kind, f), {})
            if (kind, f) in self._unsaved:
                self._unsaved.discard((kind, f))
                rows += tally_rows(kind, f, self._tallies[(kind, f)])
            else:
                rows += tally_rows(kind, f, delta)
        self._insert_frame("fact_votes", pd.DataFrame(rows, columns=TALLY_COLUMNS),
                           conflict="ON CONFLICT (fact_type, fact_id, field, value) DO UPDATE SET"
                                    " votes = fact_votes.votes + excluded.votes,"
                                    " latest = greatest(fact_votes.latest, excluded.latest),"
                                    " first_seen = least(fact_votes.first_seen, excluded.first_seen)")
        return {f: self._tallies[(kind, f)] for f in fact_ids}

    def _consensus(self, kind: str, fact_id: int) -> dict[str, Any]:
        """Best-supported values, as all reports so far (this batch's included) have them.

        A fact no report of this batch touched still shows them in its row; one that was touched is read
        from its tally, loaded the first time it is needed, so matching never depends on the batch size.
        """
        key = (kind, fact_id)
        if key not in self._tallies:
            if key not in self._deltas:
                return self._values.get(key, {})
            # load every fact of this kind touched so far in one query: later matches will want them too
            touched = [f for k, f in self._deltas if k == kind and (k, f) not in self._tallies]
            self._load_tallies(kind, touched)  # the stored tallies, or counts of the stored evidence
            for f in touched:
                merge(self._tallies[(kind, f)], self._deltas[(kind, f)])
        tally = self._tallies[key]
        # a fact is matched against many records: recount its best values only when a report was added
        cached = self._best.get(key)
        if cached is None or cached[0] is not tally or cached[1] != reports(tally):
            cached = (tally, reports(tally), best_values(tally, self._rename, NAME_FIELDS))
            self._best[key] = cached
        return cached[2]

    def _rename(self, name: str) -> str:
        return self._curated.get(name, name)

    # ------------------------------------------------------------ flushing staged rows

    def _insert_frame(self, table: str, frame: pd.DataFrame, select: str = "*", conflict: str = "") -> None:
        if frame.empty:
            return
        self.conn.register("staged_rows", frame)
        try:
            self.conn.execute(f"INSERT INTO {table} SELECT {select} FROM staged_rows {conflict}")
        finally:
            self.conn.unregister("staged_rows")

    def _flush(self) -> None:
        """Write every staged row in bulk: entities, articles, facts, evidence, refreshed fact values."""
        staged = self._staged
        if staged.empty():
            return
        self._flush_entities()
        self._insert_frame("articles", pd.DataFrame(staged.articles, columns=ARTICLE_COLUMNS))
        self._insert_frame("article_sources", pd.DataFrame(staged.sources, columns=SOURCE_COLUMNS),
                           conflict="ON CONFLICT (source_key) DO UPDATE SET article_id = excluded.article_id, "
                                    "source_path = excluded.source_path, url = excluded.url")
        self._insert_frame("mentions", pd.DataFrame(staged.mentions, columns=MENTION_COLUMNS))
        for kind, rows in staged.facts.items():
            self._insert_facts(kind, rows)
        self._insert_frame("evidence", pd.DataFrame(staged.evidence, columns=EVIDENCE_COLUMNS))
        by_kind: dict[str, list[int]] = defaultdict(list)
        for kind, fact_id in staged.dirty:
            by_kind[kind].append(fact_id)
        for kind, ids in by_kind.items():
            self._refresh(kind, sorted(ids))
        self._flush_entities()  # names first met while refreshing
        self._staged = _Staged()

    def _insert_facts(self, kind: str, rows: list[tuple[int, dict[str, Any]]]) -> None:
        org = lambda name: self.entity_id(name, "org") if name else None  # noqa: E731
        frame_rows = []
        for fact_id, d in rows:
            if kind == "funding_rounds":
                frame_rows.append((fact_id, org(d["company"]), d["company"], d["status"]))
            elif kind in ("valuations", "funding_totals"):
                frame_rows.append((fact_id, org(d["company"]), d["company"]))
            elif kind == "market_share_claims":
                frame_rows.append((fact_id, org(d["subject"]), d["subject"]))
            elif kind == "products":
                label = product_entity_name(d["name"], d.get("company"), self._product_names)
                frame_rows.append((fact_id, self.entity_id(label, "product", "chip"), d["name"], d.get("company")))
            elif kind == "acquisitions":
                frame_rows.append((fact_id, org(d["acquirer"]), d["acquirer"], org(d["target"]), d["target"], d["status"]))
            elif kind == "people":
                frame_rows.append((fact_id, self.entity_id(d["person"], "person", "person"), d["person"], d.get("org")))
            elif kind == "partnerships":
                a, b = partner_order(d)
                frame_rows.append((fact_id, org(a), a, org(b), b))
        columns = FACT_INSERT_COLUMNS[kind]
        self._flush_entities()
        self._insert_frame(f"{TABLE[kind]} ({', '.join(columns)})", pd.DataFrame(frame_rows, columns=list(columns)))

    def _flush_entities(self) -> None:
        """Entities named for the first time while building fact rows go in before the rows that use them."""
        staged = self._staged
        if staged.entities:
            now = datetime.now()
            self._insert_frame("entities", pd.DataFrame(staged.entities, columns=["entity_id", "name", "kind", "type"]),
                               "entity_id, name, kind, type, NULL, NULL, NULL, FALSE, 'extracted', "
                               f"TIMESTAMP '{now.isoformat(sep=' ')}'")
            staged.entities = []
        if staged.aliases:
            self._insert_frame("entity_aliases", pd.DataFrame(staged.aliases, columns=ALIAS_COLUMNS).drop_duplicates(
                ["entity_id", "alias_norm"]), conflict="ON CONFLICT DO NOTHING")
            staged.aliases = []

    def _refresh(self, kind: str, fact_ids: list[int]) -> None:
        """Recompute the best-supported values of facts from their evidence and update them in bulk."""
        org = lambda name: self.entity_id(name, "org") if name else None  # noqa: E731
        rows: list[dict[str, Any]] = []
        investors: list[tuple[int, int, str, bool]] = []
        disputes: list[tuple[str, int, str]] = []
        tallies = self._full_tallies(kind, fact_ids)
        sources = dict(self.conn.execute(
            "SELECT fact_id, count(DISTINCT article_id) FROM evidence WHERE fact_type = ? AND fact_id IN (SELECT unnest(?))"
            " GROUP BY fact_id", [kind, fact_ids]).fetchall())
        best = {f: best_values(t, self._rename, NAME_FIELDS) for f, t in tallies.items() if t and reports(t)}
        self._prefetch_names({v for c in best.values() for k in NAME_FIELDS for v in _as_list(c.get(k))})
        for fact_id in fact_ids:
            tally = tallies.get(fact_id)
            if fact_id not in best or tally is None:
                continue
            c = best[fact_id]
            disputes += [(kind, fact_id, name) for name in disputed(tally, DISPUTABLE_FIELDS.get(kind, ()))]
            row: dict[str, Any] = {"fact_id": fact_id, "n_sources": int(sources.get(fact_id, 0))}
            if kind == "funding_rounds":
                row.update(amount=c.get("amount"), amount_high=c.get("amount_high"), currency=c.get("currency"),
                           amount_usd=c.get("amount_usd"), round=c.get("round"), date=c.get("date"),
                           date_start=date_start(c.get("date")), valuation_usd=c.get("valuation_usd"),
                           status=c.get("status") or "closed")
                leads = set(c.get("lead_investors") or [])
                seen: set[int | None] = set()
                for name in c.get("investors") or []:
                    iid = org(name)
                    if iid not in seen:
                        seen.add(iid)
                        investors.append((fact_id, iid, name, name in leads))
            elif kind == "valuations":
                row.update(value_usd=c.get("value_usd"), value=c.get("value"), currency=c.get("currency"),
                           date=c.get("date"), date_start=date_start(c.get("date")), bound=c.get("bound"))
            elif kind == "funding_totals":
                row.update(amount_usd=c.get("amount_usd"), amount=c.get("amount"), currency=c.get("currency"),
                           bound=c.get("bound"), date=c.get("date"), date_start=date_start(c.get("date")))
            elif kind == "market_share_claims":
                row.update(market=c.get("market"), share_low=c.get("share_low"), share_high=c.get("share_high"),
                           bound=c.get("bound"), year=c.get("year"), period=c.get("period"),
                           source_id=org(c.get("source")), source=c.get("source"))
            elif kind == "products":
                entry = self._catalogue.get((c.get("name"), c.get("company")))
                row.update(maker_id=org(c.get("company")), maker=c.get("company"), kind=entry.kind if entry else None,
                           node=entry.node if entry else None, year=entry.year if entry else None)
            elif kind == "acquisitions":
                row.update(amount_usd=c.get("amount_usd"), amount=c.get("amount"), currency=c.get("currency"),
                           date=c.get("date"), date_start=date_start(c.get("date")), status=c.get("status") or "closed")
            elif kind == "people":
                row.update(role=c.get("role"), org_id=org(c.get("org")), org=c.get("org"))
            elif kind == "partnerships":
                row.update(what=c.get("what"))
            rows.append(row)
        if kind in DISPUTABLE_FIELDS:
            self._write_disputes(kind, fact_ids, disputes)
        if not rows:
            return
        self._flush_entities()
        frame = pd.DataFrame(rows)
        table = TABLE[kind]
        assignments = ", ".join(f"{col} = u.{col}" for col in frame.columns if col != "fact_id")
        self.conn.register("updated_rows", frame)
        try:
            self.conn.execute(f"UPDATE {table} SET {assignments} FROM updated_rows u WHERE {table}.fact_id = u.fact_id")
        finally:
            self.conn.unregister("updated_rows")
        if kind == "funding_rounds":
            self.conn.execute("DELETE FROM round_investors WHERE fact_id IN (SELECT unnest(?))", [fact_ids])
            self._insert_frame("round_investors", pd.DataFrame(investors, columns=["fact_id", "investor_id", "investor", "is_lead"]))

    def _write_disputes(self, kind: str, fact_ids: list[int], disputes: list[tuple[str, int, str]]) -> None:
        """Replace the disputed values of these facts: every report's value of each field they disagree on."""
        self.conn.execute("DELETE FROM fact_disputes WHERE fact_type = ? AND fact_id IN (SELECT unnest(?))",
                          [kind, fact_ids])
        if not disputes:
            return
        self.conn.register("disputed_now", pd.DataFrame(disputes, columns=["fact_type", "fact_id", "field"]))
        try:
            self.conn.execute(f"INSERT INTO fact_disputes SELECT * FROM ({DISPUTE_VALUES_SQL}) WHERE value IS NOT NULL")
        finally:
            self.conn.unregister("disputed_now")

    # ------------------------------------------------------------ runs

    def start_run(self, command: str, paths: Iterable[str], extractor_version: str) -> int:
        """Record the start of an ingest run."""
        run_id = int(self._one("SELECT nextval('run_ids')")[0])
        self.conn.execute("INSERT INTO ingest_runs (run_id, started_at, command, paths, status, extractor_version,"
                          " knowledge) VALUES (?, ?, ?, ?, 'running', ?, ?)",
                          [run_id, datetime.now(), command, json.dumps(list(paths)), extractor_version, self._knowledge])
        return run_id

    def record_error(self, run_id: int, path: str, reason: str, fatal: bool = True) -> None:
        """Record one problem met during a run."""
        self.conn.execute("INSERT INTO ingest_errors VALUES (?, ?, ?, ?)", [run_id, path, reason, fatal])

    def finish_run(self, run_id: int, status: str, counts: dict[str, int], facts: dict[str, int]) -> None:
        """Record the outcome of a run."""
        self.conn.execute(
            "UPDATE ingest_runs SET finished_at = ?, status = ?, articles_new = ?, articles_changed = ?,"
            " articles_unchanged = ?, articles_failed = ?, facts_added = ? WHERE run_id = ?",
            [datetime.now(), status, counts.get("new", 0), counts.get("changed", 0), counts.get("unchanged", 0),
             counts.get("failed", 0), json.dumps(facts), run_id])


ARTICLE_COLUMNS = ["article_id", "content_hash", "title", "url", "published", "lang", "script", "author", "source_name",
                   "source_format", "encoding", "text", "n_chars", "ingested_at", "run_id", "extractor_version",
                   "knowledge"]
SOURCE_COLUMNS = ["source_key", "article_id", "source_path", "url", "first_seen"]
MENTION_COLUMNS = ["article_id", "entity_id", "surface", "start_char", "end_char"]
ALIAS_COLUMNS = ["entity_id", "alias", "alias_norm", "script", "origin"]
EVIDENCE_COLUMNS = ["evidence_id", "fact_type", "fact_id", "article_id", "sentence", "start_char", "end_char",
                    "extractor", "record"]
FACT_INSERT_COLUMNS = {
    "funding_rounds": ("fact_id", "company_id", "company", "status"),
    "valuations": ("fact_id", "company_id", "company"),
    "funding_totals": ("fact_id", "company_id", "company"),
    "market_share_claims": ("fact_id", "subject_id", "subject"),
    "products": ("fact_id", "product_id", "name", "maker"),
    "acquisitions": ("fact_id", "acquirer_id", "acquirer", "target_id", "target", "status"),
    "people": ("fact_id", "person_id", "person", "org"),
    "partnerships": ("fact_id", "a_id", "a", "b_id", "b"),
}
TABLE = {k: ("roles" if k == "people" else k) for k in FACT_KINDS}
# The column that holds a fact's key, as computed by `fact_key`.
# Columns of a fact row that matching compares (same_round, same_valuation, same_claim...).
VALUE_COLUMNS = {
    "funding_rounds": ("amount", "currency", "amount_usd", "round", "date", "status", "valuation_usd"),
    "valuations": ("value_usd", "value", "currency", "date"),
    "funding_totals": ("amount", "currency"),
    "market_share_claims": ("market", "share_low", "share_high", "bound", "year", "period", "source"),
}
KEY_COLUMNS = {
    "funding_rounds": "company",
    "valuations": "company",
    "funding_totals": "company",
    "market_share_claims": "subject || '|' || coalesce(source, '') || '|' || coalesce(CAST(year AS VARCHAR), '')",
    "products": "name || '|' || coalesce(maker, '')",
    "acquisitions": "acquirer || '|' || target",
    "people": "person || '|' || coalesce(org, '')",
    "partnerships": "a || '|' || b",
}


NAME_FIELDS = ("company", "subject", "source", "acquirer", "target", "org", "a", "b", "lead_investors", "investors")


def curated_names() -> dict[str, str]:
    """Old name -> current name, from the curation file's renames and merges (chains followed)."""
    from entities.gazetteer import load_curation

    cur = load_curation()
    mapping = {m["from"]: m["into"] for m in cur.merges} | {r["from"]: r["to"] for r in cur.renames}
    for old in list(mapping):
        seen = {old}
        while mapping[old] in mapping and mapping[old] not in seen:
            seen.add(mapping[old])
            mapping[old] = mapping[mapping[old]]
    return mapping


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def fact_key(kind: str, data: dict[str, Any]) -> str:
    """The key stored facts of a kind are looked up by (a company, a subject, a product and maker...)."""
    if kind in ("funding_rounds", "valuations", "funding_totals"):
        return str(data["company"])
    if kind == "market_share_claims":
        # claims only merge with the same source and year, so those narrow the key
        return f"{data['subject']}|{data.get('source') or ''}|{data.get('year') if data.get('year') is not None else ''}"
    if kind == "products":
        return f"{data['name']}|{data.get('company') or ''}"
    if kind == "acquisitions":
        return f"{data['acquirer']}|{data['target']}"
    if kind == "people":
        return f"{data['person']}|{data.get('org') or ''}"
    a, b = partner_order(data)
    return f"{a}|{b}"


def partner_order(data: dict[str, Any]) -> tuple[str, str]:
    """Plain partners in name order (one fact whoever is named first); foundry and supply deals provider first."""
    if data.get("what") in ("foundry", "supply"):
        return data["a"], data["b"]
    first, second = sorted([data["a"], data["b"]])
    return first, second


def product_entity_name(name: str, maker: str | None, all_names: list[str]) -> str:
    """Product names shared by several makers ("HBM3E") are qualified by maker."""
    if maker and all_names.count(name) > 1:
        return f"{name} ({maker})"
    return name


# The fields on which two reports of one fact may disagree in a way an analyst should see.
DISPUTABLE_FIELDS: dict[str, tuple[str, ...]] = {
    "funding_rounds": ("amount", "valuation_usd", "date"),
    "acquisitions": ("date", "amount_usd"),
    "valuations": ("value_usd",),
    "people": ("role",),
}


# Each report's value of a disputed field, as text; amounts carry their currency ("640000000.0 USD").
DISPUTE_VALUES_SQL = """
    SELECT e.fact_type, e.fact_id, d.field,
           CASE WHEN d.field = 'amount'
                THEN json_extract_string(e.record, '$.amount') || ' '
                     || coalesce(json_extract_string(e.record, '$.currency'), '')
                ELSE json_extract_string(e.record, '$.' || d.field) END AS value,
           e.article_id
    FROM evidence e JOIN disputed_now d USING (fact_type, fact_id)"""


def consensus(records: list[tuple[dict[str, Any], date | None]]) -> dict[str, Any]:
    """Best-supported value of each field of a list of (record, article date): most sources, then the most
    recent article, then the first seen; investor lists merge."""
    tally: Tally = {}
    for sequence, (record, published) in enumerate(records):
        add_record(tally, record, published, sequence)
    return best_values(tally)


def _close(a: float | None, b: float | None, tol: float) -> bool:
    if a is None or b is None:
        return False
    return abs(a - b) <= tol * max(abs(a), abs(b), 1e-9)


def _dates_close(a: str | None, b: str | None, days: int) -> bool:
    if not a or not b:
        return True
    if a.startswith(b) or b.startswith(a):
        return True
    da, db = date_start(a), date_start(b)
    if da is None or db is None:
        return True
    return abs((da - db).days) <= days


def same_round(stored: dict[str, Any], new: dict[str, Any]) -> bool:
    """Two reports of one round: dates close, and amounts close or the same round label."""
    if not _dates_close(stored.get("date"), new.get("date"), ROUND_DATE_WINDOW_DAYS):
        return False
    if stored.get("round") and new.get("round") and stored["round"] != new["round"]:
        return False
    a, b = stored.get("amount_usd"), new.get("amount_usd")
    if a is not None and b is not None:
        return _close(a, b, ROUND_AMOUNT_TOLERANCE)
    if stored.get("round") and stored.get("round") == new.get("round"):
        return True
    return a is None and b is None and bool(stored.get("date")) and stored.get("date") == new.get("date")


def same_valuation(stored: dict[str, Any], new: dict[str, Any]) -> bool:
    """Two reports of one valuation: same period, or the same value when undated."""
    if stored.get("date") and new.get("date"):
        return _dates_close(stored["date"], new["date"], ROUND_DATE_WINDOW_DAYS)
    return _close(stored.get("value_usd") or stored.get("value"), new.get("value_usd") or new.get("value"), VALUE_TOLERANCE)


def same_claim(stored: dict[str, Any], new: dict[str, Any]) -> bool:
    """Market-share claims are only merged when source, period and figure all agree."""
    if (stored.get("source") or "") != (new.get("source") or ""):
        return False
    if stored.get("year") != new.get("year") or (stored.get("period") or "") != (new.get("period") or ""):
        return False
    if fold(stored.get("market") or "") != fold(new.get("market") or ""):
        return False
    for key in ("share_low", "share_high"):
        a, b = stored.get(key), new.get(key)
        if (a is None) != (b is None) or (a is not None and abs(a - b) > 0.005):
            return False
    return True
