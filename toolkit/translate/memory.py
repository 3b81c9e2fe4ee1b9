"""Translation memory: a persistent SQLite cache of sentence translations.

Boilerplate repeated across articles (datelines, agency credits, standard disclaimers)
is translated once. Entries are keyed by the model's cache key (model, weights, engine,
decoding settings), the language pair and the normalized source sentence (Unicode NFC,
whitespace collapsed). The database runs in WAL mode with a busy timeout, so several
processes can read and write it at once.
"""

from __future__ import annotations

import re
import sqlite3
import time
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.errors import ConfigError

if TYPE_CHECKING:
    from toolkit.config import TranslateConfig

_SPACE = re.compile(r"\s+")
_BUSY_TIMEOUT_S = 30.0
_CHUNK = 500  # SQLite host-parameter limit is 999 on old builds

_SCHEMA = """
CREATE TABLE IF NOT EXISTS memory (
    model TEXT NOT NULL,
    src TEXT NOT NULL,
    tgt TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    created REAL NOT NULL,
    PRIMARY KEY (model, src, tgt, source)
) WITHOUT ROWID
"""


def normalize(sentence: str) -> str:
    """The memory key of a sentence: NFC, whitespace runs collapsed, trimmed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", sentence)).strip()


def default_path(config: TranslateConfig) -> Path:
    """`translate.cache_path`, else ``<user cache dir>/toolkit/memory.sqlite3``."""
    if config.cache_path:
        return Path(config.cache_path).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("toolkit")) / "memory.sqlite3"


class TranslationMemory:
    """Look up and store sentence translations; counts hits and misses."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.hits = 0
        self.misses = 0
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Its `Translator` serializes calls, which may come from different threads.
            self._db = sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT_S, check_same_thread=False)
            self._db.execute(f"PRAGMA busy_timeout = {int(_BUSY_TIMEOUT_S * 1000)}")
            self._setup()
        except sqlite3.Error as exc:
            raise ConfigError(
                f"cannot open the translation memory {self.path}: {exc}",
                hint="set translate.cache_path, or use --no-cache",
            ) from exc
        except OSError as exc:
            raise ConfigError(
                f"cannot create the translation memory {self.path}: {exc.strerror or exc}",
                hint="set translate.cache_path, or use --no-cache",
            ) from exc

    def _setup(self) -> None:
        """Switch to WAL and create the table. Switching the journal mode needs a lock the
        busy timeout does not wait for, so two processes creating the file at the same
        moment retry here."""
        deadline = time.monotonic() + _BUSY_TIMEOUT_S
        while True:
            try:
                mode = self._db.execute("PRAGMA journal_mode").fetchone()[0]
                if mode != "wal":
                    self._db.execute("PRAGMA journal_mode = WAL")
                self._db.execute("PRAGMA synchronous = NORMAL")
                with self._db:
                    self._db.execute(_SCHEMA)
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def lookup(self, model: str, src: str, tgt: str, sentences: Sequence[str]) -> dict[str, str]:
        """Stored translations of `sentences` (by their original text)."""
        normalized = {s: normalize(s) for s in sentences if _storable(s)}
        unique = sorted(set(normalized.values()))
        stored: dict[str, str] = {}
        for i in range(0, len(unique), _CHUNK):
            chunk = unique[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                "SELECT source, target FROM memory WHERE model = ? AND src = ? AND tgt = ?"
                f" AND source IN ({marks})",
                (model, src, tgt, *chunk),
            )
            stored.update(rows)
        found = {s: stored[key] for s, key in normalized.items() if key in stored}
        self.hits += sum(1 for s in sentences if s in found)
        self.misses += sum(1 for s in sentences if s not in found)
        return found

    def store(self, model: str, src: str, tgt: str, pairs: Iterable[tuple[str, str]]) -> None:
        """Remember translations (source sentence, target sentence)."""
        now = time.time()
        rows = [
            (model, src, tgt, normalize(s), t, now)
            for s, t in pairs
            if _storable(s) and _storable(t)
        ]
        if not rows:
            return
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO memory (model, src, tgt, source, target, created)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                rows,
            )

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM memory").fetchone()[0]

    def close(self) -> None:
        self._db.close()


def _storable(text: str) -> bool:
    """Whether SQLite can hold `text` (not with lone surrogates: those are not cached)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
