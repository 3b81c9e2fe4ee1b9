"""`BatchRun`: one run over a folder, shared by folder translation and folder summaries.

A run walks the input folder and decides per file and language what is left to do
(`plan.Planner`: the manifest says what is current), then processes the pending files
in chunks of whole files: reading and writing (`documents.Documents`: each output
atomically as soon as it is complete, and the manifest after it) and the model work
(`model_work.ModelWork`: strings of all files of a chunk that share a language pair go
to the model in ONE call). `BatchRun` ties the three together, keeps the report and
reports progress.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

from toolkit.batch.documents import Documents, fail_file
from toolkit.batch.jobs import Job, Loaded
from toolkit.batch.model_work import ModelWork, Request, Translated
from toolkit.batch.plan import Planner
from toolkit.batch.report import DONE, FAILED, UP_TO_DATE, BatchReport, FileReport
from toolkit.batch.report import Progress as ProgressEvent
from toolkit.batch.state import OutputFolder
from toolkit.batch.tree import Source
from toolkit.config import Config
from toolkit.errors import InputError
from toolkit.formats import FormatOptions

ProgressCallback = Callable[[ProgressEvent], None]

__all__ = [
    "BatchRun",
    "Job",
    "Loaded",
    "ProgressCallback",
    "Request",
    "Translated",
]


class BatchRun:
    """One run over a folder; `translate_tree` and `summarize_tree` drive it.

    `kind` ("translate", "summarize") names the run's outputs in the manifest and the
    report; `work_per_language` says whether each language costs model work on every
    sentence (a translation) or not (briefs), for progress.
    """

    def __init__(
        self,
        kind: str,
        folder: OutputFolder,
        targets: list[str],
        *,
        config: Config,
        options: FormatOptions,
        settings: dict[str, Any],
        src: str | None,
        force: bool,
        progress: ProgressCallback | None,
        translator: Any = None,
        model: str | None = None,
        work_per_language: bool = True,
    ) -> None:
        self.config = config
        self.targets = list(targets)
        self.src = src
        self.progress = progress
        self.report = BatchReport(kind, str(folder.src), str(folder.out), list(targets))
        self.report.warnings.extend(folder.warnings)
        self.documents = Documents(kind, folder, config, options, src)
        self.planner = Planner(
            kind,
            folder,
            targets,
            self.documents,
            settings={**settings, "model": model} if model else settings,
            force=force,
            work_per_language=work_per_language,
        )
        self.models = ModelWork(config, self.report, translator, model)
        self._files_done = 0
        self._files_total = 0
        self._sentences_done = 0
        self._sentences_total = 0
        self._started = time.perf_counter()

    def plan(self) -> list[Job]:
        """The jobs left to do (skips, failures and current files go to the report)."""
        return self.planned(self.planner.plan(self.report))

    def planned(self, jobs: list[Job]) -> list[Job]:
        """Take `jobs` as the work of this run (progress totals); return them."""
        self._files_total = len(jobs)
        self._sentences_total = sum(job.sentences for job in jobs)
        self._notify(None)
        return jobs

    def plan_file(self, source: Source) -> Job | None:
        """Report one file (appended to the report) and return its job, or None when it is
        current or failed. The Ray runner calls this in its planning tasks."""
        report = FileReport(source.rel, UP_TO_DATE)
        self.report.files.append(report)
        return self.planner.plan_file(source, report)

    def chunks(self, jobs: list[Job]) -> Iterator[list[Job]]:
        """Consecutive jobs grouped until their text reaches `batch.chunk_chars`."""
        return self.planner.chunks(jobs)

    def fingerprint(self, lang: str, suffix: str) -> str:
        """A hash of everything that shapes the output for `lang` (see the manifest)."""
        return self.planner.fingerprint(lang, suffix)

    def load(self, job: Job) -> Loaded | None:
        """Read and parse a job's file again; None (the job failed and is closed) if it
        cannot be."""
        try:
            return self.documents.load(job)
        except InputError as exc:
            fail_file(job.report, exc.message)
            self.finish(job)
            return None

    def write(
        self,
        item: Loaded,
        lang: str,
        rel_out: str,
        text: str,
        models: list[str],
        warnings: list[str],
    ) -> None:
        """Write one output atomically and record it in the manifest."""
        self.documents.write(item, lang, rel_out, text, models, warnings)

    def translate(self, requests: list[Request], tgt: str) -> list[Translated | None]:
        """`ModelWork.translate`: each request's strings into `tgt`, None where it failed."""
        return self.models.translate(requests, tgt)

    def translate_texts(
        self, texts: list[str], tgt: str, src: str | None, owners: list[int] | None = None
    ) -> list[Any]:
        """`ModelWork.translate_texts`: per text, its translation or its `ToolkitError`."""
        return self.models.translate_texts(texts, tgt, src, owners)

    def finish(self, job: Job, failed: dict[str, str] | None = None) -> None:
        """Close a job's report once all its languages are handled."""
        report = job.report
        if failed:
            report.errors.update(failed)
        if report.errors:
            report.status = FAILED
            report.reason = "; ".join(
                why if lang == "*" else f"{lang}: {why}" for lang, why in report.errors.items()
            )
        else:
            report.status = DONE
        self._files_done += 1
        self._notify(job.source.rel)

    def advance(self, sentences_done: int) -> None:
        """Count `sentences_done` more sentences of model work."""
        self._sentences_done = min(self._sentences_total, self._sentences_done + sentences_done)
        self._notify(None)

    def _notify(self, path: str | None) -> None:
        if self.progress is not None:
            self.progress(
                ProgressEvent(
                    self._files_done,
                    self._files_total,
                    self._sentences_done,
                    self._sentences_total,
                    path,
                )
            )

    def close(self) -> BatchReport:
        """Release the translator this run created; the report, with the elapsed time."""
        self.models.close()
        self.report.seconds = time.perf_counter() - self._started
        return self.report
