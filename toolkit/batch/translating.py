"""`translate_tree`: translate every supported file of a folder into one or more languages."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from toolkit.batch.report import BatchReport
from toolkit.batch.runner import (
    BatchRun,
    Job,
    Loaded,
    ProgressCallback,
    Request,
)
from toolkit.batch.state import OutputFolder
from toolkit.batch.tree import output_name
from toolkit.config import Config, require_config
from toolkit.formats import FormatOptions
from toolkit.langs import parse_targets, source_language
from toolkit.text import sentences


def translate_tree(
    src_dir: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    to: str | Sequence[str],
    *,
    config: Config | None = None,
    fields: Sequence[str] = ("text",),
    src: str | None = None,
    force: bool = False,
    progress: ProgressCallback | None = None,
    translator: Any = None,
    model: str | None = None,
) -> BatchReport:
    """Translate the folder `src_dir` into each language of `to`, mirrored under `out_dir`.

    ``a/story.md`` becomes ``OUT/a/story.es.md``, structure kept (see `toolkit.formats`).
    `fields` are the JSON/JSONL fields to translate (dotted paths); `src` forces the
    source language (default: detected per file, per record for JSON/JSONL). Outputs
    already current in the manifest are not redone unless `force`. `progress` gets a
    `Progress` event as work advances. `model` (hub id or local path) overrides the
    registry for every pair. `translator` replaces the engine (anything with
    ``translate(list, to=, src=) -> list`` of objects with `.text`, `.models`,
    `.warnings`); by default a `toolkit.translate.Translator(config)` is created only if
    there is something to translate, and closed at the end. With ``config.ray.enabled``
    the run goes to Ray Data (`toolkit.distributed`): the same outputs, manifest and report.

    Raises `InputError` (no such folder), `OutputError` (cannot write, or the folder is
    locked by another run: `BatchLockedError`); failures of single files are in the
    report and make `report.exit_code` 6.
    """
    targets = [target.code for target in parse_targets(to)]
    source = source_language(src or None)  # checked before any write
    config = require_config(config, "translate_tree()") or Config.load()
    options = FormatOptions.configured(fields, config)
    run_args: dict[str, Any] = {"config": config, "options": options, "settings": {}}
    run_args["src"] = source
    run_args.update(force=force, model=model)  # BatchRun's arguments, for both runners
    if config.ray.enabled:  # the same run on Ray Data (docs/batch.md, "Folder runs on Ray")
        from toolkit.distributed import run_on_ray

        return run_on_ray(
            "translate", src_dir, out_dir, targets, run_args, translate_chunk, progress, translator
        )
    with OutputFolder(src_dir, out_dir) as folder:
        run = BatchRun(
            "translate", folder, targets, progress=progress, translator=translator, **run_args
        )
        for chunk in run.chunks(run.plan()):
            translate_chunk(run, chunk)
        report = run.close()
    report.manifest_error = folder.manifest_error
    return report


def translate_chunk(run: BatchRun, chunk: list[Job]) -> None:
    """Read, translate and write one chunk of jobs into every target; finish each job.

    One chunk is the unit of work of both runners: in this process here, in a Ray actor
    with `toolkit.distributed` (same chunks, so the same model calls and outputs)."""
    items = [item for item in map(run.load, chunk) if item is not None]
    for tgt in run.targets:
        _translate_chunk(run, [item for item in items if tgt in item.job.languages], tgt)
    for item in items:
        run.finish(item.job, item.failed)


def _translate_chunk(run: BatchRun, items: list[Loaded], tgt: str) -> None:
    """Translate these files into `tgt` in as few model calls as possible; write them."""
    requests = [Request(item, item.doc.units, item.unit_langs) for item in items]
    for item, result in zip(items, run.translate(requests, tgt), strict=True):
        if result is not None:
            text = item.doc.render(result.texts, lang=tgt)
            name = output_name(item.job.source.rel, tgt)
            run.write(item, tgt, name, text, result.models, result.warnings)
    run.advance(sum(len(sentences(u)) or 1 for item in items for u in item.doc.units))
