"""A generator of realistic synthetic news articles (English and Chinese) for benchmarks and stress tests.

A chronological stream of events (funding rounds and talks, acquisitions, chip launches, appointments,
partnerships, market-share reports, listings) happens to companies from the gazetteer. Each event is reported
by one to six articles a few days apart, in different words and now and then with a conflicting figure; each
article adds what the company's history supplies (earlier rounds, founder, chips, partners, market-share
claims) and background sentences. Phrasings live in corpus_templates/ (en.yaml, zh.yaml; world.yaml holds
what is the same in both languages). Deterministic for a given seed.

The parts are in bench/synthetic/: the values and phrasing files (model), the companies and events (world),
sentences (writer) and articles (article); this module runs the stream and writes the files.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python bench/corpus.py OUT N
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic.article import house_style, write_article  # noqa: E402
from bench.synthetic.model import SPAN_DAYS, START, SyntheticArticle  # noqa: E402
from bench.synthetic.world import World  # noqa: E402

__all__ = ["SyntheticArticle", "generate", "house_style", "write_corpus"]


def generate(n: int, seed: int = 7, zh_share: float = 0.4, paragraphs: tuple[int, int] = (4, 8)) -> Iterator[SyntheticArticle]:
    """Yield `n` articles (`zh_share` Chinese) on a stream of events; `paragraphs`: body paragraphs after the lead."""
    rng = random.Random(seed)
    world = World(rng, zh_share)
    weights = world.w["reports_weights"]
    per_event = sum((i + 1) * w for i, w in enumerate(weights)) / sum(weights)
    spacing = SPAN_DAYS / max(1.0, n / per_event)
    pending: list[SyntheticArticle] = []
    done, j = 0, 0
    while done < n:
        zh = rng.random() < zh_share
        day = START + timedelta(days=min(int(j * spacing), SPAN_DAYS - 7))
        event = world.event(day - timedelta(days=max(0, day.weekday() - 4)), zh)  # news breaks on weekdays
        j += 1
        pending += [write_article(world, event, r, rng, paragraphs) for r in world.reports(event, zh)]
        for company, fact in event.after:  # later stories can recall this event
            company.history.append(fact)
        if len(pending) >= 48 or done + len(pending) >= n:
            rng.shuffle(pending)  # reports of one event end up spread over the neighbouring keys
            for article in pending[: n - done]:
                yield replace(article, key=f"synthetic-{seed}-{done:06d}")
                done += 1
            pending = []


def write_corpus(folder: Path, n: int, seed: int = 7, per_jsonl: int = 0) -> int:
    """Write `n` articles as text files (or JSON Lines files of `per_jsonl` articles); return the count."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    batch: list[SyntheticArticle] = []
    for article in generate(n, seed):
        count += 1
        if per_jsonl:
            batch.append(article)
            if len(batch) == per_jsonl:
                _write_jsonl(folder, batch)
                batch = []
        else:
            (folder / f"{article.key}.txt").write_text(article.front_matter_file(), encoding="utf-8")
    if batch:
        _write_jsonl(folder, batch)
    return count


def _write_jsonl(folder: Path, batch: list[SyntheticArticle]) -> None:
    lines = [json.dumps({"title": a.title, "date": a.published.isoformat(), "lang": a.lang, "text": a.text},
                        ensure_ascii=False) for a in batch]
    (folder / f"{batch[0].key}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    """Write a corpus from the command line: `python bench/corpus.py OUT_DIR N [--seed S] [--per-jsonl K]`."""
    import argparse

    parser = argparse.ArgumentParser(description="Write N synthetic articles into OUT_DIR.")
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--per-jsonl", type=int, default=1000, help="articles per JSON Lines file (0: one .txt each)")
    args = parser.parse_args()
    print(f"wrote {write_corpus(args.out, args.n, args.seed, args.per_jsonl)} articles to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
