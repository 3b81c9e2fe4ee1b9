"""What a folder run works on: a `Job` (a file with outputs left to produce, from the
plan) and, once read, a `Loaded` file."""

from __future__ import annotations

from dataclasses import dataclass, field

from toolkit.batch.report import FileReport
from toolkit.batch.tree import Source
from toolkit.formats import Document


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
