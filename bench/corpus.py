"""A generator of realistic synthetic news articles (English and Chinese) for benchmarks and stress tests.

Articles are built from the gazetteer (real company, investor, research-firm and product names) and a
set of phrasings written for this project, with paragraphs of market background to reach the length of
real trade-press stories. They are deterministic for a given seed.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from entities.gazetteer import INVESTOR_TYPES, load_gazetteer
from entities.names import has_cjk

ROUNDS_EN = ["seed round", "Series A", "Series B", "Series C", "Series D", "Series E", "strategic round"]
ROUNDS_ZH = ["天使轮", "A轮", "B轮", "C轮", "D轮", "B+轮", "战略融资"]

EN_FUNDING = [
    "{company} said on {weekday} it had raised {amount} in a {round} led by {lead}, with participation from {others}.",
    "{company}, a maker of chips for AI inference, has closed a {amount} {round} led by {lead}; {others} also invested.",
    "{lead} led a {amount} {round} in {company}, the startup said, valuing it at {valuation}.",
    "{company} is in talks to raise about {amount} at a valuation of roughly {valuation}, according to people familiar with the matter.",
]
EN_SHARE = [
    "According to {source}, {subject} held {share} of the market for {market} last year.",
    "{source} estimates that {subject} controls between {low} and {high} of {market}.",
]
EN_PRODUCT = [
    "{maker} began shipping its {product} accelerator to cloud customers this quarter.",
    "The {product}, built by {maker}, competes directly with offerings from {rival}.",
]
EN_FILLER = [
    "Demand for accelerators used to train and serve large language models has outstripped supply for two years, "
    "and buyers have been signing multi-year capacity agreements to secure access to the latest parts.",
    "Analysts expect spending on data-center infrastructure to keep rising as enterprises move from pilots to "
    "production deployments, although some investors have questioned whether the returns will justify the outlay.",
    "Memory bandwidth has become a bottleneck for inference workloads, pushing designers toward stacked memory, "
    "larger on-chip caches and new interconnects that let thousands of chips work as one system.",
    "Start-ups pitching alternatives to the incumbents argue that specialised silicon can cut the cost per token "
    "sharply, but they face long qualification cycles with the hyperscalers and a mature software ecosystem.",
    "Export controls continue to shape the market in China, where domestic suppliers are winning orders from "
    "internet platforms and state-backed computing centres that cannot buy the most advanced foreign parts.",
]
ZH_FUNDING = [
    "{company}{when}宣布完成{amount}{round}融资，由{lead}领投，{others}跟投。",
    "据悉，{company}已完成{amount}{round}融资，本轮由{lead}独家投资，投后估值约{valuation}。",
    "{company}正在洽谈新一轮融资，拟募资{amount}，估值或达{valuation}。",
]
ZH_SHARE = [
    "据{source}统计，{year}年{subject}在{market}市场的份额为{share}。",
    "{source}数据显示，{subject}占据{market}市场{share}的份额。",
]
ZH_PRODUCT = [
    "{maker}近日发布了新一代{product}芯片，面向大模型训练与推理场景。",
]
ZH_FILLER = [
    "业内人士指出，随着大模型训练与推理需求持续增长，算力基础设施的投资规模不断扩大，国产芯片厂商迎来窗口期。",
    "与此同时，先进封装和高带宽存储的供给依然紧张，成为制约加速卡出货的重要因素，多家厂商正在加快产能建设。",
    "分析人士认为，软件生态的成熟度将决定新进入者能否在数据中心市场站稳脚跟，兼容主流框架是客户采购时的重要考量。",
    "从资本市场来看，今年以来人工智能芯片赛道融资活跃，多家企业启动上市辅导，估值水平较去年明显提升。",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


@dataclass(frozen=True)
class SyntheticArticle:
    """One generated article."""

    key: str
    lang: str
    title: str
    published: date
    text: str

    def front_matter_file(self) -> str:
        """The article as a text file with YAML front matter."""
        title = self.title.replace("'", "''")
        return f"---\n\ntitle: '{title}'\ndate: {self.published.isoformat()}\nlang: {self.lang}\n\n---\n\n{self.text}\n"


class _Names:
    def __init__(self, rng: random.Random) -> None:
        gaz = load_gazetteer()
        self.rng = rng
        orgs = list(gaz.orgs.values())
        self.companies = [o for o in orgs if o.type in ("chip_designer", "cloud_provider") and not o.ambiguous]
        self.investors = [o for o in orgs if o.type in INVESTOR_TYPES and not o.ambiguous]
        self.sources = [o for o in orgs if o.type == "research_firm" and not o.ambiguous]
        self.products = [p for p in gaz.products if not p.ambiguous and not p.generic and p.kind in ("GPU", "ASIC", "NPU", "TPU", "LPU")]

    def pick(self, pool: list, lang: str) -> str:
        entry = self.rng.choice(pool)
        if lang == "zh":
            chinese = [a for a in entry.aliases if has_cjk(a)]
            if chinese and self.rng.random() < 0.8:
                return self.rng.choice(chinese)
        return entry.name


def _money_en(rng: random.Random) -> str:
    value = rng.choice([12, 25, 40, 65, 100, 120, 155, 230, 300, 400, 640, 750])
    return f"${value} million" if value < 1000 else f"${value / 1000:.1f} billion"


def _money_zh(rng: random.Random) -> str:
    return rng.choice(["3亿元", "5亿元", "10亿元", "数亿元", "2.5亿美元", "6.4亿美元", "8000万美元", "近20亿元"])


def generate(n: int, seed: int = 7, zh_share: float = 0.4, paragraphs: tuple[int, int] = (4, 8)) -> Iterator[SyntheticArticle]:
    """Yield `n` articles, a mix of English and Chinese, each with several facts and background text."""
    rng = random.Random(seed)
    names = _Names(rng)
    start = date(2021, 1, 4)
    for i in range(n):
        lang = "zh" if rng.random() < zh_share else "en"
        published = start + timedelta(days=rng.randrange(0, 365 * 5))
        pick = lambda pool: names.pick(pool, lang)  # noqa: E731
        company = pick(names.companies)
        lead = pick(names.investors)
        others = ("、" if lang == "zh" else ", ").join(pick(names.investors) for _ in range(rng.randint(1, 3)))
        product = rng.choice(names.products)
        facts: list[str] = []
        if lang == "en":
            facts.append(rng.choice(EN_FUNDING).format(company=company, weekday=rng.choice(WEEKDAYS), amount=_money_en(rng),
                                                       round=rng.choice(ROUNDS_EN), lead=lead, others=others,
                                                       valuation=f"${rng.choice([1, 2, 2.8, 4.4, 6])} billion"))
            facts.append(rng.choice(EN_SHARE).format(source=pick(names.sources), subject=pick(names.companies),
                                                     share=f"{rng.randint(5, 95)}%", low=f"{rng.randint(40, 60)}%",
                                                     high=f"{rng.randint(70, 95)}%", market="AI accelerators"))
            facts.append(rng.choice(EN_PRODUCT).format(maker=product.maker, product=product.name, rival=pick(names.companies)))
            filler = EN_FILLER
            title = f"{company} raises new funding as AI chip race heats up"
        else:
            facts.append(rng.choice(ZH_FUNDING).format(company=company, when=rng.choice(["近日", "日前", "今年3月", "周一"]),
                                                       amount=_money_zh(rng), round=rng.choice(ROUNDS_ZH), lead=lead,
                                                       others=others, valuation=rng.choice(["30亿元", "100亿元", "20亿美元"])))
            facts.append(rng.choice(ZH_SHARE).format(source=pick(names.sources), subject=pick(names.companies),
                                                     year=published.year - 1, share=f"{rng.randint(5, 95)}%", market="AI加速卡"))
            facts.append(rng.choice(ZH_PRODUCT).format(maker=pick(names.companies), product=product.name))
            filler = ZH_FILLER
            title = f"{company}完成新一轮融资"
        body = list(facts)
        for _ in range(rng.randint(*paragraphs)):
            body.insert(rng.randrange(len(body) + 1), " ".join(rng.sample(filler, k=min(3, len(filler)))))
        text = "\n\n".join(body)
        yield SyntheticArticle(f"synthetic-{seed}-{i:06d}", lang, title, published, text)


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
