"""Speed of the extractive summarizer on long documents (`ONLY=summarize make bench`).

Documents are built from the English news sentences of news_docs.jsonl, shuffled with
a fixed seed and grouped four to a paragraph, until they reach the word count. The
target: a 100,000-word document in at most 3 s, and ten times the words in at most
fifteen times the time (nothing quadratic). Each size is timed best-of-N after one
warm-up call (stopword lists, imports).
"""

from __future__ import annotations

import json
import random
import time

from benchmarks.runner import eval_data

SEED = 7
SIZES = (10_000, 100_000, 1_000_000)


def build_document(words: int, sentences: list[str], rng: random.Random) -> str:
    """Paragraphs of four sentences drawn at random until `words` words."""
    paragraphs, current, count = [], [], 0
    while count < words:
        sentence = rng.choice(sentences)
        current.append(sentence)
        count += len(sentence.split())
        if len(current) == 4:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


def _english_sentences() -> list[str]:
    with eval_data("news_docs.jsonl").open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    return [s for r in rows if r["lang"] == "en" for s in r["sentences"]]


def _best_time(fn, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> dict:
    from toolkit.config import Config
    from toolkit.summarize import summarize

    config = Config.load(search_default_files=False)
    rng = random.Random(SEED)
    sentences = _english_sentences()
    summarize(build_document(1_000, sentences, rng), "en", config=config)  # warm-up
    timings = {}
    for words in SIZES:
        document = build_document(words, sentences, rng)
        repeats = 3 if words <= 100_000 else 1
        seconds = _best_time(lambda d=document: summarize(d, "en", config=config), repeats)
        timings[words] = seconds
        print(f"{words:>9,} words: {seconds:7.3f} s  ({words / seconds:,.0f} words/s)")
    ratio = timings[1_000_000] / timings[100_000]
    print(f"100,000 words in {timings[100_000]:.2f} s (target <= 3 s)")
    print(f"10x the words -> {ratio:.1f}x the time (target <= 15x)")
    return {
        "seconds_by_words": {str(k): round(v, 4) for k, v in timings.items()},
        "seconds_100k_words": round(timings[100_000], 3),
        "scaling_10x": round(ratio, 2),
    }
