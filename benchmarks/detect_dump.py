"""Dump every `toolkit.detect` result the detection harnesses read, for a differential check.

`python -m benchmarks.detect_dump OUT [MB]` writes one JSON line per result: `detect()`
(language, confidence, runners-up) of every line `eval_detect` reads (langid.jsonl,
benchmarks/data/langid_added.jsonl, the Pashto news sentences, its warm-up texts) and of
every news_docs.jsonl sentence alone, then the per-sentence spans (start, end, language,
confidence) of the first MB megabytes (default 3) of news_docs.jsonl text, once as
paragraphs and once as one paragraph. Run it on two trees (PYTHONPATH=<tree>) and compare
the files byte for byte (`cmp`): a speed change must leave them equal.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from benchmarks.runner import HERE, eval_data


def main(argv: list[str]) -> int:
    from toolkit.detect import detect, detect_spans

    if not 1 <= len(argv) <= 2 or argv[0].startswith("-"):  # "--help" is no file to write
        print("usage: python -m benchmarks.detect_dump OUT [MB]", file=sys.stderr)
        return 2
    budget = int(float(argv[1]) * 1e6) if len(argv) == 2 else 3_000_000
    docs = [json.loads(line) for line in eval_data("news_docs.jsonl").open(encoding="utf-8")]
    texts = [json.loads(line)["text"] for line in eval_data("langid.jsonl").open(encoding="utf-8")]
    added = HERE / "data" / "langid_added.jsonl"
    texts += [json.loads(line)["text"] for line in added.open(encoding="utf-8")]
    texts += [s for doc in docs if doc["lang"] == "ps" for s in doc["sentences"]]
    texts += ["warm up: load profiles or data before timing"]
    texts += ["Homo nemo, ut congregationi intersit, potest cogi."]
    texts += ["La reunión terminó sin acuerdo sobre el presupuesto."]
    texts += [s for doc in docs for s in doc["sentences"]]
    paragraphs: list[str] = []
    while docs and sum(len(p.encode()) for p in paragraphs) < budget:
        paragraphs.append(" ".join(docs.pop(0)["sentences"]))
    with Path(argv[0]).open("w", encoding="utf-8") as out:
        for text in texts:
            found = detect(text)
            out.write(json.dumps([found.lang, found.confidence, found.candidates]) + "\n")
        spans = 0
        for prose in ("\n\n".join(paragraphs), " ".join(paragraphs)):
            for span in detect_spans(prose, per_sentence=True):
                out.write(json.dumps([span.start, span.end, span.lang, span.confidence]) + "\n")
                spans += 1
    print(f"{len(texts)} detections, {spans} per-sentence spans")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
