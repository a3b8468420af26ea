"""A small utilization chart of a run's GPUs, for the Train page beside the loss chart."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget

from core.gpu import Frame
from gui.monitor.charts import COLORS
from gui.monitor.controller import SamplerController


class GpuUtilStrip(QWidget):
    """Utilization (%) of the chosen GPUs over the last `window_s` seconds, live."""

    def __init__(self, controller: SamplerController, gpus: list[int] | None = None, window_s: float = 300,
                 parent=None):
        super().__init__(parent)
        self.controller = controller
        self.window_s = window_s
        self.gpus: list[int] = list(gpus or [])
        self.plot = pg.PlotWidget()
        self.plot.setBackground("w")
        self.plot.setTitle(self.tr("GPU utilization (%)"), color="#333", size="9pt")
        self.plot.setYRange(0, 100, padding=0.02)
        self.plot.setXRange(-window_s, 0, padding=0)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.plot.addLegend(offset=(5, 5), labelTextSize="8pt")
        self.curves: dict[int, pg.PlotCurveItem] = {}
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.plot)
        controller.frame.connect(self.show_frame)

    def set_gpus(self, gpus: list[int]) -> None:
        """Show these GPU indices (the run's devices); [] hides every curve."""
        self.gpus = list(gpus)
        for gpu, curve in list(self.curves.items()):
            if gpu not in self.gpus:
                self.plot.removeItem(curve)
                del self.curves[gpu]
        self.redraw()

    def show_frame(self, _frame: Frame) -> None:
        """Redraw from the controller's history (called at the sampling rate)."""
        self.redraw()

    def redraw(self) -> None:
        """Replot the chosen GPUs."""
        history = self.controller.history
        bins = max(50, min(300, self.plot.width() // 3))
        t, v = history.peaks(self.window_s, ["util_pct"], bins)
        if len(t) == 0:
            return
        x = t - t[-1]
        for gpu in self.gpus:
            row = history.row_of(gpu)
            if row is None:
                continue
            curve = self.curves.get(gpu)
            if curve is None:
                curve = pg.PlotCurveItem(pen=pg.mkPen(COLORS[gpu % len(COLORS)], width=1), name=f"GPU {gpu}",
                                         connect="finite")
                self.plot.addItem(curve)
                self.curves[gpu] = curve
            curve.setData(x=x, y=v[row, 0], connect="finite")
