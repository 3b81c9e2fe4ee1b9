"""What `toolkit translate DIR` and `toolkit summarize DIR` print, shared by both commands.

The report goes to standard output (text, or JSON with `translate --json`): a summary
line (a file with some languages written counts as "partial"), then each failure reason
once with the files it hit, every skipped entry with its reason (hidden entries are only
counted), and the warnings of each file, repeats counted (x24); --verbose lists the
finished files too. After the report: exit 9 when nothing was written, 6 when some
file failed, 10 with --strict when a written file has fact-check warnings.
The progress bar goes to stderr, only on a terminal and without --quiet.
"""

from __future__ import annotations

import json
from collections import Counter
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
    strict: bool = False,
    **options: Any,
) -> None:
    """`toolkit translate DIR --out OUTDIR`: run `translate_tree` and print its report."""
    from toolkit.batch.translating import translate_tree

    shown = {"as_json": as_json, "strict": strict}
    _run_tree(translate_tree, "translate", state, config, source, to, out, fields, shown, options)


def summarize_folder(
    state: Any,
    config: Any,
    source: str,
    to: str | None,
    out: str | None,
    fields: tuple[str, ...],
    *,
    strict: bool = False,
    **options: Any,
) -> None:
    """`toolkit summarize DIR --to LANGS --out OUTDIR`: run `summarize_tree`, print."""
    from toolkit.batch.summarizing import summarize_tree

    if out and not to:
        raise click.UsageError("--to is required when the input is a folder (e.g. --to en,es)")
    shown = {"as_json": False, "strict": strict}
    _run_tree(summarize_tree, "summarize", state, config, source, to, out, fields, shown, options)


def _run_tree(
    tree: Callable[..., BatchReport],
    verb: str,
    state: Any,
    config: Any,
    source: str,
    to: str | None,
    out: str | None,
    fields: tuple[str, ...],
    shown: dict[str, bool],
    options: dict[str, Any],
) -> None:
    """Run one folder job (`translate_tree` or `summarize_tree`) with a progress bar, then
    print its report."""
    if not out:
        raise click.UsageError("--out OUTDIR is required when the input is a folder")
    from toolkit.translate import Translator

    # Loads nothing until used; its stats feed the bar. A Ray run's actors build their own.
    translator = None if config.ray.enabled else Translator(config)
    live = (lambda: translator.stats.pieces_translated) if translator else None
    try:
        with ProgressBar(verb, enabled=False if state.quiet else None, live=live) as bar:
            report = tree(
                source,
                out,
                to,
                config=config,
                fields=fields or ("text",),
                progress=bar,
                translator=translator,
                **options,
            )
    finally:
        if translator is not None:
            translator.close()
    echo_report(report, verbose=state.verbose, warn=state.warn, **shown)


def echo_report(
    report: BatchReport, *, as_json: bool, verbose: bool, warn, strict: bool = False
) -> None:
    """Print the report; then raise `OutputError` if the manifest could not be written
    (exit 8: the report above still says which files are written), `NoResultError` (9)
    if no file produced anything, `PartialResultError` (6) if some file failed, or with
    `strict` `FactCheckError` (10) if a written output has fact-check warnings."""
    from toolkit.errors import FactCheckError, NoResultError

    for warning, count in Counter(report.warnings).items():
        warn(_counted(warning, count))
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(report_text(report, verbose=verbose))
    if report.manifest_error:
        raise OutputError(
            report.manifest_error,
            hint="free some space and rerun: the journal keeps what is done",
        )
    processed = len(report.files) - len(report.skipped)
    if report.nothing_produced:
        raise NoResultError(f"all {processed} files failed: nothing was written")
    if report.failed:
        partial = len(report.partial)
        raise PartialResultError(
            f"{len(report.failed)} of {processed} files incomplete "
            f"({partial} partial: some languages written; {len(report.failed) - partial} failed)"
        )
    checked = [entry for entry in report.files if entry.warnings]
    if strict and checked:
        raise FactCheckError(f"fact checks failed in {len(checked)} of {processed} files")


def report_text(report: BatchReport, *, verbose: bool = False) -> str:
    """The human-readable report: the counts, then each failure reason once (with the
    files it hit), skips, and each file's warnings with repeats counted."""
    verb = "translated" if report.kind == "translate" else "summarized"
    lines = [f"{verb} {report.src_dir} -> {report.out_dir}: {report.summary()}"]
    lines.extend(_failure_lines(report))
    hidden = 0
    for entry in report.skipped:
        if entry.reason == "hidden":
            hidden += 1
        else:
            lines.append(f"  skipped  {entry.path}: {entry.reason}")
    if hidden:
        lines.append(f"  skipped  {hidden} hidden entries")
    for entry in report.files:
        for warning, count in Counter(entry.warnings).items():
            lines.append(f"  warning  {entry.path}: {_counted(warning, count)}")
    for entry in report.done if verbose else []:
        lines.append(f"  done     {entry.path} -> {', '.join(entry.outputs.values())}")
    return "\n".join(lines)


def _failure_lines(report: BatchReport) -> list[str]:
    """One line per distinct failure reason: `failed   PATH: LANG: why` for one file,
    `failed   LANG in N files (a, b, c, ...): why` when the same reason hit several
    (a missing model is said once, not once per file)."""
    groups: dict[tuple[str, str], list[str]] = {}
    for entry in report.failed:
        for lang, why in entry.errors.items():
            groups.setdefault((lang, why), []).append(entry.path)
    lines = []
    for (lang, why), paths in groups.items():
        label = "" if lang == "*" else f"{lang}: "
        if len(paths) == 1:
            lines.append(f"  failed   {paths[0]}: {label}{why}")
            continue
        shown = ", ".join(paths[:_LISTED]) + (", ..." if len(paths) > _LISTED else "")
        where = f"{lang} in" if lang != "*" else "in"
        lines.append(f"  failed   {where} {len(paths)} files ({shown}): {why}")
    return lines


def _counted(message: str, count: int) -> str:
    return f"{message} (x{count})" if count > 1 else message


_LISTED = 5  # files named in a grouped failure line
