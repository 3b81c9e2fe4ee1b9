"""One vocabulary for every command: the same options mean the same thing everywhere,
inputs come the same ways (FILE, -, piped stdin, --text, inline), old spellings kept."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from cli_helpers import run_cli

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "en_nato_taliban_machine_translated.txt"
GERMAN = "Der Bundestag hat heute ein neues Gesetz beschlossen, das viele Bürger betrifft."


@pytest.fixture
def fr_config(tmp_path, tiny_marian):
    path = tmp_path / "fr.toml"
    path.write_text(
        f'[translate]\nmodel_dir = "{tmp_path / "hub"}"\nthreads = 1\n'
        f'cache_path = "{tmp_path / "tm.sqlite3"}"\nmax_new_tokens_ratio = 0.5\n'
        f'[translate.models]\n"en-fr" = "{tiny_marian}"\n'
    )
    return str(path)


@pytest.mark.parametrize(
    "command",
    [["detect"], ["repair", "--from", "de"], ["summarize", "--from", "de"]],
    ids=["detect", "repair", "summarize"],
)
def test_every_text_command_takes_stdin_without_dash_text_and_inline(command, capsys):
    piped = run_cli(command, stdin=GERMAN, capsys=capsys)
    dashed = run_cli([command[0], "-", *command[1:]], stdin=GERMAN, capsys=capsys)
    option = run_cli([*command, "--text", GERMAN], capsys=capsys)
    inline = run_cli([command[0], GERMAN, *command[1:]], capsys=capsys)
    assert piped.exit_code == 0, piped.stderr
    assert piped.stdout == dashed.stdout
    assert option.exit_code == inline.exit_code == 0, option.stderr + inline.stderr
    assert option.stdout == inline.stdout
    # the same text gives the same result whichever way it came (names differ in summaries)
    if command[0] != "summarize":
        assert option.stdout == piped.stdout


def test_inline_text_never_hides_a_missing_file(capsys):
    for name in ("story.txt", "my story.txt", "wires/a b.md"):
        result = run_cli(["detect", name], capsys=capsys)
        assert result.exit_code == 3 and "no such file" in result.stderr, name
    both = run_cli(["detect", str(SEED), "--text", "Hola amigos"], capsys=capsys)
    assert both.exit_code == 2 and "give FILE or --text, not both" in both.stderr


def test_translate_takes_inline_text(fr_config, capsys):
    args = ["--config", fr_config, "translate", "--from", "en", "--to", "fr"]
    inline = run_cli([*args, "--text", "The minister spoke today."], capsys=capsys)
    piped = run_cli(args, stdin="The minister spoke today.", capsys=capsys)
    assert inline.exit_code == 0, inline.stderr
    assert inline.stdout == piped.stdout and inline.stdout.strip()


def test_repair_from_and_lang_are_one_option(capsys):
    text = "Le gouvernement a annoncé hier un plan , dit-il ."
    spelled = {
        flag: run_cli(["repair", "-", flag, "fr", "--json"], stdin=text, capsys=capsys)
        for flag in ("--from", "--lang", "-l")
    }
    outputs = {result.stdout for result in spelled.values()}
    assert len(outputs) == 1 and all(r.exit_code == 0 for r in spelled.values())
    assert json.loads(outputs.pop())["lang"] == "fr"


def test_summarize_json_is_format_json(capsys):
    base = ["summarize", str(SEED), "--sentences", "2"]
    short = json.loads(run_cli([*base, "--json"], capsys=capsys).stdout)
    long = json.loads(run_cli([*base, "--format", "json"], capsys=capsys).stdout)
    short.pop("timings"), long.pop("timings")
    assert short == long
    clash = run_cli([*base, "--json", "--format", "markdown"], capsys=capsys)
    assert clash.exit_code == 2 and "exclude each other" in clash.stderr


def test_summarize_takes_the_translation_options(fr_config, tmp_path, tiny_marian, capsys):
    base = ["--config", fr_config, "summarize", str(SEED), "--to", "fr", "--json"]
    uncached = run_cli([*base, "--no-cache"], capsys=capsys)
    assert uncached.exit_code == 0, uncached.stderr
    assert not (tmp_path / "tm.sqlite3").exists()  # --no-cache: no translation memory
    pinned = run_cli([*base, "--model", str(tiny_marian)], capsys=capsys)
    assert pinned.exit_code == 0, pinned.stderr
    assert json.loads(pinned.stdout)["briefs"][0]["models"] == [str(tiny_marian)]
    missing = run_cli([*base, "--model", str(tmp_path / "nowhere")], capsys=capsys)
    assert missing.exit_code == 9 and "nowhere" in missing.stdout
    assert (tmp_path / "tm.sqlite3").exists()  # without --no-cache it is used
    engine = run_cli([*base, "--engine", "nonsense"], capsys=capsys)
    # the engine reached the translator (refused per brief: nothing produced; a config
    # check at load time, exit 7, would be as good)
    assert engine.exit_code in (7, 9) and "torch, ct2" in engine.stderr, engine.stderr


def test_words_as_a_proportion(capsys):
    from toolkit.summarize.tokenize import word_count

    total = word_count(SEED.read_text(encoding="utf-8"))
    share = json.loads(
        run_cli(["summarize", str(SEED), "--words", "20%", "--json"], capsys=capsys).stdout
    )
    fixed = run_cli(
        ["summarize", str(SEED), "--words", str(round(total * 0.2)), "--json"], capsys=capsys
    )
    assert share["summary"] == json.loads(fixed.stdout)["summary"]
    for bad in ("0%", "120%", "abc", "0"):
        result = run_cli(["summarize", str(SEED), "--words", bad], capsys=capsys)
        assert result.exit_code == 2, bad


def test_several_targets_everywhere_and_bad_lists_are_exit_4(fr_config, capsys):
    translate = ["--config", fr_config, "translate", "-", "--from", "en", "--json"]
    both = run_cli([*translate, "--to", "fr,en"], stdin="The minister spoke.", capsys=capsys)
    assert both.exit_code == 0, both.stderr
    assert [item["tgt"] for item in json.loads(both.stdout)] == ["fr", "en"]
    for command in (translate, ["summarize", "-", "--json"]):
        result = run_cli([*command, "--to", "fr,xx"], stdin="The minister spoke.", capsys=capsys)
        assert result.exit_code == 4 and "xx" in result.stderr


def test_readme_detect_json_example_is_what_is_printed(capsys):
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    readme = "\n".join(page.read_text(encoding="utf-8") for page in pages)
    found = re.search(r"<!-- detect-json-example: (.+?) -->\n```json\n(.*?)```", readme, re.S)
    assert found, "the README/docs example is gone"
    args, shown = found.group(1).split(), found.group(2)
    args = [*args[:-1], args[-1]]  # --json --text WORD
    result = run_cli(["detect", *args], capsys=capsys)
    assert result.exit_code == 0
    assert result.stdout == shown
