"""The event protocol (version 1) between the trainer and the app.

The trainer appends one JSON object per line to ``runs/<id>/events.jsonl`` and prints the same
object on stdout as ``PDK_EVENT {json}``. Every event has ``v``, ``type``, ``ts`` and ``seq``
(1, 2, 3 ... within a run, continued across resumes), which lets a reader that reattaches skip
what it already has. Unknown fields are ignored and unknown types are kept as raw log lines,
so old apps read new trainers.

Types: start, phase, step, eval, checkpoint, export, done, error. The protocol itself (types,
kinds, prefix, constructor, writers) is defined once in ``core/trainer/events.py``, which the
trainer can import without ``core``; this module only reads and folds events.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.trainer.events import ERROR_KINDS, PREFIX, VERSION, format_line  # noqa: F401 - re-exported
from core.trainer.events import TYPES as KNOWN_TYPES


@dataclass(frozen=True)
class Event:
    """One parsed event; ``data`` holds every field, including v/type/ts/seq."""

    type: str
    data: dict[str, Any]

    @property
    def seq(self) -> int:
        return int(self.data.get("seq", 0))

    @property
    def ts(self) -> float:
        return float(self.data.get("ts", 0.0))

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


def parse_json(text: str) -> Event | None:
    """Parse one JSON object as an event; None for junk or an unknown type (keep it as a raw line)."""
    try:
        obj = json.loads(text)
    except (json.JSONDecodeError, ValueError):
        return None
    if not isinstance(obj, dict) or obj.get("type") not in KNOWN_TYPES:
        return None
    if not isinstance(obj.get("v", VERSION), int):
        return None
    seq = obj.get("seq", 0)
    if not isinstance(seq, int) or isinstance(seq, bool):  # a damaged line, not an event to order by
        return None
    return Event(obj["type"], obj)


def parse_line(line: str) -> Event | None:
    """Parse a stdout line: an event when it carries the ``PDK_EVENT`` prefix, else None (raw log)."""
    idx = line.find(PREFIX)
    if idx < 0:
        return None
    return parse_json(line[idx + len(PREFIX):].strip())


def read_events(path: str | Path) -> list[Event]:
    """Every event in an ``events.jsonl`` file, in order, tolerant of a torn last line and junk."""
    p = Path(path)
    if not p.exists():
        return []
    with p.open("r", encoding="utf-8", errors="replace") as fh:
        return list(_parse_lines(fh))


def _parse_lines(lines: Iterable[str]) -> Iterator[Event]:
    for line in lines:
        line = line.strip()
        if line:
            event = parse_json(line)
            if event is not None:
                yield event


@dataclass
class RunHistory:
    """A run's curves and outcome, rebuilt from its events (the GUI charts and `runs show` use it)."""

    start: dict[str, Any] | None = None
    steps: list[dict[str, Any]] = field(default_factory=list)
    evals: list[dict[str, Any]] = field(default_factory=list)
    checkpoints: list[dict[str, Any]] = field(default_factory=list)
    export: dict[str, Any] | None = None
    done: dict[str, Any] | None = None
    error: dict[str, Any] | None = None
    export_error: dict[str, Any] | None = None  # the last failed "export again"
    phase: str = ""
    last_seq: int = 0
    # [begin, end] of each trainer process's part of the run (resumes add parts); the last one is
    # open while no done/error closed it. A run's duration is the sum of the parts.
    segments: list[list[float]] = field(default_factory=list)
    segment_open: bool = False
    _pending_begin: float | None = None  # a "preparing" phase seen before its start event

    def add(self, event: Event) -> bool:
        """Fold one event in; False when it was already seen (same or lower seq)."""
        if event.seq and event.seq <= self.last_seq:
            return False
        self.last_seq = max(self.last_seq, event.seq)
        d = event.data
        self._time(event)
        if event.type == "start":
            self.start = d
            # a resume after a hard kill redoes the steps after its checkpoint: keep one copy
            resumed = d.get("resumed_from_step")
            if isinstance(resumed, int):
                self.steps = [s for s in self.steps if _as_int(s.get("step")) <= resumed]
                self.evals = [e for e in self.evals if _as_int(e.get("step")) <= resumed]
            # a resumed run starts again: its later error/done replaces the earlier outcome
            self.error = None
            self.done = None
        elif event.type == "phase":
            self.phase = str(d.get("phase", ""))
        elif event.type == "step":
            self.steps.append(d)
        elif event.type == "eval":
            self.evals.append(d)
        elif event.type == "checkpoint":
            self.checkpoints.append(d)
        elif event.type == "export":
            self.export = d
            if d.get("export_only"):  # "export again" leaves the run as it was
                self.phase = self._outcome_phase()
        elif event.type == "error" and d.get("export_only"):
            self.export_error = d
            self.phase = self._outcome_phase()
        elif event.type == "done":
            self.done = d
            self.phase = "finished"
        elif event.type == "error":
            self.error = d
            self.phase = "stopped" if d.get("kind") == "interrupted" else "failed"
        return True

    def _time(self, event: Event) -> None:
        """Fold ``event``'s time into the segments (see :meth:`duration_s`)."""
        ts, d = event.ts, event.data
        if ts <= 0 or d.get("export_only"):  # an "export again" is not training time
            return
        if event.type == "start":
            begin = self._pending_begin if self._pending_begin is not None else ts
            self.segments.append([begin, ts])
            self.segment_open = True
            self._pending_begin = None
        elif event.type == "phase" and d.get("phase") == "preparing" and not self.segment_open:
            self._pending_begin = ts  # the trainer's start-up (reading data) belongs to its part
        elif self.segment_open:
            # an end the app recorded for a trainer that vanished (it carries the log's tail) may be
            # written long after: the part ends at the trainer's own last event
            if not (event.type == "error" and "log_tail" in d):
                self.segments[-1][1] = max(self.segments[-1][1], ts)
            if event.type in ("done", "error"):
                self.segment_open = False

    def duration_s(self, now: float | None = None) -> float | None:
        """Seconds of training over every part; with ``now`` (a running run) the open part lasts to now."""
        if not self.segments:
            return None
        total = sum(end - begin for begin, end in self.segments)
        if now is not None and self.segment_open:
            total += max(0.0, now - self.segments[-1][1])
        return total

    def _outcome_phase(self) -> str:
        if self.done is not None:
            return "finished"
        if self.error is not None:
            return "stopped" if self.error.get("kind") == "interrupted" else "failed"
        return self.phase

    @classmethod
    def from_events(cls, events: Iterable[Event]) -> RunHistory:
        history = cls()
        for event in events:
            history.add(event)
        return history

    @classmethod
    def from_file(cls, path: str | Path) -> RunHistory:
        return cls.from_events(read_events(path))

    @property
    def total_steps(self) -> int:
        return _as_int((self.start or {}).get("total_steps"))

    @property
    def last_step(self) -> int:
        return _as_int(self.steps[-1].get("step")) if self.steps else 0

    def best_eval(self, metric: str = "accuracy") -> dict[str, Any] | None:
        scored = [e for e in self.evals if isinstance(e.get(metric), (int, float))]
        return max(scored, key=lambda e: e[metric]) if scored else None


def _as_int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
