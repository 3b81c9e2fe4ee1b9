"""What `toolkit translate DIR` and `toolkit summarize DIR` print, shared by both commands.

The report goes to standard output (text, or JSON with `translate --json`): a summary
line, then every failed and skipped entry with its reason (hidden entries are only
counted), and the warnings of each file; --verbose lists the finished files too. A run
with failures ends with `PartialResultError` (exit code 6) after the report is printed.
The progress bar goes to stderr, only on a terminal and without --quiet.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import click

from toolkit.batch.progress import ProgressBar
from toolkit.batch.report import BatchReport
from toolkit.errors import OutputError, PartialResultError


def translate_folder(
    state: Any,
    config: Any,
    source: str,
    to: str,
    out: str | None,
    fields: tuple[str, ...],
    *,
    as_json: bool,
    **options: Any,
) -> None:
    """`toolkit translate DIR --out OUTDIR`: run `translate_tree` and print its report."""
    from toolkit.batch.translating import translate_tree

    _run_tree(translate_tree, "translate", state, config, source, to, out, fields, as_json, options)


def summarize_folder(
    state: Any,
    config: Any,
    source: str,
    to: str | None,
    out: str | None,
    fields: tuple[str, ...],
    **options: Any,
) -> None:
    """`toolkit summarize DIR --to LANGS --out OUTDIR`: run `summarize_tree`, print."""
    from toolkit.batch.summarizing import summarize_tree

    if out and not to:
        raise click.UsageError("--to is required when the input is a folder (e.g. --to en,es)")
    _run_tree(summarize_tree, "summarize", state, config, source, to, out, fields, False, options)


def _run_tree(
    tree: Callable[..., BatchReport],
    verb: str,
    state: Any,
    config: Any,
    source: str,
    to: str | None,
    out: str | None,
    fields: tuple[str, ...],
    as_json: bool,
    options: dict[str, Any],
) -> None:
    """Run one folder job (`translate_tree` or `summarize_tree`) with a progress bar, then
    print its report."""
    if not out:
        raise click.UsageError("--out OUTDIR is required when the input is a folder")
    with ProgressBar(verb, enabled=False if state.quiet else None) as bar:
        report = tree(
            source, out, to, config=config, fields=fields or ("text",), progress=bar, **options
        )
    echo_report(report, as_json=as_json, verbose=state.verbose, warn=state.warn)


def echo_report(report: BatchReport, *, as_json: bool, verbose: bool, warn) -> None:
    """Print the report; then raise `OutputError` if the manifest could not be written
    (exit 8: the report above still says which files are written), or
    `PartialResultError` if any file failed."""
    for warning in report.warnings:
        warn(warning)
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(report_text(report, verbose=verbose))
    if report.manifest_error:
        raise OutputError(
            report.manifest_error,
            hint="free some space and rerun: the journal keeps what is done",
        )
    if report.failed:
        raise PartialResultError(
            f"{len(report.failed)} of {len(report.files) - len(report.skipped)} files failed "
            "or are incomplete"
        )


def report_text(report: BatchReport, *, verbose: bool = False) -> str:
    """The human-readable report."""
    verb = "translated" if report.kind == "translate" else "summarized"
    lines = [f"{verb} {report.src_dir} -> {report.out_dir}: {report.summary()}"]
    for entry in report.failed:
        lines.append(f"  failed   {entry.path}: {entry.reason}")
    hidden = 0
    for entry in report.skipped:
        if entry.reason == "hidden":
            hidden += 1
        else:
            lines.append(f"  skipped  {entry.path}: {entry.reason}")
    if hidden:
        lines.append(f"  skipped  {hidden} hidden entries")
    for entry in report.files:
        lines.extend(f"  warning  {entry.path}: {w}" for w in entry.warnings)
    for entry in report.done if verbose else []:
        lines.append(f"  done     {entry.path} -> {', '.join(entry.outputs.values())}")
    return "\n".join(lines)
