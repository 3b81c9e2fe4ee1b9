"""Reading glossary files (TSV, CSV, TOML) into a checked `Glossary`.

A newsroom keeps its glossary in version control, so the files are plain text:

TSV (``.tsv``, ``.tab``) or CSV (``.csv``): a header row naming the columns, then one
entry per row; lines starting with ``#`` and blank lines are skipped. Columns:
``term`` (required), ``lang`` (target language, or ``*``, the default: every language),
``rendering`` (empty: do not translate, the term comes out as written), ``notes``,
``case`` (``auto``, ``exact`` or ``ignore``) and ``from`` (source language, default ``*``)::

    term	lang	rendering	notes
    Resolute Support	*		NATO mission; never translated
    NATO	es	OTAN
    NATO	pt	OTAN

TOML (``.toml``): an array of ``[[term]]`` tables with the same keys, plus ``keep = true``
for do-not-translate and ``renderings = {es = "OTAN", fr = "OTAN"}`` for several languages.

Every problem is a `ConfigError` (exit code 7) naming the file and line: a missing or
unreadable file, a bad column, language code or case rule, an empty or over-long term,
and two entries that give one term different renderings (both lines named).
"""

from __future__ import annotations

import csv
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from toolkit.errors import ConfigError, UnsupportedLanguageError
from toolkit.glossary.match import MAX_TOKENS, tokens
from toolkit.glossary.model import ANY, CASES, Entry, Glossary

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

COLUMNS = ("term", "lang", "rendering", "notes", "case", "from")
TOML_KEYS = ("term", "lang", "rendering", "renderings", "keep", "notes", "case", "from")
MAX_TERM_CHARS = 500
MAX_FILE_BYTES = 50 * 1024 * 1024
_HINT = "fix the glossary file (see docs/glossary.md)"


def load_glossary(paths: Sequence[str | os.PathLike[str]]) -> Glossary:
    """The entries of every file in `paths`, in order, in one checked `Glossary`.

    Files are re-read only when they change (size or modification time); the same files
    give the same shared `Glossary` object, so callers must not add to it.
    """
    return _glossary(tuple(_identity(Path(path).expanduser()) for path in paths))


@lru_cache(maxsize=16)
def _glossary(files: tuple[tuple[str, int, int], ...]) -> Glossary:
    """One `Glossary` per set of unchanged files, shared (with its matchers) by every
    caller: a folder run checks each brief without rebuilding it."""
    glossary = Glossary()
    for identity in files:
        for entry in _read_cached(*identity):
            try:
                glossary.add(entry)
            except ValueError as exc:
                raise ConfigError(f"glossary: {exc}", hint=_HINT) from None
    return glossary


def _identity(path: Path) -> tuple[str, int, int]:
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise ConfigError(f"glossary file not found: {path}", hint=_HINT) from None
    except OSError as exc:
        raise ConfigError(f"cannot read glossary file {path}: {exc.strerror}") from None
    if not path.is_file():
        raise ConfigError(f"glossary file {path} is not a regular file", hint=_HINT)
    return str(path), stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=64)
def _read_cached(path: str, mtime_ns: int, size: int) -> tuple[Entry, ...]:
    return tuple(read_file(Path(path)))


def read_file(path: Path) -> list[Entry]:
    """The entries of one glossary file (format from its suffix)."""
    text = _read_text(path)
    suffix = path.suffix.lower()
    if suffix in (".tsv", ".tab"):
        return list(_rows(path, text, "\t"))
    if suffix == ".csv":
        return list(_rows(path, text, ","))
    if suffix == ".toml":
        return list(_toml(path, text))
    raise ConfigError(
        f"glossary file {path}: unknown format {suffix or '(no suffix)'!r}",
        hint="name it .tsv, .csv or .toml",
    )


def _read_text(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ConfigError(f"cannot read glossary file {path}: {exc.strerror}") from None
    if len(data) > MAX_FILE_BYTES:
        raise ConfigError(f"glossary file {path} is larger than {MAX_FILE_BYTES} bytes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ConfigError(f"{path}:{line}: not UTF-8", hint="save the glossary as UTF-8") from None


def _rows(path: Path, text: str, delimiter: str) -> Iterator[Entry]:
    lines = ["" if line.lstrip().startswith("#") else line for line in text.splitlines()]
    if delimiter == "\t":  # TSV: quotes are text
        reader = csv.reader(lines, delimiter=delimiter, quoting=csv.QUOTE_NONE, strict=True)
    else:
        reader = csv.reader(lines, delimiter=delimiter, strict=True)
    header: list[str] | None = None
    try:
        for row in reader:
            where = f"{path}:{reader.line_num}"
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = _header(row, where)
                continue
            if len(row) > len(header):
                raise ConfigError(
                    f"{where}: {len(row)} columns, the header has {len(header)}", hint=_HINT
                )
            values = dict(zip(header, (cell.strip() for cell in row), strict=False))
            rendering = values.get("rendering", "")
            yield _entry(values, where, rendering=rendering, keep=not rendering)
    except csv.Error as exc:
        raise ConfigError(f"{path}:{reader.line_num}: {exc}", hint=_HINT) from None


def _header(row: list[str], where: str) -> list[str]:
    header = [cell.strip().lower() for cell in row]
    unknown = [name for name in header if name not in COLUMNS]
    if unknown or "term" not in header or len(set(header)) != len(header):
        raise ConfigError(
            f"{where}: the first row must name the columns (term required; "
            f"known: {', '.join(COLUMNS)}), got {', '.join(row)!r}",
            hint=_HINT,
        )
    return header


def _toml(path: Path, text: str) -> Iterator[Entry]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}", hint=_HINT) from None
    extra = [key for key in data if key != "term"]
    if extra:
        raise ConfigError(f"{path}: unknown key {extra[0]!r}; entries are [[term]] tables")
    tables = data.get("term", [])
    if not isinstance(tables, list):
        raise ConfigError(f"{path}: term must be an array of tables ([[term]])", hint=_HINT)
    lines = [n for n, line in enumerate(text.splitlines(), 1) if line.strip() == "[[term]]"]
    for number, table in enumerate(tables):
        line = lines[number] if number < len(lines) else number + 1
        where = f"{path}:{line}"
        if not isinstance(table, Mapping):
            raise ConfigError(f"{where}: an entry must be a table", hint=_HINT)
        unknown = [key for key in table if key not in TOML_KEYS]
        if unknown:
            raise ConfigError(
                f"{where}: unknown key {unknown[0]!r} (known: {', '.join(TOML_KEYS)})", hint=_HINT
            )
        yield from _toml_entries(table, where)


def _toml_entries(table: Mapping[str, Any], where: str) -> Iterator[Entry]:
    values = {k: v for k, v in table.items() if k not in ("keep", "renderings")}
    for key, value in values.items():
        if not isinstance(value, str):
            raise ConfigError(f"{where}: {key} must be a string", hint=_HINT)
    keep = table.get("keep", False)
    if not isinstance(keep, bool):
        raise ConfigError(f"{where}: keep must be true or false", hint=_HINT)
    renderings = table.get("renderings", {})
    if not isinstance(renderings, Mapping) or not all(
        isinstance(v, str) for v in renderings.values()
    ):
        raise ConfigError(f"{where}: renderings must be a table of language = text", hint=_HINT)
    single = values.get("rendering", "")
    if keep and (single or renderings):
        raise ConfigError(f"{where}: keep = true and a rendering contradict", hint=_HINT)
    if not keep and not single and not renderings:
        raise ConfigError(f"{where}: give a rendering, renderings or keep = true", hint=_HINT)
    if renderings:
        if single or "lang" in values:
            raise ConfigError(f"{where}: use renderings or lang/rendering, not both", hint=_HINT)
        for lang, rendering in renderings.items():
            yield _entry({**values, "lang": lang}, where, rendering=rendering, keep=False)
    else:
        yield _entry(values, where, rendering=single, keep=keep)


def _entry(values: Mapping[str, str], where: str, *, rendering: str, keep: bool) -> Entry:
    """One checked `Entry`; a `ConfigError` naming `where` if a value is wrong."""
    term = " ".join(values.get("term", "").split())
    if not term:
        raise ConfigError(f"{where}: empty term", hint=_HINT)
    if len(term) > MAX_TERM_CHARS or len(tokens(term)) > MAX_TOKENS:
        raise ConfigError(
            f"{where}: term longer than {MAX_TERM_CHARS} characters or {MAX_TOKENS} words",
            hint=_HINT,
        )
    if not tokens(term):
        raise ConfigError(f"{where}: the term {term!r} has no letters or digits", hint=_HINT)
    if "\n" in rendering or "\r" in rendering:
        raise ConfigError(f"{where}: a rendering must be one line", hint=_HINT)
    case = values.get("case", "") or "auto"
    if case not in CASES:
        raise ConfigError(f"{where}: case must be {', '.join(CASES)}, not {case!r}", hint=_HINT)
    return Entry(
        term=term,
        lang=_language(values.get("lang", ""), where, "lang"),
        rendering=" ".join(rendering.split()),
        keep=keep,
        case=case,
        src=_language(values.get("from", ""), where, "from"),
        notes=values.get("notes", ""),
        where=where,
    )


def _language(code: str, where: str, column: str) -> str:
    code = code.strip()
    if code in ("", ANY):
        return ANY
    from toolkit.langs import normalize

    try:
        return normalize(code)
    except (UnsupportedLanguageError, TypeError) as exc:
        message = exc.message if isinstance(exc, UnsupportedLanguageError) else str(exc)
        raise ConfigError(f"{where}: bad {column} {code!r}: {message}", hint=_HINT) from None
