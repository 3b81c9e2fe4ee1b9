"""`toolkit detect`: output formats, spans, --jsonl batch mode and every bad-input path."""

from __future__ import annotations

import json

from cli_helpers import assert_clean_error, run_cli, run_subprocess

FRENCH = "Le gouvernement a annoncé hier que la nouvelle école ouvrira l'année prochaine."
GERMAN = "Die Regierung hat gestern angekündigt, dass die neue Schule nächstes Jahr öffnet."
ENGLISH = "The government announced yesterday that the new school will open next year."


def test_human_output_has_code_name_and_confidence(tmp_path, capsys):
    article = tmp_path / "article.txt"
    article.write_text(FRENCH + "\n", encoding="utf-8")
    result = run_cli(["detect", str(article)], capsys=capsys)
    assert result.exit_code == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith("fr  French  (confidence ")
    assert article.read_text(encoding="utf-8") == FRENCH + "\n"  # input untouched


def test_human_output_lists_candidates_for_ambiguous_text(capsys):
    result = run_cli(["detect", "-"], stdin="banco", capsys=capsys)
    assert result.exit_code == 0
    assert "also possible:" in result.stdout


def test_json_from_stdin(capsys):
    result = run_cli(["detect", "--json", "-"], stdin=GERMAN, capsys=capsys)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["lang"] == "de"
    assert data["name"] == "German"
    assert 0.9 < data["confidence"] <= 1.0
    assert isinstance(data["candidates"], list)
    assert "spans" not in data


def test_per_paragraph_spans_point_into_the_text(capsys):
    text = f"{ENGLISH}\n\n{FRENCH}\n\n{GERMAN}\n"
    result = run_cli(["detect", "--json", "--per-paragraph", "-"], stdin=text, capsys=capsys)
    assert result.exit_code == 0
    spans = json.loads(result.stdout)["spans"]
    assert [s["lang"] for s in spans] == ["en", "fr", "de"]
    assert [text[s["start"] : s["end"]] for s in spans] == [ENGLISH, FRENCH, GERMAN]


def test_per_sentence_human_output(capsys):
    result = run_cli(["detect", "--per-sentence", "-"], stdin=f"{ENGLISH} {FRENCH}", capsys=capsys)
    assert result.exit_code == 0
    span_lines = result.stdout.splitlines()[-2:]
    assert " en " in span_lines[0]
    assert " fr " in span_lines[1]


def test_und_for_digits_only(capsys):
    result = run_cli(["detect", "--json", "-"], stdin="2024-05-01 12:30 +44", capsys=capsys)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["lang"] == "und"


def test_jsonl_batch_keeps_order(capsys):
    lines = [
        json.dumps({"id": 1, "text": ENGLISH}),
        json.dumps({"id": "b", "text": FRENCH}),
        json.dumps({"id": [3], "text": GERMAN}),
        json.dumps({"id": 4, "text": "\ud800 " + ENGLISH}),  # a lone surrogate from JSON
    ]
    result = run_cli(["detect", "--jsonl"], stdin="\n".join(lines) + "\n", capsys=capsys)
    assert result.exit_code == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(o["id"], o["lang"]) for o in out] == [(1, "en"), ("b", "fr"), ([3], "de"), (4, "en")]


def test_jsonl_bad_lines_reported_in_place_and_exit_6(capsys):
    lines = [
        json.dumps({"id": 1, "text": ENGLISH}),
        "{not json",
        json.dumps({"id": 3}),
        json.dumps({"id": 4, "text": 42}),
        "",
        json.dumps(["a", "list"]),
        json.dumps({"id": 7, "text": FRENCH}),
    ]
    result = run_cli(["detect", "--jsonl"], stdin="\n".join(lines) + "\n", capsys=capsys)
    assert_clean_error(result, 6, "5 of 7 input lines were bad")
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 7
    assert out[0]["lang"] == "en" and out[6]["lang"] == "fr"
    assert out[1] == {"id": None, "line": 2, "error": out[1]["error"]}
    assert out[1]["error"].startswith("invalid JSON")
    assert out[2]["id"] == 3 and out[2]["error"] == "missing 'text'"
    assert out[3]["id"] == 4 and out[3]["error"] == "'text' is not a string"
    assert out[4]["error"] == "blank line"
    assert out[5]["error"] == "not a JSON object"


def test_jsonl_from_a_file_with_spans(tmp_path, capsys):
    batch = tmp_path / "batch.jsonl"
    batch.write_text(json.dumps({"id": 1, "text": f"{ENGLISH}\n\n{GERMAN}"}) + "\n")
    result = run_cli(["detect", "--jsonl", "--per-paragraph", str(batch)], capsys=capsys)
    assert result.exit_code == 0
    (line,) = result.stdout.splitlines()
    assert [s["lang"] for s in json.loads(line)["spans"]] == ["en", "de"]


def test_min_confidence_flag(capsys):
    result = run_cli(
        ["detect", "--json", "--min-confidence", "0.99", "-"], stdin="hotel", capsys=capsys
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)["lang"] == "und"


def test_missing_file(tmp_path, capsys):
    result = run_cli(["detect", str(tmp_path / "nope.txt")], capsys=capsys)
    assert_clean_error(result, 3, "no such file")


def test_directory(tmp_path, capsys):
    result = run_cli(["detect", str(tmp_path)], capsys=capsys)
    assert_clean_error(result, 3, "is a directory")


def test_binary_file(tmp_path, capsys):
    blob = tmp_path / "image.png"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = run_cli(["detect", str(blob)], capsys=capsys)
    assert_clean_error(result, 3, "binary")


def test_binary_stdin_in_jsonl_mode_is_reported_per_line(capsys):
    """Standard input is streamed line by line, so garbage is a bad line, not a crash."""
    result = run_cli(["detect", "--jsonl"], stdin=b"\x00\x01\x02binary\n\xff\xfe\n", capsys=capsys)
    assert_clean_error(result, 9, "all 2 input lines were bad")
    errors = [json.loads(line)["error"] for line in result.stdout.splitlines()]
    assert errors[0].startswith("invalid JSON")
    assert errors[1].startswith("not UTF-8")


def test_no_file_on_a_terminal_is_a_usage_error(capsys, monkeypatch):
    import toolkit.commands.options

    monkeypatch.setattr(toolkit.commands.options, "stdin_is_terminal", lambda: True)
    result = run_cli(["detect"], capsys=capsys)
    assert result.exit_code == 2
    assert "missing FILE" in result.stderr
    assert "Traceback" not in result.stderr


def test_real_process_exit_codes_without_traceback(tmp_path):
    missing = run_subprocess(["detect", str(tmp_path / "missing.txt")])
    assert_clean_error(missing, 3, "no such file")
    batch = run_subprocess(["detect", "--jsonl"], stdin='{"id": 1}\n')
    assert_clean_error(batch, 9, "all 1 input lines were bad")
    assert json.loads(batch.stdout) == {"id": 1, "line": 1, "error": "missing 'text'"}
