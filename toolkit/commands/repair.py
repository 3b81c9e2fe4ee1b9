"""`toolkit repair`: fix machine-translation artifacts, and show or explain every change."""

from __future__ import annotations

import json
from pathlib import Path

import click

from toolkit.commands.options import glossary_option, text_option, with_glossaries


@click.command()
@click.argument("source", required=False, metavar="FILE|-|TEXT")
@text_option
@click.option(
    "--out",
    "-o",
    "out_path",
    type=click.Path(),
    help="Write the repaired text to FILE (atomically) instead of standard output.",
)
@click.option(
    "--from",
    "--lang",
    "-l",
    "lang",
    help="Language of the text (ISO code); detected if left out or auto. --lang: the same.",
)
@click.option(
    "--engine",
    type=click.Choice(["rules", "model"]),
    help="rules (default), or model: also let an LLM post-edit flagged sentences (guarded).",
)
@click.option("--diff", "mode", flag_value="diff", help="Show the changes as a unified diff.")
@click.option("--json", "mode", flag_value="json", help="Print text, edits and flags as JSON.")
@click.option(
    "--explain", "mode", flag_value="explain", help="List each edit with its rule, and each flag."
)
@glossary_option
@click.pass_obj
def repair(
    state,
    source: str | None,
    inline: str | None,
    out_path: str | None,
    lang: str | None,
    engine: str | None,
    mode: str | None,
    glossaries: tuple[str, ...],
) -> None:
    """Repair machine-translation artifacts in FILE (or - / piped standard input, --text).

    Prints the repaired text, or with --out writes it to a file; --diff, --json and
    --explain print what changed instead. Every edit names the rule that made it;
    suspect spans no rule may change by itself are reported as flags. Glossary terms
    (--glossary, [glossary] files) are never edited.
    """
    from toolkit.commands.options import read_source
    from toolkit.errors import OutputError
    from toolkit.files import check_output, write_atomic
    from toolkit.repair import repair as run_repair
    from toolkit.repair.report import as_json, explain, flag_summary, unified_diff

    if out_path and Path(out_path).is_dir():
        raise OutputError(f"--out {out_path}: is a directory; repair writes one file")
    data = read_source(source, inline)
    if out_path:
        check_output(out_path, None if data.name.startswith("<") else data.name)
    for warning in data.warnings:
        state.warn(warning)
    config = with_glossaries(state.config(**{"repair.engine": engine}), glossaries)
    result = run_repair(data.text, lang, config=config)
    if out_path:
        write_atomic(out_path, result.text)
    if mode == "json":
        click.echo(json.dumps(as_json(result), ensure_ascii=False, indent=2))
    elif mode == "diff":
        for line in unified_diff(result, data.name):
            click.echo(_colour(line))
    elif mode == "explain":
        for line in explain(result):
            click.echo(line)
    elif not out_path:
        click.echo(result.text, nl=False)
    if result.flags and mode is None:
        state.warn(f"{len(result.flags)} flags ({flag_summary(result.flags)}); see --explain")


def _colour(line: str) -> str:
    """Diff colours; click drops them when standard output is not a terminal."""
    if line.startswith(("+++", "---")):
        return click.style(line, bold=True)
    if line.startswith("+"):
        return click.style(line, fg="green")
    if line.startswith("-"):
        return click.style(line, fg="red")
    if line.startswith("@@"):
        return click.style(line, fg="cyan")
    return line
