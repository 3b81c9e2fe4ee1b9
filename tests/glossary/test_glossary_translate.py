"""Glossaries through the real engines with tiny random-weight models (torch Marian,
multi-target Marian, M2M100, ct2): their output is gibberish, so these tests check that
terms come out as the glossary says anyway, that no placeholder leaks, the checks,
the memory, folder runs, the pipeline and the command line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from cli_helpers import run_cli

from toolkit.batch import translate_tree
from toolkit.config import Config
from toolkit.pipeline import Pipeline
from toolkit.translate import Translator

NEWS = (
    "NATO said on Monday that the Resolute Support mission would stay in Kabul. "
    "The Taliban rejected the offer, and NATO called for talks.\n\n"
    "Resolute Support trains Afghan forces."
)
GLOSSARY = (
    "term\tlang\trendering\nResolute Support\t*\t\nTaliban\t*\t\nNATO\tes\tOTAN\nNATO\tpt\tOTAN\n"
)
_LEAK = re.compile(r"ZX\d")


def glossary_file(tmp_path: Path, text: str = GLOSSARY, name: str = "house.tsv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def make_config(tmp_path: Path, glossary: Path | None, **translate) -> Config:
    config = Config.load(search_default_files=False, env={})
    config.set("translate.cache_path", str(tmp_path / "memory.sqlite3"))
    config.set("translate.model_dir", str(tmp_path / "no-models"))
    config.set("translate.max_new_tokens_ratio", 0.5)
    config.set("translate.threads", 1)
    for key, value in translate.items():
        config.set(f"translate.{key}", value)
    if glossary is not None:
        config.set("glossary.files", [str(glossary)])
    return config


def assert_terms_as_required(text: str) -> None:
    """At least as many renderings as the source has terms (a random model may write the
    word "Taliban" of its vocabulary on its own), the terms never in another form."""
    assert text.count("Resolute Support") >= 2
    assert text.count("Taliban") >= 1
    assert text.count("OTAN") >= 2
    assert "NATO" not in text
    assert not _LEAK.search(text)


@pytest.fixture(params=["marian-torch", "marian-ct2", "multi-pt", "m2m100-pt"])
def engine_config(request, tmp_path, tiny_marian, tiny_marian_multi, tiny_m2m100):
    """(config builder, target) for each engine and model family."""
    kind = request.param
    if kind == "marian-ct2":
        pytest.importorskip("ctranslate2")
    models = {
        "marian-torch": ({"en-es": str(tiny_marian)}, "es", {}),
        "marian-ct2": (
            {"en-es": str(tiny_marian)},
            "es",
            {"engine": "ct2", "ct2_dir": str(tmp_path / "ct2"), "ct2_quantization": "float32"},
        ),
        "multi-pt": ({"en-pt": str(tiny_marian_multi)}, "pt", {}),
        "m2m100-pt": ({}, "pt", {"fallback_model": str(tiny_m2m100)}),
    }
    pairs, tgt, extra = models[kind]

    def build(glossary: Path | None, **more) -> Config:
        config = make_config(tmp_path, glossary, **extra, **more)
        config.set("translate.models", pairs)
        return config

    return build, tgt


def test_every_engine_gives_the_terms_as_required(tmp_path, engine_config):
    build, tgt = engine_config
    with Translator(build(glossary_file(tmp_path))) as translator:
        result = translator.translate(NEWS, to=tgt, src="en")
    assert_terms_as_required(result.text)
    assert result.text.count("\n\n") == 1  # layout kept
    assert [u.term for u in result.terms] == [
        "NATO",
        "Resolute Support",
        "Taliban",
        "NATO",
        "Resolute Support",
    ]
    assert all(u.method for u in result.terms)  # each enforced by some stage
    assert not [w for w in result.warnings if w.startswith("glossary")]
    assert "terms" in json.dumps(result.to_dict())


def test_without_enforcement_the_check_warns(tmp_path, tiny_marian):
    config = make_config(tmp_path, glossary_file(tmp_path))
    config.set("translate.models", {"en-es": str(tiny_marian)})
    config.set("glossary.enforce", False)
    with Translator(config) as translator:
        result = translator.translate(NEWS, to="es", src="en")
    assert "OTAN" not in result.text  # gibberish model, no enforcement
    warned = [w for w in result.warnings if w.startswith("glossary: ")]
    assert any("'NATO' should be rendered 'OTAN'" in w for w in warned)
    assert any(s.flags for s in result.segments)
    assert [u.term for u in result.terms] == []


def test_a_changed_glossary_takes_effect_through_the_memory(tmp_path, tiny_marian):
    first = glossary_file(tmp_path)
    config = make_config(tmp_path, first)
    config.set("translate.models", {"en-es": str(tiny_marian)})
    with Translator(config) as translator:
        before = translator.translate(NEWS, to="es", src="en")
    first.write_text(GLOSSARY.replace("NATO\tes\tOTAN", "NATO\tes\tAlianza Atlántica"))
    with Translator(config) as translator:
        after = translator.translate(NEWS, to="es", src="en")
        hits = translator.stats.memory_hits
    assert "OTAN" in before.text and "OTAN" not in after.text
    assert after.text.count("Alianza Atlántica") == 2
    assert hits > 0  # the memory answered what the engine had been given, nothing stale


def test_folder_runs_honour_the_glossary_and_redo_on_a_change(tmp_path, tiny_marian):
    wires = tmp_path / "wires"
    wires.mkdir()
    (wires / "a.txt").write_text(NEWS + "\n")
    (wires / "b.md").write_text("# NATO in Kabul\n\nThe Taliban spoke.\n")
    glossary = glossary_file(tmp_path)
    config = make_config(tmp_path, glossary)
    config.set("translate.models", {"en-es": str(tiny_marian)})
    out = tmp_path / "out"
    report = translate_tree(wires, out, ["es"], config=config, src="en")
    assert report.exit_code == 0 and len(report.done) == 2
    assert_terms_as_required((out / "a.es.txt").read_text())
    md = (out / "b.es.md").read_text()
    assert md.startswith("# ") and "OTAN" in md and "Taliban" in md
    again = translate_tree(wires, out, ["es"], config=config, src="en")
    assert not again.done  # nothing changed
    glossary.write_text(GLOSSARY + "Kabul\tes\tCabul\n")
    changed = translate_tree(wires, out, ["es"], config=config, src="en")
    assert len(changed.done) == 2
    assert "Cabul" in (out / "b.es.md").read_text()


def test_pipeline_brief_keeps_the_renderings_and_reports_glossary_warnings(tmp_path, tiny_marian):
    config = make_config(tmp_path, glossary_file(tmp_path))
    config.set("translate.models", {"en-es": str(tiny_marian)})
    with Pipeline(config) as pipeline:
        result = pipeline.run(NEWS, to=["en", "es"], lang="en")
    brief = result.briefs[1]
    assert brief.ok and "OTAN" in brief.text and not _LEAK.search(brief.text)
    assert not [w for w in brief.warnings if w.kind == "glossary"]
    config.set("glossary.enforce", False)
    with Pipeline(config) as pipeline:
        result = pipeline.run(NEWS, to=["es"], lang="en")
    warnings = result.briefs[0].warnings
    assert "glossary" in [w.kind for w in warnings]
    assert not [w for w in warnings if w.kind == "translation" and "glossary" in w.message]
    from toolkit.pipeline.render import render_result

    for fmt in ("text", "markdown"):
        shown = render_result(result, fmt)
        assert "glossary" in shown and "should be rendered 'OTAN'" in shown
    as_json = json.dumps(result.to_dict())
    assert '"kind": "glossary"' in as_json


def test_cli_glossary_option_files_json_and_errors(tmp_path, tiny_marian, capsys):
    config_file = tmp_path / "toolkit.toml"
    config_file.write_text(
        f"[translate]\ncache = false\nthreads = 1\nmax_new_tokens_ratio = 0.5\n"
        f'[translate.models]\n"en-es" = "{tiny_marian}"\n',
        encoding="utf-8",
    )
    article = tmp_path / "a.txt"
    article.write_text(NEWS + "\n")
    glossary = glossary_file(tmp_path)
    base = ["--config", str(config_file), "translate", str(article), "--to", "es", "--from", "en"]
    done = run_cli([*base, "--glossary", str(glossary)], capsys=capsys)
    assert done.exit_code == 0, done.stderr
    assert_terms_as_required(done.stdout)
    as_json = run_cli([*base, "--glossary", str(glossary), "--json"], capsys=capsys)
    assert {t["method"] for t in json.loads(as_json.stdout)["terms"]} <= {
        "model",
        "inline",
        "placeholder",
        "split",
    }
    bad = glossary_file(
        tmp_path, "term\tlang\trendering\nNATO\tes\tOTAN\nNATO\tes\tAlianza\n", "b.tsv"
    )
    failed = run_cli([*base, "--glossary", str(bad)], capsys=capsys)
    assert failed.exit_code == 7 and failed.stdout == ""
    assert (
        failed.stderr.count("\n") == 1 and "b.tsv:2" in failed.stderr and "b.tsv:3" in failed.stderr
    )
    missing = run_cli([*base, "--glossary", str(tmp_path / "none.tsv")], capsys=capsys)
    assert missing.exit_code == 7 and "none.tsv" in missing.stderr
    summary = run_cli(
        [
            "--config",
            str(config_file),
            "summarize",
            str(article),
            "--to",
            "es",
            "--from",
            "en",
            "--glossary",
            str(glossary),
            "--format",
            "markdown",
        ],
        capsys=capsys,
    )
    assert summary.exit_code == 0 and "OTAN" in summary.stdout


def test_a_pivot_route_enforces_the_target_renderings(tmp_path, tiny_marian_de_en, tiny_marian):
    glossary = glossary_file(
        tmp_path, "term\tlang\trendering\nNATO\tes\tOTAN\nBundeswehr\t*\t\n", "de.tsv"
    )
    config = make_config(tmp_path, glossary)
    config.set("translate.models", {"de-en": str(tiny_marian_de_en), "en-es": str(tiny_marian)})
    with Translator(config) as translator:
        result = translator.translate(
            "Die NATO und die Bundeswehr üben in Litauen.", to="es", src="de"
        )
    assert len(result.models) == 2  # through English
    assert "OTAN" in result.text and "Bundeswehr" in result.text
    assert "NATO" not in result.text and not _LEAK.search(result.text)


def test_an_empty_glossary_changes_nothing(tmp_path, tiny_marian):
    plain = make_config(tmp_path, None)
    plain.set("translate.models", {"en-es": str(tiny_marian)})
    empty = make_config(tmp_path, glossary_file(tmp_path, "term\tlang\trendering\n", "e.tsv"))
    empty.set("translate.models", {"en-es": str(tiny_marian)})
    plain.set("translate.cache", False)
    empty.set("translate.cache", False)
    with Translator(plain) as one, Translator(empty) as two:
        assert one.translate(NEWS, to="es", src="en") == two.translate(NEWS, to="es", src="en")
