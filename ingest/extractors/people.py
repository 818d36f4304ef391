"""People and their roles at organisations: "Groq CEO Jonathan Ross", "寒武纪CEO陈天石"."""

from __future__ import annotations

from ingest.analysis import ArticleContext, Item, Sentence
from ingest.extractors.common import distance_scale, focus, gap, make_evidence
from ingest.extractors.registry import extractor
from ingest.records import Record, Role

NAME = "people"
VERSION = "1.0"
FULL_NAME = f"{NAME}@{VERSION}"
ROLE_REACH = 40  # characters (scaled) between a person and a role word
ORG_REACH = 40


def _role_for(ctx: ArticleContext, sent: Sentence, person: Item) -> Item | None:
    scale = distance_scale(ctx)
    roles = [r for r in sent.of("role") if gap(r, person) * scale <= ROLE_REACH
             and not any(p is not person and gap(r, p) < gap(r, person) for p in sent.of("person"))]
    if not roles:
        return None
    return min(roles, key=lambda r: gap(r, person))


def _org_for(ctx: ArticleContext, sent: Sentence, person: Item, role: Item) -> str | None:
    scale = distance_scale(ctx)
    orgs = [o for o in sent.of("org") if ctx.org_type(o.value) not in {"research_firm", "media"} or True]
    lo, hi = min(person.start, role.start), max(person.end, role.end)
    # an organisation touching the role phrase: "Groq CEO", "CEO of Groq", "Groq 的技术顾问", "Groq's COO"
    touching = [o for o in orgs if gap(o, role) * scale <= 12 or (lo <= o.start and o.end <= hi)]
    if touching:
        return min(touching, key=lambda o: gap(o, role)).value
    near = [o for o in orgs if min(gap(o, role), gap(o, person)) * scale <= ORG_REACH]
    if near:
        return min(near, key=lambda o: min(gap(o, role), gap(o, person))).value
    if any(c for c in sent.cues("COREF_ORG") if gap(c, role) * scale <= 12):
        return focus(ctx)
    return None


@extractor(NAME, version=VERSION, needs=("person", "role", "org"), emits=(Role,), order=60)
def extract_people(ctx: ArticleContext) -> list[Record]:
    """A person, the role they hold and the organisation they hold it at."""
    out: list[Record] = []
    seen: set[tuple[str, str | None]] = set()
    for sent in ctx.sentences:
        for person in sent.of("person"):
            role = _role_for(ctx, sent, person)
            if role is None:
                continue
            org = _org_for(ctx, sent, person, role)
            if org is None:
                continue
            name = person.value if isinstance(person.value, str) else person.text
            key = (name, org)
            if key in seen:
                continue
            seen.add(key)
            out.append(Role(person=name, role=role.value or role.text, org=org,
                            evidence=make_evidence(ctx, sent, FULL_NAME)))
    return out
