"""Deleting runs from the Runs page: always a question naming each run and its size, then a move to
the workspace's trash (core.trash) with Undo offered for a while. Never a blocking dialog: the
question is window-modal and answered through signals, so tests and users see the same box."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from core.formatting import format_bytes
from core.runs import Run, Workspace
from core.trash import KEEP_DAYS, TrashedRun, folder_size, move_to_trash, restore
from gui.widgets.banner import Banner
from gui.workers import run_task

UNDO_SECONDS = 60  # how long the "Deleted … — Undo" bar stays; the trash keeps the runs KEEP_DAYS


def measure(runs: list[Run]) -> list[int]:
    """Bytes on disk of each run folder (worker thread: checkpoints can be large)."""
    return [folder_size(run.path) for run in runs]


def trash_runs(workspace: Workspace, runs: list[Run]) -> tuple[list[TrashedRun], BaseException | None]:
    """Move each run to the trash; the ones moved before a failure stay undoable."""
    moved: list[TrashedRun] = []
    for run in runs:
        try:
            moved.append(move_to_trash(workspace, run))
        except Exception as exc:  # noqa: BLE001 - reported in the page with what did go
            return moved, exc
    return moved, None


def restore_runs(workspace: Workspace, trashed: list[TrashedRun]) -> list[Run]:
    return [restore(workspace, t) for t in trashed]


class RunDeleter(QObject):
    """Asks, trashes on a worker, offers Undo; ``changed`` when runs went or came back."""

    changed = Signal()

    def __init__(self, parent: QWidget, workspace: Callable[[], Workspace], banner: Banner):
        super().__init__(parent)
        self.parent_widget = parent
        self.workspace = workspace
        self.banner = banner  # the page's own bar for "Deleted … — Undo" (errors go there too)
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.clicked.connect(self.undo)
        self.undo_button.hide()
        banner.add_action(self.undo_button)
        self.dialog: QMessageBox | None = None
        self.busy = False
        self.last: list[TrashedRun] = []  # what Undo brings back
        self.expire = QTimer(self)
        self.expire.setSingleShot(True)
        self.expire.setInterval(UNDO_SECONDS * 1000)
        self.expire.timeout.connect(self._forget)

    def ask(self, rows: list[Any]) -> None:
        """Measure the runs (worker), then ask; nothing happens without a Yes."""
        if self.busy or self.dialog is not None:
            return
        self.busy = True
        runs = [r.run for r in rows]
        run_task(measure, runs, on_done=lambda sizes: self._confirm(rows, sizes), on_error=self._failed)

    def _confirm(self, rows: list[Any], sizes: list[int]) -> None:
        self.busy = False
        lines = ["• " + " · ".join(part for part in (r.run.id, r.model, r.dataset, format_bytes(n)) if part)
                 for r, n in zip(rows, sizes)]
        lines.append(self.tr("Total: %1").replace("%1", format_bytes(sum(sizes))))
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Delete runs"),
                          self.tr("Delete %n run(s) with all their files (checkpoints, exported model, log)?",
                                  "", len(rows)),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.parent_widget)
        box.setInformativeText("\n".join(lines) + "\n\n" + self.tr(
            "They go to the workspace's trash: Undo brings them back, and the trash is emptied after %1 days.")
            .replace("%1", str(KEEP_DAYS)))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.finished.connect(lambda _code: self._answered(box, [r.run for r in rows]))
        self.dialog = box
        box.open()

    def _answered(self, box: QMessageBox, runs: list[Run]) -> None:
        self.dialog = None
        yes = box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)
        box.deleteLater()
        if not yes:
            return
        self.busy = True
        run_task(trash_runs, self.workspace(), runs, on_done=self._trashed, on_error=self._failed)

    def _trashed(self, result: tuple[list[TrashedRun], BaseException | None]) -> None:
        self.busy = False
        moved, error = result
        self.last = moved
        if error is not None:
            self.banner.show_error(error)
            self.undo_button.setVisible(bool(moved))
        elif moved:
            self.banner.show_message(self.tr("Deleted %n run(s)", "", len(moved)) + " — " + self.tr(
                "moved to the trash; Undo brings them back."), "", "info")
            self.undo_button.show()
        self.expire.start()
        if moved:
            self.changed.emit()

    def undo(self) -> None:
        """Move the last deleted runs back from the trash."""
        trashed, self.last = self.last, []
        self.undo_button.hide()
        self.expire.stop()
        if not trashed:
            return

        def done(runs: list[Run]) -> None:
            self.banner.show_message(self.tr("Restored %n run(s)", "", len(runs)), "", "ok")
            self.changed.emit()

        def failed(exc: BaseException) -> None:
            self.banner.show_error(exc)
            self.changed.emit()  # some may have come back before the failure

        run_task(restore_runs, self.workspace(), trashed, on_done=done, on_error=failed)

    def _forget(self) -> None:
        self.last = []
        self.undo_button.hide()
        if self.banner.level == "info":
            self.banner.hide()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.banner.show_error(exc)
