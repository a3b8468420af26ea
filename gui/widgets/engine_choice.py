"""The Train page's engine choice: which Docker engine (this computer or a remote one) a Docker
run goes to; the GPU picker then shows that engine's GPUs (read on a worker)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from gui.workers import run_task


def engine_gpus(url: str) -> tuple[list[Any], str]:
    """The GPUs of the engine's host (GpuSample list) or why there are none; blocking."""
    from core.docker.engine import connect
    from core.docker.engines import engine_image
    from core.gpu.remote import RemoteGpuSource
    from core.gpu.source import NoGpuError
    from core.runners.base import RunnerError

    try:
        client = connect(url)
    except RunnerError as exc:
        return [], str(exc.args[0])
    try:
        image = engine_image(client)
        if image is None:
            return [], "no image on that engine to run nvidia-smi in yet"
        source = RemoteGpuSource(client, image, url)
        try:
            return list(source.sample().gpus), ""
        finally:
            source.close()
    except NoGpuError as exc:
        return [], exc.reason
    finally:
        client.close()


def local_gpus() -> tuple[list[Any], str]:
    from gui.main_window import probe_gpus

    return probe_gpus()


class EngineChoice(QWidget):
    """A combo of the engines list; ``gpus_changed(gpus, reason)`` when the chosen engine's GPUs are known."""

    gpus_changed = Signal(list, str)

    def __init__(self, engines: Any = None, parent: QWidget | None = None):
        super().__init__(parent)
        from core.docker.engines import EngineList

        self.engines = engines or EngineList()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Engine")))
        self.combo = QComboBox()
        self.combo.setToolTip(self.tr("Where a Docker run trains: this computer, or an engine added in "
                                      "Settings → Docker → Engines"))
        row.addWidget(self.combo, 1)
        self.refresh()
        self.combo.currentIndexChanged.connect(lambda _i: self._chosen())

    def refresh(self) -> None:
        """Read the list again (after Settings changed it), keeping the choice when it is still there."""
        current = self.url()
        self.combo.blockSignals(True)
        self.combo.clear()
        try:
            entries = self.engines.entries()
        except ValueError:
            entries = []
        for entry in entries:
            self.combo.addItem(entry.name if not entry.remote else f"{entry.name} — {entry.url}",
                               "" if not entry.remote else entry.url)
        self.combo.setCurrentIndex(max(0, self.combo.findData(current)))
        self.combo.blockSignals(False)

    def url(self) -> str:
        """The chosen remote engine's address; '' for this computer's engine."""
        return self.combo.currentData() or ""

    def choose(self, url: str) -> None:
        self.combo.setCurrentIndex(max(0, self.combo.findData(url)))

    def apply(self, job: Any) -> Any:
        """``job`` sent to the chosen engine (a Docker job only; local jobs stay as they are)."""
        if job.runner.kind != "docker" or not self.url() or job.runner.engines:
            return job
        return replace(job, runner=replace(job.runner, engines=[self.url()]))

    def _chosen(self) -> None:
        url = self.url()
        run_task(engine_gpus if url else local_gpus, *([url] if url else []),
                 on_done=lambda result: self.gpus_changed.emit(*result),
                 on_error=lambda exc: self.gpus_changed.emit([], str(exc)))
