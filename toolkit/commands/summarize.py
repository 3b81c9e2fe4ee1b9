"""`toolkit summarize`: an article in, a brief in each requested language out."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.commands.options import glossary_option, output_options, with_glossaries


@click.command()
@click.argument("source", metavar="FILE|DIR|-")
@click.option(
    "--to", "to", help="Brief languages, comma-separated (default: the source's; DIR: required)."
)
@click.option("--from", "src", default="auto", show_default=True, help="Source language, or auto.")
@click.option("--sentences", type=click.IntRange(min=1), help="Summary length in sentences.")
@click.option("--words", type=click.IntRange(min=1), help="Summary length in words (at most).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
)
@output_options("summarize", "brief")
@glossary_option
@click.pass_obj
def summarize(
    state,
    source: str,
    to: str | None,
    src: str,
    sentences: int | None,
    words: int | None,
    fmt: str,
    out: str | None,
    fields: tuple[str, ...],
    force: bool,
    glossaries: tuple[str, ...],
) -> None:
    """Summarize FILE (or - for standard input) and write a brief in each --to language.

    The summary is extractive by default (no model needed). Briefs in other languages
    are translations with local models; a language whose model is missing is reported
    with the `toolkit models pull` command that fetches it, the other briefs are still
    written, and the exit code is 6 (partial result).

    A DIR gets one plain-text brief per file and language in --out, resumable: see
    README "Batch runs".
    """
    from toolkit.pipeline import Pipeline

    if sentences is not None and words is not None:
        raise click.UsageError("give --sentences or --words, not both")
    with_glossaries(state.config(), glossaries)
    if source != "-" and Path(source).is_dir():
        from toolkit.batch.cli import summarize_folder

        if fmt != "text":
            raise click.UsageError("--format applies to a FILE; folder briefs are plain text")
        summarize_folder(
            state,
            state.config(),
            source,
            to,
            out,
            fields,
            src=None if src == "auto" else src,
            sentences=sentences,
            words=words,
            force=force,
        )
        return
    targets = parse_languages(to)
    with Pipeline(state.config()) as pipeline:
        summarize_one(state, pipeline, source, targets, src, sentences, words, fmt, out)


def parse_languages(value: str | None) -> list[str]:
    """The codes of a comma-separated --to value, validated (bad code: exit 4)."""
    from toolkit.errors import UnsupportedLanguageError
    from toolkit.translate.langs import normalize

    if value is None:
        return []
    codes = [part.strip() for part in value.split(",") if part.strip()]
    if not codes:
        raise UnsupportedLanguageError(f"--to {value!r} names no language")
    return [normalize(code) for code in codes]


def summarize_one(state, pipeline, source, targets, src, sentences, words, fmt, out) -> None:
    """Read one input, run the pipeline, write the result; exit 6 if a brief is missing."""
    import time

    from toolkit.errors import PartialResultError
    from toolkit.files import check_output, read_input, write_atomic
    from toolkit.render import render

    start = time.perf_counter()
    document = read_input(source)
    read_seconds = time.perf_counter() - start
    if out:
        check_output(out, source)
    for warning in document.warnings:
        state.warn(warning)
    result = pipeline.run(
        document.text,
        to=targets,
        sentences=sentences,
        words=words,
        lang=None if src == "auto" else src,
        name=document.name,
    )
    result.timings = {"read": read_seconds, **result.timings}
    text = render(result, fmt)
    if out:
        write_atomic(out, text)
    else:
        click.echo(text, nl=False)
    if result.partial:
        missing = ", ".join(b.lang for b in result.missing)
        fixes = "; ".join(dict.fromkeys(b.hint or b.error or "" for b in result.missing))
        raise PartialResultError(f"partial result: no brief for {missing}", hint=fixes)
