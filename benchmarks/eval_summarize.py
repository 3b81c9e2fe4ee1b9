"""Summaries and fact checks, measured on ../shared/eval (`ONLY=summarize make eval`).

1. ROUGE-1/2/L F1 of the extractive summarizer (3 sentences) against the Lead-3
   baseline, side by side, on CNN/DailyMail (en) and OrangeSum (fr) from
   summaries.jsonl. Lead-3 is given twice: the first three sentences of the plain
   sentence splitter, and the first three body sentences of the summarizer's own
   segmentation (headlines and fragments skipped), the stronger of the two.
   English uses rouge_score's default tokenizer with the Porter stemmer (the standard
   setting). For French the default tokenizer is wrong: it keeps only [a-z0-9], so
   "élection" becomes "lection" and "à" vanishes; French is scored with a Unicode word
   tokenizer (lowercased, no stemmer), and the default-tokenizer figure is printed too.
2. QA false warnings: `check_translation(english, translation)` on every sentence pair
   of news_docs.jsonl (English vs each of the 22 professional translations, paired by
   index within a doc_id); the share of pairs with any warning.
3. QA catch rate: in pairs without a warning, each number of the translation that
   states a number of the source is changed (one digit moved up or down by one, the
   issue's floor; one digit replaced; multiplied by ten with an extra zero) or dropped,
   deterministically (seeded); the share of perturbed pairs where a number warning
   appears. Floors: >= 98% of the by-one changes caught, false warnings <= 1.5% of all
   pairs and <= 3% in every language. Numbers of the translation with no digit
   counterpart in the source (a month written as a number, a number written out in
   English) are reported separately: the check cannot know them.
"""

from __future__ import annotations

import json
import random
import re
import time
from collections import Counter

from benchmarks.runner import eval_data

SEED = 20240601
NUMBER_KINDS = ("number", "percentage", "date")
CHANGES = ("by_one", "digit", "zero", "drop")
BY_ONE_FLOOR = 0.98
FALSE_WARNING_FLOOR = 0.015
FALSE_WARNING_LANG_FLOOR = 0.03


class _UnicodeWords:
    """Lowercased Unicode word tokens (keeps é, à, ç: the rouge_score default drops them)."""

    def tokenize(self, text: str) -> list[str]:
        return re.findall(r"[^\W_]+", text.lower())


def _rows(name: str) -> list[dict]:
    with eval_data(name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def rouge_table() -> dict[str, dict[str, dict[str, float]]]:
    """ROUGE F1 (x100) per dataset and system."""
    from rouge_score import rouge_scorer

    from toolkit.summarize.extractive import LeadSummarizer, Length, TextRankSummarizer
    from toolkit.text import sentences

    metrics = ["rouge1", "rouge2", "rougeL"]
    english = rouge_scorer.RougeScorer(metrics, use_stemmer=True)
    french = rouge_scorer.RougeScorer(metrics, tokenizer=_UnicodeWords())
    default = rouge_scorer.RougeScorer(metrics)  # keeps only [a-z0-9]: wrong for French
    ours, lead = TextRankSummarizer(), LeadSummarizer()
    systems = {
        "extractive (ours)": lambda r: ours.summarize(r["article"], r["lang"], Length(3)).text,
        "lead-3 (same segmentation)": lambda r: (
            lead.summarize(r["article"], r["lang"], Length(3)).text
        ),
        "lead-3 (plain split)": lambda r: " ".join(s.text for s in sentences(r["article"])[:3]),
    }
    table: dict[str, dict[str, dict[str, float]]] = {}
    rows = _rows("summaries.jsonl")
    for dataset, scorings in (
        ("cnndm", {"cnndm": english}),
        ("orangesum", {"orangesum": french, "orangesum, default tokenizer": default}),
    ):
        docs = [r for r in rows if r["source"] == dataset]
        outputs = {name: [fn(r) for r in docs] for name, fn in systems.items()}
        for label, scorer in scorings.items():
            table[label] = {}
            for name, hyps in outputs.items():
                totals = Counter()
                for r, hyp in zip(docs, hyps, strict=True):
                    best = {m: 0.0 for m in metrics}
                    for ref in r["references"]:
                        scores = scorer.score(ref, hyp)
                        for m in metrics:
                            best[m] = max(best[m], scores[m].fmeasure)
                    totals.update(best)
                table[label][name] = {m: round(100 * totals[m] / len(docs), 2) for m in metrics}
    return table


def _pairs() -> list[tuple[str, str, str]]:
    """(language, English sentence, translated sentence) for every aligned pair."""
    rows = _rows("news_docs.jsonl")
    english = {r["doc_id"]: r["sentences"] for r in rows if r["lang"] == "en"}
    pairs = []
    for r in rows:
        if r["lang"] == "en":
            continue
        for src, tgt in zip(english[r["doc_id"]], r["sentences"], strict=False):
            pairs.append((r["lang"], src, tgt))
    return pairs


def qa_false_warnings(pairs) -> dict:
    """Share of professional translation pairs that get any warning."""
    from toolkit.qa import check_translation

    flagged_by_lang: Counter[str] = Counter()
    total_by_lang: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    clean = []
    for lang, src, tgt in pairs:
        total_by_lang[lang] += 1
        warnings = check_translation(src, tgt, src_lang="en", tgt_lang=lang)
        if warnings:
            flagged_by_lang[lang] += 1
            kinds.update(w.kind for w in warnings)
        else:
            clean.append((lang, src, tgt))
    flagged = sum(flagged_by_lang.values())
    return {
        "pairs": len(pairs),
        "pairs_with_warning": flagged,
        "false_warning_rate": round(flagged / len(pairs), 4),
        "by_kind": dict(kinds),
        "worst_languages": {
            lang: round(flagged_by_lang[lang] / total_by_lang[lang], 4)
            for lang, _ in flagged_by_lang.most_common(3)
        },
        "by_language": {
            lang: round(flagged_by_lang[lang] / total_by_lang[lang], 4)
            for lang in sorted(total_by_lang)
        },
        "_clean": clean,
    }


def _perturb(text: str, match: re.Match[str], how: str, rng: random.Random) -> str:
    token = match.group()
    if how == "drop":
        return (text[: match.start()] + text[match.end() :]).replace("  ", " ")
    if how == "zero":  # ten times the value: a zero before the decimal part, or at the end
        decimal = re.search(r"[.,]\d{1,2}$|[.,]\d{4,}$", token) if not match.group("sep") else None
        cut = match.start() + decimal.start() if decimal else match.end()
        return text[:cut] + "0" + text[cut:]
    positions = [i for i, ch in enumerate(token) if ch.isdigit()]
    i = rng.choice(positions)
    if how == "by_one":  # one digit up or down by one, never a leading zero
        leading_one = token[i] == "1" and i == 0 and len(positions) > 1
        up = token[i] == "0" or leading_one or (token[i] != "9" and rng.random() < 0.5)
        digit = str(int(token[i]) + (1 if up else -1))
        return text[: match.start()] + token[:i] + digit + token[i + 1 :] + text[match.end() :]
    choices = [d for d in "0123456789" if d != token[i] and not (d == "0" and i == 0)]
    changed = token[:i] + rng.choice(choices) + token[i + 1 :]
    return text[: match.start()] + changed + text[match.end() :]


def qa_catch_rate(clean_pairs) -> dict:
    """Share of deliberately changed or dropped numbers that get a number warning."""
    from toolkit.qa import check_translation, numbers
    from toolkit.qa.number_reading import _NUMBER, _ascii_digits

    rng = random.Random(SEED)
    caught: Counter[str] = Counter()
    tried: Counter[str] = Counter()
    unanchored = Counter()
    for lang, src, tgt in clean_pairs:
        source_values = set()
        for num in numbers(src):
            source_values |= num.values
        norm = _ascii_digits(tgt)
        for match in _NUMBER.finditer(norm):
            value_nums = numbers(tgt[match.start() : match.end()])
            anchored = bool(value_nums) and bool(value_nums[0].values & source_values)
            for how in CHANGES:
                perturbed = _perturb(tgt, match, how, rng)
                warned = any(
                    w.kind in NUMBER_KINDS
                    for w in check_translation(src, perturbed, src_lang="en", tgt_lang=lang)
                )
                key = how if anchored else f"{how} (no digits in source)"
                target = tried if anchored else unanchored
                target[key] += 1
                if warned:
                    caught[key] += 1
    total = sum(tried.values())
    return {
        "perturbations": total,
        "catch_rate": round(sum(caught[k] for k in tried) / total, 4) if total else None,
        "by_one_catch_rate": round(caught["by_one"] / tried["by_one"], 4)
        if tried["by_one"]
        else None,
        "by_change": {k: round(caught[k] / tried[k], 4) for k in sorted(tried)},
        "not_in_source_digits": {k: f"{caught[k]}/{unanchored[k]}" for k in sorted(unanchored)},
    }


def main() -> dict:
    start = time.perf_counter()
    table = rouge_table()
    print(f"{'ROUGE F1 x100':30} {'R-1':>7} {'R-2':>7} {'R-L':>7}")
    for dataset, systems in table.items():
        print(dataset)
        for name, scores in systems.items():
            r1, r2, rl = scores["rouge1"], scores["rouge2"], scores["rougeL"]
            print(f"  {name:28} {r1:7.2f} {r2:7.2f} {rl:7.2f}")
    verdict = {}
    for dataset in ("cnndm", "orangesum"):
        ours = table[dataset]["extractive (ours)"]
        verdict[dataset] = all(
            ours[m] >= table[dataset][base][m]
            for base in ("lead-3 (same segmentation)", "lead-3 (plain split)")
            for m in ours
        )
    print(f"ours >= both Lead-3 on every metric: {verdict}")

    pairs = _pairs()
    false = qa_false_warnings(pairs)
    clean = false.pop("_clean")
    print(
        f"QA false warnings: {false['pairs_with_warning']}/{false['pairs']} pairs "
        f"= {100 * false['false_warning_rate']:.2f}% (target <= 1.5%), by kind "
        f"{false['by_kind']}, worst {false['worst_languages']}"
    )
    print(
        "  by language (target <= 3% each): "
        + ", ".join(f"{lang} {100 * rate:.1f}%" for lang, rate in false["by_language"].items())
    )
    catch = qa_catch_rate(clean)
    print(
        f"QA catch rate: {100 * catch['by_one_catch_rate']:.2f}% of numbers changed by one "
        f"digit up or down (target >= 98%); {100 * catch['catch_rate']:.2f}% of all "
        f"{catch['perturbations']} changed or dropped numbers, by change {catch['by_change']}; "
        f"numbers written without digits in the source: {catch['not_in_source_digits']}"
    )
    qa_targets = {
        "by_one_caught>=98%": catch["by_one_catch_rate"] >= BY_ONE_FLOOR,
        "false_warnings<=1.5%": false["false_warning_rate"] <= FALSE_WARNING_FLOOR,
        "false_warnings<=3%_every_lang": max(false["by_language"].values())
        <= FALSE_WARNING_LANG_FLOOR,
    }
    print(
        "QA targets: " + ", ".join(f"{k} {'met' if v else 'MISSED'}" for k, v in qa_targets.items())
    )
    print(f"({time.perf_counter() - start:.1f} s)")
    return {
        "rouge": table,
        "ours_at_least_lead3": verdict,
        "qa_false_warnings": false,
        "qa_catch": catch,
        "qa_targets": qa_targets,
    }
