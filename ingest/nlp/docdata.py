"""What the pipeline components leave on a Doc for the extractors: keys into `doc.user_data` and readers.

Kept apart from the components so that code reading a finished Doc does not load spaCy's pipeline machinery.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# bump when a pipeline component finds different spans: stored articles are then re-extracted
PIPELINE_VERSION = "3"

VALUES = "accelkb.values"
CUES = "accelkb.cues"
SHORT_FORM_OF = "short_form_of"  # doc_values key: the full name an unlisted short form stands for
PUBLISHED = "accelkb.published"
TEXT = "accelkb.text"
SPANS = "accelkb.spans"
SENTENCES = "accelkb.sentences"
INSIDE_WORDS = "accelkb.inside_words"
OFFSETS = "accelkb.token_offsets"


def doc_text(doc: Doc) -> str:
    """The Doc's text; kept in user_data because spaCy rebuilds `doc.text` from the tokens on every call."""
    text = doc.user_data.get(TEXT)
    if text is None:
        text = doc.text
        doc.user_data[TEXT] = text
    return text


def doc_values(doc: Doc) -> dict[tuple[str, int], Any]:
    """The parsed values store of a Doc."""
    return doc.user_data.setdefault(VALUES, {})


def set_spans(doc: Doc, group: str, spans: list[Span]) -> None:
    """Set `doc.spans[group]` and keep the Span objects for the later stages: reading `doc.spans` builds new
    Span objects on every access."""
    doc.spans[group] = spans
    doc.user_data.setdefault(SPANS, {})[group] = list(spans)


def release_spans(doc: Doc) -> None:
    """Drop the kept Span objects (`doc.spans` keeps its groups): each holds its Doc, so until then the Doc
    is only freed by the cycle collector."""
    doc.user_data.pop(SPANS, None)


def spans_of(doc: Doc, group: str) -> list[Span]:
    """The spans of `group` (a list the caller must not change)."""
    kept = doc.user_data.get(SPANS, {}).get(group)
    return kept if kept is not None else list(doc.spans.get(group, []))


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) character offsets of the Doc's sentences, computed once."""
    spans = doc.user_data.get(SENTENCES)
    if spans is None:
        spans = doc.user_data[SENTENCES] = [(s.start_char, s.end_char) for s in doc.sents]
    return spans
