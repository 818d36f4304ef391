"""The curated gazetteer: organisations, chip products and often-named people with their aliases, plus
curation overrides."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 10x faster

from accelkb.config import data_dir
from entities.names import fold

ORG_TYPES = frozenset({
    "chip_designer", "foundry", "osat", "memory_maker", "equipment_maker", "eda_ip", "hyperscaler",
    "tech_company", "cloud_provider", "systems_maker", "ai_lab", "automaker", "telecom", "industrial",
    "research_firm", "media", "bank", "asset_manager", "vc", "corporate_vc", "private_equity",
    "sovereign_fund", "state_fund", "government", "university", "exchange", "other",
})
INVESTOR_TYPES = frozenset({"bank", "asset_manager", "vc", "corporate_vc", "private_equity", "sovereign_fund", "state_fund"})
SOURCE_TYPES = frozenset({"research_firm", "media", "bank", "asset_manager"})
PRODUCT_KINDS = frozenset({
    "GPU", "ASIC", "LPU", "TPU", "NPU", "IPU", "DPU", "CPU", "SoC", "FPGA", "HBM", "DRAM", "memory", "system",
    "interconnect", "photonics", "wafer_scale", "architecture", "cloud_service", "software",
})
# Kinds that are named in news but are not chips, systems or memory parts.
NON_PRODUCT_KINDS = frozenset({"architecture", "cloud_service", "software"})


class GazetteerError(ValueError):
    """A gazetteer or curation file that breaks the rules; the message names file and entry."""


@dataclass(frozen=True)
class OrgEntry:
    """An organisation: canonical English name, type, country and every known spelling."""

    name: str
    type: str
    country: str | None = None
    ticker: str | None = None
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    ambiguous: bool = False
    ambiguous_aliases: tuple[str, ...] = ()
    source_file: str = ""
    # a business unit that facts name by its parent ("三星晶圓代工" -> Samsung), as analysts write them down;
    # the unit stays an entity of its own in the graph
    report_as: str | None = None


@dataclass(frozen=True)
class ProductEntry:
    """A chip product with its maker and its spellings."""

    name: str
    maker: str
    kind: str
    family: str | None = None
    node: str | None = None
    year: int | None = None
    aliases: tuple[str, ...] = ()
    ambiguous: bool = False
    generic: bool = False
    source_file: str = ""


@dataclass(frozen=True)
class PersonEntry:
    """A person often named in the news: the usual English spelling and the others (Chinese ones too)."""

    name: str
    aliases: tuple[str, ...] = ()
    source_file: str = ""


@dataclass
class Gazetteer:
    """All entries, indexed by canonical name."""

    orgs: dict[str, OrgEntry] = field(default_factory=dict)
    products: list[ProductEntry] = field(default_factory=list)
    people: dict[str, PersonEntry] = field(default_factory=dict)
    fingerprint: str = ""

    def person_name(self, spelling: str) -> str | None:
        """The usual English name of a listed person written `spelling` ("黃仁勳" -> "Jensen Huang"), or None."""
        index = self.__dict__.get("_people_by_key")
        if index is None or index[0] != len(self.people):
            keys = {fold(s): p.name for p in self.people.values() for s in (p.name, *p.aliases)}
            index = self.__dict__["_people_by_key"] = (len(self.people), keys)
        return index[1].get(fold(spelling))

    def org(self, name: str | None) -> OrgEntry | None:
        """Entry of a canonical organisation name, or None."""
        return self.orgs.get(name) if name else None

    def reported_name(self, name: str) -> str:
        """The name a fact gives an organisation: its parent for a business unit marked `report_as`."""
        entry = self.orgs.get(name)
        return entry.report_as if entry is not None and entry.report_as else name

    def org_type(self, name: str | None) -> str | None:
        """Type of a canonical organisation name, or None when unknown."""
        entry = self.org(name)
        return entry.type if entry else None

    def products_of(self, name: str) -> list[ProductEntry]:
        """Product entries with this canonical name (one per maker)."""
        cached = self.__dict__.get("_products_by_name")
        # rebuilt whenever the product list was replaced or grew (loading appends, curation replaces it)
        if cached is None or cached[0] is not self.products or cached[1] != len(self.products):
            index: dict[str, list[ProductEntry]] = {}
            for product in self.products:
                index.setdefault(product.name, []).append(product)
            cached = self.__dict__["_products_by_name"] = (self.products, len(self.products), index)
        return list(cached[2].get(name, ()))


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(v).strip() for v in value if v is not None and str(v).strip())
    return (str(value).strip(),)


def _load_yaml_list(path: Path) -> list[dict[str, Any]]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)
    except yaml.YAMLError as exc:
        raise GazetteerError(f"{path}: invalid YAML ({exc})") from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise GazetteerError(f"{path}: expected a list of entries")
    for i, item in enumerate(data):
        if not isinstance(item, dict) or "name" not in item:
            raise GazetteerError(f"{path}: entry {i + 1} has no 'name'")
    return data


def _org_from(item: dict[str, Any], path: Path) -> OrgEntry:
    org_type = str(item.get("type", "other"))
    if org_type not in ORG_TYPES:
        raise GazetteerError(f"{path}: {item['name']!r} has unknown type {org_type!r}")
    year = item.get("year")
    del year
    return OrgEntry(
        name=str(item["name"]).strip(),
        type=org_type,
        country=item.get("country"),
        ticker=item.get("ticker"),
        parent=item.get("parent"),
        report_as=item.get("report_as"),
        aliases=_as_tuple(item.get("aliases")),
        ambiguous=bool(item.get("ambiguous", False)),
        ambiguous_aliases=_as_tuple(item.get("ambiguous_aliases")),
        source_file=path.name,
    )


def _product_from(item: dict[str, Any], path: Path) -> ProductEntry:
    kind = str(item.get("kind", "ASIC"))
    if kind not in PRODUCT_KINDS:
        raise GazetteerError(f"{path}: product {item['name']!r} has unknown kind {kind!r}")
    if not item.get("maker"):
        raise GazetteerError(f"{path}: product {item['name']!r} has no maker")
    year = item.get("year")
    return ProductEntry(
        name=str(item["name"]).strip(),
        maker=str(item["maker"]).strip(),
        kind=kind,
        family=item.get("family"),
        node=str(item["node"]) if item.get("node") else None,
        year=int(year) if isinstance(year, int) else None,
        aliases=_as_tuple(item.get("aliases")),
        ambiguous=bool(item.get("ambiguous", False)),
        generic=bool(item.get("generic", False)),
        source_file=path.name,
    )


def gazetteer_files(root: Path | None = None) -> list[Path]:
    """Every gazetteer and curation file (their contents decide the gazetteer fingerprint)."""
    base = root or data_dir()
    files = sorted((base / "gazetteer" / "organizations").glob("*.yaml"))
    files += sorted((base / "gazetteer" / "products").glob("*.yaml"))
    files += sorted((base / "gazetteer" / "people").glob("*.yaml"))
    curation = base / "curation.yaml"
    if curation.exists():
        files.append(curation)
    return files


@lru_cache(maxsize=2)
def load_gazetteer(root: str | None = None) -> Gazetteer:
    """Load organisations, products and curation overrides; validate as we go."""
    base = Path(root) if root else data_dir()
    gaz = Gazetteer()
    digest = hashlib.sha256()
    for path in sorted((base / "gazetteer" / "organizations").glob("*.yaml")):
        digest.update(path.read_bytes())
        for item in _load_yaml_list(path):
            entry = _org_from(item, path)
            if entry.name in gaz.orgs:
                other = gaz.orgs[entry.name].source_file
                raise GazetteerError(f"{path}: organisation {entry.name!r} is also defined in {other}")
            gaz.orgs[entry.name] = entry
    for path in sorted((base / "gazetteer" / "products").glob("*.yaml")):
        digest.update(path.read_bytes())
        for item in _load_yaml_list(path):
            gaz.products.append(_product_from(item, path))
    for path in sorted((base / "gazetteer" / "people").glob("*.yaml")):
        digest.update(path.read_bytes())
        for item in _load_yaml_list(path):
            person = PersonEntry(name=str(item["name"]).strip(), aliases=_as_tuple(item.get("aliases")),
                                 source_file=path.name)
            if person.name in gaz.people:
                raise GazetteerError(f"{path}: person {person.name!r} is listed twice")
            gaz.people[person.name] = person
    curation = base / "curation.yaml"
    if curation.exists():
        digest.update(curation.read_bytes())
        apply_curation(gaz, load_curation(curation))
    gaz.fingerprint = digest.hexdigest()[:16]
    return gaz


# ---------------------------------------------------------------- curation


@dataclass
class Curation:
    """Analyst decisions kept under version control: merges, renames, types, extra aliases, new entities."""

    merges: list[dict[str, str]] = field(default_factory=list)
    renames: list[dict[str, str]] = field(default_factory=list)
    types: list[dict[str, str]] = field(default_factory=list)
    aliases: list[dict[str, str]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)

    def to_yaml(self) -> str:
        """Serialise for the curation file."""
        data = {k: v for k, v in self.__dict__.items() if v}
        header = "# Analyst curation: applied on top of the gazetteer at every load. Edit by hand or with\n" \
                 "# `accelkb entities merge|rename|set-type|add-alias`.\n"
        return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def curation_path() -> Path:
    """The curation file under the data folder."""
    return data_dir() / "curation.yaml"


def load_curation(path: Path | None = None) -> Curation:
    """Read the curation file (empty when absent)."""
    target = path or curation_path()
    if not target.exists():
        return Curation()
    raw = yaml.load(target.read_text(encoding="utf-8"), Loader=SafeLoader) or {}
    if not isinstance(raw, dict):
        raise GazetteerError(f"{target}: expected a mapping of merges/renames/types/aliases/entities")
    return Curation(**{k: list(raw.get(k) or []) for k in ("merges", "renames", "types", "aliases", "entities")})


def apply_curation(gaz: Gazetteer, cur: Curation) -> None:
    """Apply curation decisions to a loaded gazetteer, in a fixed order."""
    for item in cur.entities:
        entry = OrgEntry(name=item["name"], type=item.get("type", "other"), country=item.get("country"),
                         aliases=_as_tuple(item.get("aliases")), source_file="curation.yaml")
        gaz.orgs.setdefault(entry.name, entry)
    for item in cur.renames:
        old, new = item["from"], item["to"]
        entry = gaz.orgs.pop(old, None)
        if entry is None:
            gaz.orgs[new] = OrgEntry(name=new, type="other", aliases=(old,), source_file="curation.yaml")
            continue
        gaz.orgs[new] = replace(entry, name=new, aliases=entry.aliases + (old,))
        _rename_refs(gaz, old, new)
    for item in cur.merges:
        source, target = item["from"], item["into"]
        src = gaz.orgs.pop(source, None)
        dst = gaz.orgs.get(target)
        extra = (source,) + (src.aliases if src else ())
        if dst is None:
            base = src or OrgEntry(name=target, type="other")
            gaz.orgs[target] = replace(base, name=target, aliases=base.aliases + extra)
        else:
            gaz.orgs[target] = replace(dst, aliases=dst.aliases + extra)
        _rename_refs(gaz, source, target)
    # types and aliases follow the names through later renames and merges
    moved = {m["from"]: m["into"] for m in cur.merges} | {r["from"]: r["to"] for r in cur.renames}

    def current(name: str) -> str:
        seen = {name}
        while name in moved and moved[name] not in seen:
            name = moved[name]
            seen.add(name)
        return name

    for item in cur.types:
        name = current(item["name"])
        entry = gaz.orgs.get(name)
        if entry:
            gaz.orgs[name] = replace(entry, type=item["type"])
        else:
            gaz.orgs[name] = OrgEntry(name=name, type=item["type"], source_file="curation.yaml")
    for item in cur.aliases:
        name = current(item["name"])
        entry = gaz.orgs.get(name)
        if entry and item["alias"] not in entry.aliases:
            gaz.orgs[name] = replace(entry, aliases=entry.aliases + (item["alias"],))


def _rename_refs(gaz: Gazetteer, old: str, new: str) -> None:
    for name, entry in list(gaz.orgs.items()):
        if entry.parent == old:
            gaz.orgs[name] = replace(entry, parent=new)
        if entry.report_as == old:
            gaz.orgs[name] = replace(gaz.orgs[name], report_as=new)
    gaz.products = [replace(p, maker=new) if p.maker == old else p for p in gaz.products]


def alias_table(gaz: Gazetteer) -> dict[str, str]:
    """Folded alias -> canonical organisation name (canonical names included)."""
    table: dict[str, str] = {}
    for entry in gaz.orgs.values():
        for alias in (entry.name, *entry.aliases):
            table.setdefault(fold(alias), entry.name)
    return table
