"""One table of extractors: versioned names, what each needs from the pipeline and what it emits."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ingest.analysis import ArticleContext
from ingest.nlp.docdata import PIPELINE_VERSION
from ingest.records import Record

ExtractFn = Callable[[ArticleContext], Iterable[Record]]


@dataclass(frozen=True)
class ExtractorSpec:
    """A registered extractor."""

    name: str
    version: str
    needs: tuple[str, ...]
    emits: tuple[type[Record], ...]
    func: ExtractFn
    order: int
    description: str

    @property
    def full_name(self) -> str:
        """Name and version as recorded in evidence: name@version."""
        return f"{self.name}@{self.version}"


REGISTRY: dict[str, ExtractorSpec] = {}


def extractor(name: str, *, version: str, needs: tuple[str, ...], emits: tuple[type[Record], ...],
              order: int) -> Callable[[ExtractFn], ExtractFn]:
    """Register an extractor function under `name@version`."""

    def wrap(func: ExtractFn) -> ExtractFn:
        if name in REGISTRY:
            raise ValueError(f"extractor {name!r} registered twice")
        doc = (func.__doc__ or "").strip().splitlines()
        REGISTRY[name] = ExtractorSpec(name, version, needs, emits, func, order, doc[0] if doc else "")
        return func

    return wrap


def ordered() -> list[ExtractorSpec]:
    """Registered extractors in run order (later ones may read what earlier ones shared)."""
    import ingest.extractors  # noqa: F401  (imports every extractor module)

    return sorted(REGISTRY.values(), key=lambda s: s.order)


def version_string() -> str:
    """A compact identity of the pipeline and extractor set, stored with every article."""
    return ",".join([f"pipeline@{PIPELINE_VERSION}", *(spec.full_name for spec in ordered())])
