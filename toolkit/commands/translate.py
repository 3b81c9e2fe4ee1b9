"""`toolkit translate`: translate a text file (or standard input) with local models."""

from __future__ import annotations

import json
from pathlib import Path

import click

from toolkit.commands.options import glossary_option, output_options, with_glossaries


@click.command()
@click.argument("source", metavar="FILE|DIR|-")
@click.option(
    "--to", "to", required=True, help="Target language (ISO code, e.g. es); for a DIR: es,fr."
)
@click.option("--from", "src", default="auto", show_default=True, help="Source language, or auto.")
@click.option("--model", help="Hub id or local directory of the model to use.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON with segments and models.")
@click.option("--no-cache", is_flag=True, help="Do not use the translation memory.")
@click.option("--engine", help="Inference engine: torch (default) or ct2.")
@output_options("translate", "output")
@glossary_option
@click.pass_obj
def translate(
    state,
    source: str,
    to: str,
    src: str,
    model: str | None,
    as_json: bool,
    no_cache: bool,
    engine: str | None,
    out: str | None,
    fields: tuple[str, ...],
    force: bool,
    glossaries: tuple[str, ...],
) -> None:
    """Translate FILE (or - for standard input) into the language given by --to.

    Paragraphs, headings, list markers and blank lines come back exactly where they
    were. Models load from local paths or the local cache only; a missing model exits
    with code 5 and names the `toolkit models pull` command that fetches it.

    A DIR is translated file by file into --out, structure kept (txt, md, html, json,
    jsonl, srt), resumable: see README "Batch runs".
    """
    from toolkit.translate import Translator

    config = state.config(
        **{"translate.engine": engine, "translate.cache": False if no_cache else None}
    )
    with_glossaries(config, glossaries)
    if source != "-" and Path(source).is_dir():
        from toolkit.batch.cli import translate_folder

        options = {"src": None if src == "auto" else src, "model": model, "force": force}
        translate_folder(state, config, source, to, out, fields, as_json=as_json, **options)
        return
    translator = Translator(config)
    try:
        emit(state, translator, source, to, None if src == "auto" else src, model, as_json, out)
    finally:
        translator.close()


def emit(state, translator, source, to, src, model, as_json: bool, out: str | None) -> None:
    """Read one input, translate it, write it to `out` or stdout, warn on stderr."""
    from toolkit.errors import InputError
    from toolkit.files import check_output, read_input, write_atomic

    document = read_input(source)
    if out:
        check_output(out, source)
    for warning in document.warnings:
        state.warn(warning)
    if not document.text.strip():
        raise InputError(f"{document.name}: empty input, nothing to translate")
    result = translator.translate(document.text, to, src=src, model=model)
    for warning in result.warnings:
        state.warn(warning)
    if as_json:
        data = result.to_dict()
        data["source"] = document.name
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        text = result.text
    if out:
        write_atomic(out, text)
    else:
        click.echo(text, nl=False)
