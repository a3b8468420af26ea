"""The Monitor page: GPU cards, history charts, the process table with owning runs, alerts."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.gpu import Alert, Frame
from gui.core_texts import no_gpu_sentence
from gui.monitor.cards import GpuCard
from gui.monitor.charts import WINDOWS, HistoryCharts
from gui.monitor.controller import SamplerController
from gui.monitor.tables import AlertList, ProcessTable

RATES = (0.5, 1.0, 2.0, 4.0, 10.0)


class MonitorPage(QWidget):
    """The GPU dashboard; `alertRaised` carries alert text for the status bar ("" once all clear)."""

    alertRaised = Signal(str)

    def __init__(self, controller: SamplerController | None = None, workspace=None, docker_client=None, parent=None,
                 autostart: bool = True):
        super().__init__(parent)
        if controller is None:
            from core.runs import Workspace

            # runs of the app's workspace own GPU processes; containers too when a client is given
            controller = SamplerController(workspace=workspace or Workspace(), docker_client=docker_client)
        self.controller = controller
        self.cards: dict[int, GpuCard] = {}
        self.frames_shown = 0
        box = QVBoxLayout(self)

        bar = QHBoxLayout()
        self.source_label = QLabel(self.tr("Looking for GPUs…"))
        bar.addWidget(self.source_label, 1)
        bar.addWidget(QLabel(self.tr("Rate")))
        self.rate_box = QComboBox()
        for hz in RATES:
            self.rate_box.addItem(f"{hz:g} Hz", hz)
        self.rate_box.setCurrentIndex(min(range(len(RATES)), key=lambda i: abs(RATES[i] - self.controller.rate_hz)))
        self.rate_box.currentIndexChanged.connect(lambda _i: self.controller.set_rate(self.rate_box.currentData()))
        bar.addWidget(self.rate_box)
        bar.addWidget(QLabel(self.tr("Window")))
        self.window_box = QComboBox()
        for name, seconds in WINDOWS.items():
            self.window_box.addItem(self.tr(name), seconds)
        self.window_box.setCurrentIndex(1)
        self.window_box.currentIndexChanged.connect(self._window_changed)
        bar.addWidget(self.window_box)
        self.record_button = QPushButton(self.tr("Record"))
        self.record_button.setCheckable(True)
        self.record_button.setEnabled(False)  # until a GPU source answers
        self.record_button.toggled.connect(self._record_toggled)
        bar.addWidget(self.record_button)
        box.addLayout(bar)

        self.no_gpu_label = QLabel()
        self.no_gpu_label.setWordWrap(True)
        self.no_gpu_label.setAlignment(Qt.AlignCenter)
        self.no_gpu_label.setStyleSheet("font-size: 14px; color: #555; padding: 24px")
        self.no_gpu_label.hide()
        box.addWidget(self.no_gpu_label)

        self.cards_row = QHBoxLayout()
        self.cards_row.addStretch(1)
        holder = QWidget()
        holder.setLayout(self.cards_row)
        self.cards_area = QScrollArea()
        self.cards_area.setWidgetResizable(True)
        self.cards_area.setWidget(holder)
        self.cards_area.setFixedHeight(235)
        box.addWidget(self.cards_area)

        self.charts = HistoryCharts()
        self.processes = ProcessTable()
        self.alert_list = AlertList()
        lower = QSplitter(Qt.Horizontal)
        lower.addWidget(self.processes)
        lower.addWidget(self.alert_list)
        lower.setSizes([600, 300])
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.charts)
        split.addWidget(lower)
        split.setSizes([450, 160])
        self.splitter = split
        box.addWidget(split, 1)

        c = self.controller
        c.frame.connect(self.show_frame)
        c.noGpu.connect(self.show_no_gpu)
        c.alertsChanged.connect(self.show_alerts)
        c.sourceReady.connect(self._source_ready)
        c.error.connect(lambda msg: self.source_label.setText(self.tr("Sampling failed: %1").replace("%1", msg)))
        if autostart:
            c.start()

    def _source_ready(self, name: str) -> None:
        self.record_button.setEnabled(True)
        self.record_button.setToolTip(self.tr("Record the readings of this session to a file that "
                                              "paddledesk monitor --replay plays back"))
        self.no_gpu_label.hide()
        self.cards_area.show()
        self.splitter.show()
        shown = {"replay": self.tr("a recording (replay)")}.get(name, name)  # NVML, nvidia-smi: names
        self.source_label.setText(self.tr("Source: %1").replace("%1", shown))

    def _window_changed(self, _index: int) -> None:
        self.charts.set_window(self.window_box.currentData())
        self.charts.redraw(self.controller.history)

    def _record_toggled(self, on: bool) -> None:
        self.controller.set_recording(on)
        self.record_button.setText(self.tr("Stop and save…") if on else self.tr("Record"))
        if not on and not self.controller.recorded_samples():  # an empty file helps nobody
            self.source_label.setText(self.tr("Nothing was recorded: no GPU readings arrived."))
        elif not on:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the GPU recording"), "gpu-recording.json",
                                                  "JSON (*.json)")
            if path:
                n = self.controller.save_recording(path)
                self.source_label.setText(self.tr("Saved %1 samples to %2").replace("%1", str(n)).replace("%2", path))

    def show_no_gpu(self, reason: str) -> None:
        """Replace the dashboard with a plain sentence; ``reason`` (the technical details) is its tooltip."""
        replaying = self.controller.replaying
        self.no_gpu_label.setText(self.tr("No GPU readings to show.") + "\n\n" +
                                  (reason if replaying else no_gpu_sentence()))
        self.no_gpu_label.setToolTip("" if replaying else reason)
        self.no_gpu_label.show()
        if self.record_button.isChecked():
            self.record_button.setChecked(False)
        self.record_button.setEnabled(False)
        self.record_button.setToolTip(self.tr("Nothing to record: this computer has no NVIDIA GPU to read."))
        self.cards_area.hide()
        self.splitter.hide()
        self.source_label.setText(self.tr("No GPU"))

    def show_frame(self, frame: Frame) -> None:
        """Cards, process table and charts from one frame (called at most at the sampling rate)."""
        for g in frame.snapshot.gpus:
            card = self.cards.get(g.index)
            if card is None:
                card = self.cards[g.index] = GpuCard(g.index)
                self.cards_row.insertWidget(self.cards_row.count() - 1, card)
            card.show_sample(g)
        self.processes.show_processes(frame.processes or [_unowned(p) for p in frame.snapshot.processes])
        self.charts.redraw(self.controller.history)
        self.frames_shown += 1

    def show_alerts(self, alerts: list[Alert]) -> None:
        """Alerts in the page and, as one line, for the status bar."""
        self.alert_list.show_alerts(alerts)
        self.alertRaised.emit("⚠ " + "; ".join(a.message for a in alerts) if alerts else "")

    def stop(self) -> None:
        """Stop sampling (the main window calls this when it closes)."""
        self.controller.stop()


def _unowned(p):
    from core.gpu import AttributedProcess

    return AttributedProcess(p, None)
