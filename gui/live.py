"""Follow a run live: a plain thread tails its folder, a GUI timer hands out batches.

The follower thread (no Qt) polls ``events.jsonl`` and ``train.log`` through
``core.runs.RunFollower`` (whose log tail reads at most a window per poll) and appends into
bounded buffers. A QTimer on the GUI thread drains
them at a fixed rate and emits one batch per tick, so a flood of log lines costs the GUI one
text append per tick, whatever the rate of lines.
"""

from __future__ import annotations

import threading
import time
from collections import deque

from PySide6.QtCore import QObject, QTimer, Signal

from core.events import Event, RunHistory
from core.runs import Run, RunFollower, run_status

LOG_WINDOW = 128 * 1024  # bytes of train.log read per poll at most: a flood costs the same as a trickle


class RunWatcher(QObject):
    """Emits ``events`` (list[Event]) and ``log`` (list[str], skipped) batches, then ``ended`` (status).

    At most ``max_log`` lines are handed over per tick (the newest); under a flood the rest are
    counted and the console says so: nobody reads 10,000 lines a second, and train.log has them all.
    """

    events = Signal(list)
    log = Signal(list, int)
    ended = Signal(str)

    def __init__(self, run: Run, is_running=None, interval_ms: int = 100, max_log: int = 500,
                 poll_s: float = 0.1, parent: QObject | None = None):
        super().__init__(parent)
        self.run = run
        # the follower's own history answers "still running?": no re-reading events.jsonl every check
        self._history = RunHistory()
        self._is_running = is_running or (lambda: run_status(run, self._history) == "running")
        self._lock = threading.Lock()
        self._events: list[Event] = []
        self._log: deque[str] = deque(maxlen=max_log)
        self._skipped = 0
        self._finished = False
        self._status = "stopped"
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
        complete = False
        try:
            self._follow_loop()
            complete = True
        finally:  # whatever happened, the page learns that following ended, with the status found here
            status = "stopped"
            try:  # the end status is worked out on this thread: a long history never blocks the GUI
                status = run_status(self.run, self._history if complete else None)
            except Exception:  # noqa: BLE001 - an unreadable folder reads as stopped
                pass
            with self._lock:
                self._status = status
                self._finished = True

    def _follow_loop(self) -> None:
        follower = RunFollower(self.run, log_window=LOG_WINDOW)
        last_check = 0.0
        alive = True
        while not self._stop.is_set():
            now = time.monotonic()
            if now - last_check > 0.5:  # a status check reads files: not every poll
                alive = self._is_running()
                last_check = now
            got_events = follower.poll_events()
            for event in got_events:
                self._history.add(event)
            got_log, skipped = follower.poll_log_counted()
            if got_events or got_log or skipped:
                with self._lock:
                    self._events.extend(got_events)
                    overflow = len(self._log) + len(got_log) - (self._log.maxlen or 0)
                    self._skipped += skipped + max(0, overflow)
                    self._log.extend(got_log)
            elif not alive:
                break
            # a fixed poll rate, busy or not: the follower never hogs the interpreter
            self._stop.wait(self._poll_s)

    def flush(self) -> None:
        """Hand out what arrived since the last tick (GUI thread)."""
        with self._lock:
            events, self._events = self._events, []
            lines = list(self._log)
            self._log.clear()
            skipped, self._skipped = self._skipped, 0
            finished, status = self._finished, self._status
        if events:
            self.events.emit(events)
        if lines or skipped:
            self.log.emit(lines, skipped)
        if finished and not self._ended_sent:
            self._ended_sent = True
            self.timer.stop()
            self.ended.emit(status)
