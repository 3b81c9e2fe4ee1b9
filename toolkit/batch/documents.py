"""Reading the files of a folder run and writing their outputs.

A file is read whole (up to `batch.max_file_bytes`), decoded (UTF-8/16/32 or a legacy
encoding, `toolkit.files.decode_bytes`) and parsed by format (`toolkit.formats`); the
source language of each unit is given or detected. An output is written atomically, in
the input's encoding where it can hold it, and recorded in the manifest right after.
"""

from __future__ import annotations

import hashlib

from toolkit.batch.jobs import Job, Loaded
from toolkit.batch.report import FAILED, FileReport
from toolkit.batch.state import OutputFolder
from toolkit.batch.tree import Source
from toolkit.config import Config
from toolkit.errors import InputError, ToolkitError
from toolkit.files import decode_bytes, write_atomic
from toolkit.formats import FormatOptions, parse
from toolkit.translate.document import unit_languages

_UNICODE_ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-32")


class Documents:
    """Reads a run's inputs and writes its outputs (with their manifest entries)."""

    def __init__(
        self,
        kind: str,
        folder: OutputFolder,
        config: Config,
        options: FormatOptions,
        src: str | None,
    ) -> None:
        self.kind = kind
        self.folder = folder
        self.config = config
        self.options = options
        self.src = src

    def read(self, source: Source) -> tuple[str, str, str]:
        """(text, encoding, sha256) of a source file; `InputError` with the reason."""
        path = source.path
        if path.is_symlink() and not path.exists():
            raise InputError("broken symlink")
        limit = self.config.batch.max_file_bytes
        try:
            size = path.stat().st_size
            if size > limit:
                raise InputError(f"too large ({size} bytes, limit batch.max_file_bytes={limit})")
            data = path.read_bytes()
        except PermissionError as exc:
            raise InputError("permission denied") from exc
        except OSError as exc:
            raise InputError(f"cannot read ({exc.strerror or exc})") from exc
        try:
            decoded = decode_bytes(data, source.rel)
        except InputError as exc:
            raise InputError(exc.message.removeprefix(f"{source.rel}: ")) from exc
        return decoded.text, decoded.encoding, hashlib.sha256(data).hexdigest()

    def load(self, job: Job) -> Loaded:
        """Read and parse a job's file again (it may have changed since planning);
        `InputError` with the reason."""
        text, encoding, sha = self.read(job.source)
        doc = parse(job.source.path, text, self.options)
        return Loaded(job, doc, encoding, sha, unit_languages(doc, self.src, self.config))

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
        encoding = item.encoding
        if encoding not in _UNICODE_ENCODINGS:
            if item.job.source.path.suffix.lower() in (".html", ".htm"):
                # keep the declared legacy charset; characters it lacks become &#NNNN;
                text = text.encode(encoding, "xmlcharrefreplace").decode(encoding)
            else:
                warnings = [*warnings, f"input was {encoding}; output written as UTF-8"]
                encoding = "utf-8"
        try:
            write_atomic(self.folder.target(rel_out), text, encoding=encoding)
        except ToolkitError as exc:
            item.failed[lang] = exc.one_line()
            return
        entry = {
            "input_sha256": item.sha256,
            "fingerprint": item.job.fingerprints[lang],
            "output": rel_out,
            "models": sorted(set(models)),
        }
        try:
            self.folder.record(self.kind, item.job.source.rel, lang, entry)
        except ToolkitError as exc:  # journal full: the file is written but a rerun redoes it
            item.failed[lang] = exc.one_line()
            return
        item.job.report.outputs[lang] = rel_out
        item.job.report.warnings.extend(f"{lang}: {w}" for w in warnings)


def fail_file(report: FileReport, reason: str) -> None:
    """Mark a whole file failed (no output in any language)."""
    report.status = FAILED
    report.reason = reason
    report.errors["*"] = reason
