"""Extraction beyond one machine: Dask runs the same extraction over article batches and writes Parquet
shards; one writer (this process) then loads the shards into DuckDB, since DuckDB takes one writer.

    accelkb ingest inbox/ --engine dask                     # a LocalCluster on this machine
    accelkb ingest inbox/ --engine dask --scheduler tcp://scheduler:8786
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ingest.batches import in_batches
from ingest.records import Article, extraction_from_row, extraction_to_row

SHARD_SIZE = 200


def extract_shard(articles: list[Article], shard_path: str) -> dict[str, Any]:
    """Worker side: extract a batch of articles and write them as one Parquet file; return a summary."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ingest.run import _extract_batch

    rows, failures = [], []
    for result in _extract_batch(articles):
        if isinstance(result, tuple):
            failures.append((result[0].source_path, result[1]))
        else:
            rows.append(extraction_to_row(result))
    if rows:
        pq.write_table(pa.Table.from_pylist(rows), shard_path)
    return {"shard": shard_path if rows else None, "articles": len(rows), "failures": failures}


def run_dask(articles: list[Article], shard_dir: Path, scheduler: str | None = None,
             workers: int = 2) -> Iterator[dict[str, Any]]:
    """Extract on a Dask cluster (an existing scheduler, or a LocalCluster); yield shard summaries in order."""
    from dask.distributed import Client, LocalCluster

    shard_dir.mkdir(parents=True, exist_ok=True)
    batches = in_batches(articles, SHARD_SIZE)
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        futures = [client.submit(extract_shard, batch, str(shard_dir / f"shard-{i:06d}.parquet"), pure=False)
                   for i, batch in enumerate(batches)]
        for future in futures:
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def load_shard(shard_path: str) -> list[Any]:
    """Writer side: the extractions stored in one shard."""
    import pyarrow.parquet as pq

    return [extraction_from_row(row) for row in pq.read_table(shard_path).to_pylist()]


def temporary_shard_dir() -> Path:
    """A scratch folder for shards (removed by the caller with `cleanup`)."""
    return Path(tempfile.mkdtemp(prefix="accelkb-shards-"))


def cleanup(shard_dir: Path) -> None:
    """Remove a shard folder."""
    shutil.rmtree(shard_dir, ignore_errors=True)
