"""Training charts (pyqtgraph): loss, quality, learning rate and speed, live or from a run's history.

Points are folded into numpy series as events arrive and pushed to the curves only by
:meth:`TrainingCharts.refresh`, which the page calls from a timer: the cost is bounded by the
refresh rate, not by how fast events come. Curves downsample and clip to the view.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from core.events import Event, RunHistory
from gui.widgets.series import Series

# (plot, metric, event type, field, label)
METRICS = (
    ("loss", "train_loss", "step", "loss", "train loss"),
    ("loss", "eval_loss", "eval", "loss", "eval loss"),
    ("quality", "accuracy", "eval", "accuracy", "accuracy"),
    ("quality", "macro_f1", "eval", "macro_f1", "macro-F1"),
    ("lr", "lr", "step", "lr", "learning rate"),
    ("speed", "samples_per_s", "step", "samples_per_s", "samples/s"),
)
SINGLE_COLORS = {"train_loss": "#1f77b4", "eval_loss": "#ff7f0e", "accuracy": "#2ca02c",
                 "macro_f1": "#9467bd", "lr": "#8c564b", "samples_per_s": "#17becf"}
RUN_COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf")
DASHED = {"eval_loss", "macro_f1"}
SPARSE = {"eval_loss", "accuracy", "macro_f1"}  # one point per evaluation: always with markers
SYMBOL_LIMIT = 300
FEW_POINTS = 20  # a step curve this short gets markers too: one point draws no line at all


@dataclass
class _RunCurves:
    label: str
    color: str | None
    series: dict[str, Series] = field(default_factory=dict)
    curves: dict[str, pg.PlotDataItem] = field(default_factory=dict)
    dirty: bool = False


class TrainingCharts(QWidget):
    """Four plots sharing the step axis; holds one run (live) or several (overlay)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.view = pg.GraphicsLayoutWidget()
        titles = {"loss": self.tr("Loss (train / eval)"), "quality": self.tr("Accuracy / macro-F1 (eval)"),
                  "lr": self.tr("Learning rate"), "speed": self.tr("Samples per second")}
        self._titles = titles
        self._overlay_titles = {"loss": self.tr("Loss (solid: train, dashed: eval)"),
                                "quality": self.tr("Accuracy (solid) / macro-F1 (dashed)")}
        self.plots: dict[str, pg.PlotItem] = {}
        for i, key in enumerate(("loss", "quality", "lr", "speed")):
            row, col = 2 * (i // 2), i % 2
            # each legend sits in its own row above its plot: inside, it hid the curves' ends
            legend = pg.LegendItem(colCount=4, labelTextSize="8pt")
            self.view.addItem(legend, row=row, col=col)
            plot = self.view.addPlot(row=row + 1, col=col, title=titles[key])
            plot.legend = legend  # PlotItem.plot(name=...) adds its entries here
            plot.showGrid(x=True, y=True, alpha=0.25)
            for side in ("left", "bottom"):  # major grid lines only: minor ones double the paint cost
                plot.getAxis(side).setStyle(maxTickLevel=1)
            plot.setDownsampling(auto=True, mode="peak")
            plot.setClipToView(True)
            plot.setLabel("bottom", self.tr("step"))
            self.plots[key] = plot
        self.plots["lr"].getAxis("left").enableAutoSIPrefix(True)
        self.plots["quality"].setYRange(0, 1.0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.runs: dict[str, _RunCurves] = {}
        self._labels = {"train_loss": self.tr("train loss"), "eval_loss": self.tr("eval loss"),
                        "accuracy": self.tr("accuracy"), "macro_f1": self.tr("macro-F1"),
                        "lr": self.tr("learning rate"), "samples_per_s": self.tr("samples/s")}

    # -- data in ------------------------------------------------------------------------------
    def clear(self) -> None:
        """Remove every curve; the axes fit the next curves again (a zoom into the last run ends)."""
        for plot in self.plots.values():
            plot.clear()
            if plot.legend is not None:
                plot.legend.clear()
            plot.enableAutoRange()
        self.plots["quality"].setYRange(0, 1.0)
        self.runs.clear()

    def _run(self, key: str, label: str = "", color: str | None = None) -> _RunCurves:
        run = self.runs.get(key)
        if run is None:
            run = self.runs[key] = _RunCurves(label or key, color)
            for plot_key, metric, _t, _f, _l in METRICS:
                run.series[metric] = Series()
                tint = color or SINGLE_COLORS[metric]
                style = Qt.PenStyle.DashLine if metric in DASHED else Qt.PenStyle.SolidLine
                sparse = metric in SPARSE
                pen = pg.mkPen(tint, width=2 if sparse else 1, style=style)  # width 1: the fast cosmetic pen
                # overlay: one legend entry per run; the titles explain solid and dashed lines
                overlay_name = run.label if metric == "train_loss" else None
                name = self._labels[metric] if color is None else overlay_name
                curve = self.plots[plot_key].plot([], [], pen=pen, name=name, symbol="o", symbolSize=5,
                                                  symbolBrush=tint, symbolPen=None)
                curve.setDownsampling(auto=True, method="peak")
                curve.setClipToView(True)
                run.curves[metric] = curve
        return run

    def add_events(self, events: Iterable[Event], key: str = "live") -> None:
        """Fold step/eval events into the series of run ``key`` (drawn at the next refresh)."""
        run = self._run(key)
        cols: dict[str, tuple[list[float], list[float]]] = {m: ([], []) for m in run.series}
        for event in events:
            if event.type not in ("step", "eval"):
                continue
            d = event.data
            if event.type == "eval" and d.get("split", "dev") != "dev":
                continue  # the final test-set score is a point of its own, not part of the curve
            step = d.get("step")
            if not isinstance(step, (int, float)):
                continue
            for _p, metric, etype, fname, _l in METRICS:
                value = d.get(fname)
                if etype == event.type and isinstance(value, (int, float)):
                    cols[metric][0].append(step)
                    cols[metric][1].append(value)
        for metric, (xs, ys) in cols.items():
            if xs:
                run.series[metric].extend(xs, ys)
                run.dirty = True

    def add_points(self, metric: str, xs: list[float], ys: list[float], key: str = "live") -> None:
        """Append raw points to one curve (benchmarks use it)."""
        run = self._run(key)
        run.series[metric].extend(xs, ys)
        run.dirty = True

    def refresh(self) -> None:
        """Push changed series to their curves (call from a timer)."""
        for run in self.runs.values():
            if run.dirty:
                for metric, series in run.series.items():
                    curve = run.curves[metric]
                    few = series.size <= (SYMBOL_LIMIT if metric in SPARSE else FEW_POINTS)
                    if not few and curve.opts.get("symbol") is not None:
                        # markers, dashes and wide pens help a few points; on thousands of
                        # points they only cost time (a dashed 100k-point path: ~40 ms per paint)
                        curve.setSymbol(None)
                        curve.setPen(pg.mkPen(curve.opts["pen"].color(), width=1))
                    elif few and curve.opts.get("symbol") is None:  # a new run's first points
                        curve.setSymbol("o")
                    curve.setData(series.x, series.y)
                run.dirty = False

    def show_history(self, history: RunHistory, key: str = "live") -> None:
        """Replace the charts with one run's curves rebuilt from its history."""
        self.clear()
        self._set_titles(False)
        self.add_history(history, key)
        self.refresh()

    def add_history(self, history: RunHistory, key: str, label: str = "", color: str | None = None) -> None:
        """Add a run's curves (for overlays pass a label and a colour)."""
        self._run(key, label, color)
        self.add_events([Event("step", s) for s in history.steps], key)
        self.add_events([Event("eval", e) for e in history.evals], key)

    def _set_titles(self, overlay: bool) -> None:
        for key, plot in self.plots.items():
            plot.setTitle((self._overlay_titles if overlay else self._titles).get(key, self._titles[key]))

    def overlay(self, histories: list[tuple[str, RunHistory]]) -> None:
        """Show several runs on the same axes, one colour per run."""
        self.clear()
        self._set_titles(True)
        for i, (label, history) in enumerate(histories):
            self.add_history(history, label, label, RUN_COLORS[i % len(RUN_COLORS)])
        self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().showEvent(event)
        self.refresh()

    def point_count(self, metric: str, key: str = "live") -> int:
        """Points drawn on a curve (what the user sees; tests use it)."""
        run = self.runs.get(key)
        if run is None:
            return 0
        x, _y = run.curves[metric].getOriginalDataset()
        return 0 if x is None else len(x)

    def legend_text(self) -> str:
        """The names every legend shows (tests read it)."""
        names = []
        for plot in self.plots.values():
            if plot.legend is not None:
                names += [label.text for _item, label in plot.legend.items]
        return ", ".join(names)
