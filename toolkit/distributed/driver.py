"""`run_on_ray`: one folder run on Ray Data, with the local run's semantics.

The driver (this process) does what must happen in one place: it holds the output
folder's lock, walks the input folder (paths only, never the contents), keeps the
manifest and its journal, builds the report and reports progress. The work goes to Ray
Data in two stages (`toolkit.distributed.workers`): planning tasks read and hash the
files; an actor pool translates or summarizes whole chunks and writes the outputs.

The chunks are the local run's (`BatchRun.chunks`, over the jobs in walk order), so
every model call, hence every output byte, the manifest and the report's counts are the
ones a local run produces. The driver keeps a few hundred bytes per file (its report
line and job), never its text, and results stream back chunk by chunk: each output is
journaled as soon as its chunk returns, so a killed run resumes where it stopped (an
output written but not journaled yet is simply redone).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from toolkit.batch.report import SKIPPED, UP_TO_DATE, BatchReport, FileReport
from toolkit.batch.runner import BatchRun, Job, ProgressCallback
from toolkit.batch.state import OutputFolder
from toolkit.batch.tree import Skipped, walk
from toolkit.config import Config
from toolkit.distributed.cluster import check_address, connected, import_ray
from toolkit.distributed.spec import RunSpec, decode_job, encode_job
from toolkit.distributed.workers import ChunkWorker, plan_files
from toolkit.errors import ToolkitError

PLAN_FILES_PER_TASK = 256  # files one planning task reads and hashes
MAX_BLOCKS = 10_000  # Ray Data blocks per stage (a block is the unit handed to a worker)
LOST = "its Ray worker was lost before finishing it ({why}); a rerun redoes it"


def run_on_ray(
    kind: str,
    src_dir: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    targets: list[str],
    run_args: dict[str, Any],
    chunk_work: Callable[..., None],
    progress: ProgressCallback | None = None,
    translator: Any = None,
) -> BatchReport:
    """Run the folder job `kind` ("translate" or "summarize") on Ray, as configured in
    ``run_args["config"].ray``. `run_args` are the local run's `BatchRun` arguments and
    `chunk_work` its chunk function (see `RunSpec`); the errors, the report and its exit
    code are the local run's. Without Ray installed: `ConfigError` (exit 7) naming
    ``pip install 'toolkit[ray]'``."""
    import_ray()  # before the output folder is touched
    config: Config = run_args["config"]
    check_address(config.ray.address)
    spec = RunSpec(
        kind,
        os.path.abspath(src_dir),
        os.path.abspath(out_dir),
        list(targets),
        run_args,
        chunk_work,
        translator,
    )
    with OutputFolder(src_dir, out_dir) as folder, connected(config.ray) as ray:
        run = spec.batch_run(folder, progress=progress)  # the report, journal and progress
        with _quiet_data_context(ray):
            jobs = run.planned(_plan(ray, spec, run, folder))
            _process(ray, spec, run, folder, jobs)
        report = run.close()
    report.manifest_error = folder.manifest_error
    return report


def _plan(ray: Any, spec: RunSpec, run: BatchRun, folder: OutputFolder) -> list[Job]:
    """Walk on the driver (the skips are reported here), plan each file in Ray tasks;
    the jobs left to do, in walk order."""
    reports: list[FileReport] = []
    rows = []
    for entry in walk(folder.src, folder.out):
        if isinstance(entry, Skipped):
            run.report.files.append(FileReport(entry.rel, SKIPPED, entry.reason))
            continue
        report = FileReport(entry.rel, UP_TO_DATE)
        run.report.files.append(report)
        records = folder.manifest.get(spec.kind, {}).get(entry.rel, {})
        rows.append(
            {
                "index": len(reports),
                "rel": entry.rel,
                "path": str(entry.path),
                "entries": json.dumps(records, ensure_ascii=False),
            }
        )
        reports.append(report)
    if not rows:
        return []
    dataset = ray.data.from_items(
        rows, override_num_blocks=_blocks(len(rows), PLAN_FILES_PER_TASK)
    ).map_batches(plan_files, batch_size=PLAN_FILES_PER_TASK, fn_kwargs={"spec": spec})
    planned: list[tuple[int, Job]] = []
    for row in dataset.iter_rows():
        report = reports[int(row["index"])]
        done = json.loads(row["report"])
        report.status, report.reason = done["status"], done["reason"]
        report.outputs.update(done["outputs"])
        report.errors.update(done["errors"])
        if row["job"]:
            planned.append((int(row["index"]), decode_job(json.loads(row["job"]), report)))
    return [job for _index, job in sorted(planned, key=lambda pair: pair[0])]


def _process(ray: Any, spec: RunSpec, run: BatchRun, folder: OutputFolder, jobs: list[Job]) -> None:
    """Send the local run's chunks to the actor pool; journal and report each file as its
    chunk comes back. A chunk whose actor died for good fails its files, not the run."""
    chunks = [json.dumps([encode_job(job) for job in chunk]) for chunk in run.chunks(jobs)]
    if not chunks:
        return
    pool = spec.config.ray
    dataset = ray.data.from_items(
        [{"chunk": chunk} for chunk in chunks], override_num_blocks=min(len(chunks), MAX_BLOCKS)
    ).map_batches(
        ChunkWorker,
        batch_size=1,
        compute=ray.data.ActorPoolStrategy(size=min(pool.actors, len(chunks))),  # no idle model
        num_cpus=pool.num_cpus,
        num_gpus=pool.num_gpus or None,
        fn_constructor_kwargs={"spec": spec},
    )
    by_rel = {job.source.rel: job for job in jobs}
    lost = ""
    try:
        for row in dataset.iter_rows():
            run.report.model_calls += int(row["model_calls"])
            run.report.sentences += int(row["sentences"])
            finished = [
                _finish(spec, run, folder, by_rel, data) for data in json.loads(row["files"])
            ]
            run.advance(sum(job.sentences for job in finished))
    except ray.exceptions.RayError as exc:  # a worker lost for good: its files fail
        lost = (str(exc).strip().splitlines() or [repr(exc)])[-1][:300]
    for job in jobs:
        if job.report.status == UP_TO_DATE:  # its chunk never came back
            run.finish(job, {"*": LOST.format(why=lost or "no result")})


def _finish(
    spec: RunSpec,
    run: BatchRun,
    folder: OutputFolder,
    by_rel: dict[str, Job],
    data: dict[str, Any],
) -> Job:
    """Journal one file's outputs (as the local `BatchRun.write` does) and close its report."""
    job = by_rel[data["path"]]
    errors = dict(data["errors"])
    recorded = set()
    for lang, entry in data["records"]:
        try:
            folder.record(spec.kind, job.source.rel, lang, entry)
        except ToolkitError as exc:  # journal full: the file is written but a rerun redoes it
            errors[lang] = exc.one_line()
        else:
            recorded.add(lang)
    job.report.outputs.update(
        {lang: out for lang, out in data["outputs"].items() if lang in recorded}
    )
    job.report.warnings.extend(data["warnings"])
    run.finish(job, errors)
    return job


def _blocks(rows: int, per_block: int) -> int:
    return max(1, min(MAX_BLOCKS, -(-rows // per_block)))


@contextmanager
def _quiet_data_context(ray: Any) -> Iterator[None]:
    """Ray Data without its progress bars and INFO lines on stderr (the run has its own
    progress), and going on past a failed block (its files are reported); restored after."""
    context = ray.data.DataContext.get_current()
    saved = (context.enable_progress_bars, context.max_errored_blocks)
    logger = logging.getLogger("ray.data")
    level = logger.level
    context.enable_progress_bars, context.max_errored_blocks = False, -1
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        context.enable_progress_bars, context.max_errored_blocks = saved
        logger.setLevel(level)
