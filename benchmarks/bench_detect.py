"""Language-detection throughput of `toolkit.detect.detect` (`make bench`).

Three workloads from ../shared/eval: the news sentences of langid.jsonl (30 languages,
one sentence each), whole news documents of news_docs.jsonl (23 languages, the sentences
of each joined into one text), and per-sentence detection (`detect_spans(...,
per_sentence=True)`, what `toolkit detect --per-sentence` runs) of the first megabyte of
those documents joined into one paragraph, as in a single JSON line: real prose, no
sentence repeated. Each is timed once after a warm-up call (which loads the detector's
profiles); the rates are texts and characters per second (and seconds per MB), single
process. Accuracy is `make eval ONLY=detect`'s job.
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
    figures: dict[str, dict] = {}
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
    figures["per_sentence_1mb"] = _per_sentence(" ".join(documents).encode()[:1_000_000])
    return figures


def _per_sentence(prose: bytes) -> dict:
    from toolkit.detect import detect_spans

    text = prose.decode("utf-8", "ignore")
    start = time.perf_counter()
    spans = detect_spans(text, per_sentence=True)
    elapsed = time.perf_counter() - start
    megabytes = len(prose) / 1e6
    print(
        f"per-sentence, {megabytes:.1f} MB of news in one paragraph: {elapsed:.2f} s "
        f"({elapsed / megabytes:.2f} s/MB, {len(spans)} spans)"
    )
    return {"seconds": round(elapsed, 3), "s_per_mb": round(elapsed / megabytes, 3)}
