"""The trainer's own writer of protocol-v1 events (it must not import ``core.events``).

Each event goes to ``<run>/events.jsonl`` (appended and flushed) and to stdout as one
``PDK_EVENT {json}`` line. ``seq`` continues from the highest one already in the file, so a
resumed run never repeats or skips a number. Only rank 0 writes; other ranks get a silent writer.
"""

from __future__ import annotations

import json
import math
import os
import sys
import time
from pathlib import Path
from typing import Any, TextIO

VERSION = 1
PREFIX = "PDK_EVENT "


def read_event_objects(path: Path) -> list[dict[str, Any]]:
    """Every JSON object in an events file, in order; junk and torn lines are skipped."""
    found: list[dict[str, Any]] = []
    try:
        with path.open("r", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                try:
                    obj = json.loads(line)
                except ValueError:
                    continue
                if isinstance(obj, dict):
                    found.append(obj)
    except FileNotFoundError:
        pass
    return found


def last_seq(path: Path) -> int:
    """The highest ``seq`` in an events file (0 when missing)."""
    return max((obj["seq"] for obj in read_event_objects(path) if isinstance(obj.get("seq"), int)), default=0)


def _clean(value: Any) -> Any:
    """JSON has no NaN/inf: send them as null so every reader can parse the line."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


class EventWriter:
    """Appends events to the run's events.jsonl and echoes them on stdout."""

    def __init__(self, path: Path | None, enabled: bool = True, stdout: TextIO | None = None):
        self.path = path
        self.enabled = enabled
        self.stdout = stdout or sys.stdout
        self.seq = last_seq(path) if enabled and path is not None else 0
        self._fh: TextIO | None = None
        # the run folder is made by the app; if it is missing (a wrong --job path) print only
        if enabled and path is not None and path.parent.is_dir():
            torn = path.exists() and path.stat().st_size > 0 and not _ends_with_newline(path)
            self._fh = path.open("a", encoding="utf-8")
            if torn:  # a hard kill cut the last line: start ours on a fresh one
                self._fh.write("\n")

    def emit(self, type_: str, **fields: Any) -> dict[str, Any]:
        """Write one event and return it (a no-op on ranks other than 0)."""
        event: dict[str, Any] = {"v": VERSION, "type": type_, "ts": round(time.time(), 3)}
        if not self.enabled:
            return event
        self.seq += 1
        event["seq"] = self.seq
        event.update(_clean(fields))
        line = json.dumps(event, ensure_ascii=False, separators=(",", ":"))
        if self._fh is not None:
            self._fh.write(line + "\n")
            self._fh.flush()
            if type_ in ("checkpoint", "done", "error", "export"):
                os.fsync(self._fh.fileno())  # outcomes must survive a power cut or a hard kill
        self.say(PREFIX + line)
        return event

    def say(self, text: str) -> None:
        """Print a line for humans (and the runner's log) on rank 0."""
        if self.enabled:
            print(text, file=self.stdout, flush=True)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as fh:
        fh.seek(-1, os.SEEK_END)
        return fh.read(1) == b"\n"
