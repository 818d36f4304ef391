"""One article: a lead, further facts mixed with background, paragraphs, and an outlet's house style."""


from __future__ import annotations

import random
import re
from typing import Any

from bench.synthetic.model import COLOUR, Chip, City, Desc, Event, Person, Report, SyntheticArticle, traditional_table
from bench.synthetic.world import World
from bench.synthetic.writer import Writer


_HAN = re.compile("[\u4e00-\u9fff]")


def story_length(texts: list[str], zh: bool) -> int:
    """Length as the fact densities count it: words, or Han characters."""
    if zh:
        return sum(len(_HAN.findall(text)) for text in texts)
    return sum(text.count(" ") + 1 for text in texts)


def fact_identity(key: str, values: dict[str, Any]) -> object:
    """What a fact is about, so that an article counts a person or a chip it names twice as one fact."""
    for name in ("person", "product", "rival_product"):
        if isinstance(values.get(name), (Person, Chip)):
            return values[name]
    return key, id(values)


def write_article(world: World, event: Event, report: Report, rng: random.Random,
             paragraphs: tuple[int, int]) -> SyntheticArticle:
    """Lead, further facts mixed with background, split into paragraphs; a title that matches the lead."""
    zh = report.lang == "zh"
    c = event.company
    w = Writer(world, c, report.lang, rng, report.published)
    rival = rng.choice([r for r in world.rivals if r is not c.org] or list(world.rivals))
    base: dict[str, Any] = {"company": c.org, "desc": Desc(c), "city": City(c), "city_short": City(c, True),
                            "founded": c.founded, "rival": rival}
    if world.rivals[rival]:
        base["rival_product"] = rng.choice(world.rivals[rival])
    lead_values = {**base, **event.lead, **report.overrides}
    lead = w.sentence(report.lead_key, lead_values) or ""
    w.in_title = True
    title = (w.sentence(report.lead_key, lead_values, "titles") or lead).rstrip("。.")
    w.in_title = False
    if not zh and rng.random() < 0.35:
        city, _, state = c.city[0].partition(", ")
        lead = f"{city.upper()}{', ' + state if state else ''} -- {lead}"
    details = [f for f in event.details if rng.random() < (0.6 if f[0] in COLOUR else 0.85)]
    if report.lead_key == "talks_lead":  # nothing has closed yet, and the company does not comment
        details = [("talks_color", lead_values)] + [f for f in details if f[0] not in
                                                    ("person_quote", "funding_investors", "funding_valuation")]
    context = world.context(c, zh, event.day)
    rng.shuffle(context)
    facts: list[str] = []
    feature = rng.random() < 0.1  # now and then a longer piece
    wanted = rng.randint(4, 9) + (rng.randint(1, 3) if feature else 0)
    stated = {fact_identity(report.lead_key, lead_values)}
    for fact_key, values in details + context:
        if len(stated) > wanted:
            break
        identity = fact_identity(fact_key, values)
        if identity in stated and (fact_key == "person_quote" or rng.random() < 0.7):
            continue  # a person or chip is named again only now and then, and quoted once
        text = w.sentence(fact_key, {**base, **values})
        if text:
            facts.append(text)
            if fact_key not in COLOUR:
                stated.add(identity)
    n_par = rng.randint(*paragraphs)
    n_bg = n_par + rng.randint(0, 2 if zh else 1) + (rng.randint(2, 5) if feature else 0)
    background = w.background(n_bg, base)
    size = story_length([lead, *facts, *background], zh)
    while size < (380 if zh else 190):  # real stories are rarely shorter
        more = w.background(1, base)
        if not more:
            break
        background += more
        size += story_length(more, zh)
    order = ["f"] * len(facts) + ["b"] * len(background)
    rng.shuffle(order)
    units = [facts.pop(0) if o == "f" else background.pop() for o in order]
    cuts = sorted(rng.sample(range(1, len(units)), min(n_par - 1, len(units) - 1))) if len(units) > 1 else []
    sep = "" if zh else " "
    body = [sep.join(units[a:b]) for a, b in zip([0, *cuts], [*cuts, len(units)])]
    text, title = house_style(w.finish("\n\n".join([lead, *body])), w.finish(title), w.t["layout"], rng)
    if zh and rng.random() < 0.1:  # a Taiwan or Hong Kong outlet
        for simplified, traditional in w.t["traditional_words"].items():
            text, title = text.replace(simplified, traditional), title.replace(simplified, traditional)
        text, title = text.translate(traditional_table()), title.translate(traditional_table())
    return SyntheticArticle("", report.lang, title, report.published, text)


def house_style(text: str, title: str, layout: dict[str, float], rng: random.Random) -> tuple[str, str]:
    """Set an article as one outlet would: line breaks between paragraphs, apostrophes, dashes."""
    if rng.random() < layout["single_line_breaks"]:
        text = text.replace("\n\n", "\n")
    if rng.random() < layout["curly_apostrophes"]:
        text, title = text.replace("'", "’"), title.replace("'", "’")
    if rng.random() < layout["em_dashes"]:
        text = text.replace(" -- ", " — ")
    return text, title
