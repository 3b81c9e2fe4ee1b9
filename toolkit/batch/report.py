"""What a batch run reports: per-file outcomes, totals, progress events."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from toolkit.errors import OutputError, PartialResultError

DONE = "done"
UP_TO_DATE = "up-to-date"
SKIPPED = "skipped"
FAILED = "failed"


@dataclass
class FileReport:
    """The outcome for one input file.

    `status`: "done" (every requested output written now or earlier), "up-to-date"
    (nothing to do: every output was current), "skipped" (not processed: hidden,
    unsupported, symlink leaving the tree...) or "failed". `outputs` maps each language to
    its output path (relative to the output folder); `errors` maps a language (or "*"
    for the whole file) to the reason it failed.
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
    def exit_code(self) -> int:
        """`OutputError.exit_code` (8) when the manifest could not be written, else
        `PartialResultError.exit_code` (6) when a file failed, else 0."""
        if self.manifest_error:
            return OutputError.exit_code
        return PartialResultError.exit_code if self.failed else 0

    def summary(self) -> str:
        """One line: the counts."""
        return (
            f"{len(self.done)} done, {len(self.up_to_date)} up to date, "
            f"{len(self.skipped)} skipped, {len(self.failed)} failed "
            f"({', '.join(self.languages)}; {self.model_calls} model calls, "
            f"{self.seconds:.1f} s)"
        )

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        data = asdict(self)
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
