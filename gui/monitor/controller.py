"""The Qt side of the sampler: starts core.gpu.Sampler off the GUI thread and hands frames over.

The source is opened on a worker thread (nvidia-smi -L can take a while), and so is the Docker
engine that container runs are attributed through (connecting can take seconds); sampling runs on the
sampler's own thread, and at most one frame waits in the GUI queue: if the GUI is slow it gets
the newest frame, never a backlog.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from core.gpu import (
    AlertMonitor,
    AlertRules,
    Attributor,
    Frame,
    GpuSource,
    History,
    NoGpuError,
    Sampler,
    clamp_rate,
    open_source,
)


class SamplerController(QObject):
    """Owns the GPU source, sampler, history and alerts; emits frames on the GUI thread."""

    frame = Signal(object)  # core.gpu.Frame
    noGpu = Signal(str)  # why there is nothing to show, with a hint
    error = Signal(str)  # a sampling error (the sampler keeps trying)
    alertsChanged = Signal(list)  # list[core.gpu.Alert], when the set of active alerts changes
    sourceReady = Signal(str)  # the source's name once it is open
    _arrived = Signal()
    _opened = Signal(object)

    def __init__(
        self,
        source: GpuSource | None = None,
        kind: str = "auto",
        trace: str | None = None,
        rate_hz: float = 2.0,
        workspace: Any = None,
        docker_client: Any = None,
        docker_engine: bool = False,
        rules: AlertRules | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._source = source
        self._kind, self._trace = kind, trace
        self.rate_hz = clamp_rate(rate_hz)
        self.history = History()
        self.alerts = AlertMonitor(rules)
        self.attributor = (Attributor(workspace, docker_client)
                           if (workspace or docker_client or docker_engine) else None)
        self._docker_engine = docker_engine and docker_client is None  # connect on the worker
        self.sampler: Sampler | None = None
        self.latest: Frame | None = None
        self.no_gpu_reason = ""
        self.no_gpu_error: NoGpuError | None = None
        self._pending: Frame | None = None
        self._lock = threading.Lock()
        self._alert_keys: tuple = ()
        self._stopped = False
        self._opened_here = False
        self._arrived.connect(self._deliver)
        self._opened.connect(self._start_sampler)

    @property
    def replaying(self) -> bool:
        """Whether this controller plays a recorded trace back instead of reading this computer's GPUs."""
        return self._kind == "replay" or bool(self._trace)

    @property
    def source_name(self) -> str:
        return getattr(self._source, "name", "")

    def start(self) -> None:
        """Open the source (off the GUI thread) and start sampling."""
        self._stopped = False
        if self._docker_engine:
            self._docker_engine = False
            threading.Thread(target=self._connect_docker, name="docker-connect", daemon=True).start()
        if self.sampler is not None:
            self.sampler.start()
            return
        if self._source is not None:
            self._start_sampler(self._source)
            return
        threading.Thread(target=self._open, name="gpu-open", daemon=True).start()

    def _open(self) -> None:
        try:
            source = open_source(self._kind, self._trace)
        except NoGpuError as exc:
            self._opened.emit(exc)
        except Exception as exc:  # a broken trace file, say: shown as the reason
            self._opened.emit(NoGpuError(str(exc), QCoreApplication.translate("SamplerController",
                                                                          "check the file or the driver")))
        else:
            self._opened.emit(source)

    def _connect_docker(self) -> None:  # worker thread: the attributor uses the client once it is there
        from core.docker.engine import connect
        from core.runners.base import RunnerError

        try:
            client = connect(timeout=2)
        except RunnerError:  # no engine is normal: local runs are still attributed
            return
        if self.attributor is not None:
            self.attributor.docker = client

    @Slot(object)
    def _start_sampler(self, source: object) -> None:
        if isinstance(source, NoGpuError):
            from gui.core_texts import no_gpu_details, render

            self.no_gpu_error = source
            # no GPU on this computer: the reasons are technical, kept for a Details tooltip;
            # a replayed trace that cannot be read: its reason is the message
            self.no_gpu_reason = render(source) if self.replaying else no_gpu_details(source)
            self.noGpu.emit(self.no_gpu_reason)
            return
        if self._stopped:
            source.close()
            return
        self._opened_here = self._source is None
        self._source = source
        self.sampler = Sampler(source, self.rate_hz, self.history, self.attributor, self.alerts,
                               on_frame=self._on_frame, on_error=self.error.emit)
        self.sourceReady.emit(source.name)
        self.sampler.start()

    def _on_frame(self, frame: Frame) -> None:  # sampler thread
        with self._lock:
            queued = self._pending is not None
            self._pending = frame
        if not queued:
            self._arrived.emit()

    @Slot()
    def _deliver(self) -> None:
        with self._lock:
            frame, self._pending = self._pending, None
        if frame is None:
            return
        self.latest = frame
        self.frame.emit(frame)
        keys = tuple((a.kind, a.gpu) for a in frame.alerts)
        if keys != self._alert_keys:
            self._alert_keys = keys
            self.alertsChanged.emit(list(frame.alerts))

    def set_rate(self, hz: float) -> None:
        """Sampling rate, 0.5-10 Hz."""
        self.rate_hz = clamp_rate(hz)
        if self.sampler:
            self.sampler.set_rate(self.rate_hz)

    def set_recording(self, on: bool) -> None:
        """Start (clearing any earlier recording) or pause recording the session."""
        if self.sampler:
            if on and not self.sampler.recording_enabled:
                self.sampler.recording.clear()
            self.sampler.recording_enabled = on

    def recorded_samples(self) -> int:
        """How many samples the recording holds now (0 without a GPU source)."""
        return len(self.sampler.recording) if self.sampler else 0

    def save_recording(self, path: str | Path) -> int:
        """Write the recording as a trace that `paddledesk monitor --replay` plays back."""
        return self.sampler.save_recording(path) if self.sampler else 0

    def stop(self) -> None:
        """Stop sampling and release the source."""
        self._stopped = True
        if self.sampler:
            self.sampler.stop()
            self.sampler = None
        if self._source is not None:
            self._source.close()
            if self._opened_here:
                self._source = None  # a later start() opens a fresh one
