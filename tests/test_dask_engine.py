"""The Dask engine: the same extraction on a LocalCluster, Parquet shards, one writer; same totals as local."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests_support_tables import table_counts

pytest.importorskip("distributed")
pytest.importorskip("pyarrow")
pytestmark = pytest.mark.slow


def test_dask_ingest_matches_local(sample_db: Path, tmp_path: Path) -> None:
    from accelkb.config import REPO_ROOT
    from ingest.run import ingest_paths

    db = tmp_path / "dask.duckdb"
    shards = tmp_path / "shards"
    summary = ingest_paths([str(REPO_ROOT / "data" / "articles")], db, workers=2, progress=False,
                           engine="dask", shard_dir=shards)
    assert summary.counts["failed"] == 0 and summary.counts["new"] > 40
    assert sorted(p.name for p in shards.glob("*.parquet"))  # the shards stay where we asked
    assert table_counts(db) == table_counts(sample_db)
