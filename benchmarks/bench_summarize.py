"""Extractive summarization speed on long documents, and how it scales (`make bench`).

The document is the English NTREX-128 news text (benchmarks/data/news_en.jsonl, about
14,000 words), one paragraph per four sentences, repeated in a shuffled paragraph order
until it reaches the wanted length. Repeats cost the summarizer the same work as new
text (every sentence is tokenized, weighted and ranked), so the timing holds for real
documents of that size. Sizes: 10,000, 100,000 and 1,000,000 words; each size is the
median of a few runs. Targets: 100,000 words in <= 3 s, and 10x the input in <= 15x the
time (checked for 10k -> 100k and 100k -> 1M words).
"""

from __future__ import annotations

import random
import statistics
import time

from benchmarks.realsize import NEWS
from toolkit.config import Config

SIZES = (10_000, 100_000, 1_000_000)
RUNS = {10_000: 3, 100_000: 3, 1_000_000: 3}
TARGET_S = 3.0
TARGET_SCALING = 15.0


def main() -> dict:
    try:
        from toolkit.summarize import summarize
    except ImportError as exc:
        print(f"skipped: toolkit.summarize is not available on this branch ({exc})")
        return {"skipped": str(exc)}
    config = Config.load(search_default_files=False, overrides={"summarize.engine": "extractive"})
    summarize(document(2_000), lang="en", config=config)  # warm-up: imports, stopwords
    seconds: dict[int, float] = {}
    for size in SIZES:
        text = document(size)
        runs = []
        for _ in range(RUNS[size]):
            start = time.perf_counter()
            summary = summarize(text, lang="en", sentences=5, config=config)
            runs.append(time.perf_counter() - start)
        seconds[size] = statistics.median(runs)
        print(
            f"{size:>9,} words: {seconds[size]:7.2f} s "
            f"({len(summary.sentences)} sentences picked, median of {RUNS[size]})"
        )
    at_100k = seconds[100_000]
    scaling = {
        "10k->100k": seconds[100_000] / seconds[10_000],
        "100k->1M": seconds[1_000_000] / seconds[100_000],
    }
    print(
        f"100,000 words in {at_100k:.2f} s (target <= {TARGET_S} s: "
        f"{'met' if at_100k <= TARGET_S else 'MISSED'})"
    )
    for name, ratio in scaling.items():
        verdict = "met" if ratio <= TARGET_SCALING else "MISSED"
        print(f"10x input ({name}): {ratio:.1f}x time (target <= {TARGET_SCALING}x: {verdict})")
    return {
        "seconds_by_words": {str(k): round(v, 3) for k, v in seconds.items()},
        "scaling": {k: round(v, 2) for k, v in scaling.items()},
        "target_s": TARGET_S,
        "target_scaling": TARGET_SCALING,
    }


def document(words: int) -> str:
    """About `words` words of English news, paragraphs of four sentences."""
    import json

    paragraphs = []
    with NEWS.open(encoding="utf-8") as handle:
        for line in handle:
            sentences = json.loads(line)["sentences"]
            paragraphs.extend(" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4))
    rng = random.Random(0)
    out: list[str] = []
    count = 0
    while count < words:
        order = paragraphs[:]
        rng.shuffle(order)
        for paragraph in order:
            out.append(paragraph)
            count += len(paragraph.split())
            if count >= words:
                break
    return "\n\n".join(out)
