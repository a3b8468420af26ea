"""Settings → Models: which pretrained ERNIE models can train at full strength on this computer,
importing one from a folder or archive, and exporting one for another computer (core.model_store).

Every look at the store and every copy runs on a worker: an ERNIE archive is hundreds of megabytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from core.runs import Workspace
from gui.core_texts import tr_core
from gui.widgets.banner import Banner
from gui.workers import run_task

ARCHIVES = "*.zip *.tar *.tar.gz *.tgz"


@dataclass(frozen=True)
class ModelRow:
    """One pretrained model and whether its weights are here."""

    name: str
    display_name: str
    available: bool
    reason: str  # where the weights are, or why they are missing


def model_rows(workspace: Workspace) -> list[ModelRow]:
    """The catalogue's pretrained ERNIE models and the store's imported ones — on a worker."""
    from core.model_store import stored_models, weights_status
    from core.models import get_model, list_models

    names = [m.name for m in list_models() if m.needs_download]
    names += [m.name for m in stored_models(workspace) if m.name not in names]
    rows = []
    for name in names:
        available, reason = weights_status(name, workspace)
        rows.append(ModelRow(name, get_model(name).display_name, available, reason))
    return rows


def import_model(path: str, workspace: Workspace) -> tuple[str, list[ModelRow]]:
    """Import ``path`` into the store; (the name it got, the new rows) — on a worker."""
    from core.model_store import import_pretrained

    stored = import_pretrained(path, workspace)
    return stored.name, model_rows(workspace)


class ModelsSettings(QGroupBox):
    """The Models section of the Settings page."""

    models_changed = Signal()  # the store changed: the Train page looks at its weights again

    def __init__(self, workspace: Workspace, parent: Any = None):
        super().__init__(parent)
        self.setTitle(self.tr("Models"))
        self.workspace = workspace
        self.rows: list[ModelRow] = []
        self.busy = False
        self.last_export: Path | None = None  # tests and the banner name it
        self.banner = Banner()
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Pretrained model"), self.tr("On this computer")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.import_button = QPushButton(self.tr("Import pretrained model…"))
        menu = QMenu(self.import_button)
        self.import_folder_action = menu.addAction(self.tr("From a folder…"), self.choose_folder)
        self.import_archive_action = menu.addAction(self.tr("From a .zip or .tar.gz file…"), self.choose_archive)
        self.import_button.setMenu(menu)
        self.export_button = QPushButton(self.tr("Export model for another computer…"))
        self.export_button.clicked.connect(self.choose_export)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # no percentage to tell: it moves while the copy runs
        self.busy_bar.setMaximumWidth(160)
        self.busy_bar.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.busy_bar)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._update_buttons()
        self.refresh()

    # -- the list ----------------------------------------------------------------------------------
    def set_workspace(self, path: str) -> None:
        self.workspace = Workspace(path)
        self.refresh()

    def refresh(self) -> None:
        run_task(model_rows, self.workspace, owner=self, slot="rows", on_done=self._show_rows,
                 on_error=self.banner.show_error)

    def _show_rows(self, rows: list[ModelRow]) -> None:
        chosen = self.selected_name()
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            name = QTableWidgetItem(tr_core(row.display_name))
            name.setToolTip(row.name)
            state = QTableWidgetItem(self.tr("available offline") if row.available else self.tr("needs download"))
            state.setToolTip(tr_core(row.reason))
            self.table.setItem(r, 0, name)
            self.table.setItem(r, 1, state)
            if row.name == chosen:
                self.table.selectRow(r)
        self._update_buttons()

    def status_of(self, name: str) -> str:
        """The shown status text of model ``name`` ("" when it is not listed)."""
        for r, row in enumerate(self.rows):
            if row.name == name:
                return self.table.item(r, 1).text()
        return ""

    def selected_name(self) -> str:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.rows[rows[0].row()].name if rows and rows[0].row() < len(self.rows) else ""

    def select(self, name: str) -> bool:
        for r, row in enumerate(self.rows):
            if row.name == name:
                self.table.selectRow(r)
                return True
        return False

    def _update_buttons(self) -> None:
        chosen = next((r for r in self.rows if r.name == self.selected_name()), None)
        self.import_button.setEnabled(not self.busy)
        self.export_button.setEnabled(not self.busy and chosen is not None and chosen.available)
        self.export_button.setToolTip("" if chosen is None or chosen.available else
                                      self.tr("This model's weights are not on this computer."))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_bar.setVisible(busy)
        self._update_buttons()

    # -- import --------------------------------------------------------------------------------
    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose the model folder"), str(Path.home()))
        if path:
            self.import_from(path)

    def choose_archive(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the model archive"), str(Path.home()),
                                              self.tr("Model archives (%1)").replace("%1", ARCHIVES))
        if path:
            self.import_from(path)

    def import_from(self, path: str) -> None:
        """Check and copy ``path`` into the store (on a worker); the banner says how it went."""
        if self.busy:
            return
        self.banner.hide()
        self._set_busy(True)
        run_task(import_model, path, self.workspace, owner=self, on_done=self._imported, on_error=self._failed)

    def _imported(self, result: tuple[str, list[ModelRow]]) -> None:
        name, rows = result
        self._set_busy(False)
        self._show_rows(rows)
        self.select(name)
        self.banner.show_message(self.tr("Imported %1: it trains from these weights with no network.")
                                 .replace("%1", name), level="ok")
        self.models_changed.emit()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.banner.show_error(exc)

    # -- export --------------------------------------------------------------------------------
    def choose_export(self) -> None:
        name = self.selected_name()
        if not name:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export model for another computer"),
                                              str(Path.home() / f"{name}.zip"),
                                              self.tr("Model archives (%1)").replace("%1", ARCHIVES))
        if path:
            self.export_to(name, path)

    def export_to(self, name: str, path: str) -> None:
        """Write ``name``'s weights as an archive (on a worker)."""
        from core.model_store import export_pretrained

        if self.busy:
            return
        self.banner.hide()
        self._set_busy(True)
        run_task(export_pretrained, name, path, self.workspace, owner=self, on_done=self._exported,
                 on_error=self._failed)

    def _exported(self, archive: Path) -> None:
        self._set_busy(False)
        self.last_export = Path(archive)
        self.banner.show_message(self.tr("Wrote %1: import it on the other computer (Settings → Models).")
                                 .replace("%1", str(archive)), level="ok")
