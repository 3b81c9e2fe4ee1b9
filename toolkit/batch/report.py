"""What a batch run reports: per-file outcomes, totals, progress events."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from toolkit.errors import NoResultError, OutputError, PartialResultError

DONE = "done"
UP_TO_DATE = "up-to-date"
SKIPPED = "skipped"
FAILED = "failed"


@dataclass
class FileReport:
    """The outcome for one input file.

    `status`: "done" (every requested output written now or earlier), "up-to-date"
    (nothing to do: every output was current), "skipped" (not processed: hidden,
    unsupported, symlink leaving the tree...) or "failed" (some output is missing; with
    `outputs` not empty the file is a partial success, counted as "partial").
    `outputs` maps each language to its output path (relative to the output folder);
    `errors` maps a language (or "*" for the whole file) to the reason it failed.
    """

    path: str
    status: str
    reason: str = ""
    outputs: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass
class BatchReport:
    """The result of `translate_tree` / `summarize_tree`."""

    kind: str
    src_dir: str
    out_dir: str
    languages: list[str]
    files: list[FileReport] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    model_calls: int = 0  # calls into the translator / summarizer (0 on a no-change rerun)
    sentences: int = 0  # sentences sent to a model
    seconds: float = 0.0
    # Set when the manifest could not be written (the outputs listed are on disk and the
    # journal keeps the progress; a later run continues from it).
    manifest_error: str = ""

    def _with(self, status: str) -> list[FileReport]:
        return [f for f in self.files if f.status == status]

    @property
    def done(self) -> list[FileReport]:
        return self._with(DONE)

    @property
    def up_to_date(self) -> list[FileReport]:
        return self._with(UP_TO_DATE)

    @property
    def skipped(self) -> list[FileReport]:
        return self._with(SKIPPED)

    @property
    def failed(self) -> list[FileReport]:
        return self._with(FAILED)

    @property
    def partial(self) -> list[FileReport]:
        """Failed files that still have some outputs (one language written, another not)."""
        return [f for f in self.failed if f.outputs]

    @property
    def nothing_produced(self) -> bool:
        """Files were to be processed and not one output exists: every one failed."""
        processed = [f for f in self.files if f.status != SKIPPED]
        return bool(processed) and all(f.status == FAILED and not f.outputs for f in processed)

    @property
    def exit_code(self) -> int:
        """`OutputError.exit_code` (8) when the manifest could not be written, else
        `NoResultError.exit_code` (9) when every file failed with no output at all,
        `PartialResultError.exit_code` (6) when some failed, else 0."""
        if self.manifest_error:
            return OutputError.exit_code
        if self.nothing_produced:
            return NoResultError.exit_code
        return PartialResultError.exit_code if self.failed else 0

    def summary(self) -> str:
        """One line: the counts (a file with some languages written is "partial", shown
        when there is one)."""
        partial = len(self.partial)
        partly = f"{partial} partial, " if partial else ""
        return (
            f"{len(self.done)} done, {partly}{len(self.up_to_date)} up to date, "
            f"{len(self.skipped)} skipped, {len(self.failed) - partial} failed "
            f"({', '.join(self.languages)}; {self.model_calls} model calls, "
            f"{self.seconds:.1f} s)"
        )

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON output, with the counts of `summary()`."""
        data = asdict(self)
        partial = len(self.partial)
        data["counts"] = {
            "done": len(self.done),
            "partial": partial,
            "up_to_date": len(self.up_to_date),
            "skipped": len(self.skipped),
            "failed": len(self.failed) - partial,
        }
        data["exit_code"] = self.exit_code
        return data


@dataclass(frozen=True)
class Progress:
    """A progress event, passed to the `progress` callback of a batch run.

    Totals count only the work left to do (outputs already current are not in them).
    `path` is the file just finished (or None for sentence updates).
    """

    files_done: int
    files_total: int
    sentences_done: int
    sentences_total: int
    path: str | None = None
