"""Folder runs end to end: the real translation engine with a tiny random-weight Marian
model (gibberish output: these tests check structure, files, codes and counts), and the
`toolkit translate DIR` command."""

from __future__ import annotations

import fcntl
import json
import re

import pytest
from batch_helpers import CLIP, RECORDS, WORLD_MD
from cli_helpers import assert_clean_error, run_cli

from toolkit.batch import translate_tree
from toolkit.batch.state import LOCK
from toolkit.config import Config
from toolkit.formats import parse


@pytest.fixture
def config_file(tmp_path, tiny_marian):
    path = tmp_path / "toolkit.toml"
    path.write_text(
        f"[translate]\ncache = false\nthreads = 1\nmax_new_tokens_ratio = 0.5\n"
        f'[translate.models]\n"en-es" = "{tiny_marian}"\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "wires"
    (root / "deep").mkdir(parents=True)
    (root / "story.txt").write_text("The minister spoke. Talks resume on Monday.\n\nMore later.\n")
    (root / "deep" / "world.md").write_text(WORLD_MD)
    (root / "deep" / "records.jsonl").write_text(RECORDS)
    (root / "clip.srt").write_text(CLIP)
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    return root


def test_real_engine_translates_a_tree_keeping_structure(tmp_path, folder, config_file):
    config = Config.load(config_file, search_default_files=False)
    out = tmp_path / "out"
    report = translate_tree(folder, out, ["es"], config=config, src="en")
    assert report.exit_code == 0
    assert sorted(f.path for f in report.done) == [
        "clip.srt",
        "deep/records.jsonl",
        "deep/world.md",
        "story.txt",
    ]
    assert report.model_calls == 1  # every file's text in one call
    assert [f.path for f in report.skipped] == ["photo.jpg"]

    md = (out / "deep/world.es.md").read_text()
    assert "```\ncode stays\n```\n" in md and "`Geneva`" in md and "(https://example.org/t)" in md
    assert md.startswith("---\ntitle: ") and "\n---\n# " in md
    assert "Leaders met" not in md  # the prose did go through the model
    records = [
        json.loads(line) for line in (out / "deep/records.es.jsonl").read_text().splitlines()
    ]
    assert [r["id"] for r in records] == [1, 2] and records[0]["lang"] == "en"
    assert records[0]["text"] not in ("", "First story.")
    assert records[1]["text"] not in ("", "Second story.")
    clip = (out / "clip.es.srt").read_text()
    assert re.findall(r"^\d+$|^[\d:,]+ --> [\d:,]+$", clip, re.M) == [
        "1",
        "00:00:01,000 --> 00:00:02,000",
        "2",
        "00:00:03,000 --> 00:00:04,000",
    ]
    story = (out / "story.es.txt").read_text()
    assert story.count("\n\n") == 1 and story.endswith("\n")
    assert len(parse("s.txt", story).units) == 2


def test_real_engine_rerun_loads_no_model(tmp_path, folder, config_file, monkeypatch):
    config = Config.load(config_file, search_default_files=False)
    out = tmp_path / "out"
    translate_tree(folder, out, ["es"], config=config, src="en")
    created = []
    import toolkit.translate

    real = toolkit.translate.Translator
    monkeypatch.setattr(
        toolkit.translate, "Translator", lambda *a, **k: created.append(1) or real(*a, **k)
    )
    again = translate_tree(folder, out, ["es"], config=config, src="en")
    assert again.model_calls == 0 and created == []
    assert len(again.up_to_date) == 4


def test_cli_translates_a_folder_and_reports(tmp_path, folder, config_file, capsys):
    out = tmp_path / "out"
    args = ["--config", str(config_file), "translate", str(folder), "--to", "es", "--out", str(out)]
    result = run_cli([*args, "--from", "en"], capsys=capsys)
    assert result.exit_code == 0, result.stderr
    assert "4 done, 0 up to date, 1 skipped, 0 failed" in result.stdout
    assert "skipped  photo.jpg: unsupported file type (.jpg)" in result.stdout
    assert (out / "deep/world.es.md").is_file()

    again = run_cli([*args, "--from", "en", "--json"], capsys=capsys)
    data = json.loads(again.stdout)
    assert again.exit_code == 0 and data["model_calls"] == 0
    assert {f["status"] for f in data["files"]} == {"up-to-date", "skipped"}


def test_cli_missing_model_for_one_language_is_a_partial_result(
    tmp_path, folder, config_file, capsys
):
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02")
    out = tmp_path / "out"
    args = ["--config", str(config_file), "translate", str(folder), "--to", "es,fr"]
    result = run_cli([*args, "--out", str(out), "--from", "en"], capsys=capsys)
    assert_clean_error(result, 6, "5 of 5 files incomplete (4 partial: some languages written")
    assert "failed   binary.txt: looks like a binary file" in result.stdout
    # the missing model is said once for the four files it hit, not once per file
    assert "  failed   fr in 4 files (" in result.stdout
    assert result.stdout.count("model 'Helsinki-NLP/opus-mt-en-fr' is not available") == 1
    assert (out / "story.es.txt").is_file() and not (out / "story.fr.txt").exists()


def test_cli_folder_errors(tmp_path, folder, config_file, capsys):
    base = ["--config", str(config_file), "translate", str(folder), "--to", "es"]
    missing_out = run_cli(base, capsys=capsys)
    assert missing_out.exit_code == 2 and "--out OUTDIR is required" in missing_out.stderr
    out = tmp_path / "out"
    out.mkdir()
    with open(out / LOCK, "a+b") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        locked = run_cli([*base, "--out", str(out)], capsys=capsys)
    assert_clean_error(locked, 8, "is in use by another toolkit run")
    same = run_cli([*base, "--out", str(folder)], capsys=capsys)
    assert_clean_error(same, 8, "must not be the input folder")
    bad_lang = run_cli([*base[:-1], "es,??", "--out", str(out)], capsys=capsys)
    assert_clean_error(bad_lang, 4, "unknown language code")


def test_cli_summarizes_a_folder_with_real_briefs(tmp_path, config_file, capsys):
    import shutil
    from pathlib import Path

    seeds = Path(__file__).resolve().parents[2] / "seeds"
    folder = tmp_path / "wires"
    folder.mkdir()
    shutil.copy(seeds / "en_nato_taliban_machine_translated.txt", folder / "nato.txt")
    shutil.copy(seeds / "es_macedonia_referendum.txt", folder / "macedonia.txt")
    out = tmp_path / "briefs"
    base = ["--config", str(config_file), "summarize", str(folder)]
    result = run_cli([*base, "--to", "en,es", "--out", str(out)], capsys=capsys)
    # en->es is on disk (tiny model), es->en is not: the Spanish file's English brief fails
    assert_clean_error(result, 6, "1 of 2 files incomplete (1 partial")
    assert "failed   macedonia.txt: en: model 'Helsinki-NLP/opus-mt-es-en'" in result.stdout
    assert "toolkit models pull" in result.stdout
    written = sorted(p.name for p in out.glob("*.txt"))
    assert written == ["macedonia.summary.es.txt", "nato.summary.en.txt", "nato.summary.es.txt"]
    assert (out / "nato.summary.es.txt").read_text().strip()  # the tiny model's gibberish

    again = run_cli([*base, "--to", "en,es", "--out", str(out)], capsys=capsys)
    # only the failure retried; its Spanish brief is written, so it is partial, not failed
    assert "0 done, 1 partial, 1 up to date, 0 skipped, 0 failed" in again.stdout

    usage = run_cli([*base, "--out", str(out)], capsys=capsys)
    assert usage.exit_code == 2 and "--to is required" in usage.stderr
    usage = run_cli([*base, "--to", "es", "--out", str(out), "--format", "json"], capsys=capsys)
    assert usage.exit_code == 2 and "--format applies to a FILE" in usage.stderr
