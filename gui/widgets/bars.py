"""Small bar charts: label distribution and text-length histogram (pyqtgraph)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QWidget


class BarChart(pg.PlotWidget):
    """Vertical bars with category names under them."""

    def __init__(self, title: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(title)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.showGrid(y=True, alpha=0.25)
        self.setMenuEnabled(False)
        self._bars: pg.BarGraphItem | None = None
        self.values: list[float] = []

    def set_bars(self, names: list[str], values: list[float], color: str = "#3b7dd8") -> None:
        """Draw one bar per name (long names are shortened on the axis)."""
        self.clear()
        self.values = list(values)
        if not names:
            return
        xs = np.arange(len(names))
        self._bars = pg.BarGraphItem(x=xs, height=values, width=0.6, brush=color, pen=None)
        self.addItem(self._bars)
        ticks = [(i, n if len(n) <= 12 else n[:11] + "…") for i, n in enumerate(names)]
        self.getAxis("bottom").setTicks([ticks])
        self.setXRange(-0.6, len(names) - 0.4, padding=0)
        self.setYRange(0, max(values) * 1.1 if max(values) > 0 else 1, padding=0)

    def set_histogram(self, edges: list[float], counts: list[float], color: str = "#5aa05a") -> None:
        """Draw a histogram from bin edges (len(counts) + 1) and counts."""
        self.clear()
        self.values = list(counts)
        if not counts:
            return
        e = np.asarray(edges, dtype=float)
        self._bars = pg.BarGraphItem(x0=e[:-1], x1=e[1:], height=counts, brush=color, pen=pg.mkPen("w"))
        self.addItem(self._bars)
        self.getAxis("bottom").setTicks(None)
        self.setXRange(e[0], e[-1], padding=0.02)
        self.setYRange(0, max(counts) * 1.1 if max(counts) > 0 else 1, padding=0)
