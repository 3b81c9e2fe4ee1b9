"""`toolkit repair`: output formats, --out, --lang, --engine, and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cli_helpers import assert_clean_error, run_cli

SEED = Path(__file__).resolve().parents[2] / "seeds" / "en_nato_taliban_machine_translated.txt"

MESSY = "US forces.The talks continues. felt in the the city , officials said .\n"
FIXED = "US forces. The talks continues felt in the city, officials said.\n"


def test_repair_writes_the_repaired_text_to_stdout(capsys):
    result = run_cli(["repair", "-", "--lang", "en"], stdin=MESSY, capsys=capsys)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == FIXED
    assert result.stderr == ""


def test_repair_reads_a_file_and_warns_about_flags(capsys, seed_text):
    result = run_cli(["repair", str(SEED), "--lang", "en"], capsys=capsys)
    assert result.exit_code == 0
    assert "terrorists,” he said" in result.stdout
    assert "continues felt in the country" in result.stdout
    assert "2 flags (garbled_negation 1, second_person 1)" in result.stderr
    quiet = run_cli(["--quiet", "repair", str(SEED), "--lang", "en"], capsys=capsys)
    assert quiet.stderr == "" and quiet.stdout == result.stdout


def test_repair_out_writes_the_file_atomically(tmp_path, capsys):
    src = tmp_path / "in.txt"
    src.write_text(MESSY, encoding="utf-8")
    out = tmp_path / "sub" / "out.txt"
    result = run_cli(["repair", str(src), "--lang", "en", "--out", str(out)], capsys=capsys)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8") == FIXED
    assert src.read_text(encoding="utf-8") == MESSY  # input untouched
    assert [p.name for p in out.parent.iterdir()] == ["out.txt"]  # no temp file left


def test_repair_json(capsys):
    result = run_cli(["repair", "-", "--lang", "en", "--json"], stdin=MESSY, capsys=capsys)
    data = json.loads(result.stdout)
    assert data["text"] == FIXED
    assert data["lang"] == "en"
    rules = [e["rule"] for e in data["edits"]]
    assert rules == [
        "glued_sentences",
        "broken_sentences",
        "doubled_words",
        "space_before_punctuation",
        "space_before_punctuation",
    ]
    for edit in data["edits"]:
        assert MESSY[edit["start"] : edit["end"]] == edit["before"]
    assert data["flags"] == []


def test_repair_diff_is_unified_and_uncoloured_off_a_terminal(capsys):
    result = run_cli(["repair", "-", "--lang", "en", "--diff"], stdin=MESSY, capsys=capsys)
    lines = result.stdout.splitlines()
    assert lines[0] == "--- <stdin>"
    assert lines[1] == "+++ <stdin> (repaired)"
    assert "-" + MESSY.rstrip("\n") in lines
    assert "+" + FIXED.rstrip("\n") in lines
    assert "\x1b[" not in result.stdout


def test_repair_diff_of_clean_text_is_empty(capsys):
    result = run_cli(
        ["repair", "-", "--lang", "en", "--diff"], stdin="All is well.\n", capsys=capsys
    )
    assert result.exit_code == 0 and result.stdout == ""


def test_repair_explain_names_rules_and_reasons(capsys, seed_text):
    result = run_cli(["repair", str(SEED), "--lang", "en", "--explain"], capsys=capsys)
    out = result.stdout
    assert out.startswith("5 edits, 2 flags (language: en)")
    assert out.count("broken_sentences:") == 4
    assert "quote_spacing: " in out
    assert "A full stop in the middle of a sentence" in out
    assert "flag 9:264 second_person: 'your'" in out
    assert "garbled negation" in out


def test_repair_lang_changes_behaviour(capsys):
    text = "Vraiment ? Oui !\n"
    fr = run_cli(["repair", "-", "--lang", "fr"], stdin=text, capsys=capsys)
    en = run_cli(["repair", "-", "--lang", "en"], stdin=text, capsys=capsys)
    assert fr.stdout == text
    assert en.stdout == "Vraiment? Oui!\n"


def test_engine_model_without_the_model_is_exit_5(capsys, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    result = run_cli(["repair", str(SEED), "--lang", "en", "--engine", "model"], capsys=capsys)
    assert_clean_error(result, 5, "Qwen/Qwen2.5-0.5B-Instruct")


def test_bad_inputs_are_one_line_errors(tmp_path, capsys):
    missing = run_cli(["repair", str(tmp_path / "nope.txt")], capsys=capsys)
    assert_clean_error(missing, 3, "no such file")
    folder = run_cli(["repair", str(tmp_path)], capsys=capsys)
    assert_clean_error(folder, 3, "is a directory")
    binary = tmp_path / "image.bin"
    binary.write_bytes(b"\x89PNG\x00\x00\x01\x02" * 50)
    assert_clean_error(run_cli(["repair", str(binary)], capsys=capsys), 3, "binary")
    bad_lang = run_cli(["repair", "-", "--lang", "klingon!"], stdin="x", capsys=capsys)
    assert_clean_error(bad_lang, 4, "unknown language code")
    out_dir = run_cli(
        ["repair", "-", "--lang", "en", "--out", str(tmp_path)], stdin="x", capsys=capsys
    )
    assert out_dir.exit_code in (2, 8) and "Traceback" not in out_dir.stderr


def test_bad_engine_is_a_usage_error(capsys):
    result = run_cli(["repair", "-", "--engine", "gpt"], stdin="x", capsys=capsys)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


def test_rules_engine_does_not_import_torch():
    code = (
        "import sys, toolkit;"
        "toolkit.repair('US forces.The talks continues. felt', 'en');"
        "from toolkit.cli import cli; cli.get_command(None, 'repair');"
        "print(','.join(m for m in ('torch', 'transformers') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
