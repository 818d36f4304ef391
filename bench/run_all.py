"""Benchmarks: extraction speed against spaCy's blank tokenizer, ingest throughput and memory, incremental
re-ingest, worker scaling, and query latency. Prints figures; asserts nothing (targets are in the README).

    python bench/run_all.py                 # 2,000 articles for extraction, 1,000 for ingest
    python bench/run_all.py --ingest 10000  # larger ingest
    python bench/run_all.py --queries-only KB.duckdb   # query latency on an existing database (e.g. 100k)
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.corpus import generate, write_corpus  # noqa: E402
from bench.scale import run_ingest_sampled  # noqa: E402


def words_of(texts: list[str]) -> int:
    """Words for English, characters/1.5 for Chinese (a common equivalence)."""
    total = 0
    for t in texts:
        cjk = sum(1 for ch in t if "\u4e00" <= ch <= "\u9fff")
        total += len(t.split()) if cjk < len(t) * 0.2 else int(cjk / 1.5)
    return total


def bench_extraction(n: int) -> dict[str, object]:
    """Time the full extraction against the blank tokenizer on the same texts: `n` generated articles, and the
    real-length articles that come with the repository (and ../shared when it is there)."""
    from ingest.records import Article
    from ingest.sources import article_id_for

    records = [Article(article_id=article_id_for(a.text), text=a.text, title=a.title, published=a.published,
                       lang=a.lang, source_path="bench", key=a.key) for a in generate(n, seed=11)]
    samples = {source: _sample_articles(folders) for source, folders in SAMPLE_SOURCES.items()}
    return {"generated": _extraction_ratio(records),
            "sample_articles": _extraction_ratio([a for chosen in samples.values() for a in chosen]),
            "sample_articles_by_source": {source: _extraction_ratio(chosen) for source, chosen in samples.items()
                                          if chosen}}


# Real articles as published on the web (the evaluation's dev set and the seed), and the articles written for
# this repository about real events.
SAMPLE_SOURCES = {
    "web_articles": [REPO.parent / "shared" / "eval" / "dev" / "articles", REPO.parent / "shared" / "seeds"],
    "written_samples": [REPO / "data" / "articles"],
}


def _sample_articles(folders: list[Path]) -> list[Any]:
    from ingest.sources import iter_source_files, read_source

    found = [str(folder) for folder in folders if folder.is_dir()]
    return [article for path in iter_source_files(found) if isinstance(path, Path)
            for article in read_source(path).articles] if found else []


def _extraction_ratio(records: list[Any], rounds: int = 3) -> dict[str, object]:
    """Best of `rounds` for the blank tokenizer and for the extraction alike, taken in turns (a slow spell of
    this shared machine then hits both), overall and per language. The extraction runs as ingest runs it:
    in batches of `ingest.batches.BATCH_SIZE` articles."""
    import spacy

    from ingest.extract import extract_in_batches

    def extract(chosen: list[Any]) -> int:
        return sum(len(v) for r in extract_in_batches(chosen) for v in r.records.values())

    blank = {"en": spacy.blank("en"), "zh": spacy.blank("zh")}
    for lang in blank:  # build the pipelines outside the timing
        extract([next(r for r in records if r.lang == lang)])
    best: dict[tuple[str, str], float] = {}
    facts: dict[str, int] = {}
    for _ in range(rounds):
        for lang in blank:
            chosen = [r for r in records if r.lang == lang]
            started = time.perf_counter()
            for r in chosen:
                blank[lang].tokenizer(r.text)
            best[(lang, "blank")] = min(best.get((lang, "blank"), float("inf")), time.perf_counter() - started)
            started = time.perf_counter()
            facts[lang] = extract(chosen)
            best[(lang, "extract")] = min(best.get((lang, "extract"), float("inf")), time.perf_counter() - started)
    t_blank = sum(v for (_, kind), v in best.items() if kind == "blank")
    t_extract = sum(v for (_, kind), v in best.items() if kind == "extract")
    words = words_of([r.text for r in records])
    # microseconds per word of each language. The reference's own speed varies with the texts: spaCy's tokenizer
    # saves a chunk it has split only if no special case ("Calif.", "don't", a line break) came before it in its
    # text, and splits every chunk it never saved afresh. Template text repeats its words, so nearly all of them
    # get saved; real articles from the web often open with a line break and use more distinct words.
    per_word = {lang: words_of([r.text for r in records if r.lang == lang]) for lang in blank}
    return {"articles": len(records), "words": words, "blank_tokenizer_s": round(t_blank, 2),
            "extract_s": round(t_extract, 2), "ratio_to_blank_tokenizer": round(t_extract / t_blank, 2),
            "ratio_by_language": {lang: round(best[(lang, "extract")] / best[(lang, "blank")], 2) for lang in blank},
            "us_per_word": {lang: {"blank": round(best[(lang, "blank")] / per_word[lang] * 1e6, 2),
                                   "extract": round(best[(lang, "extract")] / per_word[lang] * 1e6, 2)}
                            for lang in blank if per_word[lang]},
            "words_per_s": round(words / t_extract), "articles_per_s": round(len(records) / t_extract, 1),
            "facts": sum(facts.values())}


def run_ingest(folder: Path, db: Path, workers: int) -> tuple[float, int]:
    """Run `accelkb ingest` in a child process; return seconds and the peak memory (PSS, MB) of its whole
    process tree (writer, forkserver and workers)."""
    run = run_ingest_sampled(folder, db, workers)
    if run.returncode not in (0, 1):
        raise RuntimeError(run.stderr[-2000:])
    return run.seconds, run.peak_pss_kb // 1024


def bench_ingest(n: int, work: Path) -> dict[str, object]:
    """Ingest n articles with 1 and 2 workers; re-ingest unchanged; compare with reading the files."""
    folder = work / "corpus"
    write_corpus(folder, n, seed=5, per_jsonl=200)
    texts = [json.loads(line)["text"] for f in folder.glob("*.jsonl") for line in f.read_text(encoding="utf-8").splitlines()]
    words = words_of(texts)
    out: dict[str, object] = {"articles": n, "words": words}
    for workers in (1, 2):
        db = work / f"w{workers}.duckdb"
        seconds, peak = run_ingest(folder, db, workers)
        out[f"workers_{workers}"] = {"seconds": round(seconds, 1), "articles_per_s": round(n / seconds, 1),
                                     "words_per_s": round(words / seconds), "peak_tree_pss_mb": peak}
    seconds, _ = run_ingest(folder, work / "w1.duckdb", 1)
    started = time.perf_counter()
    for f in folder.glob("*.jsonl"):
        f.read_bytes()
    read_s = time.perf_counter() - started
    out["reingest_unchanged_s"] = round(seconds, 2)
    out["file_read_s"] = round(read_s, 3)
    w1 = out["workers_1"]["seconds"]  # type: ignore[index]
    w2 = out["workers_2"]["seconds"]  # type: ignore[index]
    out["speedup_2_workers"] = round(w1 / w2, 2)
    return out


def _dashboard_calls(db: Path) -> dict[str, Callable[[], object]]:
    """Every query function the dashboard pages call, with arguments picked from the database itself."""
    from analytics import queries as q
    from analytics.sqlsafe import query_db

    def first(sql: str) -> Any:
        rows = query_db(db, sql).rows
        return rows[0][0] if rows else None

    company = first("SELECT company_id FROM v_funding_rounds GROUP BY ALL ORDER BY count(*) DESC LIMIT 1") or 0
    maker = first("SELECT maker FROM v_products GROUP BY ALL ORDER BY count(*) DESC LIMIT 1") or ""
    investor = first("SELECT investor_id FROM round_investors GROUP BY ALL ORDER BY count(*) DESC LIMIT 1") or 0
    article = first("SELECT article_id FROM articles ORDER BY published DESC NULLS LAST LIMIT 1") or ""
    market = first("SELECT market FROM v_market_share WHERE market IS NOT NULL GROUP BY ALL ORDER BY count(*) DESC LIMIT 1")
    run = first("SELECT max(run_id) FROM ingest_runs") or 0
    return {
        "overview.headline_figures": lambda: q.headline_figures(db),
        "overview.funding_by_quarter": lambda: q.funding_by_quarter(db),
        "overview.largest_rounds": lambda: q.largest_rounds(db),
        "overview.valuation_leaders": lambda: q.valuation_leaders(db),
        "overview.latest_ingest_facts": lambda: q.latest_ingest_facts(db),
        "company.profile": lambda: q.entity_profile(db, company),
        "company.rounds": lambda: q.company_rounds(db, company),
        "company.valuations": lambda: q.company_valuations(db, company),
        "company.investors": lambda: q.company_investors(db, company),
        "company.products": lambda: q.company_products(db, maker),
        "company.market_share": lambda: q.company_market_share(db, company),
        "company.deals": lambda: q.company_deals(db, company),
        "company.facts": lambda: q.entity_facts(db, company),
        "company.conflicts": lambda: q.entity_conflicts(db, company),
        "company.neighbourhood": lambda: q.neighbourhood(db, company),
        "funding.facets": lambda: q.funding_facets(db),
        "funding.date_bounds": lambda: q.funding_date_bounds(db),
        "funding.summary": lambda: q.funding_summary(db),
        "funding.by_quarter_and_type": lambda: q.capital_by_quarter_and_type(db),
        "funding.by_company": lambda: q.capital_by_company(db),
        "funding.rounds": lambda: q.funding_rounds(db),
        "investors.leaderboard": lambda: q.investor_leaderboard(db),
        "investors.portfolio": lambda: q.investor_portfolio(db, investor),
        "investors.co_investors": lambda: q.co_investors(db, investor),
        "market_share.claims": lambda: q.market_share_claims(db, market),
        "market_share.disagreements": lambda: q.share_disagreements(db, market),
        "products.catalogue": lambda: q.product_catalogue(db),
        "graph.entities": lambda: q.graph_entities(db),
        "articles.date_bounds": lambda: q.article_date_bounds(db),
        "articles.count": lambda: q.article_count(db),
        "articles.list": lambda: q.articles(db),
        "articles.last_page": lambda: q.articles(db, offset=max(0, q.article_count(db) - q.ARTICLE_PAGE_SIZE)),
        "articles.reader": lambda: (q.article(db, article), q.article_evidence(db, article)),
        "upload.run_articles": lambda: q.run_articles(db, run),
        "sql.schema": lambda: q.schema_columns(db),
    }


def bench_queries(db: Path) -> dict[str, float]:
    """Milliseconds of each dashboard query (warm, connection included) and of building the weekly report."""
    out: dict[str, float] = {}
    for name, call in _dashboard_calls(db).items():
        call()
        started = time.perf_counter()
        call()
        out[name + "_ms"] = round((time.perf_counter() - started) * 1000, 1)
    from analytics.report import build_report, render_html

    started = time.perf_counter()
    render_html(build_report(db, None, "article"))
    out["weekly_report_ms"] = round((time.perf_counter() - started) * 1000, 1)
    out["slowest_dashboard_query_ms"] = max(v for k, v in out.items() if k != "weekly_report_ms")
    return out


def main() -> int:
    """Run every benchmark and print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--extract", type=int, default=2000, help="articles for the extraction benchmark")
    parser.add_argument("--ingest", type=int, default=1000, help="articles for the ingest benchmark")
    parser.add_argument("--queries-only", type=Path, metavar="DB", help="only time the queries on this database")
    args = parser.parse_args()
    if args.queries_only:
        print(json.dumps({"queries": bench_queries(args.queries_only)}, indent=1))
        return 0
    work = Path(tempfile.mkdtemp(prefix="accelkb-bench-"))
    try:
        figures = {"extraction": bench_extraction(args.extract)}
        print(json.dumps(figures, indent=1), flush=True)
        figures["ingest"] = bench_ingest(args.ingest, work)
        figures["queries"] = bench_queries(work / "w1.duckdb")
        print(json.dumps(figures, indent=1))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
