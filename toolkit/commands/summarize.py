"""`toolkit summarize`: an article in, a brief in each requested language out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from toolkit.commands.options import (
    glossary_option,
    output_options,
    ray_overrides,
    text_option,
    with_glossaries,
)
from toolkit.translate.document import FORMAT_SUFFIXES, structured_suffix

if TYPE_CHECKING:
    from toolkit.langs import Target


class WordBudget(click.ParamType):
    """`--words`: a number of words (60) or a proportion of the article's words (20%)."""

    name = "N|P%"

    def convert(self, value: Any, param: Any, ctx: Any) -> int | float:
        if isinstance(value, (int, float)):
            return value
        text = str(value).strip()
        try:
            if text.endswith("%"):
                share = float(text[:-1])
                if not 0 < share <= 100:
                    raise ValueError
                return share / 100  # a float in (0, 1]: a proportion
            count = int(text)
        except ValueError:
            self.fail(f"{value!r} is not a word count (60) or a percentage (20%)", param, ctx)
        if count < 1:
            self.fail(f"{value!r} is not at least 1", param, ctx)
        return count


@click.command()
@click.argument("source", required=False, metavar="FILE|DIR|-")
@text_option
@click.option(
    "--to", "to", help="Brief languages, comma-separated (default: the source's; DIR: required)."
)
@click.option("--from", "src", default="auto", show_default=True, help="Source language, or auto.")
@click.option(
    "--input-format",
    type=click.Choice(sorted(FORMAT_SUFFIXES)),
    help="Read FILE (or standard input) as this format instead of by its suffix.",
)
@click.option("--sentences", type=click.IntRange(min=1), help="Summary length in sentences.")
@click.option(
    "--words", type=WordBudget(), help="Summary length in words (at most): 60, or 20% of the text."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default=None,
    help="Output format: text (default), markdown or json.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the same as --format json).")
@click.option("--model", help="Translation model for the briefs (hub id or local directory).")
@click.option(
    "--engine",
    help="Engine for the briefs' opus-mt/M2M100 models: torch (default) or ct2; "
    "Firefox Translations models always run on bergamot.",
)
@click.option("--no-cache", is_flag=True, help="Do not use the translation memory.")
@click.option("--strict", is_flag=True, help="Exit 10 when a brief fails its fact checks.")
@output_options("summarize", "brief")
@glossary_option
@click.pass_obj
def summarize(
    state,
    source: str | None,
    inline: str | None,
    to: str | None,
    src: str,
    input_format: str | None,
    sentences: int | None,
    words: int | float | None,
    fmt: str | None,
    as_json: bool,
    model: str | None,
    engine: str | None,
    no_cache: bool,
    strict: bool,
    out: str | None,
    fields: tuple[str, ...],
    force: bool,
    ray: str | None,
    glossaries: tuple[str, ...],
) -> None:
    """Summarize FILE (or - for standard input, or --text) with a brief per --to language.

    The summary is extractive by default (no model needed) and is always shown, in the
    source language, even when no brief in that language was asked for. Briefs in other
    languages are translations with local models; a language whose model is missing is
    reported once with every model it needs, the other briefs are still written, and
    the exit code is 6 (partial result), or 9 when no brief at all could be made.
    Every brief is fact-checked; with --strict a brief with warnings exits 10.

    A DIR gets one plain-text brief per file and language in --out, resumable: see
    docs/batch.md. --ray runs it on Ray Data.
    """
    if sentences is not None and words is not None:
        raise click.UsageError("give --sentences or --words, not both")
    if as_json and fmt not in (None, "json"):
        raise click.UsageError(f"--json and --format {fmt} exclude each other")
    fmt = "json" if as_json else fmt or "text"
    config = state.config(
        **{"translate.engine": engine, "translate.cache": False if no_cache else None},
        **ray_overrides(ray),
    )
    config = with_glossaries(config, glossaries)
    given = None if src == "auto" else src
    if source not in (None, "-") and inline is None and Path(source).is_dir():
        from toolkit.batch.cli import summarize_folder

        if fmt != "text":
            raise click.UsageError("--format applies to a FILE; folder briefs are plain text")
        if isinstance(words, float):
            raise click.UsageError("--words P% applies to a FILE; give a word count for a DIR")
        options = {"src": given, "sentences": sentences, "words": words, "force": force}
        summarize_folder(state, config, source, to, out, fields, strict=strict, **options)
        return
    if ray is not None:
        raise click.UsageError("--ray applies to a folder (DIR)")
    job = {"sentences": sentences, "words": words, "src": given, "strict": strict}
    job.update(input_format=input_format, model=model)
    summarize_file(state, config, (source, inline), parse_languages(to), job, fmt, out)


def summarize_file(
    state, config, given: tuple[str | None, str | None], targets, job, fmt, out
) -> None:
    """One input (`given`: FILE and --text) through the pipeline, via `summarize_one`."""
    from toolkit.pipeline import Pipeline

    translator = _translator(config, job["model"])  # the pipeline closes only its own
    try:
        with Pipeline(config, translator=translator) as pipeline:
            summarize_one(state, pipeline, *given, targets, job, fmt, out)
    finally:
        if translator is not None:
            translator.close()


def parse_languages(value: str | None) -> list[Target]:
    """The languages of a comma-separated --to value, parsed once (bad code: exit 4);
    each keeps what was asked (es-MX) for the brief's variant warning."""
    from toolkit.errors import UnsupportedLanguageError
    from toolkit.langs import parse_targets

    if value is None:
        return []
    if not value.replace(",", "").strip():
        raise UnsupportedLanguageError(f"--to {value!r} names no target language")
    return parse_targets(value)


def _translator(config: Any, model: str | None) -> Any:
    """The translator for the briefs: the pipeline's own (None) unless --model pins one."""
    if model is None:
        return None
    from toolkit.translate import Translator

    return PinnedModel(Translator(config), model)


class PinnedModel:
    """A `Translator` whose every call uses one model (`summarize --model`)."""

    def __init__(self, translator: Any, model: str) -> None:
        self._translator = translator
        self._model = model

    def translate(self, texts: Any, to: str, src: str | None = None, model: Any = None) -> Any:
        return self._translator.translate(texts, to, src=src, model=self._model)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._translator, name)


def summarize_one(state, pipeline, source, inline, targets, job, fmt, out) -> None:
    """Read one input, run the pipeline, write the result; then the exit code: 9 when
    no brief was made, 6 when some are missing, 10 with --strict when one fails its
    fact checks."""
    import time

    from toolkit.commands.options import read_source
    from toolkit.files import check_output, write_atomic
    from toolkit.pipeline.render import render_result
    from toolkit.summarize.tokenize import word_count

    start = time.perf_counter()
    document = read_source(source, inline)
    read_seconds = time.perf_counter() - start
    if out:
        check_output(out, None if document.name.startswith("<") else document.name)
    for warning in document.warnings:
        state.warn(warning)
    text = readable_text(document, job["input_format"])
    words = job["words"]
    if isinstance(words, float):  # a proportion of the article
        words = max(1, round(words * word_count(text)))
    result = pipeline.run(
        text,
        to=targets,
        sentences=job["sentences"],
        words=words,
        lang=job["src"],
        name=document.name,
    )
    result.timings = {"read": read_seconds, **result.timings}
    shown = render_result(result, fmt)
    if out:
        write_atomic(out, shown)
    else:
        click.echo(shown, nl=False)
    raise_for_outcome(result.briefs, strict=job["strict"])


def readable_text(document: Any, input_format: str | None) -> str:
    """The prose of a Markdown, HTML or SRT file (its paragraphs, as a folder run reads
    them: no front matter, markup or timings); any other input as it is."""
    from toolkit.formats import parse

    name = "" if document.name.startswith("<") else document.name
    suffix = structured_suffix(name, input_format)
    if suffix is None or suffix in (".json", ".jsonl"):
        return document.text
    return "\n\n".join(parse(f"input{suffix}", document.text).paragraphs)


def raise_for_outcome(briefs: list[Any], *, strict: bool) -> None:
    """The exit code of a set of briefs: `NoResultError` (9) when none was produced,
    `PartialResultError` (6) when some are missing, `FactCheckError` (10) with `strict`
    when a produced one has fact-check warnings; nothing when all are fine."""
    from toolkit.errors import OFFLINE_ROUTE, FactCheckError, NoResultError, PartialResultError
    from toolkit.pipeline.render import without_offline

    missing = [b for b in briefs if not b.ok]
    if missing:
        langs = ", ".join(b.lang for b in missing)
        hints = [b.hint or b.error or "" for b in missing]
        fixes = "; ".join(dict.fromkeys(without_offline(hint) for hint in hints))
        if any(OFFLINE_ROUTE in hint for hint in hints):
            fixes += f"; {OFFLINE_ROUTE}"
        if len(missing) == len(briefs):
            raise NoResultError(f"no brief could be made ({langs})", hint=fixes)
        raise PartialResultError(f"partial result: no brief for {langs}", hint=fixes)
    failing = [b for b in briefs if b.warnings]
    if strict and failing:
        counts = ", ".join(f"{b.lang}: {len(b.warnings)}" for b in failing)
        raise FactCheckError(f"fact checks failed ({counts} warnings)")
