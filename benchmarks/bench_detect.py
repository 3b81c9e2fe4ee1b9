"""Language-detection throughput of `toolkit.detect.detect` (`make bench`).

Two workloads from ../shared/eval: the news sentences of langid.jsonl (30 languages, one
sentence each) and whole news documents of news_docs.jsonl (23 languages, the sentences
of each joined into one text). Each is timed once after a warm-up call (which loads the
detector's profiles); the rates are texts and characters per second, single process.
Accuracy is `make eval ONLY=detect`'s job.
"""

from __future__ import annotations

import json
import time

from benchmarks.runner import eval_data


def main() -> dict:
    try:
        from toolkit.detect import detect
    except ImportError as exc:
        print(f"skipped: toolkit.detect is not available on this branch ({exc})")
        return {"skipped": str(exc)}
    sentences = [
        row["text"]
        for row in map(json.loads, eval_data("langid.jsonl").open(encoding="utf-8"))
        if row["kind"] == "sentence"
    ]
    documents = [
        " ".join(row["sentences"])
        for row in map(json.loads, eval_data("news_docs.jsonl").open(encoding="utf-8"))
    ]
    detect("Warm-up: load the profiles.")
    figures = {}
    for name, texts in (("sentences", sentences), ("documents", documents)):
        start = time.perf_counter()
        for text in texts:
            detect(text)
        elapsed = time.perf_counter() - start
        chars = sum(len(t) for t in texts)
        figures[name] = {
            "texts": len(texts),
            "seconds": round(elapsed, 3),
            "texts_per_s": round(len(texts) / elapsed, 1),
            "chars_per_s": round(chars / elapsed),
        }
        print(
            f"{name:<10} {len(texts):>5} texts in {elapsed:6.2f} s: "
            f"{len(texts) / elapsed:8.1f} texts/s, {chars / elapsed / 1000:7.1f} k chars/s"
        )
    return figures
