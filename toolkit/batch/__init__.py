"""Batch runs over folders: translate and summarize whole trees, resumable.

    from toolkit.batch import translate_tree
    report = translate_tree("wires/", "out/", to=["es", "fr"])
    print(report.summary())

The output folder mirrors the input folder, one file per input and language
(`story.md` -> `story.es.md`; briefs: `story.summary.es.txt`). A manifest in the output
folder makes reruns skip what is done and redo what changed; a lock refuses a second run
on the same output folder; every output is written atomically. See docs/batch.md.
"""

from __future__ import annotations

from toolkit.batch.report import BatchReport, FileReport, Progress
from toolkit.batch.state import BatchLockedError
from toolkit.batch.summarizing import summarize_tree
from toolkit.batch.translating import translate_tree

__all__ = [
    "BatchLockedError",
    "BatchReport",
    "FileReport",
    "Progress",
    "summarize_tree",
    "translate_tree",
]
