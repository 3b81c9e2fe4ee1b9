"""`toolkit summarize`: formats, the stable JSON shape, partial results, bad input."""

from __future__ import annotations

import json

import pytest
from cli_helpers import assert_clean_error, run_cli
from conftest import SEED

TOP_KEYS = {
    "schema", "source", "lang", "detection", "repair", "summary", "briefs", "partial", "timings",
}  # fmt: skip
DETECTION_KEYS = {"lang", "confidence", "candidates", "given"}
REPAIR_KEYS = {"edits", "flags"}
EDIT_KEYS = {"rule", "start", "end", "before", "after"}
SUMMARY_KEYS = {"method", "text", "sentences", "spans", "models"}
BRIEF_KEYS = {
    "lang", "ok", "produced", "text", "engine", "models", "legs", "warnings", "error", "hint",
}  # fmt: skip
LEG_KEYS = {"src", "tgt", "model", "engine", "device", "compute_type", "from_memory"}
WARNING_KEYS = {"kind", "value", "message"}


def test_json_output_has_the_documented_stable_shape(en_fr_config, capsys):
    args = ["--config", en_fr_config, "summarize", str(SEED), "--to", "en,fr", "--format", "json"]
    result = run_cli(args, capsys=capsys)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == TOP_KEYS and data["schema"] == 1
    assert set(data["detection"]) == DETECTION_KEYS and data["detection"]["lang"] == "en"
    assert set(data["repair"]) == REPAIR_KEYS
    assert data["repair"]["edits"] and set(data["repair"]["edits"][0]) == EDIT_KEYS
    assert set(data["summary"]) == SUMMARY_KEYS and len(data["summary"]["sentences"]) == 3
    assert [b["lang"] for b in data["briefs"]] == ["en", "fr"]
    for brief in data["briefs"]:
        assert set(brief) == BRIEF_KEYS and brief["produced"] and brief["text"]
        assert brief["ok"] is (not brief["warnings"])  # ok: produced and fact checks passed
        for warning in brief["warnings"]:
            assert set(warning) == WARNING_KEYS
    en, fr = data["briefs"]
    assert en["legs"] == [] and en["engine"] == "textrank"  # the summary itself: no model ran
    (leg,) = fr["legs"]  # one model translated the French brief, and says how it ran
    assert set(leg) == LEG_KEYS and fr["engine"] == "translate:torch"
    assert (leg["src"], leg["tgt"], leg["engine"]) == ("en", "fr", "torch")
    assert leg["device"] in ("cpu", "cuda", "mps") and leg["compute_type"]  # never "auto"
    assert leg["model"] == fr["models"][0] and leg["from_memory"] == 0  # cache = false
    assert data["briefs"][1]["warnings"]  # gibberish from the tiny model loses the numbers
    assert data["partial"] is False
    stages = ["read", "detect", "repair", "summarize", "brief:en", "brief:fr", "qa", "total"]
    assert list(data["timings"]) == stages


def test_missing_language_is_reported_and_exit_code_is_6(en_fr_config, capsys):
    args = ["--config", en_fr_config, "summarize", str(SEED), "--to", "en,es,fr"]
    result = run_cli(args, capsys=capsys)
    assert result.exit_code == 6
    assert "== English (en) ==" in result.stdout and "== French (fr) ==" in result.stdout
    assert "== Spanish (es): MISSING ==" in result.stdout
    assert "toolkit models pull Helsinki-NLP/opus-mt-en-es" in result.stdout
    assert "warning (number)" in result.stdout
    assert_clean_error(result, 6, "no brief for es")
    assert "toolkit models pull Helsinki-NLP/opus-mt-en-es" in result.stderr


def test_markdown_output_lists_briefs_warnings_and_missing(en_fr_config, capsys):
    args = [
        "--config",
        en_fr_config,
        "summarize",
        str(SEED),
        "--to",
        "fr,es",
        "--format",
        "markdown",
    ]
    result = run_cli(args, capsys=capsys)
    assert result.exit_code == 6
    out = result.stdout
    assert out.startswith("# Briefs: ")
    assert "## French (fr)" in out and "**Check these facts:**" in out
    assert "## Spanish (es): missing" in out
    assert "`toolkit models pull Helsinki-NLP/opus-mt-en-es`" in out


def test_default_target_is_the_source_language_and_out_writes_a_file(tmp_path, capsys):
    out = tmp_path / "briefs" / "seed.txt"
    result = run_cli(["summarize", str(SEED), "--sentences", "2", "--out", str(out)], capsys=capsys)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    written = out.read_text(encoding="utf-8")
    assert "== English (en) == [textrank]" in written and "MISSING" not in written
    again = run_cli(["summarize", str(SEED), "--sentences", "2"], capsys=capsys)
    assert again.stdout == written


def test_words_option_and_stdin(capsys):
    result = run_cli(
        ["summarize", "-", "--words", "40", "--format", "json"],
        stdin=SEED.read_text(encoding="utf-8"),
        capsys=capsys,
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["source"] == "<stdin>"
    assert 1 <= len(data["summary"]["sentences"]) <= 2


@pytest.mark.parametrize(
    ("args", "stdin", "code", "fragment"),
    [
        (["summarize", "missing.txt"], "", 3, "no such file"),
        (["summarize", "-"], "  \n\n", 3, "empty input"),
        (["summarize", "-"], b"\x00\x01binary", 3, "binary"),
        (["summarize", "-", "--from", "en"], "Only A Headline\n", 3, "no sentences"),
        (["summarize", "-", "--to", "en,xx"], "The talks resumed. Both sides met.", 4, "xx"),
        (["summarize", "-", "--to", ","], "The talks resumed. Both sides met.", 4, "no target"),
        (["summarize", "-", "--from", "zz"], "The talks resumed. Both sides met.", 4, "zz"),
        (["summarize", "-"], "12345 67890 !!!", 4, "could not detect"),
    ],
)
def test_bad_input_is_one_line(args, stdin, code, fragment, capsys):
    assert_clean_error(run_cli(args, stdin=stdin, capsys=capsys), code, fragment)


@pytest.mark.parametrize(
    "args",
    [
        ["summarize", "-", "--sentences", "2", "--words", "30"],
        ["summarize", "-", "--sentences", "0"],
        ["summarize", "-", "--format", "pdf"],
    ],
)
def test_usage_errors_exit_2(args, capsys):
    result = run_cli(args, stdin="The talks resumed. Both sides met.", capsys=capsys)
    assert result.exit_code == 2 and "Traceback" not in result.stderr
