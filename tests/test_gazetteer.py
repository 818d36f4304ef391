"""The gazetteer is data: these checks keep it consistent as analysts edit it."""

from collections import defaultdict

from entities.gazetteer import ORG_TYPES, load_gazetteer
from entities.names import fold, has_cjk, person_pinyin
from ingest.textnorm import normalize


def test_sizes_meet_the_brief() -> None:
    gaz = load_gazetteer()
    chinese_chips = [o for o in gaz.orgs.values() if o.country in ("CN", "HK") and o.type == "chip_designer"]
    research = [o for o in gaz.orgs.values() if o.type == "research_firm"]
    assert len(gaz.orgs) >= 300
    assert len(chinese_chips) >= 40
    assert len(gaz.products) >= 250
    assert len(research) >= 10


def test_types_and_makers_are_known() -> None:
    gaz = load_gazetteer()
    assert all(o.type in ORG_TYPES for o in gaz.orgs.values())
    assert {p.maker for p in gaz.products} <= set(gaz.orgs)
    assert {o.parent for o in gaz.orgs.values() if o.parent} <= set(gaz.orgs)


def test_no_spelling_names_two_organisations() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for org in load_gazetteer().orgs.values():
        for alias in (org.name, *org.aliases):
            owners[normalize(alias).lower()].add(org.name)
    clashes = {a: o for a, o in owners.items() if len(o) > 1}
    assert clashes == {}


def test_bilingual_aliases() -> None:
    gaz = load_gazetteer()
    nvidia = gaz.orgs["Nvidia"]
    assert {"英伟达", "輝達"} <= set(nvidia.aliases)
    with_chinese = [o for o in gaz.orgs.values() if any(has_cjk(a) for a in o.aliases)]
    assert len(with_chinese) >= 250


def test_product_spellings() -> None:
    gaz = load_gazetteer()
    keys = {fold(a): p.name for p in gaz.products for a in (p.name, *p.aliases)}
    assert keys[fold("思元290")] == keys[fold("MLU290")]
    assert keys[fold("Blackwell B200")] == "B200"


def test_listed_people_keep_their_usual_english_name() -> None:
    gaz = load_gazetteer()
    assert gaz.person_name("黃仁勳") == "Jensen Huang"  # traditional
    assert gaz.person_name("黄仁勋") == "Jensen Huang"  # simplified
    assert gaz.person_name("Lip Bu Tan") == "Lip-Bu Tan"
    assert gaz.person_name("陈天石") is None  # a pinyin name needs no entry


def test_no_spelling_names_two_people_or_an_organisation() -> None:
    gaz = load_gazetteer()
    people: dict[str, set[str]] = defaultdict(set)
    for person in gaz.people.values():
        for alias in (person.name, *person.aliases):
            people[fold(alias)].add(person.name)
    assert {a: p for a, p in people.items() if len(p) > 1} == {}
    org_spellings = {fold(a) for o in gaz.orgs.values() for a in (o.name, *o.aliases)}
    assert set(people) & org_spellings == set()


def test_report_as_names_a_listed_organisation() -> None:
    gaz = load_gazetteer()
    assert {o.report_as for o in gaz.orgs.values() if o.report_as} <= set(gaz.orgs)
    assert gaz.reported_name("Samsung Foundry") == "Samsung"
    assert gaz.reported_name("Samsung Catalyst Fund") == "Samsung Catalyst Fund"  # an investor keeps its name


def test_chinese_names_in_pinyin_family_name_first() -> None:
    assert person_pinyin("陈天石") == "Chen Tianshi"
    assert person_pinyin("欧阳剑") == "Ouyang Jian"  # a two-character family name
    # family names read otherwise than their character's most common reading
    assert [person_pinyin(n) for n in ("曾学忠", "仇肖莘", "翟东升")] == ["Zeng Xuezhong", "Qiu Xiaoshen", "Zhai Dongsheng"]
