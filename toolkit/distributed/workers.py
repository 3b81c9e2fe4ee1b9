"""The two Ray Data stages of a folder run, as they execute on the workers.

1. `plan_files` (Ray tasks): read, hash and parse a batch of files; report each one
   (up to date, failed...) and return the jobs left to do. Only paths reach the workers;
   only small per-file results come back.
2. `ChunkWorker` (a pool of Ray actors): each actor builds its engine once (a
   `Translator`, which loads each model on first use and keeps it; a `Pipeline` for
   briefs) and processes whole chunks with the local run's own chunk functions, so the
   model calls, batches and bytes written are the local run's. Outputs are written by
   the actor, atomically, by path; their manifest entries go back to the driver.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from toolkit.batch.report import UP_TO_DATE, FileReport
from toolkit.batch.runner import Job
from toolkit.batch.tree import Source
from toolkit.distributed.spec import RunSpec, WorkerFolder, decode_job, encode_job
from toolkit.errors import ToolkitError


def plan_files(batch: dict[str, Any], spec: RunSpec) -> dict[str, list[Any]]:
    """Ray Data task over a batch of rows ``{index, rel, path, entries}``: each file's
    report and job (JSON; ``""`` when nothing is left to do), as `BatchRun.plan` makes
    them."""
    rels = [str(rel) for rel in batch["rel"]]
    records = {rel: json.loads(str(e)) for rel, e in zip(rels, batch["entries"], strict=True)}
    run = spec.batch_run(WorkerFolder(spec.src_dir, spec.out_dir, {spec.kind: records}))
    reports, jobs = [], []
    for rel, path in zip(rels, batch["path"], strict=True):
        job = run.plan_file(Source(rel, Path(str(path))))
        reports.append(json.dumps(asdict(run.report.files[-1]), ensure_ascii=False))
        jobs.append("" if job is None else json.dumps(encode_job(job), ensure_ascii=False))
    return {"index": [int(i) for i in batch["index"]], "report": reports, "job": jobs}


class ChunkWorker:
    """Ray Data actor: processes chunks of jobs with one engine loaded per actor."""

    def __init__(self, spec: RunSpec) -> None:
        self.spec = spec
        self.folder = WorkerFolder(spec.src_dir, spec.out_dir, {})
        self.own: list[Any] = []  # engines built here, closed in __del__
        translator = spec.translator
        if translator is None:
            from toolkit.translate import Translator

            translator = Translator(spec.config)  # models load on first use, then stay
            self.own.append(translator)
        self.run = spec.batch_run(self.folder, translator=translator)
        self.pipeline: Any = None
        if spec.kind == "summarize":
            from toolkit.pipeline import Pipeline

            self.pipeline = Pipeline(spec.config)
            self.own.append(self.pipeline)

    def __del__(self) -> None:
        """Close the engines (their worker processes, with translate.threads > 1): Ray Data
        deletes the actor's instance when it shuts the pool down gracefully."""
        for engine in getattr(self, "own", []):
            engine.close()

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        """One output row per chunk: its files' results and the model work done."""
        out: dict[str, list[Any]] = {"files": [], "model_calls": [], "sentences": []}
        for data in batch["chunk"]:
            files, calls, sentences = self.process(json.loads(str(data)))
            out["files"].append(json.dumps(files, ensure_ascii=False))
            out["model_calls"].append(calls)
            out["sentences"].append(sentences)
        return out

    def process(self, encoded: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int, int]:
        """Run one chunk; every job's final report with the outputs it recorded."""
        jobs = [decode_job(data, FileReport(data["rel"], UP_TO_DATE)) for data in encoded]
        self.folder.records = []
        calls, sentences = self.run.report.model_calls, self.run.report.sentences
        try:
            self._run_chunk(jobs)
        except Exception as exc:  # noqa: BLE001 - the chunk's files fail, the run goes on
            reason = exc.one_line() if isinstance(exc, ToolkitError) else repr(exc)
            for job in jobs:
                if job.report.status == UP_TO_DATE:  # not finished when it broke
                    self.run.finish(job, {"*": f"failed on its Ray worker: {reason}"})
        records: dict[str, list[Any]] = {}
        for rel, lang, entry in self.folder.records:
            records.setdefault(rel, []).append([lang, entry])
        files = [{**asdict(job.report), "records": records.get(job.source.rel, [])} for job in jobs]
        return (
            files,
            self.run.report.model_calls - calls,
            self.run.report.sentences - sentences,
        )

    def _run_chunk(self, jobs: list[Job]) -> None:
        if self.pipeline is None:
            self.spec.chunk_work(self.run, jobs)
        else:
            self.spec.chunk_work(self.run, self.pipeline, jobs)
