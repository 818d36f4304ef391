"""Build the spaCy pipeline per language (blank model + accelkb components) and run it on articles."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import ingest.nlp.components  # noqa: F401  (registers the factories)
from ingest.nlp.docdata import PUBLISHED, TEXT
from ingest.nlp.tokenizer import MixedScriptTokenizer, drop_whitespace_special_cases
from ingest.textnorm import normalize


@lru_cache(maxsize=2)
def build_pipeline(language: str) -> Language:
    """A blank spaCy pipeline for `language` with the accelkb components, built once per process."""
    if language == "zh":
        nlp = spacy.blank("zh")
        nlp.tokenizer = MixedScriptTokenizer(nlp.vocab)
    elif language == "en":
        nlp = spacy.blank("en")
        drop_whitespace_special_cases(nlp.tokenizer)
    else:
        raise ValueError(f"unsupported language {language!r}")
    nlp.add_pipe("accelkb_sentences")
    nlp.add_pipe("accelkb_gazetteer", config={"include_cjk": language == "zh"})
    nlp.add_pipe("accelkb_cues", config={"language": language})
    nlp.add_pipe("accelkb_quantities", config={"language": language})
    nlp.add_pipe("accelkb_new_orgs", config={"language": language})
    nlp.add_pipe("accelkb_people", config={"language": language})
    return nlp


def start_doc(text: str, language: str, published: date | None) -> Doc:
    """The tokenized Doc of the normalised text (same length as `text`, so offsets carry over), before the
    components."""
    folded = normalize(text)
    doc = build_pipeline(language).make_doc(folded)
    doc.user_data[PUBLISHED] = published
    doc.user_data[TEXT] = folded
    return doc


def analyse(text: str, language: str, published: date | None) -> Doc:
    """Run the pipeline on the normalised text (same length as `text`, so offsets carry over)."""
    doc = start_doc(text, language, published)
    for _, component in build_pipeline(language).pipeline:
        doc = component(doc)
    return doc
