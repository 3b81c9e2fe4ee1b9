"""`toolkit translate`: translate a file, inline text or standard input with local models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from toolkit.commands.options import (
    glossary_option,
    output_options,
    ray_overrides,
    text_option,
    with_glossaries,
)
from toolkit.translate.document import FORMAT_SUFFIXES


@click.command()
@click.argument("source", required=False, metavar="FILE|DIR|-")
@text_option
@click.option("--to", "to", required=True, help="Target language(s): es, or es,fr.")
@click.option("--from", "src", default="auto", show_default=True, help="Source language, or auto.")
@click.option(
    "--input-format",
    type=click.Choice(sorted(FORMAT_SUFFIXES)),
    help="Read FILE (or standard input) as this format instead of by its suffix.",
)
@click.option("--model", help="Hub id or local directory of the model to use.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (segments, models, warnings).")
@click.option("--no-cache", is_flag=True, help="Do not use the translation memory.")
@click.option(
    "--engine",
    help="Engine for opus-mt/M2M100 models: torch (default) or ct2; "
    "Firefox Translations models always run on bergamot.",
)
@click.option("--strict", is_flag=True, help="Exit 10 when an output has warnings.")
@output_options("translate", "output", fields_for="FILE or DIR")
@glossary_option
@click.pass_obj
def translate(
    state,
    source: str | None,
    inline: str | None,
    to: str,
    src: str,
    input_format: str | None,
    model: str | None,
    as_json: bool,
    no_cache: bool,
    engine: str | None,
    strict: bool,
    out: str | None,
    fields: tuple[str, ...],
    force: bool,
    ray: str | None,
    glossaries: tuple[str, ...],
) -> None:
    """Translate FILE (or - for standard input, or --text) into each --to language.

    Markdown, HTML, JSON/JSONL (--field) and SRT files keep their structure: only the
    text is translated, front matter, markup, URLs, other fields and timings come back
    as they were (the same output as a folder run gives for that file). --strict exits
    10 when an output has warnings (suspected dropped or runaway text). Plain text and
    standard input keep paragraphs, headings, list markers and blank lines. Several
    --to languages need --out DIR (FILE.es.md, FILE.fr.md), or --json.

    Models load from local paths or the local cache only; a missing model exits with
    code 5 and names every model the route needs. A DIR is translated file by file
    into --out, structure kept (txt, md, html, json, jsonl, srt), resumable: see
    docs/batch.md. --ray runs it on Ray Data.
    """
    config = state.config(
        **{"translate.engine": engine, "translate.cache": False if no_cache else None},
        **ray_overrides(ray),
    )
    with_glossaries(config, glossaries)
    given = None if src == "auto" else src
    if source not in (None, "-") and inline is None and Path(source).is_dir():
        from toolkit.batch.cli import translate_folder

        options = {"src": given, "model": model, "force": force}
        translate_folder(
            state, config, source, to, out, fields, as_json=as_json, strict=strict, **options
        )
        return
    if ray is not None:
        raise click.UsageError("--ray applies to a folder (DIR)")
    job = {"src": given, "model": model, "fields": fields or ("text",), "strict": strict}
    translate_one(state, config, (source, inline), to, input_format, job, as_json, out)


def translate_one(
    state, config, given: tuple[str | None, str | None], to, input_format, job, as_json, out
) -> None:
    """One input (`given`: FILE and --text) into each --to language, via `emit`."""
    from toolkit.langs import parse_targets
    from toolkit.translate import Translator

    targets = [t.code for t in parse_targets(to)]
    if len(targets) > 1 and not out and not as_json:
        raise click.UsageError(
            f"{len(targets)} target languages: give --out DIR (one file each) or --json"
        )
    translator = Translator(config)
    try:
        emit(state, translator, config, *given, targets, input_format, job, as_json, out)
    finally:
        translator.close()


def emit(state, translator, config, source, inline, targets, input_format, job, as_json, out):
    """Read one input, translate it into each target, write to `out` or stdout; with
    --strict, `FactCheckError` (exit 10) afterwards if any output has warnings."""
    from toolkit.commands.options import read_source
    from toolkit.errors import InputError
    from toolkit.files import check_output, write_atomic

    document = read_source(source, inline)
    paths = output_paths(document.name, targets, out)
    for path in paths.values():
        check_output(path, None if document.name.startswith("<") else document.name)
    for warning in document.warnings:
        state.warn(warning)
    if not document.text.strip():
        raise InputError(f"{document.name}: empty input, nothing to translate")
    results = [
        _translate_one(translator, config, document, tgt, input_format, job) for tgt in targets
    ]
    for result in results:
        for warning in result.warnings:
            state.warn(f"{result.tgt}: {warning}" if len(targets) > 1 else warning)
    if as_json:
        data = [{**result.to_dict(), "source": document.name} for result in results]
        text = json.dumps(data if len(targets) > 1 else data[0], ensure_ascii=False, indent=2)
        if out and len(targets) == 1:
            write_atomic(out, text + "\n")
        else:
            click.echo(text)
    if not as_json or (out and len(targets) > 1):
        for result in results:
            if result.tgt in paths:
                write_atomic(paths[result.tgt], result.text)
            else:
                click.echo(result.text, nl=False)
    flagged = [result for result in results if result.warnings]
    if job["strict"] and flagged:
        from toolkit.errors import FactCheckError

        counts = ", ".join(f"{r.tgt}: {len(r.warnings)}" for r in flagged)
        raise FactCheckError(f"the output has warnings ({counts}); see above")


def output_paths(name: str, targets: list[str], out: str | None) -> dict[str, str]:
    """Where each language goes: `out` itself for one target, `out/NAME.LANG.SUFFIX`
    for several (the names a folder run gives); {} for standard output."""
    from toolkit.batch.tree import output_name
    from toolkit.errors import OutputError

    if not out:
        return {}
    if len(targets) == 1:
        return {targets[0]: out}
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"--out {out}: not a directory (several --to languages need one)")
    folder.mkdir(parents=True, exist_ok=True)
    base = "text.txt" if name.startswith("<") else Path(name).name
    return {lang: str(folder / output_name(base, lang)) for lang in targets}


def _translate_one(translator, config, document, tgt: str, input_format, job) -> Any:
    """One target: through the format reader for a structured file, else as text."""
    from toolkit.translate.document import structured_suffix, translate_document

    name = "" if document.name.startswith("<") else document.name
    suffix = structured_suffix(name, input_format)
    if suffix is None:
        return translator.translate(document.text, tgt, src=job["src"], model=job["model"])
    return translate_document(
        document.text,
        suffix,
        tgt,
        translator=translator,
        config=config,
        src=job["src"],
        fields=job["fields"],
        model=job["model"],
    )
