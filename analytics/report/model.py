"""The weekly report as plain typed data: what every renderer (and the dashboard) works from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar, Literal

from analytics.report.weeks import IsoWeek

DateBasis = Literal["article", "ingest"]
Unit = Literal["count", "usd"]


@dataclass(frozen=True)
class Source:
    """An article that states a fact: what to cite and, when known, the sentence that says it."""

    title: str
    url: str | None
    published: dt.date | None
    outlet: str | None = None
    quote: str = ""


@dataclass(frozen=True)
class ConflictValue:
    """One of several values the sources give for a field, with the articles that give it."""

    value: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Conflict:
    """A field of a fact on which the sources disagree (from v_fact_conflicts); raw values as stored."""

    field: str
    values: tuple[ConflictValue, ...]


@dataclass(frozen=True)
class Fact:
    """What every reported fact has: its id, when it was first seen, its sources and disputes."""

    FACT_TYPE: ClassVar[str]
    TITLE: ClassVar[str]

    fact_id: int
    first_seen: dt.date
    sources: tuple[Source, ...]
    conflicts: tuple[Conflict, ...]

    @property
    def disputed_fields(self) -> tuple[str, ...]:
        """Fields the sources disagree on."""
        return tuple(c.field for c in self.conflicts)

    @property
    def label(self) -> str:
        """A short name of the fact for cross-references."""
        raise NotImplementedError


@dataclass(frozen=True)
class FundingRound(Fact):
    """A funding round; `earlier` when its stated date ends before the week of its first report."""

    FACT_TYPE: ClassVar[str] = "funding_rounds"
    TITLE: ClassVar[str] = "Funding rounds"

    company: str
    amount: float | None
    currency: str | None
    amount_usd: float | None
    round: str | None
    date: str | None
    status: str
    lead_investors: tuple[str, ...]
    investors: tuple[str, ...]
    valuation_usd: float | None
    earlier: bool

    @property
    def label(self) -> str:
        """Company and round."""
        return f"{self.company} {self.round or 'round'}"


@dataclass(frozen=True)
class Valuation(Fact):
    """A valuation beside the company's previous one (`change` = value / previous - 1)."""

    FACT_TYPE: ClassVar[str] = "valuations"
    TITLE: ClassVar[str] = "Valuations"

    company: str
    value_usd: float
    value: float | None
    currency: str | None
    date: str | None
    bound: str | None
    previous_usd: float | None
    previous_date: dt.date | None
    change: float | None
    earlier: bool

    @property
    def label(self) -> str:
        """Company valuation."""
        return f"{self.company} valuation"


@dataclass(frozen=True)
class ShareClaim(Fact):
    """A market-share claim: who is said to hold how much of what, and who says so."""

    FACT_TYPE: ClassVar[str] = "market_share_claims"
    TITLE: ClassVar[str] = "Market-share claims"

    subject: str
    market: str | None
    share_low: float | None
    share_high: float | None
    bound: str | None
    year: int | None
    period: str | None
    claimed_by: str

    @property
    def label(self) -> str:
        """Subject and market."""
        return f"{self.subject} share of {self.market or 'its market'}"


@dataclass(frozen=True)
class ProductNews(Fact):
    """A product reported with its maker."""

    FACT_TYPE: ClassVar[str] = "products"
    TITLE: ClassVar[str] = "Products"

    name: str
    maker: str | None
    kind: str | None
    node: str | None
    year: int | None

    @property
    def label(self) -> str:
        """Maker and product."""
        return f"{self.maker} {self.name}" if self.maker else self.name


@dataclass(frozen=True)
class Acquisition(Fact):
    """An acquisition; `earlier` as for funding rounds."""

    FACT_TYPE: ClassVar[str] = "acquisitions"
    TITLE: ClassVar[str] = "Acquisitions"

    acquirer: str
    target: str
    amount_usd: float | None
    amount: float | None
    currency: str | None
    date: str | None
    status: str
    earlier: bool

    @property
    def label(self) -> str:
        """Acquirer and target."""
        return f"{self.acquirer} buys {self.target}"


@dataclass(frozen=True)
class PeopleMove(Fact):
    """A person in a role at an organisation."""

    FACT_TYPE: ClassVar[str] = "people"
    TITLE: ClassVar[str] = "People"

    person: str
    role: str | None
    org: str | None

    @property
    def label(self) -> str:
        """Person, role and organisation."""
        return f"{self.person}, {self.role or 'role'} at {self.org or '?'}"


@dataclass(frozen=True)
class Partnership(Fact):
    """Two organisations working together."""

    FACT_TYPE: ClassVar[str] = "partnerships"
    TITLE: ClassVar[str] = "Partnerships"

    a: str
    b: str
    what: str | None

    @property
    def label(self) -> str:
        """Both partners."""
        return f"{self.a} and {self.b}"


@dataclass(frozen=True)
class Headline:
    """One headline figure for the week, the week before, and the ISO year to date."""

    label: str
    this_week: float
    previous_week: float
    year_to_date: float
    unit: Unit = "count"


@dataclass(frozen=True)
class WeeklyReport:
    """Everything new in one ISO week, dated by article date or by ingest date."""

    week: IsoWeek
    by: DateBasis
    generated_at: dt.datetime
    headlines: tuple[Headline, ...]
    funding_rounds: tuple[FundingRound, ...]
    valuations: tuple[Valuation, ...]
    share_claims: tuple[ShareClaim, ...]
    products: tuple[ProductNews, ...]
    acquisitions: tuple[Acquisition, ...]
    people: tuple[PeopleMove, ...]
    partnerships: tuple[Partnership, ...]
    capital_by_company: tuple[tuple[str, float], ...]
    cumulative_capital: tuple[tuple[IsoWeek, float], ...]

    @property
    def facts(self) -> tuple[Fact, ...]:
        """Every fact in the report, section by section."""
        return (*self.funding_rounds, *self.valuations, *self.share_claims, *self.products,
                *self.acquisitions, *self.people, *self.partnerships)

    @property
    def is_empty(self) -> bool:
        """Nothing was first seen in this week."""
        return not self.facts

    @property
    def disputed(self) -> tuple[Fact, ...]:
        """Facts whose sources disagree."""
        return tuple(f for f in self.facts if f.conflicts)

    @property
    def basis_text(self) -> str:
        """How "new in the week" is decided, in words."""
        if self.by == "ingest":
            return "facts first ingested into the knowledge base during the week"
        return "facts first reported in articles dated in the week"
