"""API keys for `toolkit serve`, kept in SQLite and managed with `toolkit keys`."""

from __future__ import annotations

import secrets
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import InputError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS api_keys (
    key TEXT PRIMARY KEY,
    req_limit INTEGER NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT '',
    created REAL NOT NULL
)
"""


@dataclass(frozen=True)
class ApiKey:
    """One key: its secret, its own requests-per-minute limit (0: the server's) and a note."""

    key: str
    req_limit: int
    note: str
    created: float


def default_path() -> Path:
    """`<user data dir>/toolkit/keys.sqlite3`."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("toolkit", appauthor=False)) / "keys.sqlite3"


class KeyStore:
    """The key database; every call opens its own connection, so threads may share it."""

    def __init__(self, path: str | Path = "") -> None:
        self.path = Path(path).expanduser() if path else default_path()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=5)
        connection.execute(_SCHEMA)
        return connection

    def add(self, req_limit: int = 0, note: str = "") -> ApiKey:
        """Make and store a new random key."""
        if req_limit < 0:
            raise InputError(f"bad --limit {req_limit}: requests per minute must be >= 0")
        key = ApiKey(secrets.token_urlsafe(24), req_limit, note, time.time())
        with self._connect() as db:
            db.execute(
                "INSERT INTO api_keys VALUES (?, ?, ?, ?)",
                (key.key, key.req_limit, key.note, key.created),
            )
        return key

    def get(self, key: str) -> ApiKey | None:
        """The stored key, or None."""
        with self._connect() as db:
            row = db.execute("SELECT * FROM api_keys WHERE key = ?", (key,)).fetchone()
        return ApiKey(*row) if row else None

    def list(self) -> list[ApiKey]:
        """Every key, oldest first."""
        with self._connect() as db:
            rows = db.execute("SELECT * FROM api_keys ORDER BY created").fetchall()
        return [ApiKey(*row) for row in rows]

    def remove(self, key: str) -> bool:
        """Delete a key; False when there was none."""
        with self._connect() as db:
            return db.execute("DELETE FROM api_keys WHERE key = ?", (key,)).rowcount > 0
