"""Language detection: toolkit vs plain seeded langdetect on ../shared/eval/langid.jsonl.

Also: sentence accuracy of `toolkit.detect` per added language (those langdetect lacks)
on the held-out sentences of benchmarks/data/langid_added.jsonl, plus the Pashto
sentences of ../shared/eval/news_docs.jsonl (target >= 95% each); and per language on
news, 100 professional NTREX-128 translations each of 54 languages from the 83 documents
news_docs.jsonl lacks (benchmarks/data/ntrex_langid_heldout.jsonl: the added languages
NTREX has, their close neighbours, and langdetect languages the first stage scores
without a word list; target >= 95% for the added ones).

Reports accuracy per kind (sentence, word pair, single word) and per language for both
detectors, throughput on the sentences (single-threaded, pinned to one core where the
OS allows, both detectors in the same run, after every model is loaded), and the
first-call time of `toolkit.detect` in a fresh interpreter (import + data load + first
detection), also for a text that loads the third opinion's model (py3langid): best and
worst of several, and the first run on an empty cache (py3langid's model decoded once
per machine; see toolkit/detect_langid_cache.py).

Run: `make eval ONLY=detect` (or `ONLY=detect python -m benchmarks.eval`).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from benchmarks.runner import HERE, eval_data

KINDS = ("sentence", "word-pair", "single-word")
TARGETS = {"sentence": 0.99, "word-pair": 0.90, "single-word": 0.75}
ADDED_TARGET = 0.95
_REPORTED = {"no": "nb", "zh-cn": "zh", "zh-tw": "zh"}
_FIRST_CALL = (
    "import time; t = time.perf_counter(); import toolkit; "
    "toolkit.detect({text!r}); "
    "print(time.perf_counter() - t)"
)
# The first call's text: one the first stage and CLD3 settle, and (the slowest first call)
# one that also loads py3langid's model (CLD3 is unsure; UDHR article 20 in Latin).
_FIRST_TEXT = "La reunión terminó sin acuerdo sobre el presupuesto."
_THIRD_OPINION_TEXT = "Homo nemo, ut congregationi intersit, potest cogi."


def main() -> dict:
    rows = [json.loads(line) for line in eval_data("langid.jsonl").open(encoding="utf-8")]
    detectors = {"toolkit": _toolkit_detector(), "langdetect": _langdetect_detector()}
    figures: dict = {"records": len(rows)}
    with _one_core():
        for name, detector in detectors.items():
            figures[name] = _evaluate(detector, rows)
    figures["added"] = _evaluate_added()
    figures["news"] = _evaluate_news()
    figures["first_call_s"] = _first_call_seconds(_FIRST_TEXT)
    figures["first_call_third_opinion_s"] = _first_call_seconds(_THIRD_OPINION_TEXT)
    _print_report(figures)
    return figures


def _toolkit_detector() -> Callable[[str], str]:
    from toolkit.detect import detect

    return lambda text: detect(text).lang


def _langdetect_detector() -> Callable[[str], str]:
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0

    def run(text: str) -> str:
        try:
            lang = detect(text)
        except LangDetectException:
            return "und"
        return _REPORTED.get(lang, lang)

    return run


def _evaluate(detector: Callable[[str], str], rows: list[dict]) -> dict:
    detector("warm up: load profiles or data before timing")
    detector(_THIRD_OPINION_TEXT)  # loads every stage's model (once per process)
    hits: dict[str, dict[str, list[int]]] = {k: defaultdict(lambda: [0, 0]) for k in KINDS}
    seconds = {k: 0.0 for k in KINDS}
    for row in rows:
        start = time.perf_counter()
        lang = detector(row["text"])
        seconds[row["kind"]] += time.perf_counter() - start
        cell = hits[row["kind"]][row["lang"]]
        cell[0] += lang == row["lang"]
        cell[1] += 1
    result: dict = {"accuracy": {}, "per_language": {}}
    for kind in KINDS:
        right = sum(c[0] for c in hits[kind].values())
        total = sum(c[1] for c in hits[kind].values())
        result["accuracy"][kind] = round(right / total, 4)
        for lang, (r, t) in hits[kind].items():
            result["per_language"].setdefault(lang, {})[kind] = round(r / t, 4)
    count = sum(1 for row in rows if row["kind"] == "sentence")
    result["sentences_per_s"] = round(count / seconds["sentence"], 1)
    return result


def _evaluate_added() -> dict[str, dict]:
    """Per added language: sentence accuracy and the most frequent wrong answers."""
    path = HERE / "data" / "langid_added.jsonl"
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    for line in eval_data("news_docs.jsonl").open(encoding="utf-8"):
        doc = json.loads(line)
        if doc["lang"] == "ps":
            rows += [{"lang": "ps", "text": text} for text in doc["sentences"]]
    return _accuracy_by(rows, "lang")


def _evaluate_news() -> dict[str, dict]:
    """Per NTREX-128 language (`srp-Latn`, `srp-Cyrl`...): sentence accuracy on news."""
    path = HERE / "data" / "ntrex_langid_heldout.jsonl"
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    results = _accuracy_by(rows, "ntrex")
    codes = {row["ntrex"]: row["lang"] for row in rows}
    for name, cell in results.items():
        cell["lang"] = codes[name]
    return results


def _accuracy_by(rows: list[dict], key: str) -> dict[str, dict]:
    """Sentence accuracy of `toolkit.detect` against `row["lang"]`, grouped by `row[key]`,
    with the wrong answers counted."""
    from toolkit.detect import detect

    results: dict[str, dict] = {}
    for row in rows:
        cell = results.setdefault(row[key], {"right": 0, "total": 0, "wrong": {}})
        lang = detect(row["text"]).lang
        cell["total"] += 1
        if lang == row["lang"]:
            cell["right"] += 1
        else:
            cell["wrong"][lang] = cell["wrong"].get(lang, 0) + 1
    for cell in results.values():
        cell["accuracy"] = round(cell["right"] / cell["total"], 4)
    return results


@contextmanager
def _one_core() -> Iterator[None]:
    """Pin this process to one CPU while timing (no-op where unsupported)."""
    if not hasattr(os, "sched_setaffinity"):
        yield
        return
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(before)})
    try:
        yield
    finally:
        os.sched_setaffinity(0, before)


def _first_call_seconds(text: str, runs: int = 5) -> dict:
    """In-process time (import + load + detect `text`) and whole-process wall time, best
    and worst of `runs` fresh interpreters sharing one new cache directory. The first run
    finds that directory empty and decodes py3langid's model (once per machine, reported
    as `cold`); the others map the decoded copy the first one left there."""
    import tempfile

    inside, wall = [], []
    code = _FIRST_CALL.format(text=text)
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "XDG_CACHE_HOME": home}
        for _ in range(runs):
            start = time.perf_counter()
            out = subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
            )
            wall.append(time.perf_counter() - start)
            inside.append(float(out.stdout.strip()))
    warm = inside[1:]
    return {
        "cold": round(inside[0], 3),
        "best": round(min(warm), 3),
        "worst": round(max(warm), 3),
        "median": round(statistics.median(warm), 3),
        "process_wall_worst": round(max(wall[1:]), 3),
    }


def _print_report(figures: dict) -> None:
    ours, theirs = figures["toolkit"], figures["langdetect"]
    print(f"{figures['records']} records from langid.jsonl (Leipzig corpora via lingua-py)")
    print(f"\n{'accuracy':<14}{'toolkit':>9}{'langdetect':>12}{'target':>9}")
    for kind in KINDS:
        mark = "ok" if ours["accuracy"][kind] >= TARGETS[kind] else "MISSED"
        print(
            f"{kind:<14}{ours['accuracy'][kind]:>9.1%}{theirs['accuracy'][kind]:>12.1%}"
            f"{TARGETS[kind]:>9.0%}  {mark}"
        )
    print("\nper language: toolkit / langdetect (sentence, word pair, single word)")
    for lang in sorted(ours["per_language"]):
        cells = "  ".join(
            f"{ours['per_language'][lang][k]:>5.0%}/{theirs['per_language'][lang][k]:<5.0%}"
            for k in KINDS
        )
        print(f"  {lang:<4}{cells}")
    print(
        f"\nthroughput (sentences/s, one core): toolkit {ours['sentences_per_s']:,.0f}, "
        f"langdetect {theirs['sentences_per_s']:,.0f} (target >= 1,000)"
    )
    added = figures["added"]
    passed = sum(cell["accuracy"] >= ADDED_TARGET for cell in added.values())
    print(
        f"\nadded languages, sentences (held-out): {passed} of {len(added)} at >= "
        f"{ADDED_TARGET:.0%}"
    )
    for lang, cell in sorted(added.items()):
        mark = "" if cell["accuracy"] >= ADDED_TARGET else "  MISSED"
        wrong = sorted(cell["wrong"].items(), key=lambda item: -item[1])[:3]
        print(f"  {lang:<4}{cell['accuracy']:>6.0%} of {cell['total']:>4}  {wrong or ''}{mark}")
    from toolkit.detect_extra import ADDED, NEIGHBOURS

    neighbours = {
        lang for script in NEIGHBOURS.values() for langs in script.values() for lang in langs
    }
    added_codes = set().union(*ADDED.values()) | neighbours  # ms and bs are neighbours only
    news = figures["news"]
    print(
        "\nnews (NTREX-128, held-out documents, 100 sentences each; target for the added "
        f"languages, marked *): {sum(c['accuracy'] >= ADDED_TARGET for c in news.values())} "
        f"of {len(news)} at >= {ADDED_TARGET:.0%}"
    )
    for name, cell in sorted(news.items(), key=lambda item: item[1]["accuracy"]):
        star = "*" if cell["lang"] in added_codes else " "
        mark = "  MISSED" if star == "*" and cell["accuracy"] < ADDED_TARGET else ""
        wrong = sorted(cell["wrong"].items(), key=lambda item: -item[1])[:3]
        print(f"  {name:<9}{cell['lang']:>4}{star}{cell['accuracy']:>6.0%}  {wrong or ''}{mark}")
    first, third = figures["first_call_s"], figures["first_call_third_opinion_s"]
    print(
        "\nfirst call in a fresh process (import + load + detect; target <= 1 s), best / "
        "worst of 4 after the first:"
    )
    for label, cell in (("text CLD3 settles", first), ("text that loads py3langid", third)):
        mark = "ok" if cell["worst"] <= 1.0 else "MISSED"
        print(
            f"  {label:<26}{cell['best']:.2f} / {cell['worst']:.2f} s  {mark}  (first run "
            f"on a new cache: {cell['cold']:.2f} s; worst process wall "
            f"{cell['process_wall_worst']:.2f} s)"
        )
