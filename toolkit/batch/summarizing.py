"""`summarize_tree`: a brief of every supported file of a folder, in one or more languages.

Each document (txt, md, html, srt) gets one brief per language, written as plain text:
``a/story.md`` -> ``OUT/a/story.summary.es.txt``. Record files (JSON, JSONL) hold one
article per record: every chosen field is summarized on its own and the file is
written back with the briefs in place of the texts, every other field kept:
``data.jsonl`` -> ``OUT/data.summary.es.jsonl``.

Each text goes through the same `toolkit.pipeline.Pipeline` as ``toolkit summarize
FILE`` (detect, repair, summarize, fact checks) for its source-language brief. Briefs
in other languages are that summary translated, and the summaries of all files in a
chunk that share a language pair go to the translator in ONE call (cross-file
batching); the fact checks of the pipeline are then run on each translated brief. With
``summarize.brief_engine = "llm"`` the pipeline writes every brief itself, file by file.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from toolkit.batch.report import BatchReport
from toolkit.batch.runner import (
    BatchRun,
    Job,
    Loaded,
    ProgressCallback,
    Request,
    Translated,
    front_matter_keys,
)
from toolkit.batch.state import OutputFolder
from toolkit.batch.tree import output_name
from toolkit.config import Config, require_config
from toolkit.errors import ToolkitError
from toolkit.formats import FormatOptions
from toolkit.langs import targets as target_languages
from toolkit.text import require_count


@dataclass
class _Piece:
    """The pipeline's result for one text of a file (the document, or one record)."""

    source: str  # the repaired text the summary was made from
    lang: str
    summary: str
    briefs: dict[str, tuple[str, list[str], list[str]]] = field(default_factory=dict)
    # language -> (brief text, models, warnings), for briefs the pipeline wrote itself


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

    targets = target_languages(to)
    source = (
        None if src is None or src == "" else target_languages(src)[0]
    )  # checked before any write
    for name, value in (("sentences", sentences), ("words", words)):
        if value is not None:
            require_count(value, "summarize_tree()", name)
    config = require_config(config, "summarize_tree()") or Config.load()
    options = FormatOptions(tuple(fields), front_matter_keys(config))
    length = {"sentences": sentences, "words": words}
    settings = {**length, "summarize": config.as_dict()["summarize"]}
    run_args = {"config": config, "options": options, "settings": settings, "src": source}
    run_args.update(force=force)  # BatchRun's arguments, for both runners
    if config.ray.enabled:  # the same run on Ray Data (README "Folder runs on Ray")
        from toolkit.distributed import run_on_ray

        chunk_work = functools.partial(summarize_chunk, length=length)
        return run_on_ray(
            "summarize", src_dir, out_dir, targets, run_args, chunk_work, progress, translator
        )
    with OutputFolder(src_dir, out_dir) as folder, Pipeline(config) as pipeline:
        run = BatchRun(
            "summarize", folder, targets, progress=progress, translator=translator, **run_args
        )
        for chunk in run.chunks(run.plan()):
            summarize_chunk(run, pipeline, chunk, length=length)
        report = run.close()
    report.manifest_error = folder.manifest_error
    return report


def summarize_chunk(
    run: BatchRun, pipeline: Any, chunk: list[Job], *, length: dict[str, int | None]
) -> None:
    """Summarize one chunk of jobs and write its briefs in every target; finish each job.

    The unit of work of both runners (this process, or a Ray actor: `toolkit.distributed`)."""
    direct = run.config.summarize.brief_engine == "llm"
    items = [item for item in map(run.load, chunk) if item is not None]
    pieces = {id(item): _summarize(run, pipeline, item, length, direct) for item in items}
    items = [item for item in items if pieces[id(item)] is not None]
    for tgt in run.targets:
        pending = [item for item in items if tgt in item.job.languages]
        _brief(run, pending, [pieces[id(item)] for item in pending], tgt, direct)
    for item in items:
        run.finish(item.job, item.failed)


def _summarize(
    run: BatchRun, pipeline: Any, item: Loaded, length: dict[str, int | None], direct: bool
) -> list[_Piece] | None:
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
            result = pipeline.run(
                text,
                to=item.job.languages if direct else [],
                lang=lang,
                name=item.job.source.rel,
                **length,
            )
            piece = _Piece(result.repair.text, result.lang, result.summary.text)
            for brief in result.briefs:
                if brief.ok:
                    warnings = [w.message for w in brief.warnings]
                    piece.briefs[brief.lang] = (brief.text, brief.models, warnings)
                elif direct:
                    item.failed[brief.lang] = brief.error + (
                        f" ({brief.hint})" if brief.hint else ""
                    )
            pieces.append(piece)
    except Exception as exc:  # noqa: BLE001 - one file's failure is reported, not fatal
        reason = exc.one_line() if isinstance(exc, ToolkitError) else repr(exc)
        run.finish(item.job, {"*": f"cannot summarize: {reason}"})
        return None
    run.advance(item.job.sentences)
    return pieces


def _brief(
    run: BatchRun, items: list[Loaded], pieces: list[list[_Piece]], tgt: str, direct: bool
) -> None:
    """Produce and write every item's brief in `tgt`."""
    results: list[Translated | None]
    if direct:
        results = [_written(item, own, tgt) for item, own in zip(items, pieces, strict=True)]
    else:
        requests = [
            Request(item, [p.summary for p in own], [p.lang for p in own])
            for item, own in zip(items, pieces, strict=True)
        ]
        results = run.translate(requests, tgt)
    for item, own, result in zip(items, pieces, results, strict=True):
        if result is None:
            continue
        warnings = result.warnings + _fact_checks(own, result, tgt)
        rel = item.job.source.rel
        if item.doc.records:
            text = item.doc.render(result.texts)
            name = output_name(rel, tgt, summary=True, records=True)
        else:
            text = "".join(f"{brief.strip()}\n" for brief in result.texts)
            name = output_name(rel, tgt, summary=True)
        run.write(item, tgt, name, text, result.models, list(dict.fromkeys(warnings)))


def _written(item: Loaded, pieces: list[_Piece], tgt: str) -> Translated | None:
    """The briefs the pipeline wrote itself in `tgt` (LLM brief engine)."""
    if item.failed.get(tgt):
        return None
    briefs = [p.briefs[tgt] for p in pieces]
    models = list(dict.fromkeys(m for _t, ms, _w in briefs for m in ms))
    warnings = [w for _t, _m, ws in briefs for w in ws]
    return Translated([t for t, _m, _w in briefs], models, warnings, [[] for _ in briefs])


def _fact_checks(pieces: list[_Piece], result: Translated, tgt: str) -> list[str]:
    """The pipeline's fact checks for each brief: numbers, names and quotes kept."""
    from toolkit.qa import check_brief, check_translation

    warnings: list[str] = []
    for piece, brief, pairs in zip(pieces, result.texts, result.pairs, strict=True):
        if tgt in piece.briefs:  # written and checked by the pipeline itself
            warnings += piece.briefs[tgt][2]
            continue
        for source, target in pairs:
            checks = check_translation(source, target, src_lang=piece.lang, tgt_lang=tgt)
            warnings += [w.message for w in checks]
        checks = check_brief(piece.source, brief, src_lang=piece.lang, brief_lang=tgt)
        warnings += [w.message for w in checks]
    return warnings
