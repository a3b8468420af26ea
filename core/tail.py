"""Reading what a growing file gained since the last look: the run folder's events.jsonl and train.log."""

from __future__ import annotations

import os
from pathlib import Path


class LineTail:
    """The whole lines appended to a file since the last read; a torn last line waits for its newline.

    With ``window`` (bytes), a read takes at most the newest ``window`` bytes: under a flood of log
    lines only the newest can be shown anyway, so older ones are skipped and counted, and the work per
    read (and the time a follower thread holds the GIL) stays bounded. Events are read without one.
    A file that shrank (a resume rewrote it) is read again from its start.
    """

    def __init__(self, path: Path, window: int | None = None):
        self.path = Path(path)
        self.window = window
        self._pos = 0
        self._partial = b""

    def read_lines(self) -> list[str]:
        """New complete lines (decoded, without their newline)."""
        return self.read_counted()[0]

    def read_counted(self) -> tuple[list[str], int]:
        """(new complete lines, how many older lines were skipped to stay within the window)."""
        try:
            size = os.stat(self.path).st_size
        except FileNotFoundError:
            return [], 0
        if size < self._pos:  # truncated: start over
            self._pos, self._partial = 0, b""
        if size == self._pos:
            return [], 0
        skipped = 0
        with open(self.path, "rb") as fh:
            if self.window is not None and size - self._pos > self.window:
                skipped = _count_newlines(fh, self._pos, size - self.window)
                self._partial, self._pos = b"", size - self.window
            fh.seek(self._pos)
            data = fh.read(size - self._pos)
        self._pos += len(data)
        lines = (self._partial + data).split(b"\n")
        self._partial = lines.pop()  # an incomplete last line waits for its newline
        if skipped and lines:
            lines.pop(0)  # the cut-off line the window started in is skipped too
            skipped += 1
        return [raw.decode("utf-8", errors="replace") for raw in lines], skipped


def _count_newlines(fh, start: int, end: int) -> int:
    fh.seek(start)
    count, remaining = 0, end - start
    while remaining > 0:
        chunk = fh.read(min(remaining, 1 << 20))
        if not chunk:
            break
        count += chunk.count(b"\n")
        remaining -= len(chunk)
    return count
