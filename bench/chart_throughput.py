"""Chart updates per second with 4 curves x 100k points: TrainingCharts vs plain pyqtgraph.

    python bench/chart_throughput.py [--points 100000] [--seconds 3]

One update = 200 new points appended to each of 4 curves, the data pushed to the curves and the
widget repainted (offscreen, at 1280x800-ish). The baseline is what a straightforward pyqtgraph
chart does: four PlotWidgets, setData with the whole arrays, no downsampling, no clipping. Ours is
the Train page's chart widget (numpy series, peak downsampling, clip to view). Same machine, same
run, interleaved.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
import pyqtgraph as pg  # noqa: E402
from PySide6.QtWidgets import QApplication, QGridLayout, QWidget  # noqa: E402

METRICS = ("train_loss", "eval_loss", "lr", "samples_per_s")
BATCH = 200


def data(n: int) -> tuple[np.ndarray, np.ndarray]:
    x = np.arange(1, n + 1, dtype=float)
    rng = np.random.default_rng(0)
    return x, np.exp(-x / n * 3) + rng.normal(0, 0.05, n)


class Baseline(QWidget):
    """Four plain PlotWidgets, whole arrays re-set on each update."""

    def __init__(self):
        super().__init__()
        grid = QGridLayout(self)
        self.curves = []
        self.xs: list[list[float]] = [[] for _ in METRICS]
        self.ys: list[list[float]] = [[] for _ in METRICS]
        for i in range(4):
            plot = pg.PlotWidget()
            grid.addWidget(plot, i // 2, i % 2)
            self.curves.append(plot.plot([], []))

    def load(self, x: np.ndarray, y: np.ndarray) -> None:
        for i in range(4):
            self.xs[i] = list(x)
            self.ys[i] = list(y)
            self.curves[i].setData(np.asarray(self.xs[i]), np.asarray(self.ys[i]))

    def update_with(self, x: np.ndarray, y: np.ndarray) -> None:
        for i, curve in enumerate(self.curves):
            self.xs[i].extend(x)
            self.ys[i].extend(y)
            curve.setData(np.asarray(self.xs[i]), np.asarray(self.ys[i]))


class Ours(QWidget):
    """The Train page's TrainingCharts."""

    def __init__(self):
        super().__init__()
        from gui.widgets.charts import TrainingCharts

        self.charts = TrainingCharts()
        QGridLayout(self).addWidget(self.charts)

    def load(self, x: np.ndarray, y: np.ndarray) -> None:
        for m in METRICS:
            self.charts.add_points(m, x, y)
        self.charts.refresh()

    def update_with(self, x: np.ndarray, y: np.ndarray) -> None:
        for m in METRICS:
            self.charts.add_points(m, x, y)
        self.charts.refresh()


def rate(widget: QWidget, app: QApplication, n: int, seconds: float) -> float:
    """Updates per second after preloading ``n`` points per curve."""
    x, y = data(n)
    widget.resize(1100, 760)
    widget.show()
    widget.load(x, y)
    widget.repaint()
    app.processEvents()
    count, start, nxt = 0, time.perf_counter(), n + 1
    while time.perf_counter() - start < seconds:
        xs = np.arange(nxt, nxt + BATCH, dtype=float)
        widget.update_with(xs, np.full(BATCH, 0.1))
        nxt += BATCH
        widget.repaint()  # draw now, as a visible window would
        app.processEvents()
        count += 1
    elapsed = time.perf_counter() - start
    widget.close()
    return count / elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--points", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    pg.setConfigOptions(background="w", foreground="#333", antialias=False)
    base = rate(Baseline(), app, args.points, args.seconds)
    ours = rate(Ours(), app, args.points, args.seconds)
    print(f"4 curves x {args.points:,} points, {BATCH} new points per curve per update")
    print(f"plain pyqtgraph:  {base:7.1f} updates/s")
    print(f"TrainingCharts:   {ours:7.1f} updates/s")
    print(f"ratio: {ours / base:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
