"""A tqdm progress bar for batch runs (the CLI's `progress` callback).

The bar counts sentences (the unit of model work, so rate and ETA are meaningful) and
shows files done in its postfix. It is drawn on stderr, only when stderr is a terminal
and --quiet is not set, so scripts and logs never see it.
"""

from __future__ import annotations

import sys
from typing import Any

from toolkit.batch.report import Progress


class ProgressBar:
    """Callable progress sink; use as a context manager so the bar is closed."""

    def __init__(self, description: str, *, enabled: bool | None = None) -> None:
        self.description = description
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._bar: Any = None

    def __call__(self, event: Progress) -> None:
        if not self.enabled:
            return
        if self._bar is None:
            if event.files_total == 0:
                return
            from tqdm import tqdm

            self._bar = tqdm(
                total=event.sentences_total,
                desc=self.description,
                unit="sent",
                file=sys.stderr,
                dynamic_ncols=True,
                leave=False,
            )
        self._bar.n = event.sentences_done
        self._bar.set_postfix_str(f"files {event.files_done}/{event.files_total}", refresh=False)
        self._bar.refresh()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
