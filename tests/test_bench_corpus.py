"""The benchmark's article generator: deterministic, both languages, real lengths, outlets' house styles."""

from __future__ import annotations

import random
import re

from bench.corpus import generate, house_style

HAN = re.compile("[\u4e00-\u9fff]")


def test_the_same_seed_gives_the_same_articles() -> None:
    first, second = list(generate(30, seed=5)), list(generate(30, seed=5))
    assert first == second
    assert len({a.key for a in first}) == 30
    assert first != list(generate(30, seed=6))


def test_both_languages_at_real_lengths() -> None:
    articles = list(generate(60, seed=5))
    english = [a for a in articles if a.lang == "en"]
    chinese = [a for a in articles if a.lang == "zh"]
    assert english and chinese
    assert min(len(a.text.split()) for a in english) >= 190
    assert min(len(HAN.findall(a.text)) for a in chinese) >= 380


def test_house_style_sets_breaks_apostrophes_and_dashes() -> None:
    text, title = "SAN JOSE -- Groq's round.\n\nIt closed.", "Groq's round"
    every = {"single_line_breaks": 1.0, "curly_apostrophes": 1.0, "em_dashes": 1.0}
    none = dict.fromkeys(every, 0.0)
    assert house_style(text, title, every, random.Random(1)) == ("SAN JOSE — Groq’s round.\nIt closed.", "Groq’s round")
    assert house_style(text, title, none, random.Random(1)) == (text, title)


def test_outlets_differ_within_a_corpus() -> None:
    english = [a.text for a in generate(120, seed=5) if a.lang == "en"]
    single = sum(1 for t in english if "\n" in t and "\n\n" not in t)
    curly = sum(1 for t in english if "’" in t)
    assert 0 < single < len(english) and 0 < curly < len(english)
