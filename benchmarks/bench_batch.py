"""Folder translation: cross-file batching vs file by file, and the cost of a no-change rerun.

200 small English articles (3 sentences each, 600 distinct sentences of NTREX-128 news
from ../shared/eval/news_docs.jsonl) are translated with the same random-weight Marian
model of moderate size (d_model 512, 3+3 layers, 8 heads, ffn 2048, a 4,000-piece
sentencepiece vocabulary) through the real `toolkit.translate.Translator`:

- file by file: `batch.chunk_chars = 1`, so every file is its own chunk and its own
  Translator call (what a loop over `toolkit translate FILE` would batch);
- cross-file: the default chunking, where the text of many files shares one call and the
  engine's length-sorted, token-budget batches span files.

Random weights never stop on their own, so the end-of-sentence logit is biased to -1e4
and every sentence generates exactly `NEW_TOKENS` tokens on both sides (the engine's
`max_new_tokens` is pinned to that value), making the generated work identical. The
translation memory is off; each run creates and loads its own Translator (one model
load on each side). Then the cross-file output folder is translated again with nothing
changed: the rerun's cost (walk, hash, manifest; no model is loaded) is compared with
the first run's. Threads: `translate.threads = 1` on both sides (the machine is shared).

Run: `ONLY=batch make bench` (or `ONLY=batch python -m benchmarks.bench`).
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from benchmarks.realsize import build_random_marian
from benchmarks.runner import english_sentences, eval_data

ARTICLES = 200
SENTENCES_PER_ARTICLE = 3
NEW_TOKENS = 24
TARGET_SPEEDUP = 2.0
TARGET_RERUN = 0.05


def main() -> dict:
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        work = Path(tmp)
        model = _build_model(work / "model")
        src = _write_articles(work / "in")
        config = _config(work, model)
        _pin_generation_length()
        _warm_up(config)

        by_file, t_by_file = _timed_run(src, work / "out-by-file", config, chunk_chars=1)
        cross, t_cross = _timed_run(src, work / "out-cross", config)
        rerun, t_rerun = _timed_run(src, work / "out-cross", config)
        _check_same_outputs(work / "out-by-file", work / "out-cross")

    speedup = t_by_file / t_cross
    fraction = t_rerun / t_cross
    figures = {
        "articles": ARTICLES,
        "sentences": ARTICLES * SENTENCES_PER_ARTICLE,
        "new_tokens_per_sentence": NEW_TOKENS,
        "file_by_file_s": round(t_by_file, 2),
        "file_by_file_calls": by_file.model_calls,
        "cross_file_s": round(t_cross, 2),
        "cross_file_calls": cross.model_calls,
        "speedup": round(speedup, 2),
        "speedup_target": TARGET_SPEEDUP,
        "rerun_s": round(t_rerun, 3),
        "rerun_calls": rerun.model_calls,
        "rerun_fraction": round(fraction, 4),
        "rerun_target": TARGET_RERUN,
    }
    sentences = figures["sentences"]
    print(
        f"{ARTICLES} articles, {sentences} sentences, {NEW_TOKENS} new tokens each, "
        "moderate random Marian (d512, 3+3 layers), 1 thread"
    )
    print(
        f"file by file : {t_by_file:7.2f} s  {sentences / t_by_file:6.1f} sent/s  "
        f"{by_file.model_calls} translator calls"
    )
    print(
        f"cross-file   : {t_cross:7.2f} s  {sentences / t_cross:6.1f} sent/s  "
        f"{cross.model_calls} translator calls"
    )
    print(
        f"speedup      : {speedup:.2f}x (target >= {TARGET_SPEEDUP}x: "
        f"{'met' if speedup >= TARGET_SPEEDUP else 'MISSED'})"
    )
    print(
        f"no-change rerun: {t_rerun:.3f} s = {fraction:.1%} of the first run, "
        f"{rerun.model_calls} model calls, {len(rerun.up_to_date)} files up to date "
        f"(target <= {TARGET_RERUN:.0%}: {'met' if fraction <= TARGET_RERUN else 'MISSED'})"
    )
    return figures


def _write_articles(root: Path) -> Path:
    """200 small articles as .txt files in 10 folders: a headline, then a paragraph."""
    sentences = english_sentences()
    needed = ARTICLES * SENTENCES_PER_ARTICLE
    if len(sentences) < needed:
        raise SystemExit(f"need {needed} distinct English sentences, found {len(sentences)}")
    for i in range(ARTICLES):
        first, *rest = sentences[i * SENTENCES_PER_ARTICLE : (i + 1) * SENTENCES_PER_ARTICLE]
        path = root / f"desk{i % 10}" / f"story{i:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{first}\n\n{' '.join(rest)}\n", encoding="utf-8")
    return root


def _config(work: Path, model: Path):
    from toolkit.config import Config

    config = Config.load(search_default_files=False)
    config.set("translate.models", {"en-es": str(model)})
    config.set("translate.cache", False)
    config.set("translate.threads", 1)
    config.set("translate.device", "cpu")
    config.set("translate.cache_path", str(work / "memory.sqlite3"))
    return config


def _timed_run(src: Path, out: Path, config, *, chunk_chars: int | None = None):
    from toolkit.batch import translate_tree

    config.set("batch.chunk_chars", chunk_chars or 20000)
    start = time.perf_counter()
    report = translate_tree(src, out, ["es"], config=config, src="en")
    elapsed = time.perf_counter() - start
    if report.failed or (report.done and len(report.done) != ARTICLES):
        raise SystemExit(f"benchmark run failed: {report.summary()}")
    return report, elapsed


def _pin_generation_length() -> None:
    """Every batch generates exactly NEW_TOKENS tokens (end-of-sentence is never chosen)."""
    from toolkit.translate.backends.base import Backend

    Backend.max_new_tokens = lambda self, input_lengths: NEW_TOKENS


def _warm_up(config) -> None:
    """Initialize torch and the kernels once, outside both timed runs."""
    from toolkit.translate import Translator

    with Translator(config) as translator:
        translator.translate(["A short warm-up sentence."], "es", src="en")


def _check_same_outputs(a: Path, b: Path) -> None:
    """Both strategies must write the same files (batching must not change the result's shape)."""
    names_a = sorted(p.relative_to(a) for p in a.rglob("*.es.txt"))
    names_b = sorted(p.relative_to(b) for p in b.rglob("*.es.txt"))
    if names_a != names_b or len(names_a) != ARTICLES:
        raise SystemExit("the two runs wrote different files")


def _build_model(out: Path) -> Path:
    """A random-weight Marian model of moderate size (3+3 layers, 4,000 pieces)."""
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    out.mkdir(parents=True)
    lines = [
        s
        for line in eval_data("news_docs.jsonl").open(encoding="utf-8")
        for s in json.loads(line)["sentences"]
    ]
    build_random_marian(out, lines, layers=3, character_coverage=0.9995)
    return out


if __name__ == "__main__":
    main()
