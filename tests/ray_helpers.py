"""Helpers for the Ray runner tests, importable by Ray workers (tests/ is on their path)."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

from batch_helpers import FakeTranslator


class DriverKiller(FakeTranslator):
    """A stand-in translator that SIGKILLs the driver process when it is handed a text
    containing `marker` (on a Ray actor: the run dies mid-way, as with `kill -9`)."""

    def __init__(self, driver_pid: int, marker: str) -> None:
        super().__init__()
        self.driver_pid = driver_pid
        self.marker = marker

    def translate(self, texts: list[str], to: str, src: str | None = None) -> list:
        if any(self.marker in text for text in texts):
            os.kill(self.driver_pid, signal.SIGKILL)
            time.sleep(60)  # Ray ends this actor with its dead driver's job
        return super().translate(texts, to, src)


def report_data(report) -> dict:
    """A report as data, without what differs between any two runs (time, output path)."""
    data = report.as_dict()
    data.pop("seconds")
    data.pop("out_dir")
    return data


def manifest(out: Path) -> dict:
    return json.loads((out / ".toolkit-manifest.json").read_text(encoding="utf-8"))
