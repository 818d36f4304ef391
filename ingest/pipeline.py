"""Build the spaCy pipeline per language (blank model + accelkb components) and run it on articles."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import ingest.nlp.components  # noqa: F401  (registers the factories)
from ingest.nlp.docdata import PUBLISHED, TEXT
from ingest.nlp.tokenizer import MixedScriptTokenizer
from ingest.textnorm import normalize


@lru_cache(maxsize=2)
def build_pipeline(language: str) -> Language:
    """A blank spaCy pipeline for `language` with the accelkb components, built once per process."""
    if language == "zh":
        nlp = spacy.blank("zh")
        nlp.tokenizer = MixedScriptTokenizer(nlp.vocab)
    elif language == "en":
        nlp = spacy.blank("en")
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


_SETTLED: set[str] = set()


def settle(language: str) -> None:
    """Once per language and process, after a first batch of its articles (the pipeline, lexicon, gazetteer
    and the grammars built on first use exist by then): hand what was built so far to the collector's
    permanent generation (`gc.freeze`). Those are hundreds of thousands of objects that live as long as the
    process; left in the collected generations, every full collection walked them all again, which cost
    about an eighth of the extraction time."""
    if language in _SETTLED:
        return
    _SETTLED.add(language)
    gc.collect()  # (garbage frozen now would never be freed)
    gc.freeze()


@dataclass
class _Pause:
    batches: int = 0  # batches in progress
    collector_was_on: bool = False  # when the first of them began


_PAUSE = _Pause()
_PAUSE_LOCK = threading.Lock()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run a batch with the cycle collector off, then collect the young generations once.

    A batch allocates hundreds of thousands of short-lived objects (items, spans, tuples); the collector would
    walk the living ones about a hundred times per batch for cycles that extraction does not make (it
    breaks the one a Doc has with its kept spans). Memory stays bounded by the batch. Batches running at the
    same time in threads share one pause: the collector comes back when the last ends."""
    with _PAUSE_LOCK:
        if _PAUSE.batches == 0:
            _PAUSE.collector_was_on = gc.isenabled()
            gc.disable()
        _PAUSE.batches += 1
    try:
        yield
    finally:
        with _PAUSE_LOCK:
            _PAUSE.batches -= 1
            if _PAUSE.batches == 0 and _PAUSE.collector_was_on:
                gc.enable()
                gc.collect(1)
