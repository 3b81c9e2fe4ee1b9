"""A single structured file keeps its structure, exactly as the same file in a folder run."""

from __future__ import annotations

import json

import pytest
from cli_helpers import run_cli

STORY_MD = """\
---
title: Talks resume in Geneva
author: Desk
---
# The commission meets on **Tuesday**

Leaders met on Monday, see [the commission](https://example.org/commission?id=7).

```
code stays as it is
```
"""
PAGE_HTML = """<!DOCTYPE html>
<html lang="en"><head><title>The page title</title></head>
<body><p>Hello <b>readers</b>, the talks went well.</p><!-- keep me --></body></html>
"""
ARTICLE_JSON = '{\n  "id": 7,\n  "headline": "Not translated",\n  "text": "The full body."\n}\n'
RECORDS_JSONL = '{"id": 1, "text": "First story here."}\n{"id": 2, "text": "Second story."}\n'
CLIP_SRT = (
    "1\n00:00:01,000 --> 00:00:02,500\nHello there,\nmy good friend.\n\n"
    "2\n00:00:03,000 --> 00:00:04,000\nGoodbye.\n"
)
FILES = {
    "story.md": STORY_MD,
    "page.html": PAGE_HTML,
    "article.json": ARTICLE_JSON,
    "records.jsonl": RECORDS_JSONL,
    "clip.srt": CLIP_SRT,
}
# what must come back byte for byte in each format
KEPT = {
    "story.md": [
        "---\ntitle: ",
        "author: Desk\n---\n# ",
        "**",
        "](https://example.org/commission?id=7)",
        "```\ncode stays as it is\n```\n",
    ],
    "page.html": ['<!DOCTYPE html>\n<html lang="fr"><head><title>', "<b>", "<!-- keep me -->"],
    "article.json": ['"id": 7', '"headline": "Not translated"', '"text": "'],
    "records.jsonl": ['{"id": 1, "text": "', '{"id": 2, "text": "'],
    "clip.srt": ["1\n00:00:01,000 --> 00:00:02,500\n", "\n\n2\n00:00:03,000 --> 00:00:04,000\n"],
}
# source text that must NOT reach the output (it was translated)
TRANSLATED = {
    "story.md": ["Talks resume in Geneva", "Leaders met on Monday"],
    "page.html": ["Hello ", "the talks went well"],
    "article.json": ["The full body."],
    "records.jsonl": ["First story here."],
    "clip.srt": ["my good friend."],
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_single_file_keeps_structure_and_equals_the_folder_run(
    name, tmp_path, en_fr_config, capsys
):
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / name
    path.write_text(FILES[name], encoding="utf-8")
    single = run_cli(
        ["--config", en_fr_config, "translate", str(path), "--to", "fr", "--from", "en"],
        capsys=capsys,
    )
    assert single.exit_code == 0, single.stderr
    for kept in KEPT[name]:
        assert kept in single.stdout, (kept, single.stdout)
    for gone in TRANSLATED[name]:
        assert gone not in single.stdout, (gone, single.stdout)
    folder_args = ["translate", str(folder), "--to", "fr", "--from", "en"]
    batch = run_cli(
        ["--config", en_fr_config, *folder_args, "--out", str(tmp_path / "out")], capsys=capsys
    )
    assert batch.exit_code == 0, batch.stdout + batch.stderr
    stem, suffix = name.rsplit(".", 1)
    assert (tmp_path / "out" / f"{stem}.fr.{suffix}").read_text(encoding="utf-8") == single.stdout


def test_detected_source_gives_the_folder_run_output_too(tmp_path, en_fr_config, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.md").write_text(STORY_MD, encoding="utf-8")
    single = run_cli(
        ["--config", en_fr_config, "translate", str(folder / "story.md"), "--to", "fr"],
        capsys=capsys,
    )
    assert single.exit_code == 0, single.stderr
    out = tmp_path / "out"
    run_cli(
        ["--config", en_fr_config, "translate", str(folder), "--to", "fr", "--out", str(out)],
        capsys=capsys,
    )
    assert (out / "story.fr.md").read_text(encoding="utf-8") == single.stdout


def test_json_field_option_applies_to_a_single_file(tmp_path, en_fr_config, capsys):
    path = tmp_path / "article.json"
    path.write_text(ARTICLE_JSON, encoding="utf-8")
    args = ["--config", en_fr_config, "translate", str(path), "--to", "fr", "--from", "en"]
    result = run_cli([*args, "--field", "headline"], capsys=capsys)
    assert result.exit_code == 0, result.stderr
    assert '"text": "The full body."' in result.stdout
    assert "Not translated" not in result.stdout


def test_standard_input_is_text_unless_told(tmp_path, en_fr_config, capsys):
    args = ["--config", en_fr_config, "translate", "-", "--to", "fr", "--from", "en"]
    plain = run_cli(args, stdin=STORY_MD, capsys=capsys)
    assert plain.exit_code == 0, plain.stderr
    assert "author: Desk" not in plain.stdout  # front matter went to the model as text
    told = run_cli([*args, "--input-format", "md"], stdin=STORY_MD, capsys=capsys)
    assert told.exit_code == 0, told.stderr
    assert "author: Desk\n---\n" in told.stdout
    path = tmp_path / "story.md"
    path.write_text(STORY_MD, encoding="utf-8")
    from_file = run_cli([*args[:3], str(path), *args[4:]], capsys=capsys)
    assert from_file.stdout == told.stdout


def test_input_format_overrides_the_suffix(tmp_path, en_fr_config, capsys):
    path = tmp_path / "story.txt"
    path.write_text(CLIP_SRT, encoding="utf-8")
    args = ["--config", en_fr_config, "translate", str(path), "--to", "fr", "--from", "en"]
    result = run_cli([*args, "--input-format", "srt"], capsys=capsys)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("1\n00:00:01,000 --> 00:00:02,500\n")


def test_a_malformed_structured_file_is_bad_input(tmp_path, en_fr_config, capsys):
    path = tmp_path / "broken.json"
    path.write_text('{"text": "unterminated', encoding="utf-8")
    result = run_cli(
        ["--config", en_fr_config, "translate", str(path), "--to", "fr", "--from", "en"],
        capsys=capsys,
    )
    assert result.exit_code == 3, result.stderr
    assert "Traceback" not in result.stderr


def test_several_targets_for_one_file(tmp_path, en_fr_config, tiny_marian, capsys):
    config = tmp_path / "two.toml"
    config.write_text(
        open(en_fr_config, encoding="utf-8").read() + f'"en-es" = "{tiny_marian}"\n',
        encoding="utf-8",
    )
    path = tmp_path / "story.md"
    path.write_text(STORY_MD, encoding="utf-8")
    args = ["--config", str(config), "translate", str(path), "--to", "fr,es", "--from", "en"]
    refused = run_cli(args, capsys=capsys)
    assert refused.exit_code == 2 and "give --out DIR (one file each) or --json" in refused.stderr
    out = tmp_path / "out"
    written = run_cli([*args, "--out", str(out)], capsys=capsys)
    assert written.exit_code == 0, written.stderr
    assert sorted(p.name for p in out.iterdir()) == ["story.es.md", "story.fr.md"]
    as_json = run_cli([*args, "--json"], capsys=capsys)
    data = json.loads(as_json.stdout)
    assert [item["tgt"] for item in data] == ["fr", "es"]
    assert data[0]["text"] == (out / "story.fr.md").read_text(encoding="utf-8")
    assert data[0]["format"] == ".md" and data[0]["source"] == str(path)
    leg = {"src": "en", "tgt": "fr", "model": str(tiny_marian), "engine": "torch"}
    from toolkit.translate.backends.base import select_device

    device = select_device("auto")  # translate.device = auto, resolved as the model loaded
    dtype = "float32" if device == "cpu" else "float16"
    how = {"device": device, "compute_type": dtype, "from_memory": 0}
    assert data[0]["legs"] == [{**leg, **how}]  # every unit's leg, merged: one
    assert data[0]["engines"] == ["torch"]


def test_summarize_reads_a_structured_file_like_the_folder_run(tmp_path, capsys):
    body = STORY_MD.replace(
        "Leaders met on Monday",
        "Leaders met on Monday in Geneva to talk about the new trade agreement. The talks "
        "lasted six hours and ended without a deal. Both sides said they would meet again",
    )
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.md").write_text(body, encoding="utf-8")
    single = run_cli(["summarize", str(folder / "story.md"), "--json"], capsys=capsys)
    assert single.exit_code == 0, single.stderr
    summary = json.loads(single.stdout)["summary"]["text"]
    assert "](https://" not in summary and "title:" not in summary and "**" not in summary
    out = tmp_path / "out"
    batch = run_cli(["summarize", str(folder), "--to", "en", "--out", str(out)], capsys=capsys)
    assert batch.exit_code == 0, batch.stdout + batch.stderr
    assert (out / "story.summary.en.txt").read_text(encoding="utf-8") == summary + "\n"
    raw = run_cli(["summarize", "-", "--json"], stdin=body, capsys=capsys)
    told = run_cli(["summarize", "-", "--json", "--input-format", "md"], stdin=body, capsys=capsys)
    assert json.loads(told.stdout)["summary"]["text"] == summary
    assert json.loads(raw.stdout)["summary"]["text"] != summary  # stdin is text unless told
