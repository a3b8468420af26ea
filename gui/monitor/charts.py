"""History charts (utilization, memory, temperature, power), one curve per GPU, 1 min ... 1 h.

Each redraw takes the window from the ring buffers once and reduces every curve to min/max pairs
per horizontal pixel, so an hour at 4 Hz (14,400 points) costs the same as a minute.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QGridLayout, QWidget

from core.gpu import History, peak_decimate

WINDOWS = {"1 min": 60, "5 min": 300, "15 min": 900, "1 h": 3600}
# (metric in core.gpu.METRICS, title, unit, fixed y range or None for auto)
CHARTS = (
    ("util_pct", "Utilization", "%", (0, 100)),
    ("mem_used_pct", "Memory used", "%", (0, 100)),
    ("temp_c", "Temperature", "°C", None),
    ("power_w", "Power", "W", None),
)
COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf")


class HistoryCharts(QWidget):
    """Four plots sharing the time window; x is seconds before the newest sample."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.window_s = 300
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.plots: dict[str, pg.PlotWidget] = {}
        self.curves: dict[tuple[str, int], pg.PlotDataItem] = {}
        for n, (metric, title, unit, yrange) in enumerate(CHARTS):
            plot = pg.PlotWidget()
            plot.setBackground("w")
            plot.setTitle(self.tr(title) + f" ({unit})", color="#333", size="9pt")
            plot.showGrid(x=False, y=False)
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
            plot.setMenuEnabled(False)
            plot.setLabel("bottom", self.tr("seconds ago"))
            if yrange:
                plot.setYRange(*yrange, padding=0.02)
            else:
                plot.enableAutoRange(axis="y")
            plot.addLegend(offset=(5, 5), labelTextSize="8pt")
            grid.addWidget(plot, n // 2, n % 2)
            self.plots[metric] = plot
        self.set_window(self.window_s)

    def set_window(self, seconds: float) -> None:
        """Show the last `seconds` (60 ... 3600)."""
        self.window_s = seconds
        for plot in self.plots.values():
            plot.setXRange(-seconds, 0, padding=0)

    def _curve(self, metric: str, gpu: int) -> pg.PlotDataItem:
        curve = self.curves.get((metric, gpu))
        if curve is None:
            pen = pg.mkPen(COLORS[gpu % len(COLORS)], width=1.5)
            curve = self.plots[metric].plot([], [], pen=pen, name=f"GPU {gpu}")
            curve.setSkipFiniteCheck(False)
            self.curves[(metric, gpu)] = curve
        return curve

    def redraw(self, history: History) -> int:
        """Replot every curve from the history; returns the points drawn."""
        t, v = history.window(self.window_s)
        if len(t) == 0:
            return 0
        x = t - t[-1]
        bins = max(100, min(1000, self.plots["util_pct"].width()))
        drawn = 0
        for metric, *_ in CHARTS:
            m = history.metrics.index(metric)
            for gpu in history.gpu_indices:
                xd, yd = peak_decimate(x, v[history.row_of(gpu), m], bins)
                self._curve(metric, gpu).setData(xd, yd, connect="finite")
                drawn += len(xd)
        return drawn

    def curve_data(self, metric: str, gpu: int) -> tuple[np.ndarray, np.ndarray]:
        """What a chart shows for one GPU (x: seconds before now)."""
        curve = self.curves.get((metric, gpu))
        if curve is None:
            return np.zeros(0), np.zeros(0)
        x, y = curve.getData()
        return (np.zeros(0), np.zeros(0)) if x is None else (x, y)
