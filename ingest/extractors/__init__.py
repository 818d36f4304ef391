"""Fact extractors; importing this package registers every one of them in the registry table."""

from ingest.extractors import deals, funding, people, products, shares  # noqa: F401
