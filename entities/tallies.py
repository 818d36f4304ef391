"""Vote tallies of the values a fact's reports state, kept up to date one report at a time.

A fact reported by many articles shows its best-supported value of every field. Counting votes as reports
arrive (and storing the counts) means a new report costs the same whether the fact has two sources or two
thousand: the evidence is only re-read when a report goes away.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

LIST_FIELDS = frozenset({"lead_investors", "investors"})
RECORDS = "_records"  # a row counting the reports; it also says that a fact has a tally
AMOUNT_IN_CURRENCY = "_amount_in_currency"  # amounts are only compared within one currency
# one report's list elements keep their order: report sequence * ELEMENT_SLOTS + position
ELEMENT_SLOTS = 64
TALLY_COLUMNS = ["fact_type", "fact_id", "field", "value", "votes", "latest", "first_seen"]


@dataclass
class Vote:
    """How many reports state a value, the latest article date among them, and where it was first seen."""

    votes: int
    latest: date | None
    first_seen: int


Tally = dict[str, dict[str, Vote]]


def _later(a: date | None, b: date | None) -> date | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


def bump(tally: Tally, name: str, key: str, latest: date | None, first_seen: int, votes: int = 1) -> None:
    """Add `votes` for one stated value of a field."""
    slot = tally.setdefault(name, {}).get(key)
    if slot is None:
        tally[name][key] = Vote(votes, latest, first_seen)
        return
    slot.votes += votes
    slot.latest = _later(slot.latest, latest)
    slot.first_seen = min(slot.first_seen, first_seen)


def add_record(tally: Tally, record: dict[str, Any], published: date | None, sequence: int) -> None:
    """Count one report (a record as stored in evidence) into a tally."""
    seen = sequence * ELEMENT_SLOTS
    bump(tally, RECORDS, "", published, seen)
    for name, value in record.items():
        if value is None:
            continue
        if name in LIST_FIELDS:
            for i, element in enumerate(value or []):
                bump(tally, name, json.dumps(element), published, seen + min(i, ELEMENT_SLOTS - 1))
        else:
            bump(tally, name, json.dumps(value, sort_keys=True), published, seen)
    if record.get("amount") is not None:
        bump(tally, AMOUNT_IN_CURRENCY, json.dumps([record["amount"], record.get("currency")]), published, seen)


def merge(into: Tally, other: Tally) -> Tally:
    """Add every vote of `other` to `into` (and return it)."""
    for name, values in other.items():
        for key, vote in values.items():
            bump(into, name, key, vote.latest, vote.first_seen, vote.votes)
    return into


def reports(tally: Tally) -> int:
    """How many reports a tally counts."""
    slot = tally.get(RECORDS, {}).get("")
    return slot.votes if slot else 0


def _renamed(values: dict[str, Vote], rename: Callable[[str], str]) -> dict[str, Vote]:
    out: Tally = {}
    for key, vote in values.items():
        value = json.loads(key)
        new_key = json.dumps(rename(value)) if isinstance(value, str) else key
        bump(out, "x", new_key, vote.latest, vote.first_seen, vote.votes)
    return out.get("x", {})


def best_values(tally: Tally, rename: Callable[[str], str] | None = None,
                renamed_fields: Iterable[str] = ()) -> dict[str, Any]:
    """Best-supported value of each field: most reports, then the latest article, then the first seen;
    list fields merge every report's names in the order they were first seen."""
    renamed = set(renamed_fields)
    out: dict[str, Any] = {}
    for name, values in tally.items():
        if name.startswith("_") or not values:
            continue
        if rename is not None and name in renamed:
            values = _renamed(values, rename)
        if name in LIST_FIELDS:
            ordered = sorted(values.items(), key=lambda kv: kv[1].first_seen)
            out[name] = list(dict.fromkeys(json.loads(key) for key, _ in ordered))
            continue
        best = max(values, key=lambda k: (values[k].votes, values[k].latest or date.min, -values[k].first_seen))
        out[name] = json.loads(best)
    return out


def disputed(tally: Tally, fields: Iterable[str]) -> list[str]:
    """Fields whose reports state different values.

    Dates that differ only in precision ("2024-08" and "2024-08-05") agree; amounts are compared within
    one currency (a figure in won and its dollar conversion are not a dispute).
    """
    if reports(tally) < 2:
        return []
    out: list[str] = []
    for name in fields:
        if name == "date":
            dates = [str(json.loads(k)) for k in tally.get("date", {})]
            if len({d[:4] for d in dates}) > 1 or len({d[:7] for d in dates if len(d) >= 7}) > 1:
                out.append(name)
        elif name == "amount":
            by_currency: dict[str, set[float]] = {}
            for key in tally.get(AMOUNT_IN_CURRENCY, {}):
                amount, currency = json.loads(key)
                by_currency.setdefault(currency or "", set()).add(float(amount))
            if any(len(v) > 1 for v in by_currency.values()):
                out.append(name)
        else:
            stated = {float(v) if isinstance(v, (int, float)) else v
                      for v in (json.loads(k) for k in tally.get(name, {}))}
            if len(stated) > 1:
                out.append(name)
    return out


def tally_rows(kind: str, fact_id: int, tally: Tally) -> list[tuple[Any, ...]]:
    """Rows of the fact_votes table for one tally."""
    return [(kind, fact_id, name, key, vote.votes, vote.latest, vote.first_seen)
            for name, values in tally.items() for key, vote in values.items()]


def tallies_from_rows(rows: Iterable[tuple[Any, ...]]) -> dict[int, Tally]:
    """Tallies by fact id from (fact_id, field, value, votes, latest, first_seen) rows."""
    out: dict[int, Tally] = {}
    for fact_id, name, key, votes, latest, first_seen in rows:
        out.setdefault(int(fact_id), {}).setdefault(name, {})[key] = Vote(int(votes), latest, int(first_seen))
    return out
