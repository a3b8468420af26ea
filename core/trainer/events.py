"""The event protocol (version 1): its one definition, shared by the trainer and the app.

Types, error kinds, the stdout prefix, the constructor (``make_event``, ``error_event``) and the
writers live here; ``core.events`` imports them and only reads and folds events. This module
imports nothing from ``core`` outside ``core/trainer``, because the trainer runs without ``core``.

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
TYPES = frozenset({"start", "phase", "step", "eval", "checkpoint", "export", "done", "error"})
ERROR_KINDS = frozenset({"data", "oom", "cuda", "interrupted", "internal"})
DURABLE_TYPES = frozenset({"checkpoint", "done", "error", "export"})  # fsync'd: outcomes must survive


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


def make_event(type_: str, seq: int | None = None, ts: float | None = None, **fields: Any) -> dict[str, Any]:
    """One event as the protocol spells it: ``v``, ``type``, ``ts`` (now unless given), ``seq`` when
    given, then ``fields`` (NaN/inf as null)."""
    if type_ not in TYPES:
        raise ValueError(f"unknown event type {type_!r}: the protocol knows {', '.join(sorted(TYPES))}")
    event: dict[str, Any] = {"v": VERSION, "type": type_, "ts": round(time.time() if ts is None else ts, 3)}
    if seq is not None:
        event["seq"] = seq
    event.update(_clean(fields))
    return event


def error_event(seq: int, kind: str, message: str, hint: str, **extra: Any) -> dict[str, Any]:
    """An ``error`` event; ``kind`` is one of ERROR_KINDS (the app picks its words and state by it)."""
    if kind not in ERROR_KINDS:
        raise ValueError(f"unknown error kind {kind!r}: the protocol knows {', '.join(sorted(ERROR_KINDS))}")
    return make_event("error", seq, kind=kind, message=message, hint=hint, **extra)


def encode(event: dict[str, Any]) -> str:
    """The one-line JSON form of an event (the same in events.jsonl and after the stdout prefix)."""
    return json.dumps(event, ensure_ascii=False, separators=(",", ":"))


def format_line(event: dict[str, Any]) -> str:
    """The stdout form of an event."""
    return PREFIX + encode(event)


def append_event(path: Path, event: dict[str, Any]) -> None:
    """Append one event to an events file written by someone else (the app recording an outcome
    the trainer could not): on a fresh line even after a torn one, fsync'd when it is an outcome."""
    torn = path.exists() and path.stat().st_size > 0 and not _ends_with_newline(path)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(("\n" if torn else "") + encode(event) + "\n")
        fh.flush()
        if event.get("type") in DURABLE_TYPES:
            os.fsync(fh.fileno())


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
        if not self.enabled:
            return make_event(type_)
        self.seq += 1
        seq = fields.pop("seq", self.seq)  # a given seq is kept (tests writing recorded runs)
        event = make_event(type_, seq, **fields)
        line = encode(event)
        if self._fh is not None:
            self._fh.write(line + "\n")
            self._fh.flush()
            if type_ in DURABLE_TYPES:
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
