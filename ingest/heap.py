"""The garbage collector during batch extraction: what extraction loads stays out of full collections, and
the collector rests while a batch runs."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

_KEEP_COLLECTABLE = [False]


def keep_collectable() -> None:
    """For a long-lived process that does more than extract (the dashboard): `settle` leaves its heap alone,
    because objects frozen there and unreachable later would never be freed."""
    _KEEP_COLLECTABLE[0] = True


_SETTLED: set[str] = set()


def settle(language: str) -> None:
    """Once per language and process, after a first batch of its articles (the pipeline, lexicon, gazetteer
    and the grammars built on first use exist by then): hand what was built so far to the collector's
    permanent generation (`gc.freeze`). Those are hundreds of thousands of objects that live as long as the
    process; left in the collected generations, every full collection walked them all again, which cost
    about an eighth of the extraction time."""
    if language in _SETTLED or _KEEP_COLLECTABLE[0]:
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
