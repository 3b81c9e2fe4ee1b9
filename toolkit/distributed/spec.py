"""What every process of a Ray run builds its `BatchRun` from, and how jobs travel.

The driver and every Ray worker build the same `toolkit.batch.runner.BatchRun` from one
picklable `RunSpec`, so a worker plans, reads, translates and writes a file exactly as
the local run does. Jobs and per-file results cross process boundaries as JSON strings
(Ray Data rows hold them as plain Arrow strings: no schema to infer from nested data).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.batch.report import FileReport
from toolkit.batch.runner import BatchRun, Job, ProgressCallback
from toolkit.batch.state import OutputFolder
from toolkit.batch.tree import Source
from toolkit.config import Config


@dataclass
class RunSpec:
    """One folder run (`translate_tree` / `summarize_tree`) as picklable data.

    `run_args` are the keyword arguments the local run passes to `BatchRun` (config,
    options, settings, src, force...), so both runners build the same run. `chunk_work`
    processes one chunk as the local run does: ``chunk_work(run, jobs)`` for translations,
    ``chunk_work(run, pipeline, jobs)`` for briefs (a module-level function, pickled by
    name). `src_dir` and `out_dir` are absolute: a Ray worker's working directory is not
    the driver's. `translator` (a replacement engine, as in `translate_tree`) is pickled
    to every actor; None means each actor builds its own `toolkit.translate.Translator`.
    """

    kind: str  # "translate" or "summarize"
    src_dir: str
    out_dir: str
    targets: list[str]
    run_args: dict[str, Any]
    chunk_work: Callable[..., None]
    translator: Any = None

    @property
    def config(self) -> Config:
        """The run's configuration (the driver's: it travels with the spec)."""
        return self.run_args["config"]

    def batch_run(
        self,
        folder: OutputFolder,
        *,
        progress: ProgressCallback | None = None,
        translator: Any = None,
    ) -> BatchRun:
        """The `BatchRun` of this spec over `folder` (the local run builds the same)."""
        return BatchRun(
            self.kind,
            folder,
            list(self.targets),
            progress=progress,
            translator=translator,
            **self.run_args,
        )


class WorkerFolder(OutputFolder):
    """The output folder as a Ray worker sees it: never locked or loaded here (the driver
    holds the lock and the manifest). `manifest` holds the records of the files this
    worker was handed; finished outputs are collected in `records` for the driver, the
    one writer of the journal."""

    def __init__(self, src_dir: str, out_dir: str, manifest: dict[str, Any]) -> None:
        super().__init__(src_dir, out_dir)
        self.manifest = manifest
        self.records: list[tuple[str, str, dict[str, Any]]] = []

    def record(self, kind: str, rel: str, lang: str, entry: dict[str, Any]) -> None:
        """Keep a finished output's manifest entry for the driver to journal."""
        self.records.append((rel, lang, entry))


def encode_job(job: Job) -> dict[str, Any]:
    """A job as plain data (its report stays with the driver)."""
    return {
        "rel": job.source.rel,
        "path": str(job.source.path),
        "sha256": job.sha256,
        "languages": job.languages,
        "fingerprints": job.fingerprints,
        "sentences": job.sentences,
        "chars": job.chars,
    }


def decode_job(data: dict[str, Any], report: FileReport) -> Job:
    """The job `encode_job` made `data` from, reporting into `report`."""
    return Job(
        Source(data["rel"], Path(data["path"])),
        report,
        data["sha256"],
        list(data["languages"]),
        dict(data["fingerprints"]),
        sentences=int(data["sentences"]),
        chars=int(data["chars"]),
    )
