"""Folder briefs: one brief per document and language, records summarized one by one."""

from __future__ import annotations

import json

import pytest
from batch_helpers import GOOD, FakeSummarizer, FakeTranslator, fake_text, make_tree

from toolkit.batch import summarize_tree
from toolkit.config import Config

DOCUMENTS = ["story.txt", "news/world.md", "news/deep/page.html", "subs/clip.srt", "latin.txt"]


@pytest.fixture
def tree(tmp_path):
    root = make_tree(tmp_path / "in", tmp_path / "outside")
    (root / "unreadable.txt").unlink()
    return root


def run(tree, out, **kwargs):
    kwargs.setdefault("translator", FakeTranslator())
    kwargs.setdefault("summarizer", FakeSummarizer())
    config = Config()
    config.set("batch.max_file_bytes", 1000)
    return summarize_tree(tree, out, ["en", "es"], config=config, src="en", **kwargs)


def test_every_document_gets_a_brief_per_language(tree, tmp_path):
    out = tmp_path / "out"
    translator, summarizer = FakeTranslator(), FakeSummarizer()
    report = run(tree, out, translator=translator, summarizer=summarizer, sentences=2)

    assert {f.path for f in report.done} == set(GOOD) | {"latin.txt"}
    assert {f.path for f in report.failed} == {"binary.txt", "big.txt", "dangling.txt"}
    assert report.exit_code == 6
    assert (out / "story.summary.en.txt").read_text() == "Breaking news.\n"
    assert (out / "story.summary.es.txt").read_text() == fake_text("Breaking news.", "es") + "\n"
    assert (out / "news/world.summary.en.txt").read_text() == "Talks resume.\n"
    assert (out / "news/deep/page.summary.en.txt").exists()
    assert (out / "subs/clip.summary.en.txt").read_text() == "Hello there, my friend.\n"
    assert all(o["sentences"] == 2 and o["words"] is None for *_x, o in summarizer.calls)
    # briefs of all files go to the translator together: one call, only for Spanish
    assert [(to, src) for _texts, to, src in translator.calls] == [("es", "en")]
    assert len(translator.calls[0][0]) == len(summarizer.calls)


def test_records_are_summarized_one_by_one_other_fields_kept(tree, tmp_path):
    out = tmp_path / "out"
    run(tree, out)
    lines = (out / "data/records.summary.es.jsonl").read_text().splitlines()
    assert [json.loads(line) for line in lines] == [
        {"id": 1, "text": fake_text("First story.", "es"), "lang": "en"},
        {"id": 2, "text": fake_text("Second story.", "es")},
    ]
    article = json.loads((out / "data/article.summary.en.json").read_text())
    assert article == {"headline": "Not translated", "text": "Full article body."}


def test_rerun_does_no_model_work_and_a_failing_summary_is_isolated(tree, tmp_path):
    out = tmp_path / "out"
    first = run(tree, out, summarizer=FakeSummarizer(fail_on="Breaking"))
    story = next(f for f in first.files if f.path == "story.txt")
    assert story.status == "failed" and "cannot summarize this" in story.reason
    assert len(first.done) == len(GOOD)  # every other file, latin.txt included

    translator, summarizer = FakeTranslator(), FakeSummarizer()
    again = run(tree, out, translator=translator, summarizer=summarizer)
    assert [f.path for f in again.done] == ["story.txt"]  # only the failed one is redone
    assert len(summarizer.calls) == 1 and len(translator.calls) == 1

    translator, summarizer = FakeTranslator(), FakeSummarizer()
    third = run(tree, out, translator=translator, summarizer=summarizer)
    assert summarizer.calls == [] and translator.calls == [] and third.model_calls == 0
