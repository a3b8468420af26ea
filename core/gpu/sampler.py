"""Sampling on a worker thread at a chosen rate; each frame goes to history, recording and a callback."""

from __future__ import annotations

import collections
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from core.gpu.alerts import Alert, AlertMonitor, training_runs_by_gpu
from core.gpu.attribution import AttributedProcess, Attributor
from core.gpu.history import DEFAULT_CAPACITY, History
from core.gpu.model import Snapshot
from core.gpu.replay import save_trace
from core.gpu.source import GpuSource

MIN_HZ, MAX_HZ = 0.5, 10.0


@dataclass
class Frame:
    """What one sampling round produced."""

    snapshot: Snapshot
    processes: list[AttributedProcess] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)
    sample_s: float = 0.0  # time the source took


def clamp_rate(hz: float) -> float:
    """The sampling rate, kept within 0.5-10 Hz."""
    return min(MAX_HZ, max(MIN_HZ, float(hz)))


class Sampler:
    """Reads a source on its own thread; `on_frame` and `on_error` are called on that thread."""

    def __init__(
        self,
        source: GpuSource,
        rate_hz: float = 2.0,
        history: History | None = None,
        attributor: Attributor | None = None,
        alerts: AlertMonitor | None = None,
        on_frame: Callable[[Frame], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        record_limit: int = DEFAULT_CAPACITY,
    ):
        self.source = source
        self.rate_hz = clamp_rate(rate_hz)
        self.history = history if history is not None else History()
        self.attributor = attributor
        self.alerts = alerts if alerts is not None else AlertMonitor()
        self.on_frame = on_frame
        self.on_error = on_error
        self.recording: collections.deque[Snapshot] = collections.deque(maxlen=record_limit)
        self.recording_enabled = False
        self.last: Frame | None = None
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def set_rate(self, hz: float) -> None:
        """Change the rate; takes effect at once."""
        self.rate_hz = clamp_rate(hz)
        self._wake.set()

    def sample_once(self) -> Frame:
        """One round on the calling thread: read, attribute, alert, store."""
        t0 = time.perf_counter()
        snap = self.source.sample()
        took = time.perf_counter() - t0
        procs = self.attributor.attribute(snap) if self.attributor else []
        alerts = self.alerts.update(snap, training_runs_by_gpu(procs))
        self.history.append(snap)
        if self.recording_enabled:
            self.recording.append(snap)
        frame = Frame(snap, procs, alerts, took)
        self.last = frame
        return frame

    def _loop(self) -> None:
        next_at = time.monotonic()
        while not self._stop.is_set():
            try:
                frame = self.sample_once()
            except Exception as exc:  # a lost GPU or a failed nvidia-smi: report, keep trying
                if not self._deliver(self.on_error, str(exc)):
                    return
            else:
                if not self._deliver(self.on_frame, frame):
                    return
            period = 1.0 / self.rate_hz
            next_at = max(next_at + period, time.monotonic())  # no burst to catch up after a stall
            self._wake.clear()
            self._wake.wait(max(0.0, next_at - time.monotonic()))

    def _deliver(self, callback, value) -> bool:
        """Call a callback; False (stop sampling) when it fails, e.g. its window was closed."""
        if callback is None:
            return True
        try:
            callback(value)
        except Exception:  # the receiver is gone (a deleted Qt object): nobody is watching any more
            self._stop.set()
            return False
        return True

    def start(self) -> None:
        """Start the worker thread (no-op when running)."""
        if self._thread and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="gpu-sampler", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        """Stop the thread and wait for it."""
        self._stop.set()
        self._wake.set()
        if self._thread:
            self._thread.join(timeout)
            self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def save_recording(self, path: str | Path) -> int:
        """Write the recorded snapshots as a replayable trace; returns how many."""
        snaps = list(self.recording)
        save_trace(snaps, path, {"source": getattr(self.source, "name", ""), "rate_hz": self.rate_hz})
        return len(snaps)
