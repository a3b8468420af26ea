"""Follow a run live: a plain thread tails its folder, a GUI timer hands out batches.

The follower thread (no Qt) polls ``events.jsonl`` and ``train.log`` through
``core.runs.RunFollower`` and appends into bounded buffers. A QTimer on the GUI thread drains
them at a fixed rate and emits one batch per tick, so a flood of log lines costs the GUI one
text append per tick, whatever the rate of lines.
"""

from __future__ import annotations

import threading
import time
from collections import deque

from PySide6.QtCore import QObject, QTimer, Signal

from core.events import Event
from core.runs import Run, RunFollower, run_status


class RunWatcher(QObject):
    """Emits ``events`` (list[Event]) and ``log`` (list[str], skipped) batches, then ``ended`` (status)."""

    events = Signal(list)
    log = Signal(list, int)
    ended = Signal(str)

    def __init__(self, run: Run, is_running=None, interval_ms: int = 100, max_log: int = 5000,
                 poll_s: float = 0.1, parent: QObject | None = None):
        super().__init__(parent)
        self.run = run
        self._is_running = is_running or (lambda: run_status(run) == "running")
        self._lock = threading.Lock()
        self._events: list[Event] = []
        self._log: deque[str] = deque(maxlen=max_log)
        self._skipped = 0
        self._finished = False
        self._stop = threading.Event()
        self._poll_s = poll_s
        self._thread = threading.Thread(target=self._follow, name=f"follow-{run.id}", daemon=True)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.flush)
        self._ended_sent = False

    def start(self) -> None:
        """Start following (replays what the folder already holds first)."""
        self._thread.start()
        self.timer.start()

    def stop(self) -> None:
        """Stop following (the run itself goes on)."""
        self._stop.set()
        self.timer.stop()

    def _follow(self) -> None:
        follower = RunFollower(self.run)
        last_check = 0.0
        alive = True
        while not self._stop.is_set():
            now = time.monotonic()
            if now - last_check > 0.5:  # a status check reads files: not every poll
                alive = self._is_running()
                last_check = now
            got_events = follower.poll_events()
            got_log = follower.poll_log()
            if got_events or got_log:
                with self._lock:
                    self._events.extend(got_events)
                    overflow = len(self._log) + len(got_log) - (self._log.maxlen or 0)
                    if overflow > 0:
                        self._skipped += overflow
                    self._log.extend(got_log)
            elif not alive:
                break
            else:
                self._stop.wait(self._poll_s)
        with self._lock:
            self._finished = True

    def flush(self) -> None:
        """Hand out what arrived since the last tick (GUI thread)."""
        with self._lock:
            events, self._events = self._events, []
            lines = list(self._log)
            self._log.clear()
            skipped, self._skipped = self._skipped, 0
            finished = self._finished
        if events:
            self.events.emit(events)
        if lines or skipped:
            self.log.emit(lines, skipped)
        if finished and not self._ended_sent:
            self._ended_sent = True
            self.timer.stop()
            self.ended.emit(run_status(self.run))
