"""What the generator works with: its settings, the values a sentence is written from, the phrasing files."""


from __future__ import annotations

import string
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from entities.gazetteer import OrgEntry
from entities.names import has_cjk
from ingest.textnorm import normalize


TEMPLATES = Path(__file__).resolve().parents[1] / "corpus_templates"
START, SPAN_DAYS = date(2021, 1, 4), 365 * 5
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TO_USD = {"USD": 1.0, "CNY": 1 / 7.1, "HKD": 1 / 7.8}
HOME_ZH = ("CN", "HK")  # companies that Chinese-language stories are mostly about
Fact = tuple[str, dict[str, Any]]  # a template group of the phrasing files and the values of its slots
# groups that add colour or detail to a fact already stated rather than a fact of their own
COLOUR = frozenset({"acq_detail", "ipo_detail", "partner_detail", "person_detail", "product_detail", "talks_color",
                    "funding_investors"})




@dataclass(frozen=True)
class SyntheticArticle:
    """One generated article."""

    key: str
    lang: str
    title: str
    published: date
    text: str

    def front_matter_file(self) -> str:
        """The article as a text file with YAML front matter."""
        title = self.title.replace("'", "''")
        return f"---\n\ntitle: '{title}'\ndate: {self.published.isoformat()}\nlang: {self.lang}\n\n---\n\n{self.text}\n"


# ---------------------------------------------------------------- values that each language writes its own way

@dataclass(frozen=True)
class Money:
    """An amount of money."""

    value: float  # in units of `currency`
    currency: str
    vague: bool = False  # Chinese press may write "数亿元"


@dataclass(frozen=True)
class When:
    """A day, as the event reported or as an earlier one."""

    day: date
    past: bool = False  # an earlier event ("in March 2023"), not the one reported ("on Tuesday")


@dataclass(frozen=True)
class Person:
    """A person's name in both languages."""

    en: str
    zh: str
    western: bool


@dataclass(frozen=True)
class Chip:
    """A chip's name in both languages, and its kind."""

    en: str
    zh: str
    kind: str


@dataclass(frozen=True)
class Pct:
    """A percentage in points: 12.5 is 12.5%."""

    value: float


@dataclass(frozen=True)
class Key:
    """A choice from a table of the phrasing file: roles, rounds, exchanges, markets, actions, quotes..."""

    table: str
    key: str


@dataclass
class Company:
    """A company of the world, with what it has done so far."""

    org: OrgEntry
    category: str  # startup, cloud (young companies) or major
    city: tuple[str, str]
    founded: int
    step: int  # position on the funding ladder
    chips: list[Chip]
    office: float  # where its second office is, as a fraction of the `place` list
    founder: Person | None = None
    cofounded: bool = False
    founder_was: OrgEntry | None = None  # where the founder worked before
    raised_usd: float = 0.0
    people: dict[str, Person] = field(default_factory=dict)  # role -> who holds it now
    joined: dict[str, date] = field(default_factory=dict)  # role -> when its holder took it
    history: list[Fact] = field(default_factory=list)  # earlier events worth recalling, newest last


@dataclass(frozen=True)
class City:
    """Where a company is based, as a slot value."""

    company: Company
    short: bool = False


@dataclass(frozen=True)
class Desc:
    """A company's description, as a slot value."""

    company: Company


@dataclass
class Event:
    """Something that happens to a company, with the facts a report of it can add."""

    lead_key: str
    day: date
    company: Company  # the company the story is about
    lead: dict[str, Any]
    details: list[Fact]
    after: list[tuple[Company, Fact]] = field(default_factory=list)  # history to record once it is reported


@dataclass
class Report:
    """One article reporting an event: when, in which language, with which lead and changed figures."""

    published: date
    lang: str
    lead_key: str
    overrides: dict[str, Any] = field(default_factory=dict)


def slot_names(template: str) -> frozenset[str]:
    """The slots a template fills."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


@lru_cache(maxsize=None)
def phrasings(name: str) -> dict[str, Any]:
    """A phrasing file, with each template's slot names worked out once."""
    data = yaml.safe_load((TEMPLATES / f"{name}.yaml").read_text(encoding="utf-8"))
    if "facts" in data:
        data["facts"] = {k: [(t, slot_names(t)) for t in v] for k, v in data["facts"].items()}
        data["facts"]["round_prior"] += data["facts"]["round_earlier"]
        data["titles"] = {k: [(t, slot_names(t)) for t in v] for k, v in data["titles"].items()}
        data["background"] = [(t, slot_names(t)) for t in data["background"]]
        data["free"] = frozenset({*data["slots"], *data["numbers"], "year", "last_year", "next_year", "place2", "office"})
    return data


@lru_cache(maxsize=1)
def traditional_table() -> dict[int, str]:
    """Simplified to traditional characters, only where the pipeline folds them back."""
    import opencc

    folder = Path(opencc.__file__).resolve().parent / "dictionary"

    def pairs(name: str) -> dict[str, str]:
        lines = (line.partition("\t") for line in (folder / name).read_text(encoding="utf-8").splitlines())
        return {a: b.split(" ")[0] for a, _, b in lines if len(a) == 1 and b}

    taiwan = pairs("TWVariants.txt")
    table = {ord(a): taiwan.get(b, b) for a, b in pairs("STCharacters.txt").items()}
    return {k: v for k, v in table.items() if normalize(v) == chr(k)}  # only what the pipeline folds back


def nice(x: float) -> float:
    """Two significant digits, as reporters round: 637 -> 640."""
    return float(f"{x:.2g}")


def num(x: float, sep: str = ",") -> str:
    """A number with up to two decimals, thousands separated by `sep`."""
    return f"{x:{sep}.2f}".rstrip("0").rstrip(".") if sep else f"{x:.2f}".rstrip("0").rstrip(".")


def chinese_names(aliases: tuple[str, ...]) -> list[str]:
    """Chinese spellings in simplified characters, in the gazetteer's order (all of them when none is)."""
    chinese = [a for a in aliases if has_cjk(a) and not a.endswith("有限公司")]
    # normalize() folds traditional to simplified ("資誠", "輝達" change); a few names it folds too far ("昇腾")
    return [a for a in chinese if normalize(a) == a] or chinese[:1]


# ---------------------------------------------------------------- the world: companies, their histories, events
