"""Chip products and their makers: gazetteer names, plus model codes the text presents as chips."""

from __future__ import annotations

import re

from entities.gazetteer import NON_PRODUCT_KINDS
from entities.names import fold
from ingest.analysis import ArticleContext, Item, Sentence
from ingest.extractors.common import focus, gap, make_evidence
from ingest.extractors.registry import extractor
from ingest.prefilter import with_first_char_lookahead
from ingest.records import Product, Record

NAME = "products"
VERSION = "1.5"
FULL_NAME = f"{NAME}@{VERSION}"
MAKER_TYPES = {"chip_designer", "memory_maker", "foundry", "hyperscaler", "tech_company", "systems_maker",
               "cloud_provider", "automaker", "eda_ip", "ai_lab"}
# Model codes: "M1076", "Ara-2", "WTM2101", "MTT S5000", "SN40L"; Chinese text may write one right against
# Han characters ("推理芯片KX300", "KX300推理芯片"), so only Latin letters and digits bound a code
_MODEL_CODE = with_first_char_lookahead(re.compile(
    r"(?<![A-Za-z0-9_-])(?P<code>[A-Z][A-Za-z]{0,5}(?:-\d{1,3}|\d{2,5}[A-Za-z]{0,3}|\s[A-Z]{1,3}\d{2,5}[A-Za-z]{0,2}))"
    r"(?![A-Za-z0-9_.-])"))


def _maker_near(ctx: ArticleContext, sents: list[Sentence], maker: str, item: Item) -> bool:
    """The maker is named nearby, or another of its products is ("昆仑芯M100…的M300")."""
    for s in sents:
        for o in s.of("org"):
            entry = ctx.gazetteer.org(o.value)
            if o.value == maker or (entry is not None and entry.parent == maker):
                return True
        for p in s.of("product"):
            if p is not item and p.value[1] == maker and (p.label == "product" or fold(p.text) != fold(p.value[0])):
                return True
    return False


def _no_rival_maker(ctx: ArticleContext, sent: Sentence, maker: str) -> bool:
    """False when the company in focus is another chip maker: "主要产品包括华山系列…" in a Black Sesame story
    is not the Moore Threads chip of that name."""
    current = focus(ctx, sent)
    return current is None or current == maker or ctx.org_type(current) not in MAKER_TYPES


def _cue_near(sent: Sentence, item: Item) -> bool:
    return any(gap(c, item) <= 3 for c in sent.cues("PRODUCT_CUE"))


@extractor(NAME, version=VERSION, needs=("product", "org", "cue"), emits=(Product,), order=40)
def extract_products(ctx: ArticleContext) -> list[Record]:
    """Named chips, accelerators, systems and memory parts, each with its maker."""
    seen: set[tuple[str, str]] = set()
    out: list[Record] = []
    for index, sent in enumerate(ctx.sentences):
        window = ctx.sentences[max(0, index - 1): index + 2]
        for item in sent.of("product"):
            name, maker = item.value
            entries = ctx.gazetteer.products_of(name)
            entry = next((p for p in entries if p.maker == maker), entries[0] if entries else None)
            if entry is None or entry.kind in NON_PRODUCT_KINDS or (entry.generic and entry.name == entry.kind):
                continue  # architectures, services, and bare family words ("HBM") are not products
            if entry.generic or len({p.maker for p in entries}) > 1:
                makers = {p.maker for p in entries}
                near = [o for o in sent.of("org") if o.value in makers]
                if not near:
                    continue
                # the maker in the product's own clause first ("SK Hynix holds 90% of the HBM3 market, while
                # Samsung…"), then the nearest
                maker = min(near, key=lambda o: (sent.clause_id(o.start) != sent.clause_id(item.start), gap(o, item))).value
            elif item.label == "product_ambiguous" and fold(item.text) == fold(name) and maker != ctx.topic and \
                    not (_maker_near(ctx, window, maker, item) or _cue_near(sent, item) and _no_rival_maker(ctx, sent, maker)):
                continue  # a bare ambiguous name ("Atlas", "M300") needs its maker nearby, or a story about it
            key = (name, maker)
            if key in seen:
                continue
            seen.add(key)
            out.append(Product(name=name, company=maker, evidence=make_evidence(ctx, sent, FULL_NAME)))
        out.extend(_model_codes(ctx, sent, seen))
    return out


# codes that are not chips: short letter-digit pairs, periods ("Q3", "FY2025"), number formats ("FP64",
# "INT8") and securities filings ("S-1", "20-F")
_NOT_MODEL_CODE = re.compile(r"[A-Z]\d{1,2}|Q[1-4]|H[12]|FY\d+|CY\d+|(?:FP|BF|INT|TF|MXFP|NVFP)\d{1,2}|[SF]-1|20-F|10-[KQ]")


def _model_codes(ctx: ArticleContext, sent: Sentence, seen: set[tuple[str, str]]) -> list[Record]:
    """Unlisted model codes right next to a chip word and a maker: "its M1076 chip", "Kinara's Ara-2"."""
    out: list[Record] = []
    if not sent.of("org") or not sent.has_cue("PRODUCT_CUE", "LAUNCH"):
        return out  # a code needs a chip word and a maker in its sentence
    taken = [i for i in sent.items if i.kind in ("org", "product", "money", "percent", "date", "round", "person")]
    for m in _MODEL_CODE.finditer(sent.text):
        start, end = sent.start + m.start("code"), sent.start + m.end("code")
        if any(t.start < end and start < t.end for t in taken):
            continue
        code = m.group("code")
        if code.isdigit() or _NOT_MODEL_CODE.fullmatch(code):
            continue
        probe = Item("product", "new", start, end, code)
        if not any(gap(c, probe) <= 12 for c in sent.cues("PRODUCT_CUE", "LAUNCH")):
            continue
        makers = [o for o in sent.of("org") if ctx.org_type(o.value) in MAKER_TYPES or not o.known]
        if not makers:
            continue
        maker = min(makers, key=lambda o: gap(o, probe))
        if gap(maker, probe) > 60:
            continue
        key = (code, maker.value)
        if key in seen:
            continue
        seen.add(key)
        out.append(Product(name=code, company=maker.value, evidence=make_evidence(ctx, sent, FULL_NAME)))
    return out
