"""The machinery shared by folder translation and folder summaries.

A run walks the input folder, decides per file and language what is left to do (the
manifest says what is current), then processes the pending files in chunks of whole
files. Within a chunk, the strings of all files that share a language pair go to the
model in ONE call, so the engine batches sentences across files instead of file by file.
Each output is written atomically as soon as it is complete, and the manifest after it.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from toolkit.batch.report import DONE, FAILED, SKIPPED, UP_TO_DATE, BatchReport, FileReport
from toolkit.batch.report import Progress as ProgressEvent
from toolkit.batch.state import OutputFolder
from toolkit.batch.tree import Skipped, Source, walk
from toolkit.config import Config
from toolkit.errors import (
    InputError,
    ModelUnavailableError,
    ToolkitError,
    UnsupportedLanguageError,
)
from toolkit.files import decode_bytes, write_atomic
from toolkit.formats import Document, FormatOptions, parse
from toolkit.text import sentences

# Bump when a change in this package changes what is written for the same input.
OUTPUT_VERSION = 1
# Settings that do not change what a model writes, left out of the fingerprint.
_OPERATIONAL = frozenset(
    {"device", "threads", "batch_tokens", "cache", "cache_path", "allow_download", "model_dir"}
)
_UNICODE_ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-32")

ProgressCallback = Callable[[ProgressEvent], None]


def front_matter_keys(config: Config) -> tuple[str, ...]:
    """The configured Markdown front-matter keys to translate."""
    return tuple(k.strip() for k in config.batch.front_matter_keys.split(",") if k.strip())


@dataclass
class Job:
    """A file with outputs left to produce."""

    source: Source
    report: FileReport
    sha256: str
    languages: list[str]
    fingerprints: dict[str, str]
    sentences: int
    chars: int


@dataclass
class Loaded:
    """A job's file read and parsed for processing."""

    job: Job
    doc: Document
    encoding: str
    sha256: str
    unit_langs: list[str | None]  # source language of each unit (None: unknown)
    failed: dict[str, str] = field(default_factory=dict)  # language -> reason


@dataclass
class Request:
    """Strings of one file to translate, each with its source language (None: unknown)."""

    item: Loaded
    texts: list[str]
    langs: list[str | None]


@dataclass
class Translated:
    """A request's strings in the target language and what produced them.

    `pairs[i]` holds the (source sentence, translated sentence) pairs of string i, for
    fact checks; it is empty for a string that was copied (already in the language).
    """

    texts: list[str]
    models: list[str]
    warnings: list[str]
    pairs: list[list[tuple[str, str]]]


class BatchRun:
    """One run over a folder; `translate_tree` and `summarize_tree` drive it."""

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
    ) -> None:
        self.kind = kind
        self.folder = folder
        self.targets = targets
        self.config = config
        self.options = options
        self.src = src
        self.force = force
        self.progress = progress
        self.settings = {**settings, "model": model} if model else settings
        self.model = model
        self.report = BatchReport(kind, str(folder.src), str(folder.out), list(targets))
        self.report.warnings.extend(folder.warnings)
        self._translator: Any = translator
        self._owns_translator = translator is None
        self._broken_pairs: dict[tuple[str | None, str], str] = {}
        self._fingerprints: dict[tuple[str, str], str] = {}
        self._files_done = 0
        self._files_total = 0
        self._sentences_done = 0
        self._sentences_total = 0
        self._started = time.perf_counter()

    # ---------------------------------------------------------------- planning

    def plan(self) -> list[Job]:
        """Walk the folder; report skips, failures and current files; return the rest."""
        jobs = []
        for entry in walk(self.folder.src, self.folder.out):
            if isinstance(entry, Skipped):
                self.report.files.append(FileReport(entry.rel, SKIPPED, entry.reason))
                continue
            job = self._plan_file(entry)
            if job is not None:
                jobs.append(job)
        self._files_total = len(jobs)
        self._sentences_total = sum(job.sentences for job in jobs)
        self._notify(None)
        return jobs

    def _plan_file(self, source: Source) -> Job | None:
        report = FileReport(source.rel, UP_TO_DATE)
        self.report.files.append(report)
        try:
            text, _encoding, sha = self._read(source)
            suffix = source.path.suffix.lower()
            fingerprints = {lang: self.fingerprint(lang, suffix) for lang in self.targets}
            pending = [
                lang
                for lang in self.targets
                if self.force
                or not self.folder.is_current(self.kind, source.rel, lang, sha, fingerprints[lang])
            ]
            for lang in self.targets:
                if lang not in pending:
                    report.outputs[lang] = self.folder.entry(self.kind, source.rel, lang)["output"]
            if not pending:
                return None
            doc = parse(source.path, text, self.options)
        except InputError as exc:
            self._fail_file(report, exc.message)
            return None
        count = sum(len(sentences(unit)) or 1 for unit in doc.units)
        return Job(
            source,
            report,
            sha,
            pending,
            fingerprints,
            sentences=count * len(pending) if self.kind == "translate" else count,
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
            "src": self.src,
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

    # ---------------------------------------------------------------- files

    def _read(self, source: Source) -> tuple[str, str, str]:
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

    def load(self, job: Job) -> Loaded | None:
        """Read and parse a job's file again (it may have changed since planning)."""
        try:
            text, encoding, sha = self._read(job.source)
            doc = parse(job.source.path, text, self.options)
        except InputError as exc:
            self._fail_file(job.report, exc.message)
            self.finish(job)
            return None
        return Loaded(job, doc, encoding, sha, self._unit_languages(doc))

    def _unit_languages(self, doc: Document) -> list[str | None]:
        """The source language of each unit: given, or detected per document/record."""
        if self.src or not doc.units:
            return [self.src] * len(doc.units)
        if doc.records:
            return [_detect(unit, self.config) for unit in doc.units]
        lang = _detect("\n\n".join(doc.paragraphs or doc.units), self.config)
        return [lang] * len(doc.units)

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

    def _fail_file(self, report: FileReport, reason: str) -> None:
        report.status = FAILED
        report.reason = reason
        report.errors["*"] = reason

    # ---------------------------------------------------------------- models

    def translate(self, requests: list[Request], tgt: str) -> list[Translated | None]:
        """Translate each request's strings (with their source languages) into `tgt`.

        Returns one `Translated` per request, or None where it failed (the reason is in
        ``request.item.failed[tgt]``). Strings of all requests that share a source
        language go to the translator in one call; if that call fails for a reason other
        than a missing model or language, the requests are retried one by one so a single
        bad file cannot fail its neighbours. Strings already in `tgt` are copied.
        """
        results = [Translated(list(r.texts), [], [], [[] for _ in r.texts]) for r in requests]
        groups: dict[str | None, list[tuple[int, int]]] = {}
        for r, request in enumerate(requests):
            for u, lang in enumerate(request.langs):
                if lang != tgt:
                    groups.setdefault(lang, []).append((r, u))
        for src, refs in groups.items():
            self._translate_group(requests, results, src, tgt, refs)
        return [
            None if request.item.failed.get(tgt) else result
            for request, result in zip(requests, results, strict=True)
        ]

    def _translate_group(
        self,
        requests: list[Request],
        results: list[Translated],
        src: str | None,
        tgt: str,
        refs: list[tuple[int, int]],
    ) -> None:
        broken = self._broken_pairs.get((src, tgt))
        if broken:
            for r, _u in refs:
                requests[r].item.failed[tgt] = broken
            return
        try:
            translations = self._call([requests[r].texts[u] for r, u in refs], tgt, src)
        except (ModelUnavailableError, UnsupportedLanguageError) as exc:
            self._broken_pairs[(src, tgt)] = exc.one_line()
            for r, _u in refs:
                requests[r].item.failed[tgt] = exc.one_line()
            return
        except Exception:  # noqa: BLE001 - isolate the failing file, below
            translations = None
        if translations is not None:
            _assign(results, refs, translations)
            return
        by_request: dict[int, list[tuple[int, int]]] = {}
        for r, u in refs:
            by_request.setdefault(r, []).append((r, u))
        for r, own in by_request.items():
            try:
                own_texts = [requests[r].texts[u] for _, u in own]
                _assign(results, own, self._call(own_texts, tgt, src))
            except Exception as exc:  # noqa: BLE001 - one file's failure is reported, not fatal
                reason = exc.one_line() if isinstance(exc, ToolkitError) else repr(exc)
                requests[r].item.failed[tgt] = f"translation failed: {reason}"

    def _call(self, texts: list[str], tgt: str, src: str | None) -> list[Any]:
        """One translator call (list in, list out); counts model calls and sentences."""
        if self._translator is None:
            from toolkit.translate import Translator

            self._translator = Translator(self.config)  # only now: a no-op rerun loads nothing
        options = {"model": self.model} if self.model else {}
        result = self._translator.translate(texts, to=tgt, src=src, **options)
        self.report.model_calls += 1
        self.report.sentences += sum(len(sentences(text)) or 1 for text in texts)
        return result

    # ---------------------------------------------------------------- progress

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
        if self._owns_translator and self._translator is not None:
            self._translator.close()
            self._translator = None
        self.report.seconds = time.perf_counter() - self._started
        return self.report


def _assign(
    results: list[Translated], refs: list[tuple[int, int]], translations: list[Any]
) -> None:
    for (r, u), translation in zip(refs, translations, strict=True):
        result = results[r]
        result.texts[u] = translation.text
        result.models.extend(m for m in translation.models if m not in result.models)
        result.warnings.extend(translation.warnings)
        result.pairs[u] = [(s.source, s.target) for s in getattr(translation, "segments", [])]


def _detect(text: str, config: Config) -> str | None:
    """The language of `text`, or None when the detector is unsure."""
    from toolkit.detect import detect

    lang = detect(text[:5000], config=config).lang
    return None if lang in ("", "und") else lang
