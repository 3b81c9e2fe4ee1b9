"""Walking an input folder: which files to process, which to skip and why, output names.

Hidden files and folders (name starting with ".") and the output folder itself are
skipped; symlinks that point outside the input folder are not followed; symlinked
folders are never descended into (their files, if inside the tree, are reached through
their real path). Files whose suffix has no format are listed as unsupported.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from toolkit.formats import supports


@dataclass(frozen=True)
class Source:
    """A file to process: its path relative to the input folder (POSIX) and on disk."""

    rel: str
    path: Path


@dataclass(frozen=True)
class Skipped:
    """An entry not processed, and why."""

    rel: str
    reason: str


def walk(root: Path, out_dir: Path) -> Iterator[Source | Skipped]:
    """Every entry under `root`, in sorted order, as a `Source` or a `Skipped`."""
    root = root.resolve()
    out_dir = out_dir.resolve()
    for current, dirs, files in os.walk(root, followlinks=False):
        here = Path(current)
        kept = []
        for name in sorted(dirs):
            path = here / name
            rel = _rel(root, path)
            if name.startswith("."):
                yield Skipped(rel + "/", "hidden")
            elif path.is_symlink():
                yield Skipped(rel + "/", _link_reason(root, path, "symlinked folder"))
            elif _resolved(path) == out_dir:
                yield Skipped(rel + "/", "output folder")
            else:
                kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            path = here / name
            rel = _rel(root, path)
            if name.startswith("."):
                yield Skipped(rel, "hidden")
            elif path.is_symlink() and _resolved(path) is None:
                yield Skipped(rel, "broken symlink (a loop, or too many levels of links)")
            elif path.is_symlink() and not _inside(root, path.resolve()):
                yield Skipped(rel, "symlink leaves the input folder (not followed)")
            elif not supports(name):
                yield Skipped(rel, f"unsupported file type ({Path(name).suffix or 'no suffix'})")
            elif path.exists() and not path.is_file():
                yield Skipped(rel, "not a regular file")
            else:
                yield Source(rel, path)


def output_name(rel: str, lang: str, *, summary: bool = False, records: bool = False) -> str:
    """The output path (relative, POSIX) for input `rel` in language `lang`.

    Translations: ``a/story.md`` -> ``a/story.es.md``. Summaries: ``a/story.summary.es.txt``
    (a brief is plain text whatever the input format), except record formats (JSON,
    JSONL), which keep their suffix: ``data.summary.es.jsonl``.
    """
    path = PurePosixPath(rel)
    if not summary:
        return str(path.with_name(f"{path.stem}.{lang}{path.suffix}"))
    suffix = path.suffix if records else ".txt"
    return str(path.with_name(f"{path.stem}.summary.{lang}{suffix}"))


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _inside(root: Path, path: Path) -> bool:
    return path == root or root in path.parents


def _resolved(path: Path) -> Path | None:
    """The real path of `path`, or None when its symlinks loop (``a -> b -> a``): Python
    raises RuntimeError (before 3.13) or OSError ELOOP for that, which must not end a run."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return None


def _link_reason(root: Path, path: Path, what: str) -> str:
    target = _resolved(path)
    if target is None:
        return f"{what}: broken (a symlink loop)"
    if not _inside(root, target):
        return f"{what} leaves the input folder (not followed)"
    return f"{what} (not followed)"
