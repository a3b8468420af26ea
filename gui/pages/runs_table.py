"""The Runs page's table: one row per run folder, read off the GUI thread; a running run's duration
counts on while it is shown."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from core.events import RunHistory
from core.formatting import format_duration
from core.runs import Run, Workspace
from core.session import reconcile, summarize
from gui.core_texts import tr_core
from gui.widgets.table_model import RowsModel

STATUS_COLORS = {"running": "#0b6bcb", "finished": "#1e7b34", "failed": "#b3261e", "stopped": "#8a5300",
                 "created": "#666666"}


@dataclass
class RunRow:
    """What the table shows about one run (read off the GUI thread)."""

    run: Run
    started: str
    dataset: str
    model: str  # the catalogue's display name, in the UI's language
    status: str
    best: str
    seconds: float | None  # trained so far, every resumed part (core.runs.run_duration)
    history: RunHistory
    has_checkpoint: bool = False  # weights to export again from
    metric: str = "accuracy"  # what the run is judged by (its job's metric)
    sweep: dict[str, Any] | None = None  # core.tune.sweep_mark: a "Find good settings" trial

    @property
    def run_title(self) -> str:
        """The run id, with a ★ for the best trial of a sweep."""
        return f"★ {self.run.id}" if self.sweep and self.sweep.get("best") else self.run.id

    def duration_seconds(self, now: float | None = None) -> float | None:
        """For a running run, up to ``now`` (the row's history was read a moment ago)."""
        if self.status == "running":
            return self.history.duration_s(now=time.time() if now is None else now)
        return self.seconds

    @property
    def duration(self) -> str:
        return format_duration(self.duration_seconds())


def has_weights(run: Run) -> bool:
    """Whether the run saved weights that an export can be made from (best or last checkpoint)."""
    return (run.checkpoints_dir / "best").is_dir() or run.has_checkpoint()


def model_title(name: str) -> str:
    """A model id (``bilstm``) as the catalogue names it (``BiLSTM``), translated."""
    from core.models import ModelError, get_model

    try:
        return tr_core(get_model(name).display_name)
    except ModelError:  # a model this version does not know: its id is all there is
        return name


def read_run(run: Run) -> RunRow:
    """Read a run folder into a table row."""
    from core.tune import sweep_mark

    s = summarize(run)  # the same status, best and duration as `paddledesk runs`
    dataset, model = (s.dataset, model_title(s.model)) if s.job is not None else ("?", "?")
    best = f"{tr_core(s.best.metric)} {s.best.value:.4f}" if s.best else ""
    started = time.strftime("%Y-%m-%d %H:%M", time.localtime(s.started)) if s.started else run.id
    return RunRow(run, started, dataset, model, s.status, best, s.seconds, s.history, has_weights(run), s.metric,
                  sweep_mark(run))


def read_runs(workspace: Workspace) -> list[RunRow]:
    """Every run of the workspace as rows, newest first; a run whose trainer is gone ends first."""
    reconcile(workspace)
    return [read_run(r) for r in workspace.runs()]


class RunsModel(RowsModel):
    """The runs table."""

    DURATION = 6  # the column that ticks for running runs
    STATUS = 4

    def __init__(self, parent: Any = None):
        super().__init__(parent=parent)
        self.headers = [self.tr("Started"), self.tr("Run"), self.tr("Dataset"), self.tr("Model"),
                        self.tr("Status"), self.tr("Best"), self.tr("Duration")]
        self.status_names = {"running": self.tr("running"), "finished": self.tr("finished"),
                             "failed": self.tr("failed"), "stopped": self.tr("stopped"),
                             "created": self.tr("created")}

    def any_running(self) -> bool:
        return any(r.status == "running" for r in self.rows)

    def tick(self) -> None:
        """Redraw the durations (a running run's grows with the clock)."""
        self.refresh_column(self.DURATION)

    def cell(self, row: RunRow, r: int, c: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            values = (row.started, row.run_title, row.dataset, row.model,
                      self.status_names.get(row.status, row.status), row.best, row.duration)
            return values[c]
        if role == Qt.ItemDataRole.ForegroundRole and c == self.STATUS:
            return QBrush(QColor(STATUS_COLORS.get(row.status, "#333")))
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.sweep and c == 1:
                mark = self.tr("Find good settings %1 · trial %2 of %3").replace("%1", str(row.sweep.get("sweep_id")))\
                    .replace("%2", str(row.sweep.get("trial"))).replace("%3", str(row.sweep.get("trials")))
                return mark + (self.tr(" · the best") if row.sweep.get("best") else "")
            return str(row.run.path)
        return None
