"""Runs page: every run of the workspace; open one, overlay several, resume, export again, delete,
open its folder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.runs import Run, Workspace
from gui.pages.runs_compare import CompareReport
from gui.pages.runs_delete import RunDeleter
from gui.pages.runs_table import RunRow, RunsModel, read_run, read_runs
from gui.widgets.banner import Banner
from gui.widgets.charts import TrainingCharts
from gui.widgets.report import EvalReport
from gui.workers import cancel_slot, run_task


def export_run(run: Run, progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Export ``run`` again from its best checkpoint and wait for it (worker thread); the phases as progress."""
    from core.launch import export_again_and_wait

    def on_event(event: Any) -> None:
        if progress is not None and event.type == "phase":
            progress(str(event.get("phase", "")))

    return export_again_and_wait(run, on_event=on_event)


class RunsPage(QWidget):
    """The run history."""

    watch_requested = Signal(object)  # Run: follow it live on the Train page
    resume_requested = Signal(object)  # Run
    predict_requested = Signal(object)  # Run with an export
    exported = Signal(object)  # Run whose export was written again
    runs_changed = Signal()  # runs were deleted or restored: lists of models follow

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.model = RunsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table.installEventFilter(self)  # the Delete key asks like the button

        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.clicked.connect(self.open_selected)
        self.overlay_button = QPushButton(self.tr("Compare selected"))
        self.overlay_button.setToolTip(self.tr("Overlay the curves of the selected runs"))
        self.overlay_button.clicked.connect(self.overlay_selected)
        self.watch_button = QPushButton(self.tr("Watch live"))
        self.watch_button.clicked.connect(self._watch)
        self.resume_button = QPushButton(self.tr("Resume"))
        self.resume_button.clicked.connect(self._resume)
        self.predict_button = QPushButton(self.tr("Try the model"))
        self.predict_button.clicked.connect(self._predict)
        self.export_button = QPushButton(self.tr("Export again"))
        self.export_button.setToolTip(self.tr("Write the run's exported model again from its best checkpoint"))
        self.export_button.clicked.connect(self.export_selected)
        self.folder_button = QPushButton(self.tr("Open folder"))
        self.folder_button.clicked.connect(self._open_folder)
        self.delete_button = QPushButton(self.tr("Delete…"))
        # a lambda: clicked(bool checked) must not reach delete_selected's arguments (it once passed
        # checked=False as confirm=False, and runs went without a question)
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        refresh = QPushButton(self.tr("Refresh"))
        refresh.setToolTip("F5")
        refresh.clicked.connect(self.refresh)
        buttons = QHBoxLayout()
        for b in (self.open_button, self.overlay_button, self.watch_button, self.resume_button,
                  self.predict_button, self.export_button, self.folder_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(refresh)

        self.banner = Banner()
        self.undo_bar = Banner()  # "Deleted N runs — Undo", apart from the page's other messages
        self.deleter = RunDeleter(self, lambda: self.workspace, self.undo_bar)
        self.undo_button = self.deleter.undo_button
        self.deleter.changed.connect(self._runs_changed)
        self.empty = QLabel(self.tr("No runs yet. Start one on the Train page."))
        self.empty.setObjectName("hint")
        self.detail_title = QLabel(self.tr("Select a run and press Open, or select several and Compare."))
        self.detail_title.setWordWrap(True)
        self.charts = TrainingCharts()
        self.report = EvalReport()
        self.compare = CompareReport()
        self.compare_table, self.compare_note = self.compare.table, self.compare.note
        self.report_stack = QStackedWidget()  # one run's report, or the compared runs side by side
        self.report_stack.addWidget(self.report)
        self.report_stack.addWidget(self.compare)
        self.detail_tabs = QTabWidget()
        self.detail_tabs.addTab(self.charts, self.tr("Charts"))
        self.detail_tabs.addTab(self.report_stack, self.tr("Report"))
        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.detail_title)
        dl.addWidget(self.detail_tabs, 1)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addLayout(buttons)
        tl.addWidget(self.empty)
        tl.addWidget(self.table, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(detail)
        # the table gets the room for a dozen runs; the charts below keep what they need
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 9
                                    + header.sizeHint().height())
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        self.split = split
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.undo_bar)
        layout.addWidget(split, 1)
        self.loading = False
        self.stale = False
        self.exporting: set[str] = set()  # ids of runs being exported again
        self._update_buttons()
        # while the page is visible and a run is going, its row follows (status, best, duration)
        self.poll = QTimer(self)
        self.poll.setInterval(5000)
        self.poll.timeout.connect(self._poll)
        self.clock = QTimer(self)  # a running run's duration counts on between reads
        self.clock.setInterval(1000)
        self.clock.timeout.connect(self._tick)

    # -- data ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the workspace (off the GUI thread)."""
        if self.loading:
            self.stale = True  # a read already under way may predate what changed: read again after it
            return
        self.loading = True
        self.stale = False
        run_task(read_runs, self.workspace, on_done=self._show_rows, on_error=self._load_failed)

    def _load_failed(self, exc: BaseException) -> None:
        self.loading = False
        self.banner.show_error(exc)

    def _show_rows(self, rows: list[RunRow]) -> None:
        self.loading = False
        if self.stale:
            self.refresh()
        selected = {r.run.id for r in self.selected_rows()}
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        sel = self.table.selectionModel()
        for i, row in enumerate(rows):
            if row.run.id in selected:
                sel.select(self.model.index(i, 0), sel.SelectionFlag.Select | sel.SelectionFlag.Rows)
        self._update_buttons()

    def row_ids(self) -> list[str]:
        """Run ids in table order (tests read them)."""
        return [r.run.id for r in self.model.rows]

    def selected_rows(self) -> list[RunRow]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[r] for r in rows if r < len(self.model.rows)]

    def select_ids(self, ids: list[str]) -> None:
        """Select the runs with these ids."""
        sel = self.table.selectionModel()
        sel.clearSelection()
        for i, row in enumerate(self.model.rows):
            if row.run.id in ids:
                sel.select(self.model.index(i, 0), sel.SelectionFlag.Select | sel.SelectionFlag.Rows)

    def _update_buttons(self) -> None:
        rows = self.selected_rows()
        one = rows[0] if len(rows) == 1 else None
        self.open_button.setEnabled(one is not None)
        self.overlay_button.setEnabled(len(rows) >= 2)
        self.watch_button.setEnabled(one is not None and one.status == "running")
        self.resume_button.setEnabled(one is not None and one.status in ("stopped", "failed"))
        self.predict_button.setEnabled(one is not None and one.run.has_export())
        self.export_button.setEnabled(one is not None and one.has_checkpoint and one.status != "running"
                                      and one.run.id not in self.exporting)
        self.folder_button.setEnabled(one is not None)
        # a run being exported again is being written: deleting it would race the trainer
        self.delete_button.setEnabled(bool(rows) and all(r.status != "running" and r.run.id not in self.exporting
                                                         for r in rows))

    # -- actions -------------------------------------------------------------------------------
    def open_selected(self) -> None:
        """Show the selected run's charts and report, rebuilt from its events.jsonl."""
        rows = self.selected_rows()
        if not rows:
            return
        if rows[0].status != "running":
            cancel_slot(self, "open")  # an older read of a running run is not shown over this one
            self._show_detail(rows[0])
            return
        # a running run's history is read again on a worker: a long events.jsonl never blocks the window
        self.detail_title.setText(self.tr("Reading run %1…").replace("%1", rows[0].run.id))
        run_task(read_run, rows[0].run, owner=self, slot="open", on_done=self._show_detail,
                 on_error=self.banner.show_error)

    def _show_detail(self, row: RunRow) -> None:
        self.charts.show_history(row.history)
        evals = [e for e in row.history.evals if e.get("split", "dev") == "dev"]
        best = row.history.best_eval(row.history.done.get("best", {}).get("metric", "accuracy")
                                     if row.history.done else "accuracy")
        self.report_stack.setCurrentWidget(self.report)
        if best or evals:
            self.report.show_eval(best or evals[-1], (row.history.start or {}).get("labels"))
        else:
            self.report.clear()
        self.detail_title.setText(self.tr("Run %1 · %2 · %3 · %4").replace("%1", row.run.id)
                                  .replace("%2", row.model).replace("%3", row.dataset)
                                  .replace("%4", self.model.status_names.get(row.status, row.status)))
        if row.status == "running":
            self.watch_button.setEnabled(True)

    def overlay_selected(self) -> None:
        """Overlay the curves of every selected run."""
        rows = self.selected_rows()
        if len(rows) < 2:
            return
        self.charts.overlay([(f"{r.run.id} ({r.model})", r.history) for r in rows])
        self.compare.show_rows(rows, self.model.status_names)
        self.report_stack.setCurrentWidget(self.compare)
        self.detail_tabs.setCurrentWidget(self.charts)
        self.detail_title.setText(self.tr("Comparing %n run(s)", "", len(rows)))

    def _one(self) -> RunRow | None:
        rows = self.selected_rows()
        return rows[0] if len(rows) == 1 else None

    def _watch(self) -> None:
        row = self._one()
        if row:
            self.watch_requested.emit(row.run)

    def _resume(self) -> None:
        row = self._one()
        if row:
            self.resume_requested.emit(row.run)

    def _predict(self) -> None:
        row = self._one()
        if row:
            self.predict_requested.emit(row.run)

    def export_selected(self) -> None:
        """Write the selected run's export folder again from its best checkpoint (on a worker)."""
        row = self._one()
        if row is None or row.status == "running" or row.run.id in self.exporting:
            return
        run = row.run
        self.exporting.add(run.id)
        self._update_buttons()
        self.banner.show_message(self.tr("Exporting run %1 again from its best checkpoint…").replace("%1", run.id),
                                 "", "info")

        def progress(phase: str) -> None:
            if phase == "exporting":
                self.banner.show_message(self.tr("Run %1: writing the exported model…").replace("%1", run.id),
                                         "", "info")

        def done(result: dict[str, Any]) -> None:
            self.exporting.discard(run.id)
            self.banner.show_message(self.tr("Run %1 exported again to %2").replace("%1", run.id)
                                     .replace("%2", str(run.path / result.get("path", "export"))), "", "ok")
            self.exported.emit(run)
            self.refresh()

        def failed(exc: BaseException) -> None:
            self.exporting.discard(run.id)
            self.banner.show_error(exc)
            self.refresh()

        run_task(export_run, run, on_done=done, on_error=failed, on_progress=progress)

    def _open_folder(self) -> None:
        row = self._one()
        if row:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(row.run.path)))

    def delete_selected(self) -> None:
        """Ask (each run, its size, the total), then move the selected runs to the trash with Undo."""
        rows = self.selected_rows()
        if not rows:
            return
        if any(r.status == "running" for r in rows):
            self.banner.show_message(self.tr("A running run cannot be deleted."), self.tr("Stop it first."),
                                     "warning")
            return
        if any(r.run.id in self.exporting for r in rows):
            self.banner.show_message(self.tr("A run being exported again cannot be deleted."),
                                     self.tr("Wait for its export to finish."), "warning")
            return
        self.deleter.ask(rows)

    def _runs_changed(self) -> None:
        self.refresh()
        self.runs_changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if watched is self.table and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Delete:
            self.delete_selected()
            return True
        return super().eventFilter(watched, event)

    def _tick(self) -> None:
        if self.model.any_running():
            self.model.tick()

    def _poll(self) -> None:
        if any(r.status == "running" for r in self.model.rows):
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().showEvent(event)
        self.refresh()
        self.poll.start()
        self.clock.start()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().hideEvent(event)
        self.poll.stop()
        self.clock.stop()
