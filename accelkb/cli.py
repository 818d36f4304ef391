"""The `accelkb` command line: a thin layer over ingest/, entities/ and analytics/."""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from accelkb.config import REPO_ROOT, db_path


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="DuckDB file (default: $ACCELKB_DB or data/accelkb.duckdb)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    parser = argparse.ArgumentParser(prog="accelkb", description="AI-accelerator market knowledge base")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="read articles into the database")
    p.add_argument("paths", nargs="+", help="files or folders (recursive)")
    _add_db(p)
    p.add_argument("--workers", type=int, default=1, help="extraction processes (default 1)")
    p.add_argument("--wait", type=float, default=600.0, help="seconds to wait for another ingest (default 600)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="where extraction runs: local processes, or a Dask cluster (pip install 'accelkb[dask]')")
    p.add_argument("--scheduler", help="Dask scheduler address (default: a LocalCluster of --workers processes)")
    p.add_argument("--shards", help="folder for the Parquet shards (must be visible to workers and to this process)")

    p = sub.add_parser("rebuild", help="re-extract stored articles after a gazetteer, lexicon or extractor change")
    _add_db(p)
    p.add_argument("--all", action="store_true", help="re-extract every article, not only the affected ones")
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--wait", type=float, default=600.0)
    p.add_argument("--no-progress", action="store_true")

    p = sub.add_parser("extract", help="print extracted facts as JSON Lines (no database)")
    p.add_argument("files", nargs="+")
    p.add_argument("--jsonl", action="store_true", help="one JSON object per input file (the default)")
    p.add_argument("--date", help="reference date YYYY-MM-DD for articles without one")

    p = sub.add_parser("sql", help="run a read-only SQL query")
    p.add_argument("query")
    _add_db(p)
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--limit", type=int, default=10_000)
    p.add_argument("--timeout", type=float, default=30.0)

    p = sub.add_parser("eval", help="score extraction against gold annotations")
    p.add_argument("gold_dir")
    p.add_argument("articles_dir")
    p.add_argument("--json", action="store_true", help="scores as JSON")
    p.add_argument("--errors", action="store_true", help="list misses and false facts")
    p.add_argument("--type", action="append", help="only list errors of this fact type")

    sub.add_parser("extractors", help="list the registered extractors")

    p = sub.add_parser("entities", help="look up and curate entities")
    esub = p.add_subparsers(dest="action", required=True)
    q = esub.add_parser("show", help="an entity, its aliases and facts")
    q.add_argument("name")
    _add_db(q)
    q = esub.add_parser("merge", help="merge entity A into entity B")
    q.add_argument("source")
    q.add_argument("target")
    _add_db(q)
    q = esub.add_parser("rename", help="rename an entity")
    q.add_argument("old")
    q.add_argument("new")
    _add_db(q)
    q = esub.add_parser("set-type", help="set an organisation's type")
    q.add_argument("name")
    q.add_argument("type")
    _add_db(q)
    q = esub.add_parser("path", help="the shortest chain of edges between two entities")
    q.add_argument("start")
    q.add_argument("goal")
    _add_db(q)
    q = esub.add_parser("neighbours", help="every edge of an entity")
    q.add_argument("name")
    _add_db(q)
    q = esub.add_parser("portfolio", help="an investor's portfolio and co-investors")
    q.add_argument("name")
    _add_db(q)
    q = esub.add_parser("add-alias", help="add a spelling to an organisation")
    q.add_argument("name")
    q.add_argument("alias")
    _add_db(q)

    p = sub.add_parser("report", help="weekly report (html, md or xlsx)")
    p.add_argument("--week", help="ISO week, e.g. 2024-W32 (default: last complete week)")
    p.add_argument("--format", choices=("html", "md", "xlsx"), default="html")
    p.add_argument("--out", help="output file (default: stdout for md/html)")
    p.add_argument("--by", choices=("article", "ingest"), default="article", help="date facts by article or ingest date")
    _add_db(p)

    p = sub.add_parser("app", help="start the dashboard")
    _add_db(p)
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--host", default="127.0.0.1")

    p = sub.add_parser("demo", help="ingest the bundled sample articles, then start the dashboard")
    _add_db(p)
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--no-app", action="store_true", help="only ingest")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `accelkb` console script."""
    args = build_parser().parse_args(argv)
    handler = globals()[f"cmd_{args.command.replace('-', '_')}"]
    try:
        return int(handler(args) or 0)
    except KeyboardInterrupt:
        return 130
    except (FileNotFoundError, ValueError, RuntimeError) as exc:
        print(f"accelkb {args.command}: {exc}", file=sys.stderr)
        return 2


# ---------------------------------------------------------------- commands


def cmd_ingest(args: argparse.Namespace) -> int:
    """Ingest files and folders; exit 1 when the run was partial."""
    from ingest.run import IngestLocked, ingest_paths, stale_notice

    target = db_path(args.db)
    try:
        summary = ingest_paths(args.paths, target, workers=args.workers, progress=not args.no_progress,
                               wait_seconds=args.wait, command="ingest " + " ".join(args.paths),
                               engine=args.engine, scheduler=args.scheduler,
                               shard_dir=Path(args.shards) if args.shards else None)
    except IngestLocked as exc:
        print(f"accelkb ingest: {exc}", file=sys.stderr)
        return 3
    for problem in summary.problems:
        print(f"{'error' if problem.fatal else 'warning'}: {problem}", file=sys.stderr)
    for line in summary.lines():
        if not line.startswith("  ") and not line.startswith("problems"):
            print(line)
    print(f"database: {target}")
    notice = stale_notice(target)
    if notice:
        print(notice)
    return 1 if summary.status == "partial" else 0


def cmd_rebuild(args: argparse.Namespace) -> int:
    """Re-extract what a change of knowledge affects."""
    from ingest.run import IngestLocked, rebuild

    target = db_path(args.db)
    if not target.exists():
        raise FileNotFoundError(f"{target}: no database to rebuild")
    try:
        out = rebuild(target, everything=args.all, workers=args.workers, wait_seconds=args.wait,
                      progress=not args.no_progress)
    except IngestLocked as exc:
        print(f"accelkb rebuild: {exc}", file=sys.stderr)
        return 3
    print(f"re-extracted {out.reextracted} articles, re-stamped {out.restamped} unaffected ones "
          f"({out.seconds:.1f}s)")
    for failure in out.failed:
        print(f"error: {failure}", file=sys.stderr)
    return 1 if out.failed else 0


def cmd_extract(args: argparse.Namespace) -> int:
    """Print one JSON object per input file (several for JSON Lines / feed files)."""
    from dataclasses import replace
    from datetime import date

    from ingest.extract import ExtractionFailure, extract_in_batches
    from ingest.sources import read_source

    ref = date.fromisoformat(args.date) if args.date else None
    status = 0
    for name in args.files:
        result = read_source(name, display=name)
        for problem in result.problems:
            print(f"{'error' if problem.fatal else 'warning'}: {problem}", file=sys.stderr)
            status = 1 if problem.fatal else status
        articles = [replace(a, published=ref) if ref and a.published is None else a for a in result.articles]
        for extraction in extract_in_batches(articles):
            if isinstance(extraction, ExtractionFailure):
                print(f"error: {name}: {extraction.article.key}: {extraction.reason}", file=sys.stderr)
                status = 1
                continue
            print(json.dumps(extraction.to_json(source=name), ensure_ascii=False, default=str))
    return status


def cmd_sql(args: argparse.Namespace) -> int:
    """Run one read-only query and print the result."""
    from analytics.sqlsafe import QueryRefused, QueryTimeout, query_db

    try:
        result = query_db(db_path(args.db), args.query, limit=args.limit, timeout=args.timeout)
    except (QueryRefused, QueryTimeout) as exc:
        print(f"accelkb sql: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # DuckDB errors: show them plainly
        print(f"accelkb sql: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    print_result(result.columns, result.rows, args.format)
    if result.truncated:
        print(f"(first {args.limit} rows shown)", file=sys.stderr)
    return 0


def print_result(columns: list[str], rows: list[tuple[Any, ...]], fmt: str) -> None:
    """Print rows as an aligned table, CSV or JSON."""
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
        return
    if fmt == "json":
        print(json.dumps([dict(zip(columns, r)) for r in rows], ensure_ascii=False, default=str, indent=1))
        return
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    widths = [min(w, 60) for w in widths]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths)))
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print("  ".join(v[:w].ljust(w) for v, w in zip(row, widths)))
    print(f"({len(rows)} rows)")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:g}"
    return str(value).replace("\n", " ")


def cmd_eval(args: argparse.Namespace) -> int:
    """Score extraction against a gold folder."""
    from ingest.evaluate import evaluate

    report = evaluate(Path(args.gold_dir), Path(args.articles_dir))
    if args.json:
        print(json.dumps(report.to_json(), indent=1))
    else:
        print(report.table())
    if report.missing_articles:
        print(f"gold files without an article: {', '.join(report.missing_articles)}", file=sys.stderr)
    if args.errors:
        for article_id, kind, fact in report.misses:
            if not args.type or kind in args.type:
                print(f"MISS  {article_id} {kind} {json.dumps(_brief(fact), ensure_ascii=False)}")
        for article_id, kind, fact in report.false_facts:
            if not args.type or kind in args.type:
                sentence = ((fact.get("evidence") or {}).get("sentence") or "")[:100].replace("\n", " ")
                print(f"FALSE {article_id} {kind} {json.dumps(_brief(fact), ensure_ascii=False)}  | {sentence}")
    return 0


def _brief(fact: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fact.items() if v not in (None, [], "") and k not in ("evidence", "why", "amount_high")}


def cmd_extractors(args: argparse.Namespace) -> int:
    """Print the extractor registry table."""
    from ingest.extractors.registry import ordered

    print(f"{'extractor':24} {'needs':40} {'emits':50} description")
    for spec in ordered():
        emits = ", ".join(t.kind for t in spec.emits)
        print(f"{spec.full_name:24} {', '.join(spec.needs):40} {emits:50} {spec.description}")
    return 0


def cmd_entities(args: argparse.Namespace) -> int:
    """Show or curate entities."""
    from entities import curation

    if args.action == "show":
        print(curation.show(db_path(args.db), args.name))
        return 0
    if args.action in ("path", "neighbours", "portfolio"):
        return _graph_command(args)
    if args.action == "merge":
        message = curation.merge(args.source, args.target, db_path(args.db))
    elif args.action == "rename":
        message = curation.rename(args.old, args.new, db_path(args.db))
    elif args.action == "set-type":
        message = curation.set_type(args.name, args.type, db_path(args.db))
    else:
        message = curation.add_alias(args.name, args.alias, db_path(args.db))
    print(message)
    return 0


def _graph_command(args: argparse.Namespace) -> int:
    from analytics import graph

    db = db_path(args.db)
    if args.action == "path":
        steps = graph.shortest_path(db, args.start, args.goal)
        if not steps:
            print(f"no path between {args.start!r} and {args.goal!r}")
            return 1
        for src, relation, dst in steps:
            print(f"{src} -[{relation}]-> {dst}")
        return 0
    if args.action == "neighbours":
        frame = graph.neighbours(db, args.name)
        print_result(list(frame.columns), list(frame.itertuples(index=False)), "table")
        return 0
    frame = graph.portfolio(db, args.name)
    print_result(list(frame.columns), list(frame.itertuples(index=False)), "table")
    frame = graph.co_investors(db, args.name)
    print_result(list(frame.columns), list(frame.itertuples(index=False)), "table")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Write the weekly report."""
    from analytics.report import write_report

    out = write_report(db_path(args.db), week=args.week, fmt=args.format, out=args.out, by=args.by)
    if out is not None:
        print(f"report written to {out}", file=sys.stderr)
    return 0


def _streamlit(args: argparse.Namespace) -> int:
    env = dict(os.environ, ACCELKB_DB=str(db_path(args.db).resolve()))
    cmd = [sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "app.py"), "--server.port", str(args.port),
           "--server.address", args.host, "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--client.toolbarMode", "minimal"]
    print(f"dashboard: http://{args.host}:{args.port}  (Ctrl-C to stop)")
    return subprocess.call(cmd, env=env)


def cmd_app(args: argparse.Namespace) -> int:
    """Start the Streamlit dashboard."""
    return _streamlit(args)


def cmd_demo(args: argparse.Namespace) -> int:
    """Ingest the bundled sample articles, then start the dashboard."""
    from ingest.run import ingest_paths

    target = db_path(args.db)
    summary = ingest_paths([str(REPO_ROOT / "data" / "articles")], target, command="demo")
    for line in summary.lines():
        print(line)
    if args.no_app:
        return 0
    return _streamlit(args)


if __name__ == "__main__":
    raise SystemExit(main())
