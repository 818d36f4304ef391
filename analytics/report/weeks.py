"""ISO 8601 weeks: parsing "2024-W32", the dates a week spans, and the last complete week."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_WEEK_TEXT = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)


def weeks_in_year(year: int) -> int:
    """52 or 53: the ISO week of 28 December is always the year's last week."""
    return date(year, 12, 28).isocalendar().week


@dataclass(frozen=True, order=True)
class IsoWeek:
    """One ISO 8601 week (Monday to Sunday) of an ISO week-numbering year."""

    year: int
    week: int

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"invalid week {self.year}-W{self.week:02d}: the year must be between 1 and 9999")
        last = weeks_in_year(self.year)
        if not 1 <= self.week <= last:
            raise ValueError(f"invalid week {self.year}-W{self.week:02d}: {self.year} has {last} ISO weeks")

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        """Read "2024-W32" (also "2024W32", any case); a clear ValueError otherwise."""
        match = _WEEK_TEXT.match(text)
        if not match:
            raise ValueError(f"invalid week {text!r}: use the ISO 8601 form YYYY-Www, e.g. 2024-W32")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def containing(cls, day: date) -> IsoWeek:
        """The ISO week a day falls in (early January may belong to the previous year's last week)."""
        iso = day.isocalendar()
        return cls(iso.year, iso.week)

    @property
    def monday(self) -> date:
        """First day of the week."""
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def sunday(self) -> date:
        """Last day of the week."""
        return date.fromisocalendar(self.year, self.week, 7)

    @property
    def year_start(self) -> date:
        """Monday of week 1 of this ISO year: where "year to date" starts."""
        return date.fromisocalendar(self.year, 1, 1)

    def previous(self) -> IsoWeek:
        """The week before (W01's is the last week of the previous ISO year)."""
        return IsoWeek.containing(self.monday - timedelta(days=7))

    def weeks_to_date(self) -> list[IsoWeek]:
        """W01 of this ISO year up to and including this week."""
        return [IsoWeek(self.year, n) for n in range(1, self.week + 1)]

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"


def last_complete_week(today: date | None = None) -> IsoWeek:
    """The most recent week that has fully ended before `today` (default: the local date)."""
    return IsoWeek.containing(today or date.today()).previous()


def resolve_week(week: str | IsoWeek | None, today: date | None = None) -> IsoWeek:
    """A week given as text or IsoWeek; None means the last complete week."""
    if week is None:
        return last_complete_week(today)
    if isinstance(week, IsoWeek):
        return week
    return IsoWeek.parse(week)
