"""Typed records that extraction emits and the store persists; each carries its evidence."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any, ClassVar


@dataclass(frozen=True)
class Evidence:
    """Where a fact is stated: the sentence and its character span in the article text."""

    article_id: str
    sentence: str
    start: int
    end: int
    extractor: str

    def to_json(self) -> dict[str, Any]:
        """Return the evidence object of the `extract --jsonl` contract."""
        return {"sentence": self.sentence, "start": self.start, "end": self.end, "extractor": self.extractor}


@dataclass(frozen=True)
class Record:
    """Base class of every fact record; `kind` names its list in the JSON contract."""

    kind: ClassVar[str] = ""
    org_fields: ClassVar[tuple[str, ...]] = ()  # fields holding organisation names (a name or a tuple of names)
    evidence: Evidence | None = field(default=None, compare=False, kw_only=True)

    def to_json(self) -> dict[str, Any]:
        """Return the record as the schema's JSON object, evidence included."""
        out: dict[str, Any] = {}
        for f in fields(self):
            if f.name == "evidence":
                continue
            value = getattr(self, f.name)
            out[f.name] = list(value) if isinstance(value, tuple) else value
        out["evidence"] = self.evidence.to_json() if self.evidence else None
        return out


@dataclass(frozen=True)
class FundingRound(Record):
    """Money raised by a company in one round (or loan, or IPO)."""

    kind: ClassVar[str] = "funding_rounds"
    org_fields: ClassVar[tuple[str, ...]] = ("company", "lead_investors", "investors")
    company: str
    amount: float | None = None
    amount_high: float | None = None
    currency: str | None = None
    amount_usd: float | None = None
    round: str | None = None
    date: str | None = None
    lead_investors: tuple[str, ...] = ()
    investors: tuple[str, ...] = ()
    valuation_usd: float | None = None
    status: str = "closed"


@dataclass(frozen=True)
class Valuation(Record):
    """A stated valuation of a company at a date."""

    kind: ClassVar[str] = "valuations"
    org_fields: ClassVar[tuple[str, ...]] = ("company",)
    company: str
    value_usd: float | None = None
    value: float | None = None
    currency: str | None = None
    date: str | None = None
    bound: str | None = None


@dataclass(frozen=True)
class ShareClaim(Record):
    """A market-share claim: who holds what share of which market, per whom."""

    kind: ClassVar[str] = "market_share_claims"
    org_fields: ClassVar[tuple[str, ...]] = ("subject", "source")
    subject: str
    market: str | None = None
    share_low: float | None = None
    share_high: float | None = None
    bound: str | None = None
    year: int | None = None
    period: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Product(Record):
    """A named chip, accelerator, system or memory part and its maker."""

    kind: ClassVar[str] = "products"
    org_fields: ClassVar[tuple[str, ...]] = ("company",)
    name: str
    company: str | None = None


@dataclass(frozen=True)
class Acquisition(Record):
    """One organization buying another."""

    kind: ClassVar[str] = "acquisitions"
    org_fields: ClassVar[tuple[str, ...]] = ("acquirer", "target")
    acquirer: str
    target: str
    amount_usd: float | None = None
    amount: float | None = None
    currency: str | None = None
    date: str | None = None
    status: str = "closed"


@dataclass(frozen=True)
class Role(Record):
    """A person holding a role at an organization."""

    kind: ClassVar[str] = "people"
    org_fields: ClassVar[tuple[str, ...]] = ("org",)
    person: str
    role: str | None = None
    org: str | None = None


@dataclass(frozen=True)
class Partnership(Record):
    """Two organizations working together (supply, foundry, distribution, joint venture...)."""

    kind: ClassVar[str] = "partnerships"
    org_fields: ClassVar[tuple[str, ...]] = ("a", "b")
    a: str
    b: str
    what: str | None = None


@dataclass(frozen=True)
class FundingTotal(Record):
    """A cumulative amount raised to date: its own fact, never a round."""

    kind: ClassVar[str] = "funding_totals"
    org_fields: ClassVar[tuple[str, ...]] = ("company",)
    company: str
    amount_usd: float | None = None
    amount: float | None = None
    currency: str | None = None
    bound: str | None = None
    date: str | None = None


RECORD_TYPES: tuple[type[Record], ...] = (
    FundingRound,
    Valuation,
    ShareClaim,
    Product,
    Acquisition,
    Role,
    Partnership,
    FundingTotal,
)
FACT_KINDS: tuple[str, ...] = tuple(t.kind for t in RECORD_TYPES)
SCORED_KINDS: tuple[str, ...] = FACT_KINDS[:7]


@dataclass(frozen=True)
class Article:
    """One news article as read from a source file, before extraction."""

    article_id: str
    text: str
    title: str | None
    published: date | None
    lang: str
    source_path: str
    key: str
    url: str | None = None
    author: str | None = None
    source_name: str | None = None
    content_hash: str = ""
    source_format: str = "text"
    encoding: str = "utf-8"

    def meta_json(self) -> dict[str, Any]:
        """Return the `article` object of the JSON contract (no text)."""
        return {
            "id": self.article_id,
            "key": self.key,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "lang": self.lang,
            "url": self.url,
            "author": self.author,
            "format": self.source_format,
            "encoding": self.encoding,
        }


@dataclass(frozen=True)
class Mention:
    """A surface form of an entity in an article, resolved or not."""

    surface: str
    canonical: str
    entity_type: str
    start: int
    end: int
    known: bool


@dataclass
class Extraction:
    """Everything extracted from one article."""

    article: Article
    records: dict[str, list[Record]] = field(default_factory=lambda: {k: [] for k in FACT_KINDS})
    mentions: list[Mention] = field(default_factory=list)

    def add(self, record: Record) -> None:
        """Append a record to the list of its kind."""
        self.records[record.kind].append(record)

    def to_json(self, source: str | None = None) -> dict[str, Any]:
        """Return the `accelkb extract --jsonl` object for this article."""
        out: dict[str, Any] = {"source": source if source is not None else self.article.source_path}
        out["article"] = self.article.meta_json()
        for kind in FACT_KINDS:
            out[kind] = [r.to_json() for r in self.records[kind]]
        return out


RECORD_BY_KIND: dict[str, type[Record]] = {t.kind: t for t in RECORD_TYPES}


def record_from_json(kind: str, data: dict[str, Any], article_id: str) -> Record:
    """Rebuild a record from its `to_json` form (lists back to tuples, evidence object back to Evidence)."""
    cls = RECORD_BY_KIND[kind]
    names = {f.name for f in fields(cls)} - {"evidence"}
    values = {k: (tuple(v) if isinstance(v, list) else v) for k, v in data.items() if k in names}
    ev = data.get("evidence")
    evidence = Evidence(article_id, ev["sentence"], ev["start"], ev["end"], ev["extractor"]) if ev else None
    return cls(**values, evidence=evidence)


def extraction_to_row(extraction: Extraction) -> dict[str, Any]:
    """A flat, picklable/Parquet-friendly form of an extraction: the article, and facts and mentions as JSON."""
    a = extraction.article
    return {
        "article_id": a.article_id, "text": a.text, "title": a.title,
        "published": a.published.isoformat() if a.published else None, "lang": a.lang,
        "source_path": a.source_path, "key": a.key, "url": a.url, "author": a.author, "source_name": a.source_name,
        "content_hash": a.content_hash, "source_format": a.source_format, "encoding": a.encoding,
        "records": json.dumps({k: [r.to_json() for r in v] for k, v in extraction.records.items()}, ensure_ascii=False),
        "mentions": json.dumps([asdict(m) for m in extraction.mentions], ensure_ascii=False),
    }


def extraction_from_row(row: dict[str, Any]) -> Extraction:
    """Inverse of `extraction_to_row`."""
    published = date.fromisoformat(row["published"]) if row.get("published") else None
    article = Article(article_id=row["article_id"], text=row["text"], title=row.get("title"), published=published,
                      lang=row["lang"], source_path=row["source_path"], key=row["key"], url=row.get("url"),
                      author=row.get("author"), source_name=row.get("source_name"),
                      content_hash=row.get("content_hash") or "", source_format=row.get("source_format") or "text",
                      encoding=row.get("encoding") or "utf-8")
    result = Extraction(article=article)
    for kind, items in json.loads(row["records"]).items():
        for item in items:
            result.add(record_from_json(kind, item, article.article_id))
    result.mentions = [Mention(**m) for m in json.loads(row["mentions"])]
    return result


def record_to_dict(record: Record) -> dict[str, Any]:
    """Return a record's fields without evidence (for comparisons and storage)."""
    data = asdict(record)
    data.pop("evidence", None)
    return data
