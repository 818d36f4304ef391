"""The unit of extraction work: articles go through the pipeline's stages, and to workers, in batches."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

# Articles a batch takes through the stages together (see `ingest.extract.extract_articles`); also the
# articles of one worker task. Larger batches gain little and delay the first writes.
BATCH_SIZE = 64


def in_batches(items: Sequence[T], size: int = BATCH_SIZE) -> list[Sequence[T]]:
    """`items` cut into consecutive batches of `size` (the last may be shorter), in their order."""
    return [items[start:start + size] for start in range(0, len(items), size)]
