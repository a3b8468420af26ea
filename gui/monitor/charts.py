"""History charts (utilization, memory, temperature, power), one curve per GPU, 1 min ... 1 h.

Each redraw takes the window from the ring buffers once and reduces every curve to min/max pairs
per horizontal pixel, so an hour at 4 Hz (14,400 points) costs the same as a minute.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF
from PySide6.QtWidgets import QGridLayout, QWidget

from core.gpu import History

# names marked for lupdate in the Monitor page's context; the page shows them through its tr()
WINDOWS = {QT_TRANSLATE_NOOP("MonitorPage", "1 min"): 60, QT_TRANSLATE_NOOP("MonitorPage", "5 min"): 300,
           QT_TRANSLATE_NOOP("MonitorPage", "15 min"): 900, QT_TRANSLATE_NOOP("MonitorPage", "1 h"): 3600}
# (metric in core.gpu.METRICS, title, unit, fixed y range or None for auto); titles are translated
# where they are shown, by HistoryCharts.tr()
CHARTS = (
    ("util_pct", QT_TRANSLATE_NOOP("HistoryCharts", "Utilization"), "%", (0, 100)),
    ("mem_used_pct", QT_TRANSLATE_NOOP("HistoryCharts", "Memory used"), "%", (0, 100)),
    ("temp_c", QT_TRANSLATE_NOOP("HistoryCharts", "Temperature"), "°C", (20, 100)),
    ("power_w", QT_TRANSLATE_NOOP("HistoryCharts", "Power"), "W", None),  # 0 .. the largest power limit seen
)
COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf")


class FixedBoundsCurve(pg.PlotCurveItem):
    """A curve whose bounds are the chart's fixed range, not a NaN-aware scan of its data.

    pyqtgraph scans every curve's data for its bounds on each repaint; with fixed axis ranges
    that scan was a third of the frame time of an 8-GPU dashboard.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._bounds = QRectF(-3600.0, 0.0, 3600.0, 100.0)

    def set_bounds(self, left: float, bottom: float, top: float) -> None:
        """The rectangle (x from `left` to 0, y from bottom to top) the curve stays inside."""
        rect = QRectF(left, bottom, -left, top - bottom)
        if rect != self._bounds:
            self.prepareGeometryChange()
            self._bounds = rect

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt name
        return self._bounds

    def dataBounds(self, ax, frac=1.0, orthoRange=None):  # noqa: N802, N803 - pyqtgraph names
        r = self._bounds
        return (r.left(), r.right()) if ax == 0 else (r.top(), r.bottom())


class HistoryCharts(QWidget):
    """Four plots sharing the time window; x is seconds before the newest sample."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.window_s = 300
        self._power_top = 0.0
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.plots: dict[str, pg.PlotWidget] = {}
        self.curves: dict[tuple[str, int], FixedBoundsCurve] = {}
        for n, (metric, title, unit, yrange) in enumerate(CHARTS):
            plot = pg.PlotWidget()
            plot.setBackground("w")
            plot.setTitle(self.tr(title) + f" ({unit})", color="#333", size="9pt")
            plot.showGrid(x=False, y=False)
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
            plot.setMenuEnabled(False)
            plot.setLabel("bottom", self.tr("seconds ago"))
            # fixed ranges: no bounds scan of every curve on every frame, and no jumping axes
            plot.setYRange(*(yrange or (0, 100)), padding=0.02)
            plot.addLegend(offset=(5, 5), labelTextSize="8pt")
            grid.addWidget(plot, n // 2, n % 2)
            self.plots[metric] = plot
        self.set_window(self.window_s)

    def set_window(self, seconds: float) -> None:
        """Show the last `seconds` (60 ... 3600)."""
        self.window_s = seconds
        for plot in self.plots.values():
            plot.setXRange(-seconds, 0, padding=0)

    def _curve(self, metric: str, gpu: int) -> FixedBoundsCurve:
        curve = self.curves.get((metric, gpu))
        if curve is None:
            # a bare curve item: PlotDataItem's extra layer doubled the cost of each update
            pen = pg.mkPen(COLORS[gpu % len(COLORS)], width=1)  # wider lines cost 5x to paint
            curve = FixedBoundsCurve(pen=pen, name=f"GPU {gpu}", connect="finite")
            self.plots[metric].addItem(curve)
            self.curves[(metric, gpu)] = curve
        return curve

    def redraw(self, history: History) -> int:
        """Replot every curve from the history; returns the points drawn."""
        metrics = [c[0] for c in CHARTS]
        # one min/max pair per 3 px of plot width: an hour draws no more points than a minute
        bins = max(50, min(400, self.plots["util_pct"].width() // 3))
        t, vd = history.peaks(self.window_s, metrics, bins)
        if len(t) == 0:
            return 0
        xd = t - t[-1]
        self._fit_power(vd[:, metrics.index("power_w")])
        drawn = 0
        for m, metric in enumerate(metrics):
            bottom, top = self.plots[metric].viewRange()[1]
            for gpu in history.gpu_indices:
                curve = self._curve(metric, gpu)
                curve.set_bounds(-float(self.window_s), bottom, top)
                curve.setData(x=xd, y=vd[history.row_of(gpu), m], connect="finite")
                drawn += len(xd)
        return drawn

    def _fit_power(self, power: np.ndarray) -> None:
        """Grow the power axis in 100 W steps when a GPU draws more than it shows."""
        top = np.nanmax(power) if power.size and not np.isnan(power).all() else 0.0
        if top > self._power_top or self._power_top == 0.0:
            self._power_top = max(100.0, float(np.ceil(top / 100.0) * 100.0))
            self.plots["power_w"].setYRange(0, self._power_top, padding=0.02)

    def curve_data(self, metric: str, gpu: int) -> tuple[np.ndarray, np.ndarray]:
        """What a chart shows for one GPU (x: seconds before now)."""
        curve = self.curves.get((metric, gpu))
        if curve is None:
            return np.zeros(0), np.zeros(0)
        x, y = curve.getData()
        return (np.zeros(0), np.zeros(0)) if x is None else (x, y)
