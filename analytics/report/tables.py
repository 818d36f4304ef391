"""What the renderers share: number formats, safe links, and the columns of every report section."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from analytics.report.model import (Acquisition, Fact, FundingRound, Headline, Partnership, PeopleMove,
                                    ProductNews, ShareClaim, Source, Valuation, WeeklyReport)

CellValue = str | float | int | date | None
USD_FORMAT = '"$"#,##0'
SHARE_FORMAT = "0.0%"
CHANGE_FORMAT = "+0%;-0%;0%"
LINK_SCHEMES = ("http", "https")
_SCALES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))


@dataclass(frozen=True)
class Column:
    """A column: its header and how to read its cell from a fact; `number_format` for the spreadsheet."""

    header: str
    value: Callable[[Any], CellValue]
    number_format: str | None = None


@dataclass(frozen=True)
class Section:
    """One fact type of the report: short display columns (HTML, Markdown) and all columns (spreadsheet)."""

    key: str
    title: str
    facts: Sequence[Fact]
    display: tuple[Column, ...]
    full: tuple[Column, ...]

    @property
    def empty_text(self) -> str:
        """What an empty section says."""
        return f"No new {self.title.lower()} this week."


# ---------------------------------------------------------------- formats


def short_number(value: float) -> str:
    """640000000 -> 640M, 2.8e9 -> 2.8B (three significant digits)."""
    for scale, suffix in _SCALES:
        if abs(value) >= scale:
            return f"{value / scale:.3g}{suffix}"
    return f"{value:.3g}"


def usd(value: float | None) -> str:
    """A dollar amount in short form; empty when unknown."""
    return "" if value is None else f"${short_number(value)}"


def amount_text(amount: float | None, currency: str | None, amount_usd: float | None) -> str:
    """An amount as stated, with its dollar value when stated in another currency."""
    if amount is None or currency in (None, "USD"):
        return usd(amount_usd if amount_usd is not None else amount)
    converted = f" (≈ {usd(amount_usd)})" if amount_usd is not None else ""
    return f"{currency} {short_number(amount)}{converted}"


def bounded(text: str, bound: str | None) -> str:
    """Prefix a figure with ≥ or ≤ when the source gives only a bound."""
    return {"lower": f"≥ {text}", "upper": f"≤ {text}"}.get(bound or "", text) if text else text


def percent(value: float) -> str:
    """A share as a percentage: 0.355 -> 35.5%."""
    return f"{value * 100:.3g}%"


def share_text(claim: ShareClaim) -> str:
    """A claimed share: a point, a range, or a bound."""
    low, high = claim.share_low, claim.share_high
    if low is not None and high is not None and low != high:
        return f"{percent(low)}–{percent(high)}"
    point = low if low is not None else high
    return "" if point is None else bounded(percent(point), claim.bound)


def change_text(valuation: Valuation) -> str:
    """How a valuation moved against the company's previous one."""
    if valuation.change is None or valuation.previous_usd is None:
        return "first on record"
    when = f" ({valuation.previous_date.isoformat()})" if valuation.previous_date else ""
    return f"{valuation.change:+.0%} from {usd(valuation.previous_usd)}{when}"


def stated_date(stated: str | None, earlier: bool) -> str:
    """The date as the sources state it; flagged when it is an earlier event reported for the first time."""
    text = stated or "undated"
    return f"{text} (earlier event)" if earlier else text


def headline_value(headline: Headline, value: float) -> str:
    """A headline figure as text."""
    return usd(value) if headline.unit == "usd" else f"{value:,.0f}"


def headline_change(headline: Headline) -> str:
    """This week against the week before."""
    diff = headline.this_week - headline.previous_week
    if diff == 0:
        return "no change"
    sign = "+" if diff > 0 else "−"
    return f"{sign}{headline_value(headline, abs(diff))}"


def conflict_value_text(field: str, raw: str) -> str:
    """A disputed value as stored by v_fact_conflicts, made readable."""
    try:
        if field in ("valuation_usd", "value_usd", "amount_usd"):
            return usd(float(raw))
        if field == "amount":
            number, _, currency = raw.partition(" ")
            return amount_text(float(number), currency.strip() or None, None)
    except ValueError:
        return raw
    return raw


def source_date(source: Source) -> str:
    """An article's date as text."""
    return source.published.isoformat() if source.published else "undated"


def safe_url(url: str | None) -> str | None:
    """The URL when it is a plain http(s) link; None for javascript:, data:, relative or malformed ones."""
    if not url or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in LINK_SCHEMES and parts.netloc else None


def joined(names: Sequence[str]) -> str:
    """Names as a comma-separated list."""
    return ", ".join(names)


# ---------------------------------------------------------------- sections


def _earlier(fact: FundingRound | Valuation | Acquisition) -> str:
    return "yes" if fact.earlier else "no"


FUNDING_DISPLAY = (
    Column("Company", lambda f: f.company),
    Column("Amount", lambda f: amount_text(f.amount, f.currency, f.amount_usd)),
    Column("Round", lambda f: f.round or ""),
    Column("Status", lambda f: f.status.replace("_", " ")),
    Column("Date", lambda f: stated_date(f.date, f.earlier)),
    Column("Leads", lambda f: joined(f.lead_investors)),
    Column("Valuation", lambda f: usd(f.valuation_usd)),
)
FUNDING_FULL = (
    Column("Fact id", lambda f: f.fact_id),
    Column("Company", lambda f: f.company),
    Column("Amount", lambda f: f.amount, "#,##0"),
    Column("Currency", lambda f: f.currency),
    Column("Amount (USD)", lambda f: f.amount_usd, USD_FORMAT),
    Column("Round", lambda f: f.round),
    Column("Status", lambda f: f.status),
    Column("Date stated", lambda f: f.date),
    Column("Earlier event", _earlier),
    Column("Lead investors", lambda f: joined(f.lead_investors)),
    Column("Investors", lambda f: joined(f.investors)),
    Column("Valuation (USD)", lambda f: f.valuation_usd, USD_FORMAT),
    Column("First seen", lambda f: f.first_seen),
)
VALUATION_DISPLAY = (
    Column("Company", lambda f: f.company),
    Column("Valuation", lambda f: bounded(usd(f.value_usd), f.bound)),
    Column("Move", change_text),
    Column("Date", lambda f: stated_date(f.date, f.earlier)),
)
VALUATION_FULL = (
    Column("Fact id", lambda f: f.fact_id),
    Column("Company", lambda f: f.company),
    Column("Valuation (USD)", lambda f: f.value_usd, USD_FORMAT),
    Column("Value as stated", lambda f: f.value, "#,##0"),
    Column("Currency", lambda f: f.currency),
    Column("Bound", lambda f: f.bound),
    Column("Date stated", lambda f: f.date),
    Column("Earlier event", _earlier),
    Column("Previous valuation (USD)", lambda f: f.previous_usd, USD_FORMAT),
    Column("Previous date", lambda f: f.previous_date),
    Column("Change", lambda f: f.change, CHANGE_FORMAT),
    Column("First seen", lambda f: f.first_seen),
)
SHARE_DISPLAY = (
    Column("Subject", lambda f: f.subject),
    Column("Market", lambda f: f.market or ""),
    Column("Share", share_text),
    Column("Period", lambda f: " ".join(str(p) for p in (f.year, f.period) if p)),
    Column("Claimed by", lambda f: f.claimed_by),
)
SHARE_FULL = (
    Column("Fact id", lambda f: f.fact_id),
    Column("Subject", lambda f: f.subject),
    Column("Market", lambda f: f.market),
    Column("Share low", lambda f: f.share_low, SHARE_FORMAT),
    Column("Share high", lambda f: f.share_high, SHARE_FORMAT),
    Column("Bound", lambda f: f.bound),
    Column("Year", lambda f: f.year),
    Column("Period", lambda f: f.period),
    Column("Claimed by", lambda f: f.claimed_by),
    Column("First seen", lambda f: f.first_seen),
)
PRODUCT_DISPLAY = (
    Column("Product", lambda f: f.name),
    Column("Maker", lambda f: f.maker or ""),
    Column("Kind", lambda f: f.kind or ""),
    Column("Node", lambda f: f.node or ""),
    Column("Year", lambda f: str(f.year or "")),
)
PRODUCT_FULL = (
    Column("Fact id", lambda f: f.fact_id),
    Column("Product", lambda f: f.name),
    Column("Maker", lambda f: f.maker),
    Column("Kind", lambda f: f.kind),
    Column("Node", lambda f: f.node),
    Column("Year", lambda f: f.year),
    Column("First seen", lambda f: f.first_seen),
)
ACQUISITION_DISPLAY = (
    Column("Acquirer", lambda f: f.acquirer),
    Column("Target", lambda f: f.target),
    Column("Amount", lambda f: amount_text(f.amount, f.currency, f.amount_usd)),
    Column("Status", lambda f: f.status),
    Column("Date", lambda f: stated_date(f.date, f.earlier)),
)
ACQUISITION_FULL = (
    Column("Fact id", lambda f: f.fact_id),
    Column("Acquirer", lambda f: f.acquirer),
    Column("Target", lambda f: f.target),
    Column("Amount", lambda f: f.amount, "#,##0"),
    Column("Currency", lambda f: f.currency),
    Column("Amount (USD)", lambda f: f.amount_usd, USD_FORMAT),
    Column("Status", lambda f: f.status),
    Column("Date stated", lambda f: f.date),
    Column("Earlier event", _earlier),
    Column("First seen", lambda f: f.first_seen),
)
PEOPLE_DISPLAY = (
    Column("Person", lambda f: f.person),
    Column("Role", lambda f: f.role or ""),
    Column("Organisation", lambda f: f.org or ""),
)
PEOPLE_FULL = (
    Column("Fact id", lambda f: f.fact_id),
    Column("Person", lambda f: f.person),
    Column("Role", lambda f: f.role),
    Column("Organisation", lambda f: f.org),
    Column("First seen", lambda f: f.first_seen),
)
PARTNERSHIP_DISPLAY = (
    Column("Partner", lambda f: f.a),
    Column("Partner", lambda f: f.b),
    Column("What", lambda f: f.what or ""),
)
PARTNERSHIP_FULL = (
    Column("Fact id", lambda f: f.fact_id),
    Column("Partner A", lambda f: f.a),
    Column("Partner B", lambda f: f.b),
    Column("What", lambda f: f.what),
    Column("First seen", lambda f: f.first_seen),
)


def sections(report: WeeklyReport) -> list[Section]:
    """The report's sections in reading order."""
    parts: list[tuple[type[Fact], Sequence[Fact], tuple[Column, ...], tuple[Column, ...]]] = [
        (FundingRound, report.funding_rounds, FUNDING_DISPLAY, FUNDING_FULL),
        (Valuation, report.valuations, VALUATION_DISPLAY, VALUATION_FULL),
        (ShareClaim, report.share_claims, SHARE_DISPLAY, SHARE_FULL),
        (ProductNews, report.products, PRODUCT_DISPLAY, PRODUCT_FULL),
        (Acquisition, report.acquisitions, ACQUISITION_DISPLAY, ACQUISITION_FULL),
        (PeopleMove, report.people, PEOPLE_DISPLAY, PEOPLE_FULL),
        (Partnership, report.partnerships, PARTNERSHIP_DISPLAY, PARTNERSHIP_FULL),
    ]
    return [Section(kind.FACT_TYPE, kind.TITLE, facts, display, full) for kind, facts, display, full in parts]


def fact_anchor(fact: Fact) -> str:
    """A stable id for cross-references to a fact (conflict details)."""
    return f"{fact.FACT_TYPE}-{fact.fact_id}"


def week_span(report: WeeklyReport) -> str:
    """Monday to Sunday of the report's week, in words."""
    monday, sunday = report.week.monday, report.week.sunday
    return f"Mon {monday.day} {monday:%b %Y} – Sun {sunday.day} {sunday:%b %Y}"


DEFINITIONS = (
    "A fact is new in a week when its first source falls in that week (article date, or ingest date with --by ingest).",
    "Earlier event: the stated date ends before the week of its first report: old news, newly found.",
    "Capital raised: funding rounds that are closed or reported (not talks), announced rather than earlier events, "
    "converted to USD.",
    "Year to date: ISO weeks W01 up to the report's week of the same ISO year.",
    "Values shown are the best-supported across sources; where sources disagree, every value is listed under "
    "Conflicting figures.",
)
