"""Folder briefs: the real pipeline (extractive, offline) for the source-language brief,
a fake translator for the others; one brief per document and language, records one by
one, fact checks on every brief, resume."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from batch_helpers import FakeTranslation, FakeTranslator, fake_text

from toolkit.batch import summarize_tree
from toolkit.config import Config
from toolkit.pipeline import Pipeline

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_LANGS = {"de", "en", "es", "fr"}


@pytest.fixture
def tree(tmp_path) -> Path:
    root = tmp_path / "in"
    (root / "wires").mkdir(parents=True)
    for seed in SEEDS.glob("*.txt"):
        if seed.name[:2] in SEED_LANGS:
            shutil.copy(seed, root / "wires" / seed.name)
    english = (SEEDS / "en_nato_taliban_machine_translated.txt").read_text(encoding="utf-8")
    (root / "feature.md").write_text("# NATO\n\n" + english.replace("\n\n", "\n\n> ", 1))
    spanish = (SEEDS / "es_macedonia_referendum.txt").read_text(encoding="utf-8")
    records = [{"id": 7, "text": english, "tag": "nato"}, {"id": 8, "text": spanish}]
    (root / "feed.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    )
    (root / "headline.txt").write_text("Only a headline\n")
    return root


def config() -> Config:
    cfg = Config()
    cfg.set("batch.chunk_chars", 10**6)  # the whole tree in one chunk
    return cfg


def pipeline_brief(text: str) -> str:
    """What `toolkit summarize FILE` would say in the source language."""
    return Pipeline(Config()).run(text, to=[]).briefs[0].text


def test_every_document_gets_a_brief_per_language_batched_across_files(tree, tmp_path):
    out = tmp_path / "out"
    translator = FakeTranslator()
    report = summarize_tree(tree, out, ["en", "es"], config=config(), translator=translator)

    assert len(report.done) == 6 and report.exit_code == 6
    (failed,) = report.failed
    assert failed.path == "headline.txt" and "no sentences to summarize" in failed.reason
    english = (tree / "wires/en_nato_taliban_machine_translated.txt").read_text()
    brief = pipeline_brief(english)
    en_out = out / "wires/en_nato_taliban_machine_translated.summary.en.txt"
    assert en_out.read_text() == brief + "\n"  # same brief as the single-file command
    es_out = out / "wires/en_nato_taliban_machine_translated.summary.es.txt"
    assert es_out.read_text() == fake_text(brief, "es") + "\n"
    spanish = (tree / "wires/es_macedonia_referendum.txt").read_text()
    assert (out / "wires/es_macedonia_referendum.summary.es.txt").read_text() == (
        pipeline_brief(spanish) + "\n"  # already Spanish: not translated
    )
    # one translator call per language pair, each with the briefs of every file of that pair
    pairs = [(src, to) for _texts, to, src in translator.calls]
    assert len(pairs) == len(set(pairs)) == 6
    assert {src for src, to in pairs if to == "es"} == SEED_LANGS - {"es"}
    en_to_es = next(texts for texts, to, src in translator.calls if (src, to) == ("en", "es"))
    assert len(en_to_es) == 3  # the English seed, feature.md and the first feed record
    assert report.model_calls == 8 + len(translator.calls)  # 8 pipeline runs (headline too)


def test_records_are_summarized_one_by_one_other_fields_kept(tree, tmp_path):
    out = tmp_path / "out"
    summarize_tree(tree, out, ["es"], config=config(), translator=FakeTranslator())
    records = [
        json.loads(line) for line in (out / "feed.summary.es.jsonl").read_text().splitlines()
    ]
    english = (tree / "wires/en_nato_taliban_machine_translated.txt").read_text()
    spanish = (tree / "wires/es_macedonia_referendum.txt").read_text()
    assert records == [  # the whitespace around a field's text is kept
        {"id": 7, "text": fake_text(pipeline_brief(english), "es") + tail(english), "tag": "nato"},
        {"id": 8, "text": pipeline_brief(spanish) + tail(spanish)},
    ]


def tail(text: str) -> str:
    return text[len(text.rstrip()) :]


class DigitChangingTranslator(FakeTranslator):
    """Translates, but writes every 1 as 7: the fact checks must notice."""

    def translate(self, texts, to, src=None):
        results = super().translate(texts, to, src)
        return [FakeTranslation(r.text.replace("1", "7")) for r in results]


def test_fact_checks_run_on_translated_briefs(tree, tmp_path):
    report = summarize_tree(
        tree / "wires",
        tmp_path / "out",
        ["fr"],
        config=config(),
        translator=DigitChangingTranslator(),
    )
    de = next(f for f in report.files if f.path == "de_china_hiv_cases.txt")
    assert "7" in (tmp_path / "out/de_china_hiv_cases.summary.fr.txt").read_text()
    assert any("is not found in the source" in w for w in de.warnings), de.warnings


def test_rerun_does_no_model_work(tree, tmp_path, monkeypatch):
    out = tmp_path / "out"
    summarize_tree(tree, out, ["en", "es"], config=config(), translator=FakeTranslator())
    runs = []
    real_run = Pipeline.run
    monkeypatch.setattr(
        Pipeline, "run", lambda self, *a, **k: runs.append(a) or real_run(self, *a, **k)
    )
    translator = FakeTranslator()
    again = summarize_tree(tree, out, ["en", "es"], config=config(), translator=translator)
    # only the file that failed is tried again (and fails again); nothing else is redone
    assert [args[0] for args in runs] == ["Only a headline"]
    assert translator.calls == [] and again.model_calls == 1
    assert len(again.up_to_date) == 6
