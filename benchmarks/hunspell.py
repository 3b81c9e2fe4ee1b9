"""Ask hunspell which words a dictionary accepts (for the word-list builds of detection).

The dictionaries are Debian's hunspell-* packages (`/usr/share/hunspell`, or `apt-get
download` + `dpkg -x` where no root is at hand); the `hunspell` command must be on PATH.
"""

from __future__ import annotations

import argparse
import subprocess
from collections.abc import Iterable
from pathlib import Path


def accepted(dictionaries: Iterable[Path], words: Iterable[str]) -> set[str]:
    """The `words` at least one of `dictionaries` (paths without .dic/.aff) accepts."""
    text = "".join(f"{word}\n" for word in words)
    found: set[str] = set()
    for dictionary in dictionaries:
        run = subprocess.run(
            ["hunspell", "-i", "utf-8", "-d", str(dictionary), "-G"],
            input=text,
            check=True,
            capture_output=True,
            text=True,
            encoding="utf-8",
        )
        found.update(run.stdout.split())
    return found


def add_folder_argument(parser: argparse.ArgumentParser, dictionaries: Iterable[str]) -> None:
    """Give `parser` the required `--hunspell DIR`: the folder of `dictionaries`' .dic/.aff."""
    parser.add_argument(
        "--hunspell",
        type=Path,
        required=True,
        help=f"folder with the {', '.join(dictionaries)} .dic/.aff (Debian's hunspell-* packages)",
    )
