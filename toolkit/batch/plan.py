"""Planning a folder run: which outputs are left to do, and in what chunks.

For each file and target language the plan compares the manifest's record with the
file's SHA-256 and a fingerprint of every setting that shapes the output; what is
current is reported as such and not redone (unless `force`). The pending files are
grouped in chunks of whole files until their text reaches `batch.chunk_chars`, so the
model work of a chunk is batched across files.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

from toolkit.batch.documents import Documents, fail_file
from toolkit.batch.jobs import Job
from toolkit.batch.report import SKIPPED, UP_TO_DATE, BatchReport, FileReport
from toolkit.batch.state import OutputFolder
from toolkit.batch.tree import Skipped, Source, walk
from toolkit.config import Config
from toolkit.errors import InputError
from toolkit.formats import FormatOptions, parse
from toolkit.text import sentences

# Bump when a change in this package changes what is written for the same input.
OUTPUT_VERSION = 1
# Settings that do not change what a model writes, left out of the fingerprint.
_OPERATIONAL = frozenset(
    {"device", "threads", "batch_tokens", "cache", "cache_path", "allow_download", "model_dir"}
)


class Planner:
    """Decides what a run has left to do; `kind` names its outputs in the manifest."""

    def __init__(
        self,
        kind: str,
        folder: OutputFolder,
        targets: list[str],
        documents: Documents,
        *,
        settings: dict[str, Any],
        force: bool,
        work_per_language: bool,
    ) -> None:
        """`work_per_language`: each language costs model work on every sentence (a
        translation), rather than once per file (a summary, then short briefs)."""
        self.kind = kind
        self.folder = folder
        self.targets = targets
        self.documents = documents
        self.config: Config = documents.config
        self.options: FormatOptions = documents.options
        self.settings = settings
        self.force = force
        self.work_per_language = work_per_language
        self._fingerprints: dict[tuple[str, str], str] = {}

    def plan(self, report: BatchReport) -> list[Job]:
        """Walk the folder; report skips, failures and current files; return the rest."""
        jobs = []
        for entry in walk(self.folder.src, self.folder.out):
            if isinstance(entry, Skipped):
                report.files.append(FileReport(entry.rel, SKIPPED, entry.reason))
                continue
            file_report = FileReport(entry.rel, UP_TO_DATE)
            report.files.append(file_report)
            job = self.plan_file(entry, file_report)
            if job is not None:
                jobs.append(job)
        return jobs

    def plan_file(self, source: Source, report: FileReport) -> Job | None:
        """The job for one file (its outcome recorded in `report`), or None when it is
        current or failed."""
        try:
            text, _encoding, sha = self.documents.read(source)
            suffix = source.path.suffix.lower()
            fingerprints = {lang: self.fingerprint(lang, suffix) for lang in self.targets}
            pending = [
                lang
                for lang in self.targets
                if self.force
                or not self.folder.is_current(self.kind, source.rel, lang, sha, fingerprints[lang])
            ]
            for lang in self.targets:
                entry = self.folder.entry(self.kind, source.rel, lang)
                if lang not in pending and entry is not None:
                    report.outputs[lang] = entry["output"]
            if not pending:
                return None
            doc = parse(source.path, text, self.options)
        except InputError as exc:
            fail_file(report, exc.message)
            return None
        count = sum(len(sentences(unit)) or 1 for unit in doc.units)
        return Job(
            source,
            report,
            sha,
            pending,
            fingerprints,
            sentences=count * len(pending) if self.work_per_language else count,
            chars=sum(len(unit) for unit in doc.units) * len(pending),
        )

    def fingerprint(self, lang: str, suffix: str) -> str:
        """A hash of everything that shapes the output for `lang` (see the manifest).

        Format options count only for the formats they apply to, so choosing another
        JSON field does not redo the Markdown files.
        """
        key = (lang, suffix)
        if key not in self._fingerprints:
            self._fingerprints[key] = self._fingerprint(lang, suffix)
        return self._fingerprints[key]

    def _fingerprint(self, lang: str, suffix: str) -> str:
        translate = {
            key: value
            for key, value in self.config.as_dict()["translate"].items()
            if key not in _OPERATIONAL
        }
        payload = {
            "version": OUTPUT_VERSION,
            "kind": self.kind,
            "lang": lang,
            "src": self.documents.src,
            "fields": list(self.options.fields) if suffix in (".json", ".jsonl") else None,
            "front_matter_keys": (
                list(self.options.front_matter_keys) if suffix in (".md", ".markdown") else None
            ),
            "translate": translate,
            **self.settings,
        }
        if self.config.glossary.files:  # a changed glossary file redoes the outputs
            from toolkit.glossary import from_config

            payload["glossary"] = [
                from_config(self.config).fingerprint(),
                self.config.glossary.enforce,
            ]
        data = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()

    def chunks(self, jobs: list[Job]) -> Iterator[list[Job]]:
        """Consecutive jobs grouped until their text reaches `batch.chunk_chars`."""
        chunk: list[Job] = []
        size = 0
        for job in jobs:
            chunk.append(job)
            size += job.chars
            if size >= self.config.batch.chunk_chars:
                yield chunk
                chunk, size = [], 0
        if chunk:
            yield chunk
