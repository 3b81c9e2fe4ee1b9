"""The output folder of a batch run: its lock, its manifest, and leftovers of killed runs.

The manifest (``OUTDIR/.toolkit-manifest.json``) records, for every input and language,
the input's SHA-256, a fingerprint of the settings that shape the output, the output
path and the models used. A rerun redoes an output only when one of those changed or
the output file is gone.

Every finished output is recorded at once, durably: one JSON line appended to the
journal (``OUTDIR/.toolkit-manifest.journal``) and fsynced, right after the output is
renamed into place. Rewriting the whole manifest after each file would cost O(files^2)
on an archive of tens of thousands of files. The journal is folded into the manifest
(written atomically) when a run starts and when it ends; a run killed at any point
leaves a manifest plus journal that never claim an output that is not complete on disk
(a half-written last line is ignored, and that output is simply redone).

The lock (``OUTDIR/.toolkit.lock``, `fcntl.flock`) keeps two runs from writing the same
folder at once; the kernel drops it when a process dies, so a killed run never leaves a
stale lock behind.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
from pathlib import Path
from typing import Any

from toolkit.errors import InputError, OutputError
from toolkit.files import write_atomic

MANIFEST = ".toolkit-manifest.json"
JOURNAL = ".toolkit-manifest.journal"
LOCK = ".toolkit.lock"
MANIFEST_VERSION = 1
# write_atomic's temporary files: ".<name>.<8 random chars>.tmp"
_TEMP = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")


class BatchLockedError(OutputError):
    """Another run holds the output folder's lock (exit code 8)."""

    default_hint = "wait for the other run to finish, or choose another --out folder"


class OutputFolder:
    """Context manager: validates, locks and loads an output folder for one run."""

    def __init__(self, src_dir: str | os.PathLike[str], out_dir: str | os.PathLike[str]) -> None:
        self.src = Path(src_dir)
        self.out = Path(out_dir)
        self.manifest: dict[str, Any] = {}
        self.warnings: list[str] = []
        self._lock_file: Any = None
        self._journal: Any = None
        # Why the manifest could not be written (a full disk...), "" when it was: the
        # journal then stays, so a later run replays it and continues.
        self.manifest_error = ""

    def __enter__(self) -> OutputFolder:
        _check_folders(self.src, self.out)
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            self._lock_file = open(self.out / LOCK, "a+b")  # held until __exit__
        except OSError as exc:
            raise OutputError(f"{self.out}: cannot write ({exc.strerror or exc})") from exc
        try:
            fcntl.flock(self._lock_file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            self._lock_file.close()
            self._lock_file = None
            raise BatchLockedError(
                f"{self.out} is in use by another toolkit run (lock {self.out / LOCK})"
            ) from exc
        self._remove_stale_temporaries()
        self.manifest = self._load_manifest()
        self._replay_journal()
        self._try_compact()
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            if self._journal is not None:
                self._try_compact()
        finally:
            if self._lock_file is not None:
                fcntl.flock(self._lock_file.fileno(), fcntl.LOCK_UN)
                self._lock_file.close()
                self._lock_file = None

    def target(self, rel_out: str) -> Path:
        """The path of an output; refused if it would land inside the input folder."""
        path = self.out / rel_out
        src, out, real = self.src.resolve(), self.out.resolve(), path.resolve()
        # An output folder inside the input folder is fine (the walk skips it); an output
        # landing among the inputs (the output folder contains the input folder) is not.
        if src in real.parents and not (src in out.parents and out in real.parents):
            raise OutputError(f"{path}: would be written inside the input folder")
        return path

    def entry(self, kind: str, rel: str, lang: str) -> dict[str, Any] | None:
        """The manifest record of `rel` in `lang` for a run of `kind`, if any."""
        return self.manifest.get(kind, {}).get(rel, {}).get(lang)

    def is_current(self, kind: str, rel: str, lang: str, sha256: str, fingerprint: str) -> bool:
        """Whether the output for (`rel`, `lang`) is done for this input and settings."""
        entry = self.entry(kind, rel, lang)
        return (
            entry is not None
            and entry.get("input_sha256") == sha256
            and entry.get("fingerprint") == fingerprint
            and (self.out / entry.get("output", "")).is_file()
        )

    def record(self, kind: str, rel: str, lang: str, entry: dict[str, Any]) -> None:
        """Record a finished output durably in the journal, then in memory (so an output
        the journal could not hold is not in the manifest either: a rerun redoes it)."""
        line = json.dumps([kind, rel, lang, entry], ensure_ascii=False, sort_keys=True)
        try:
            if self._journal is None:
                self._journal = open(self.out / JOURNAL, "a", encoding="utf-8")  # kept open
            self._journal.write(line + "\n")
            self._journal.flush()
            os.fsync(self._journal.fileno())
        except OSError as exc:
            raise OutputError(
                f"{self.out / JOURNAL}: cannot write ({exc.strerror or exc})"
            ) from exc
        self._remember(kind, rel, lang, entry)

    def _remember(self, kind: str, rel: str, lang: str, entry: dict[str, Any]) -> None:
        self.manifest.setdefault(kind, {}).setdefault(rel, {})[lang] = entry

    def _replay_journal(self) -> None:
        """Apply the records a previous run appended but did not fold in."""
        path = self.out / JOURNAL
        if not path.exists():
            return
        with path.open(encoding="utf-8", errors="replace") as handle:
            for line in handle:
                try:
                    kind, rel, lang, entry = json.loads(line)
                except ValueError:
                    continue  # the half-written last line of a killed run
                self._remember(kind, rel, lang, entry)

    def _try_compact(self) -> None:
        """`_compact`, but a failure (ENOSPC, EROFS...) is kept in `manifest_error` instead
        of raised: the outputs and the journal are already on disk, and the run's report
        must still reach the user."""
        try:
            self._compact()
        except OutputError as exc:
            self.manifest_error = f"manifest not written: {exc.message}"
        else:
            self.manifest_error = ""

    def _compact(self) -> None:
        """Write the manifest atomically, then drop the journal it now contains."""
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        text = json.dumps(self.manifest, ensure_ascii=False, indent=1, sort_keys=True)
        write_atomic(self.out / MANIFEST, text + "\n")
        (self.out / JOURNAL).unlink(missing_ok=True)

    def _load_manifest(self) -> dict[str, Any]:
        path = self.out / MANIFEST
        fresh: dict[str, Any] = {"version": MANIFEST_VERSION}
        if not path.exists():
            return fresh
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            self.warnings.append(f"{path}: unreadable manifest ({exc}); starting afresh")
            return fresh
        if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
            self.warnings.append(f"{path}: manifest of another version; starting afresh")
            return fresh
        return data

    def _remove_stale_temporaries(self) -> None:
        """Delete temporary files a killed run left behind (we hold the lock)."""
        for current, _dirs, files in os.walk(self.out):
            for name in files:
                if _TEMP.match(name):
                    Path(current, name).unlink(missing_ok=True)


def _check_folders(src: Path, out: Path) -> None:
    if not src.exists():
        raise InputError(f"{src}: no such folder")
    if not src.is_dir():
        raise InputError(f"{src}: not a folder")
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: exists and is not a folder")
    if out.resolve() == src.resolve():
        raise OutputError(
            f"{out}: the output folder must not be the input folder",
            hint="choose another --out folder",
        )
