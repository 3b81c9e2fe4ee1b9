"""`toolkit detect`: the language of a text, of its paragraphs or sentences, or of a batch.

Batch mode (`--jsonl`) reads JSON lines ``{"id": ..., "text": ...}`` and writes one
result line per input line, in order. A bad line (invalid JSON, not an object, missing
or non-string ``text``, blank) gets ``{"id": ..., "line": N, "error": "..."}`` and the
run goes on; at the end the command exits with code 6 (partial result) if some line
was bad, 9 (nothing produced) if every line was.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import click

from toolkit.commands.options import text_option


@click.command("detect")
@click.argument("source", required=False, metavar="FILE|-|TEXT")
@text_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--per-paragraph", is_flag=True, help="Also detect each paragraph.")
@click.option("--per-sentence", is_flag=True, help="Also detect each sentence.")
@click.option(
    "--jsonl",
    is_flag=True,
    help='Batch: JSON lines {"id": ..., "text": ...} in (FILE or stdin), one result line out.',
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="Report 'und' below this confidence (config detect.min_confidence).",
)
@click.pass_obj
def detect(
    state: Any,
    source: str | None,
    inline: str | None,
    as_json: bool,
    per_paragraph: bool,
    per_sentence: bool,
    jsonl: bool,
    min_confidence: float | None,
) -> None:
    """Detect the language of FILE, standard input (- or piped) or TEXT (--text).

    Prints the ISO 639-1 code, the language name, the confidence and the runners-up.
    With --per-paragraph/--per-sentence also the spans (character offsets) and their
    languages. A FILE argument that is no path and holds a space is the text itself
    (toolkit detect "Der Bundestag hat ..."). In --jsonl mode the exit code is 6 when
    some input line was bad, 9 when every one was.
    """
    from toolkit.commands.options import read_source
    from toolkit.files import open_input, stdin_bytes

    if jsonl and inline is not None:
        raise click.UsageError("--jsonl reads FILE or standard input, not --text")
    config = state.config(**{"detect.min_confidence": min_confidence})
    spans_mode = "sentence" if per_sentence else "paragraph" if per_paragraph else None
    if jsonl and source in (None, "-"):
        _batch(_decoded_lines(stdin_bytes(), "<stdin>"), config, spans_mode)
        return
    if jsonl:
        with open_input(Path(source), whole=False) as handle:
            _batch(_decoded_lines(handle, source), config, spans_mode)
        return
    read = read_source(source, inline)
    for warning in read.warnings:
        state.warn(warning)
    result = _result(read.text, config, spans_mode)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        _print_human(result, read.text)


def _result(text: str, config: Any, spans_mode: str | None) -> dict[str, Any]:
    """The JSON-ready detection of one text (and its spans when asked)."""
    from toolkit.detect import detect as detect_language
    from toolkit.detect import detect_spans

    found = detect_language(text, config=config)
    result: dict[str, Any] = {
        "lang": found.lang,
        "name": _name(found.lang),
        "confidence": round(found.confidence, 4),
        "candidates": [{"lang": lang, "confidence": prob} for lang, prob in found.candidates],
    }
    if spans_mode is not None:
        result["spans"] = [
            {
                "start": span.start,
                "end": span.end,
                "lang": span.lang,
                "confidence": round(span.confidence, 4),
            }
            for span in detect_spans(text, per_sentence=spans_mode == "sentence", config=config)
        ]
    return result


def _decoded_lines(stream: BinaryIO, name: str) -> Iterator[str | ValueError]:
    """A file or standard input line by line, so results stream out as lines come in
    and memory stays flat; a line that is not UTF-8 or over the input limit is a
    ValueError (one error line), not the end of the run."""
    from toolkit.files import read_lines

    for raw in read_lines(stream, name):
        if isinstance(raw, Exception):
            yield ValueError(raw.message)
            continue
        try:
            yield raw.decode("utf-8-sig").rstrip("\r\n")
        except UnicodeDecodeError as exc:
            yield ValueError(f"not UTF-8 ({exc.reason})")


def _batch(lines: Iterable[str | ValueError], config: Any, spans_mode: str | None) -> None:
    """Detect each JSON line; bad lines get an error result; exit 6 at the end if any."""
    from toolkit.errors import NoResultError, PartialResultError

    bad = 0
    number = 0
    for number, line in enumerate(lines, start=1):
        parsed = (None, line) if isinstance(line, ValueError) else _parse_line(line)
        record_id, text_or_error = parsed
        if isinstance(text_or_error, ValueError):
            bad += 1
            out = {"id": record_id, "line": number, "error": str(text_or_error)}
        else:
            out = {"id": record_id, **_result(text_or_error, config, spans_mode)}
        click.echo(json.dumps(out, ensure_ascii=False))
    if bad and bad == number:
        raise NoResultError(
            f"all {number} input lines were bad",
            hint="see the lines with an 'error' field on standard output",
        )
    if bad:
        raise PartialResultError(
            f"{bad} of {number} input lines were bad",
            hint="see the lines with an 'error' field on standard output",
        )


def _parse_line(line: str) -> tuple[Any, str | ValueError]:
    """(id, text) of one batch line, or (id if known, ValueError saying what is wrong)."""
    if not line.strip():
        return None, ValueError("blank line")
    try:
        record = json.loads(line, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        return None, ValueError(f"invalid JSON: {exc.msg} at column {exc.colno}")
    except ValueError as exc:
        return None, ValueError(f"invalid JSON: {exc}")
    if not isinstance(record, dict):
        return None, ValueError("not a JSON object")
    record_id = record.get("id")
    if "text" not in record:
        return record_id, ValueError("missing 'text'")
    if not isinstance(record["text"], str):
        return record_id, ValueError("'text' is not a string")
    return record_id, record["text"]


def _refuse_constant(name: str) -> Any:
    """NaN and Infinity are not JSON (Python's parser accepts them); echoing such an id
    back would print invalid JSON, so the line is refused."""
    raise ValueError(f"{name} is not valid JSON")


def _name(code: str) -> str:
    import langcodes

    return langcodes.Language.get(code).display_name()


def _print_human(result: dict[str, Any], text: str) -> None:
    click.echo(f"{result['lang']}  {result['name']}  (confidence {result['confidence']:.2f})")
    others = ", ".join(
        f"{c['lang']} {_name(c['lang'])} {c['confidence']:.2f}" for c in result["candidates"]
    )
    if others:
        click.echo(f"  also possible: {others}")
    for span in result.get("spans", []):
        snippet = " ".join(text[span["start"] : span["end"]].split())
        if len(snippet) > 50:
            snippet = snippet[:49] + "…"
        click.echo(
            f"{span['start']:>7}-{span['end']:<7} {span['lang']:<3} "
            f"{span['confidence']:.2f}  {snippet}"
        )
