"""`summarize_tree`: a brief of every supported file of a folder, in one or more languages.

Each document (txt, md, html, srt) gets one brief per language, written as plain text:
``a/story.md`` -> ``OUT/a/story.summary.es.txt``. Record files (JSON, JSONL) hold one
article per record: every chosen field is summarized on its own and the file is
written back with the briefs in place of the texts, every other field kept:
``data.jsonl`` -> ``OUT/data.summary.es.jsonl``.

Each text goes through the same `toolkit.pipeline.Pipeline` as ``toolkit summarize
FILE`` (detect, repair, summarize, fact checks) for its source-language brief. Briefs
in other languages are written by the pipeline's `BriefWriter`, given the summaries of
all files of a chunk at once: those that share a language pair go to the translator in
ONE call (cross-file batching), through the folder run's model work (a missing model
fails that pair once; another failure is retried text by text). With
``summarize.brief_engine = "llm"`` the LLM writes each brief.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from typing import Any

from toolkit.batch.report import BatchReport
from toolkit.batch.runner import BatchRun, Job, Loaded, ProgressCallback
from toolkit.batch.state import OutputFolder
from toolkit.batch.tree import output_name
from toolkit.config import Config, require_config
from toolkit.errors import ToolkitError
from toolkit.formats import FormatOptions
from toolkit.langs import Target, parse_targets, source_language
from toolkit.pipeline.briefs import BriefWriter, Summarized
from toolkit.text import require_count


def summarize_tree(
    src_dir: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    to: str | Sequence[str],
    *,
    config: Config | None = None,
    sentences: int | None = None,
    words: int | None = None,
    fields: Sequence[str] = ("text",),
    src: str | None = None,
    force: bool = False,
    progress: ProgressCallback | None = None,
    translator: Any = None,
) -> BatchReport:
    """Write a brief of every file under `src_dir` in each language of `to`.

    Length: `sentences` (default `summarize.sentences` from the config) or `words`.
    `translator` replaces the translation engine for the briefs in other languages; the
    other arguments, the manifest, the lock and the report work as in `translate_tree`.
    Each brief's fact-check warnings are in its file's report. With ``config.ray.enabled``
    the run goes to Ray Data (`toolkit.distributed`), with the same results.
    """
    from toolkit.pipeline import Pipeline

    goals = parse_targets(to)
    targets = [goal.code for goal in goals]
    source = source_language(src or None)  # checked before any write
    for name, value in (("sentences", sentences), ("words", words)):
        if value is not None:
            require_count(value, "summarize_tree()", name)
    config = require_config(config, "summarize_tree()") or Config.load()
    options = FormatOptions.configured(fields, config)
    length = {"sentences": sentences, "words": words}
    settings = {**length, "summarize": config.as_dict()["summarize"]}
    run_args: dict[str, Any] = {"config": config, "options": options, "settings": settings}
    run_args["src"] = source
    run_args.update(force=force, work_per_language=False)  # BatchRun's, for both runners
    if config.ray.enabled:  # the same run on Ray Data (docs/batch.md, "Folder runs on Ray")
        from toolkit.distributed import run_on_ray

        chunk_work = functools.partial(summarize_chunk, length=length, goals=goals)
        return run_on_ray(
            "summarize", src_dir, out_dir, targets, run_args, chunk_work, progress, translator
        )
    with OutputFolder(src_dir, out_dir) as folder, Pipeline(config) as pipeline:
        run = BatchRun(
            "summarize", folder, targets, progress=progress, translator=translator, **run_args
        )
        for chunk in run.chunks(run.plan()):
            summarize_chunk(run, pipeline, chunk, length=length, goals=goals)
        report = run.close()
    report.manifest_error = folder.manifest_error
    return report


def summarize_chunk(
    run: BatchRun,
    pipeline: Any,
    chunk: list[Job],
    *,
    length: dict[str, int | None],
    goals: list[Target],
) -> None:
    """Summarize one chunk of jobs and write its briefs in every target; finish each job.

    The unit of work of both runners (this process, or a Ray actor: `toolkit.distributed`):
    the briefs of all files of the chunk go to the `BriefWriter` at once."""
    writer = BriefWriter(run.config, run.translate_texts)
    items = [item for item in map(run.load, chunk) if item is not None]
    pieces = {id(item): _summarize(run, pipeline, item, length) for item in items}
    items = [item for item in items if pieces[id(item)] is not None]
    for goal in goals:
        pending = [item for item in items if goal.code in item.job.languages]
        own = [pieces[id(item)] or [] for item in pending]
        _write_briefs(run, writer, pending, own, goal)
    for item in items:
        run.finish(item.job, item.failed)


def _summarize(
    run: BatchRun, pipeline: Any, item: Loaded, length: dict[str, int | None]
) -> list[Summarized] | None:
    """Run the pipeline on each text of an item; None (item failed) if one cannot be."""
    doc = item.doc
    if doc.records:
        texts, langs = doc.units, item.unit_langs
    else:
        texts = ["\n\n".join(doc.paragraphs)] if doc.paragraphs else [""]
        langs = item.unit_langs[:1] or [run.src]
    pieces = []
    try:
        for text, lang in zip(texts, langs, strict=True):
            run.report.model_calls += 1
            result = pipeline.run(text, to=[], lang=lang, name=item.job.source.rel, **length)
            written = {brief.lang: brief for brief in result.briefs if brief.ok}
            pieces.append(Summarized(result.repair.text, result.lang, result.summary, written))
    except Exception as exc:  # noqa: BLE001 - one file's failure is reported, not fatal
        reason = exc.one_line() if isinstance(exc, ToolkitError) else repr(exc)
        run.finish(item.job, {"*": f"cannot summarize: {reason}"})
        return None
    run.advance(item.job.sentences)
    return pieces


def _write_briefs(
    run: BatchRun,
    writer: BriefWriter,
    items: list[Loaded],
    pieces: list[list[Summarized]],
    goal: Target,
) -> None:
    """Write every item's briefs in `goal` (all items' briefs are made in one go)."""
    tgt = goal.code
    briefs = iter(writer.write_checked([p for own in pieces for p in own], goal))
    for item, own in zip(items, pieces, strict=True):
        mine = [next(briefs) for _ in own]
        failed = next((brief for brief in mine if not brief.ok), None)
        if failed is not None:
            hint = f" ({failed.hint})" if failed.hint else ""
            item.failed[tgt] = f"{failed.error}{hint}"
            continue
        rel = item.job.source.rel
        if item.doc.records:
            text = item.doc.render([brief.text for brief in mine])
            name = output_name(rel, tgt, summary=True, records=True)
        else:
            text = "".join(f"{brief.text.strip()}\n" for brief in mine)
            name = output_name(rel, tgt, summary=True)
        models = list(dict.fromkeys(m for brief in mine for m in brief.models))
        warnings = list(dict.fromkeys(w.message for brief in mine for w in brief.warnings))
        run.write(item, tgt, name, text, models, warnings)
