"""A tqdm progress bar for batch runs (the CLI's `progress` callback) that keeps moving.

The bar counts sentences (the unit of model work, so rate and ETA are meaningful) and
shows files done in its postfix. A folder run reports progress when a chunk of files
is translated and when each file is finished; one chunk can be a single long model
call, so the bar also polls a live counter (`Translator.stats.pieces_translated`, one
step per sentence batch out of the model) and redraws every `tick` seconds, which keeps
the count and the clock moving in between. The estimate is corrected by the next event
(sentences served from the translation memory count there). It is drawn on stderr, only
when stderr is a terminal and --quiet is not set, so scripts and logs never see it.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any

from toolkit.batch.report import Progress


class ProgressBar:
    """Callable progress sink; use as a context manager so the bar and its clock stop.

    `live` returns a count that grows with model work (sentence pieces translated);
    the bar adds its growth since the last event to that event's count.
    """

    def __init__(
        self,
        description: str,
        *,
        enabled: bool | None = None,
        live: Callable[[], int] | None = None,
        tick: float = 0.25,
    ) -> None:
        self.description = description
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.live = live
        self.tick = tick
        self._bar: Any = None
        self._event: Progress | None = None
        self._live_at_event = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._clock: threading.Thread | None = None

    def __call__(self, event: Progress) -> None:
        if not self.enabled:
            return
        with self._lock:
            self._event = event
            self._live_at_event = self._live()
            if self._bar is None:
                if event.files_total == 0:
                    return
                self._open(event)
            self._draw()

    def _open(self, event: Progress) -> None:
        from tqdm import tqdm

        self._bar = tqdm(
            total=event.sentences_total,
            desc=self.description,
            unit="sent",
            file=sys.stderr,
            dynamic_ncols=True,
            leave=False,
            mininterval=0,
        )
        self._clock = threading.Thread(target=self._run_clock, name="progress", daemon=True)
        self._clock.start()

    def _live(self) -> int:
        return self.live() if self.live is not None else 0

    def _draw(self) -> None:
        """Redraw: the last event's counts plus the live work done since (capped)."""
        event = self._event
        if self._bar is None or event is None:
            return
        done = event.sentences_done + max(0, self._live() - self._live_at_event)
        self._bar.n = min(done, event.sentences_total)
        self._bar.set_postfix_str(f"files {event.files_done}/{event.files_total}", refresh=False)
        self._bar.refresh()

    def _run_clock(self) -> None:
        while not self._stop.wait(self.tick):
            with self._lock:
                self._draw()

    def close(self) -> None:
        self._stop.set()
        if self._clock is not None:
            self._clock.join()
            self._clock = None
        with self._lock:
            if self._bar is not None:
                self._bar.close()
                self._bar = None

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
