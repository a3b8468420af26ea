"""A one-line progress bar for the terminal (plain lines when the output is not one)."""

from __future__ import annotations

import sys
import time

from core.formatting import eta_seconds, format_clock


class ProgressBar:
    """A one-line progress bar with ETA on a terminal; plain lines every 10 % elsewhere."""

    def __init__(self, label: str, stream=None):
        self.label = label
        self.stream = stream or sys.stdout
        self.tty = self.stream.isatty()
        self._last_tenth = -1
        self._open = False
        self._start = time.monotonic()

    def update(self, done: int, total: int, extra: str = "", eta: float | None = None) -> None:
        frac = done / total if total else 0.0
        if eta is None:  # the trainer gives its own; a pull or a prediction goes by the pace so far
            eta = eta_seconds(done, total, time.monotonic() - self._start)
        eta_text = f"ETA {format_clock(eta)}" if eta is not None else ""
        if self.tty:
            filled = int(frac * 30)
            line = f"\r{self.label} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total} {eta_text}  {extra}"
            self.stream.write(line[:160].ljust(100))
            self.stream.flush()
            self._open = True
        elif int(frac * 10) > self._last_tenth:
            self._last_tenth = int(frac * 10)
            print(f"{self.label} {frac:4.0%} {done}/{total} {eta_text}  {extra}", file=self.stream, flush=True)

    def note(self, text: str) -> None:
        if self._open:
            self.stream.write("\n")
            self._open = False
        print(text, file=self.stream, flush=True)

    def finish(self) -> None:
        if self._open:
            self.stream.write("\n")
            self._open = False


