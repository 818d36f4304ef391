"""Where accelkb finds its data files and its database."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = REPO_ROOT / "data" / "accelkb.duckdb"


def data_dir() -> Path:
    """Return the folder of curated data files (gazetteer, lexicons, schema)."""
    return Path(os.environ.get("ACCELKB_DATA", REPO_ROOT / "data"))


def db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Resolve the database file: an explicit argument, then $ACCELKB_DB, then the default."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("ACCELKB_DB")
    return Path(env) if env else DEFAULT_DB
