"""`accelkb extract --jsonl`: one object per input file, schema field names, evidence on every record."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ingest.records import FACT_KINDS

TEXT = ("---\n\ntitle: 'x'\ndate: 2024-08-08\n\n---\n\n"
        "Groq是一家AI芯片初创公司，该公司周一表示，已在由贝莱德 (Blackrock) 领投的新一轮融资中筹集了 6.4 亿美元。"
        "思科和三星 Catalyst Fund 也参与其中。据市场研究公司TechInsights统计，去年NVIDIA在AI加速器市场的占有率高达97.2%。")


def test_contract(tmp_path: Path) -> None:
    path = tmp_path / "groq.txt"
    path.write_text(TEXT, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "accelkb.cli", "extract", str(path), "--jsonl"],
                         capture_output=True, text=True, check=True)
    [line] = out.stdout.strip().splitlines()
    obj = json.loads(line)
    assert obj["source"] == str(path)
    assert set(FACT_KINDS) <= set(obj)
    assert obj["article"]["lang"] == "zh"
    article_text = TEXT.split("---\n\n", 2)[2]
    for kind in FACT_KINDS:
        for record in obj[kind]:
            ev = record["evidence"]
            assert article_text[ev["start"]:ev["end"]] == ev["sentence"]
            assert "@" in ev["extractor"]
    [rnd] = obj["funding_rounds"]
    assert rnd["company"] == "Groq" and rnd["amount"] == 640e6 and rnd["currency"] == "USD"
    assert rnd["lead_investors"] == ["BlackRock"]
    assert {"Cisco", "Samsung Catalyst Fund"} <= set(rnd["investors"])
    assert rnd["date"].startswith("2024-08")
    [share] = obj["market_share_claims"]
    assert (share["subject"], share["share_low"], share["year"], share["source"]) == ("Nvidia", 0.972, 2023, "TechInsights")
