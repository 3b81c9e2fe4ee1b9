"""Exit codes that tell the truth: 6 only when something was produced, 9 when nothing
was, 10 with --strict when an output fails its fact checks; `ok` means checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import assert_clean_error, run_cli

from toolkit.batch.cli import report_text
from toolkit.batch.report import FAILED, BatchReport, FileReport

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "en_nato_taliban_machine_translated.txt"
GERMAN = ROOT / "seeds" / "de_china_hiv_cases.txt"


@pytest.fixture
def empty_config(tmp_path):
    path = tmp_path / "empty.toml"
    path.write_text(f'[translate]\nmodel_dir = "{tmp_path / "hub"}"\ncache = false\n')
    return str(path)


@pytest.fixture
def fr_config(tmp_path, tiny_marian):
    """en-fr on disk (the tiny Marian: gibberish that loses the numbers), nothing else."""
    path = tmp_path / "fr.toml"
    path.write_text(
        f'[translate]\nmodel_dir = "{tmp_path / "hub"}"\ncache = false\nthreads = 1\n'
        f'max_new_tokens_ratio = 0.5\n[translate.models]\n"en-fr" = "{tiny_marian}"\n'
    )
    return str(path)


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_no_brief_is_exit_9_and_the_source_summary_is_shown(fmt, empty_config, capsys):
    args = ["--config", empty_config, "summarize", str(GERMAN), "--to", "en,es,fr"]
    result = run_cli([*args, "--format", fmt], capsys=capsys)
    assert_clean_error(result, 9, "no brief could be made (en, es, fr)")
    data = json.loads(run_cli([*args, "--json"], capsys=capsys).stdout)
    assert data["lang"] == "de" and data["partial"] is True
    summary = data["summary"]["text"]
    assert summary and "Steigerung" in summary
    if fmt == "json":
        assert json.loads(result.stdout)["summary"]["text"] == summary
    else:
        assert summary in result.stdout
        assert "German (de)" in result.stdout and "source summary" in result.stdout
    assert all(not b["ok"] and not b["produced"] for b in data["briefs"])


def test_some_briefs_missing_is_exit_6(empty_config, capsys):
    result = run_cli(
        ["--config", empty_config, "summarize", str(GERMAN), "--to", "de,en"], capsys=capsys
    )
    assert_clean_error(result, 6, "partial result: no brief for en")
    assert "== German (de) ==" in result.stdout
    assert "source summary" not in result.stdout  # the German brief is the summary


def test_strict_turns_failed_fact_checks_into_exit_10(fr_config, capsys):
    args = ["--config", fr_config, "summarize", str(SEED), "--to", "en,fr"]
    relaxed = run_cli([*args, "--json"], capsys=capsys)
    assert relaxed.exit_code == 0, relaxed.stderr
    briefs = {b["lang"]: b for b in json.loads(relaxed.stdout)["briefs"]}
    assert briefs["fr"]["produced"] and briefs["fr"]["warnings"]  # the numbers are lost
    assert briefs["fr"]["ok"] is False  # ok: produced AND its fact checks passed
    assert briefs["en"]["ok"] is True and not briefs["en"]["warnings"]
    strict = run_cli([*args, "--json", "--strict"], capsys=capsys)
    assert_clean_error(strict, 10, "fact checks failed (fr: ")
    assert json.loads(strict.stdout) == {
        **json.loads(relaxed.stdout),
        "timings": json.loads(strict.stdout)["timings"],
    }  # the output is still printed in full
    clean = run_cli(
        ["--config", fr_config, "summarize", str(SEED), "--to", "en", "--strict"], capsys=capsys
    )
    assert clean.exit_code == 0, clean.stderr


def test_translate_strict_exits_10_when_the_output_has_warnings(fr_config, capsys):
    args = ["--config", fr_config, "translate", str(SEED), "--from", "en", "--to", "fr"]
    relaxed = run_cli(args, capsys=capsys)
    assert relaxed.exit_code == 0
    assert "warning:" in relaxed.stderr  # the tiny model's runaway output is reported
    strict = run_cli([*args, "--strict"], capsys=capsys)
    assert strict.exit_code == 10, strict.stderr
    assert strict.stdout == relaxed.stdout
    assert "error: the output has warnings (fr: " in strict.stderr


def _folder(tmp_path: Path, count: int = 3) -> Path:
    folder = tmp_path / "wires"
    folder.mkdir()
    for i in range(count):
        (folder / f"story{i}.txt").write_text(f"The minister spoke on day {i}. He left.\n")
    return folder


def test_a_folder_where_every_file_fails_is_exit_9(tmp_path, empty_config, capsys):
    folder = _folder(tmp_path)
    args = ["translate", str(folder), "--from", "en", "--to", "es"]
    result = run_cli(["--config", empty_config, *args, "--out", str(tmp_path / "o")], capsys=capsys)
    assert_clean_error(result, 9, "all 3 files failed: nothing was written")
    # the missing model is named once for the three files
    assert result.stdout.count("'Helsinki-NLP/opus-mt-en-es' is not available") == 1
    assert "failed   es in 3 files (story0.txt, story1.txt, story2.txt): model" in result.stdout


def test_a_folder_strict_run_exits_10_on_warnings(tmp_path, fr_config, capsys):
    folder = _folder(tmp_path, 2)
    args = ["--config", fr_config, "translate", str(folder), "--from", "en", "--to", "fr"]
    relaxed = run_cli([*args, "--out", str(tmp_path / "a")], capsys=capsys)
    assert relaxed.exit_code == 0, relaxed.stderr
    assert "  warning  " in relaxed.stdout
    strict = run_cli([*args, "--out", str(tmp_path / "b"), "--strict"], capsys=capsys)
    assert_clean_error(strict, 10, "fact checks failed in 2 of 2 files")


def test_summarize_folder_counts_partial_files(tmp_path, fr_config, capsys):
    folder = _folder(tmp_path, 2)
    args = ["--config", fr_config, "summarize", str(folder), "--to", "en,es"]
    result = run_cli([*args, "--out", str(tmp_path / "briefs")], capsys=capsys)
    assert_clean_error(result, 6, "2 of 2 files incomplete (2 partial")
    assert "0 done, 2 partial, 0 up to date, 0 skipped, 0 failed" in result.stdout
    assert sorted(p.name for p in (tmp_path / "briefs").iterdir() if p.suffix == ".txt") == [
        "story0.summary.en.txt",
        "story1.summary.en.txt",
    ]


def test_the_report_groups_repeated_warnings_and_failures():
    report = BatchReport("translate", "in", "out", ["es", "fr"])
    report.files.append(FileReport("a.md", "done", warnings=["es: runaway output"] * 24))
    why = "model 'm' is not available locally"
    for name in ("b.md", "c.md", "d.md", "e.md", "f.md", "g.md"):
        entry = FileReport(name, FAILED, outputs={"es": f"{name}.es"}, errors={"fr": why})
        report.files.append(entry)
    report.files.append(FileReport("h.md", FAILED, errors={"*": "looks like a binary file"}))
    text = report_text(report)
    assert text.count("runaway output") == 1
    assert "  warning  a.md: es: runaway output (x24)" in text
    assert text.count(why) == 1
    assert f"  failed   fr in 6 files (b.md, c.md, d.md, e.md, f.md, ...): {why}" in text
    assert "  failed   h.md: looks like a binary file" in text
    assert "1 done, 6 partial, 0 up to date, 0 skipped, 1 failed" in text
    assert report.exit_code == 6 and report.as_dict()["counts"]["partial"] == 6
    nothing = BatchReport("translate", "in", "out", ["es"], files=[report.files[-1]])
    assert nothing.exit_code == 9


def test_detect_jsonl_every_line_bad_is_9_some_bad_is_6(capsys):
    every = run_cli(["detect", "--jsonl"], stdin="nope\n{}\n", capsys=capsys)
    assert_clean_error(every, 9, "all 2 input lines were bad")
    some = run_cli(["detect", "--jsonl"], stdin='nope\n{"text": "Hola amigos"}\n', capsys=capsys)
    assert_clean_error(some, 6, "1 of 2 input lines were bad")
