"""People and their roles at organisations: "Groq CEO Jonathan Ross", "寒武纪CEO陈天石",
"Yann LeCun will serve as Groq's technical advisor", "co-founded Groq"."""

from __future__ import annotations

from ingest.analysis import ArticleContext, Item, Sentence
import re

from ingest.extractors.common import (NON_PARTIES, can_be_focus, distance_scale, focus, in_attribution, make_evidence,
                                      sentence_opener)
from ingest.extractors.registry import extractor
from ingest.records import Record, Role

NAME = "people"
VERSION = "1.8"
FULL_NAME = f"{NAME}@{VERSION}"
ADJACENT = 14  # characters (scaled): a role word this close to a name describes that person
ORG_ADJACENT = 14
SERVE_REACH = 70
EXECUTIVE_ROLES = {"CEO", "COO", "CFO", "CTO", "president", "chairman", "chairwoman", "chair", "founder", "co-founder",
                   "co-CEO", "executive chairman", "executive chair", "founder and CEO", "chairman and CEO"}
ANALYST_ROLES = {"analyst", "research director"}
# titles of a company's own management ("chief strategy officer", "executive vice president", "AI chief")
_EXECUTIVE_TITLE = re.compile(r"^chief |^(?:senior |executive )?vice president\b| chief$")


def is_executive(role: str) -> bool:
    """A title held in a company's management, whose holder runs the story's company when none is named."""
    return role in EXECUTIVE_ROLES or _EXECUTIVE_TITLE.search(role) is not None


_PAREN = re.compile(r"[(（][^)）]{0,40}[)）]")


def _gap(ctx: ArticleContext, a: Item, b: Item) -> int:
    """Characters between two items, not counting a parenthesised gloss ("英特尔(Intel)首席执行官")."""
    left, right = (a, b) if a.start <= b.start else (b, a)
    if right.start <= left.end:
        return 0
    return len(_PAREN.sub("", ctx.text[left.end:right.start]))


def _adjacent_roles(ctx: ArticleContext, sent: Sentence, person: Item) -> list[Item]:
    """Role words right before or after the name, or after a serve verb ("将担任 Groq 的技术顾问")."""
    scale = distance_scale(ctx)
    people = sent.of("person")
    out: list[Item] = []
    for role in sent.of("role"):
        if any(p is not person and min(_gap(ctx, role, p), 10**6) < _gap(ctx, role, person) for p in people):
            continue
        # "Omri Geller, its chief executive, and Ronen Dar": a title closed by "and" belongs to the name before
        if role.end <= person.start and _AND_NEXT.fullmatch(ctx.text, role.end, person.start) and \
                any(p is not person and p.end <= role.start for p in people):
            continue
        if _gap(ctx, role, person) * scale <= ADJACENT or _apposition(ctx, sent, person, role):
            out.append(role)
            continue
        verbs = [v for v in sent.cues("SERVE_VERB") if person.end <= v.start <= role.start]
        if verbs and (role.start - person.end) * scale <= SERVE_REACH and \
                not any(p is not person and person.end <= p.start < role.start for p in people):
            out.append(role)
    return out


# ", the newly named chief executive": a title in an apposition after a name, behind an article and at most two
# lower-case words (or behind an organisation's possessive: _owns_title)
_APPOSITION = re.compile(r",\s(?:(?:the|a|an|its|their)\s)?(?:[a-z][\w-]*\s){0,2}")
_POSSESSIVE = re.compile(r"(?:'s|’s)\s")
_AND_NEXT = re.compile(r"\s*,?\s*(?:and|以及|和|及)\s*")
_ITS = re.compile(r"(?:\b[Ii]ts|\b[Tt]heir)\s$")
_TITLE_MODIFIERS = re.compile(r"(?:[a-z][\w-]*\s){0,2}")


def _apposition(ctx: ArticleContext, sent: Sentence, person: Item, role: Item) -> bool:
    """True when `role` is the title of an apposition right after `person`."""
    if role.start < person.end:
        return False
    for org in sent.of("org"):
        if person.end < org.start and org.end <= role.start:
            return ctx.text[person.end:org.start] in (", ", ",") and _owns_title(ctx, org, role)
    return _APPOSITION.fullmatch(ctx.text, person.end, role.start) is not None


def _owns_title(ctx: ArticleContext, org: Item, role: Item) -> bool:
    """"Mythic's newly appointed CEO": the organisation's possessive and at most two lower-case words open
    the title."""
    after = _POSSESSIVE.match(ctx.text, org.end, role.start) if org.end <= role.start else None
    return after is not None and _TITLE_MODIFIERS.fullmatch(ctx.text, after.end(), role.start) is not None


# "chief executive of Groq investor Disruptive": an organisation, a kind word or two, another organisation
_COMPOUND_LINK = re.compile(r"\s(?:(?!(?:and|or|but|a|an|the|with|in|at|of|for|to|from|by|as|on|that|which|who)\s)"
                            r"[a-z][\w-]*\s){1,2}")


def _compound_head(ctx: ArticleContext, sent: Sentence, org: Item, role: Item) -> Item:
    """The organisation a title after "of" belongs to in a noun compound: the last one ("Groq investor
    Disruptive" is Disruptive)."""
    if org.start < role.end:
        return org
    for other in sent.of("org"):
        if other.start > org.end and _COMPOUND_LINK.fullmatch(ctx.text, org.end, other.start):
            return other
    return org


def _org_of_role(ctx: ArticleContext, sent: Sentence, person: Item, role: Item) -> str | None:
    """The organisation a role word is tied to: "Groq CEO", "CEO of Groq", "Groq 的技术顾问", "这家初创公司担任"."""
    scale = distance_scale(ctx)
    orgs = [o for o in sent.of("org") if ctx.org_type(o.value) not in NON_PARTIES or ctx.is_source(o.value)]
    away = [o for o in orgs if (o.end <= role.start if person.start > role.start else o.start >= role.end)]
    between = [o for o in orgs if min(person.end, role.end) <= o.start and o.end <= max(person.start, role.start)]
    # "Mythic's newly appointed CEO": the organisation whose possessive opens the title owns it
    for org in between + away:
        if _owns_title(ctx, org, role):
            return org.value
    # "Run:ai was founded by Omri Geller, its chief executive": "its" is the organisation the sentence opens with
    if _ITS.search(ctx.text, max(sent.start, role.start - 7), role.start):
        opener = sentence_opener(ctx, sent)
        if opener is not None:
            return opener.value
    near = [o for o in between + away if _gap(ctx, o, role) * scale <= ORG_ADJACENT and not _punctuated(ctx, o, role)]
    if near:
        return _compound_head(ctx, sent, min(near, key=lambda o: _gap(ctx, o, role)), role).value
    corefs = [c for c in sent.cues("COREF_ORG") if _gap(ctx, c, role) * scale <= ORG_ADJACENT * 2]
    if corefs:
        # "知存科技曾于…完成…融资，…，公司创始人兼CEO为王绍迪": "the company" is the one this sentence is about
        subjects = [o for o in orgs if o.end <= corefs[0].start and can_be_focus(ctx, o) and not ctx.is_investor(o.value)
                    and not ctx.is_source(o.value) and not in_attribution(sent, o)]
        return subjects[0].value if subjects else focus(ctx, sent)
    # "Chief executive Lisa Su said…" in an AMD story: an executive with no organisation named runs the
    # company the story is about (not so for analysts, partners, advisers); "此前在AMD任职" names a past employer
    current = [o for o in orgs if not _former(sent, o) and _could_employ(ctx, o, person)]
    if is_executive(role.value or "") and not [o for o in current if _gap(ctx, o, person) * scale <= ORG_ADJACENT]:
        return focus(ctx, sent)
    # "Analyst Avril Wu said…" in a TrendForce report: an analyst with no firm named works at the research firm
    # the story cites, in this sentence or the two before
    if role.value in ANALYST_ROLES and not orgs:
        return _cited_firm(ctx, sent)
    return None


def _cited_firm(ctx: ArticleContext, sent: Sentence) -> str | None:
    """The research firm named last in `sent` or the two sentences before it."""
    for earlier in reversed(ctx.sentences[max(0, sent.index - 2):sent.index + 1]):
        firms = [o for o in earlier.of("org") if ctx.org_type(o.value) == "research_firm"]
        if firms:
            return firms[-1].value
    return None


_EMPLOYER_AFTER = re.compile(r"^\s*(?:,|of|at|from|'s|’s)?\s*$", re.IGNORECASE)


def _could_employ(ctx: ArticleContext, org: Item, person: Item) -> bool:
    """An organisation next to a name that could be where the person works: before it, or right after it
    ("Lisa Su of AMD"), not the object of what they say ("Volozh said the Microsoft agreement…")."""
    return org.end <= person.start or bool(_EMPLOYER_AFTER.match(ctx.text[person.end:org.start]))


def _led_by(ctx: ArticleContext, sent: Sentence) -> list[tuple[Item, str, str]]:
    """"Celestial AI, led by co-founder and chief executive Dave Lazovsky", "Tenstorrent, the chip company run
    by Jim Keller": the person after the marker heads the organisation named before it."""
    out: list[tuple[Item, str, str]] = []
    for cue in sent.cues("LED_BY_PERSON"):
        people = [p for p in sent.of("person") if p.start >= cue.end and p.start - cue.end <= 50]
        if not people or any(cue.end <= o.start < people[0].start for o in sent.of("org")):
            continue
        person = people[0]
        if re.search(r"[,;，；]", ctx.text[cue.end:person.start]):
            continue
        heads = [o for o in sent.of("org") if o.end <= cue.start and cue.start - o.end <= 60
                 and ctx.org_type(o.value) not in NON_PARTIES and not ctx.is_investor(o.value)]
        if not heads:
            continue
        roles = [r for r in sent.of("role") if cue.end <= r.start and r.end <= person.start]
        title = _joined_title(ctx, roles[0], roles) if roles else "leader"
        out.append((person, title, heads[-1].value))
    return out


def _former(sent: Sentence, org: Item) -> bool:
    """An organisation named right after "former" / "此前在" / "原", or a few words after ("previously worked
    at AMD"): the person has left it."""
    return any(c.end <= org.start and _FORMER_GAP.match(sent.between(c.end, org.start)) for c in sent.cues("FORMER"))


_FORMER_GAP = re.compile(r"^[^,，;；.。()（）]{0,20}$")


def _punctuated(ctx: ArticleContext, a: Item, b: Item) -> bool:
    """A comma between an organisation and a role word separates them ("技术顾问，英特尔…")."""
    lo, hi = sorted((a.end, b.end))
    start = min(a.end, b.end) if a.end <= b.start or b.end <= a.start else lo
    left, right = (a, b) if a.start < b.start else (b, a)
    return any(ch in ",，、;；。:：" for ch in ctx.text[left.end:right.start])


def _joined_title(ctx: ArticleContext, role: Item, roles: list[Item]) -> str:
    """"Founder and chief executive" -> "founder and CEO"; "董事长兼CEO" -> "chairman and CEO"."""
    names = [role.value or role.text]
    for other in roles:
        if other is role:
            continue
        link = ctx.text[min(role.end, other.end):max(role.start, other.start)].strip().lower()
        if link in ("and", "&", "兼", "及", "和", "/") and other.start > role.start:
            names.append(other.value or other.text)
    return " and ".join(dict.fromkeys(names))


def _founded_by(ctx: ArticleContext, sent: Sentence) -> list[tuple[Item, str, str]]:
    """"Groq was founded by Jonathan Ross", "地平线由余凯于2015年创立": the people after the agent marker
    founded the organisation the clause is about (the last one named before the marker)."""
    out: list[tuple[Item, str, str]] = []
    for marker in sent.cues("FOUNDED_BY"):
        clause = sent.hard_clause_id(marker.start)
        subjects = [o for o in sent.of("org") if o.end <= marker.start and sent.hard_clause_id(o.start) == clause
                    and ctx.org_type(o.value) not in NON_PARTIES]
        if not subjects:
            continue
        verbs = [v for v in sent.cues("FOUNDED_VERB") if v.start >= marker.end and sent.hard_clause_id(v.start) == clause]
        people = [p for p in sent.of("person") if p.start >= marker.end and sent.hard_clause_id(p.start) == clause]
        if not marker.text.strip().lower().endswith("by"):  # 由 …: the founders stand between marker and verb
            if not verbs:
                continue
            people = [p for p in people if p.end <= verbs[0].start]
        role = "co-founder" if any(w in (marker.text + "".join(v.text for v in verbs[:1])).lower()
                                   for w in ("co-", "cofounded", "共同", "联合")) else "founder"
        out += [(p, role, subjects[-1].value) for p in people[:3]]
    return out


def _founders(ctx: ArticleContext, sent: Sentence) -> list[tuple[Item, str, str]]:
    """"X co-founded Groq", "与…合作，共同创立了 Groq": people in the clause before a founding verb."""
    out: list[tuple[Item, str, str]] = _founded_by(ctx, sent)
    for verb in sent.cues("FOUNDED_VERB"):
        after = [o for o in sent.of("org") if o.start >= verb.end and (o.start - verb.end) * distance_scale(ctx) <= 12]
        if not after:
            continue
        role = "co-founder" if any(w in verb.text.lower() for w in ("co", "共同", "联合")) else "founder"
        for person in sent.of("person"):
            if person.end <= verb.start and sent.hard_clause_id(person.start) == sent.hard_clause_id(verb.start):
                out.append((person, role, after[0].value))
    return out


_AS_BEFORE_ROLE = re.compile(r"(?:\bas|为|為|担任|擔任|出任)\s*$", re.IGNORECASE)


def _hired_as(ctx: ArticleContext, sent: Sentence) -> list[tuple[Item, Item, str]]:
    """"Etched hired Mark Ross, a former Cypress executive, as chief architect", "英特尔任命陈立武为首席执行官",
    "named Keith Witek chief operating officer": the role after "as" / 为 (or right after the name) is held at
    the organisation that hired, named before the verb (else the one the story is about)."""
    out: list[tuple[Item, Item, str]] = []
    scale = distance_scale(ctx)
    for verb in sent.cues("HIRE_VERB"):
        clause = sent.hard_clause_id(verb.start)
        person = next((p for p in sent.of("person") if p.start >= verb.end and (p.start - verb.end) * scale <= 12), None)
        if person is None:
            continue
        role = next((r for r in sent.of("role") if r.start >= person.end and sent.hard_clause_id(r.start) == clause
                     and _AS_BEFORE_ROLE.search(ctx.text[max(0, r.start - 8):r.start])), None)
        # "named Keith Witek chief operating officer": the title right after the name, without "as"
        role = role or next((r for r in sent.of("role") if 0 <= r.start - person.end <= 2
                             and ctx.text[person.end:r.start].isspace()), None)
        if role is None:
            continue
        hirers = [o for o in sent.of("org") if o.end <= verb.start and sent.hard_clause_id(o.start) == clause
                  and ctx.org_type(o.value) not in NON_PARTIES]
        org = hirers[-1].value if hirers else focus(ctx, sent)
        if org:
            out.append((person, role, org))
    return out


def _former_title(ctx: ArticleContext, sent: Sentence, role: Item, title: str) -> str:
    """"a former chief technology officer of Cypress": the title the person held before."""
    if any(c.end <= role.start and _former_gap(ctx, sent, c.end, role.start) for c in sent.cues("FORMER")):
        return f"former {title}"
    if any(c.end <= role.start and _LEFT_TITLE_GAP.fullmatch(ctx.text, c.end, role.start) for c in sent.cues("LEFT_POST")):
        return f"former {title}"
    return title


def _former_gap(ctx: ArticleContext, sent: Sentence, start: int, end: int) -> bool:
    """Between "former" / 原 / 曾任 and a title: nothing, or the organisation and a word of scope
    ("曾任輝達全球副總裁", "原商汤科技总裁", "former Intel executive")."""
    gap = ctx.text[start:end]
    for org in sent.of("org"):
        if start <= org.start and org.end <= end:
            gap = gap.replace(org.text, "", 1)
    return _FORMER_SCOPE.fullmatch(gap) is not None


_FORMER_SCOPE = re.compile(r"\s*(?:'s|’s|的)?\s*(?:global|全球|中国区|中國區)?\s*")


# between "stepped down as" / 辞去 and the title: nothing, or the organisation's possessive ("Rain AI's ")
_LEFT_TITLE_GAP = re.compile(r"\s*(?:[^,，。;；\s][^,，。;；]{0,30}?(?:'s|’s|的))?\s*")


@extractor(NAME, version=VERSION, needs=("person", "role", "org"), emits=(Role,), order=60)
def extract_people(ctx: ArticleContext) -> list[Record]:
    """A person, the role they hold and the organisation they hold it at."""
    out: list[Record] = []
    # one record per person and organisation (the first title stated), as analysts write them down
    seen: set[tuple[str, str]] = set()

    def emit(person: Item, role: str, org: str | None, sent: Sentence) -> None:
        name = person.value if isinstance(person.value, str) else person.text
        if org is None or (name, org) in seen:
            return
        seen.add((name, org))
        out.append(Role(person=name, role=role, org=org, evidence=make_evidence(ctx, sent, FULL_NAME)))

    for sent in ctx.sentences:
        if not sent.of("person"):
            continue  # every reading below places a person of this sentence
        placed = [*_founders(ctx, sent), *_led_by(ctx, sent)]
        for person, role, org in placed:
            emit(person, role, org, sent)
        hired = _hired_as(ctx, sent)
        for person, role_item, org in hired:
            emit(person, _joined_title(ctx, role_item, sent.of("role")), org, sent)
        hired_roles = {id(role) for _, role, _ in hired}
        # people this sentence already ties to an organisation it names: their other titles here are not the
        # story company's ("Celestial AI, led by co-founder and chief executive Dave Lazovsky" in a Marvell story)
        tied = {id(p) for p, _, _ in placed} | {id(p) for p, _, _ in hired}
        named = {o.value for o in sent.of("org")}
        for person in sent.of("person"):
            roles = [r for r in _adjacent_roles(ctx, sent, person) if id(r) not in hired_roles]
            for role in roles:
                title = _former_title(ctx, sent, role, _joined_title(ctx, role, roles))
                org = _org_of_role(ctx, sent, person, role)
                if id(person) in tied and org not in named:
                    continue
                emit(person, title, org, sent)
    return out
