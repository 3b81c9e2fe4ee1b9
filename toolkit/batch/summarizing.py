"""`summarize_tree`: a brief of every supported file of a folder, in one or more languages.

Each document (txt, md, html, srt) gets one brief per language, written as plain text:
``a/story.md`` -> ``OUT/a/story.summary.es.txt``. Record files (JSON, JSONL) hold one
article per record: every chosen field is summarized on its own and the file is
written back with the briefs in place of the texts, every other field kept:
``data.jsonl`` -> ``OUT/data.summary.es.jsonl``.

The brief is written in the source language by the summarizer, then translated; the
briefs of all files in a chunk that share a language pair go to the translator in one
call.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

from toolkit.batch.report import BatchReport
from toolkit.batch.runner import (
    BatchRun,
    Loaded,
    ProgressCallback,
    Request,
    front_matter_keys,
    languages,
)
from toolkit.batch.state import OutputFolder
from toolkit.batch.tree import output_name
from toolkit.config import Config
from toolkit.errors import ToolkitError
from toolkit.formats import FormatOptions

Summarizer = Callable[..., Any]


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
    summarizer: Summarizer | None = None,
) -> BatchReport:
    """Write a brief of every file under `src_dir` in each language of `to`.

    Length: `sentences` (default `summarize.sentences` from the config) or `words`.
    `summarizer` replaces `toolkit.summarize.summarize` (same signature), `translator`
    the translation engine; the other arguments, the manifest, the lock and the report
    work as in `translate_tree`.
    """
    targets = languages(to)
    config = config if config is not None else Config.load()
    options = FormatOptions(tuple(fields), front_matter_keys(config))
    length = {"sentences": sentences or config.summarize.sentences, "words": words}
    with OutputFolder(src_dir, out_dir) as folder:
        run = BatchRun(
            "summarize",
            folder,
            targets,
            config=config,
            options=options,
            settings={**length, "summarize": config.as_dict()["summarize"]},
            src=src.lower() if src else None,
            force=force,
            progress=progress,
            translator=translator,
        )
        summarize = summarizer or _default_summarizer()
        for chunk in run.chunks(run.plan()):
            items = [item for item in map(run.load, chunk) if item is not None]
            briefs = {id(item): _briefs(run, item, summarize, length) for item in items}
            items = [item for item in items if briefs[id(item)] is not None]
            for tgt in targets:
                pending = [item for item in items if tgt in item.job.languages]
                _translate_briefs(run, pending, [briefs[id(item)] for item in pending], tgt)
            for item in items:
                run.finish(item.job, item.failed)
        return run.close()


def _briefs(
    run: BatchRun, item: Loaded, summarize: Summarizer, length: dict[str, int | None]
) -> tuple[list[str], list[str | None]] | None:
    """The source-language brief(s) of an item and their languages; None if it failed."""
    doc = item.doc
    if doc.records:
        texts, langs = doc.units, item.unit_langs
    else:
        texts = ["\n\n".join(doc.paragraphs)] if doc.paragraphs else []
        langs = item.unit_langs[:1] or [run.src]
    briefs = []
    try:
        for text, lang in zip(texts, langs, strict=True):
            briefs.append(summarize(text, lang, config=run.config, **length).text)
            run.report.model_calls += 1
    except Exception as exc:  # noqa: BLE001 - one file's failure is reported, not fatal
        reason = exc.one_line() if isinstance(exc, ToolkitError) else repr(exc)
        run.finish(item.job, {lang: f"summary failed: {reason}" for lang in item.job.languages})
        return None
    run.advance(item.job.sentences)
    return briefs, langs


def _translate_briefs(
    run: BatchRun,
    items: list[Loaded],
    briefs: list[tuple[list[str], list[str | None]]],
    tgt: str,
) -> None:
    requests = [
        Request(item, texts, langs) for item, (texts, langs) in zip(items, briefs, strict=True)
    ]
    for item, result in zip(items, run.translate(requests, tgt), strict=True):
        if result is None:
            continue
        rel = item.job.source.rel
        if item.doc.records:
            text = item.doc.render(result.texts)
            name = output_name(rel, tgt, summary=True, records=True)
        else:
            text = "".join(f"{brief.strip()}\n" for brief in result.texts)
            name = output_name(rel, tgt, summary=True)
        run.write(item, tgt, name, text, result.models, result.warnings)


def _default_summarizer() -> Summarizer:
    from toolkit.summarize import summarize

    return summarize
