"""Ingest a folder with `accelkb ingest` and print time and the memory of the whole process tree.

The peak RSS that `time -v` reports is one process's; ingest runs a writer, a forkserver and N workers, so
this samples every process of the tree and reports the peak of their sum (PSS, which splits pages shared
between processes instead of counting them in each).

    python bench/corpus.py /tmp/b100/in 100000 --seed 13 --per-jsonl 1000
    python bench/scale.py /tmp/b100/in /tmp/b100.duckdb --workers 2
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.5


def _children(pid: int) -> list[int]:
    """Every descendant of `pid` (from /proc/*/stat parent links)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    out: list[int] = []
    todo = [pid]
    while todo:
        kids = parents.get(todo.pop(), [])
        out += kids
        todo += kids
    return out


def _memory_kb(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of one process in kB; zeros when it has gone."""
    pss = rss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1])
            elif line.startswith("Rss:"):
                rss = int(line.split()[1])
    except OSError:
        pass
    return pss, rss


class TreeSampler(threading.Thread):
    """Samples the summed memory of a process and its descendants until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_pss_kb = 0
        self.peak_rss_kb = 0
        self.peak_processes = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            pids = [self.pid, *_children(self.pid)]
            totals = [_memory_kb(p) for p in pids]
            self.peak_pss_kb = max(self.peak_pss_kb, sum(t[0] for t in totals))
            self.peak_rss_kb = max(self.peak_rss_kb, sum(t[1] for t in totals))
            self.peak_processes = max(self.peak_processes, len(pids))
            self._stop_event.wait(SAMPLE_SECONDS)

    def stop(self) -> None:
        """End sampling."""
        self._stop_event.set()
        self.join()


@dataclass
class IngestRun:
    """One `accelkb ingest` child run: its time, output and the peak memory of its process tree."""

    seconds: float
    returncode: int
    stdout: str
    stderr: str
    peak_pss_kb: int
    peak_rss_kb: int
    processes: int


def run_ingest_sampled(corpus: str | Path, db: str | Path, workers: int) -> IngestRun:
    """Ingest `corpus` into `db` in a child process while sampling the memory of its process tree."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "accelkb.cli", "ingest", str(corpus), "--db", str(db),
                             "--workers", str(workers), "--no-progress"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    sampler.stop()
    return IngestRun(seconds, proc.returncode, out, err, sampler.peak_pss_kb, sampler.peak_rss_kb,
                     sampler.peak_processes)


def main() -> int:
    """Run one ingest and print its figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("db")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    articles = sum(1 for f in Path(args.corpus).rglob("*.jsonl") for _ in f.open(encoding="utf-8"))
    run = run_ingest_sampled(args.corpus, args.db, args.workers)
    if run.returncode not in (0, 1):
        print(run.stderr[-2000:], file=sys.stderr)
        return run.returncode
    db_mb = sum(p.stat().st_size for p in Path(args.db).parent.glob(Path(args.db).name + "*")) / 1e6
    print(json.dumps({
        "articles": articles, "workers": args.workers, "seconds": round(run.seconds, 1),
        "articles_per_s": round(articles / run.seconds, 1),
        "peak_tree_pss_mb": round(run.peak_pss_kb / 1024), "peak_tree_rss_mb": round(run.peak_rss_kb / 1024),
        "processes": run.processes, "database_mb": round(db_mb), "ingest_output": run.stdout.strip().splitlines(),
    }, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
