"""Settings → Docker → Engines: this computer plus remote engines (ssh://, tcp:// with TLS), each
checked with the doctor on a worker thread. The list itself lives in core.docker.engines."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.core_texts import tr_core
from gui.pages.doctor_lines import DoctorLines, WrapLabel
from gui.workers import run_task

# the table's headers, marked for lupdate (shown through self.tr in the EnginesSection context)
COLUMNS = (QT_TRANSLATE_NOOP("EnginesSection", "Name"), QT_TRANSLATE_NOOP("EnginesSection", "Address"),
           QT_TRANSLATE_NOOP("EnginesSection", "Connection"), QT_TRANSLATE_NOOP("EnginesSection", "Check"))


def _check(entry: Any) -> Any:
    from core.docker.engines import check_entry

    return check_entry(entry, registry_timeout=1.0)


class EnginesSection(QGroupBox):
    """The engines table with Add / Remove / Check; ``engines_changed`` after the list changed."""

    engines_changed = Signal()
    checked = Signal(str)  # the engine's address, once its doctor lines are shown

    def __init__(self, engines: Any = None, parent: QWidget | None = None):
        super().__init__(self.tr("Engines"), parent)
        from core.docker.engines import EngineList

        self.engines = engines or EngineList()
        self.reports: dict[str, Any] = {}  # url -> the last DoctorReport
        box = QVBoxLayout(self)
        box.addWidget(WrapLabel(self.tr(
            "Train on another computer's Docker: ssh://user@host (your ssh keys and known hosts) or "
            "tcp://host:2376 with the engine's TLS client certificates. Runs there keep their folder in "
            "a volume on that computer; the app copies the log, the events and the export back.")))
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        # Check and Remove act on one engine; extended selection also read the keyboard's
        # modifier state, so a selectRow could add a row instead of replacing the selection
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setMinimumHeight(120)
        box.addWidget(self.table)

        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("name, e.g. gpu-server"))
        self.url = QLineEdit()
        self.url.setPlaceholderText("ssh://user@gpu-server  ·  tcp://gpu-server:2376")
        self.tls = QLineEdit()
        self.tls.setPlaceholderText(self.tr("TLS folder (ca.pem, cert.pem, key.pem) for tcp://"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.clicked.connect(self.add)
        row = QHBoxLayout()
        for widget in (self.name, self.url, self.tls, browse, self.add_button):
            row.addWidget(widget)
        box.addLayout(row)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.check_button = QPushButton(self.tr("Check"))
        self.check_button.clicked.connect(self.check_selected)
        row2 = QHBoxLayout()
        row2.addWidget(self.remove_button)
        row2.addWidget(self.check_button)
        row2.addStretch(1)
        box.addLayout(row2)
        self.message = WrapLabel("")
        self.message.setObjectName("hint")
        box.addWidget(self.message)
        self.doctor = DoctorLines()
        box.addWidget(self.doctor)
        self.refresh()

    def refresh(self) -> None:
        try:
            entries = self.engines.entries()
        except ValueError as exc:  # a broken engines.json: its name and the fix
            self.message.setText(str(exc))
            entries = []
        self.table.setRowCount(len(entries))
        kinds = {"local": self.tr("this computer's socket"), "ssh": "ssh", "tls": "TLS",
                 "tcp": self.tr("tcp (loopback)")}
        for row, entry in enumerate(entries):
            report = self.reports.get(entry.url)
            verdict = self.tr("not checked") if report is None else (
                self.tr("OK") if not report.problems else self.tr("%n problem(s)", "", len(report.problems)))
            name = tr_core(entry.name)  # "This computer" is core's word; the user's own names stay
            for col, text in enumerate((name, entry.url, kinds.get(entry.transport, entry.transport), verdict)):
                self.table.setItem(row, col, QTableWidgetItem(text))
        if entries and not self.table.selectedItems():
            self.table.selectRow(0)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder with ca.pem, cert.pem and key.pem"))
        if folder:
            self.tls.setText(folder)

    def add(self) -> None:
        """Store the typed engine; a refused address says why under the fields."""
        try:
            entry = self.engines.add(self.name.text(), self.url.text(), self.tls.text())
        except ValueError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText(self.tr("Added %1. Check it to see its GPUs and disk.").replace("%1", entry.name))
        for field in (self.name, self.url, self.tls):
            field.clear()
        self.refresh()
        self.table.selectRow(self.table.rowCount() - 1)
        self.engines_changed.emit()

    def selected_entry(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        entries = self.engines.entries()
        return entries[rows[0].row()] if rows and rows[0].row() < len(entries) else None

    def remove_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None or not entry.remote:
            self.message.setText(self.tr("This computer's engine stays in the list."))
            return
        self.engines.remove(entry.url)
        self.reports.pop(entry.url, None)
        self.refresh()
        self.engines_changed.emit()

    def check_selected(self) -> None:
        """The doctor for the selected engine, on a worker (ssh and TLS handshakes take a while)."""
        entry = self.selected_entry()
        if entry is None:
            return
        self.check_button.setEnabled(False)
        self.doctor.show_note(self.tr("Checking %1…").replace("%1", entry.name))
        run_task(_check, entry, on_done=lambda report, e=entry: self._show(e, report),
                 on_error=lambda exc: self._failed(str(exc)))

    def _show(self, entry: Any, report: Any) -> None:
        self.check_button.setEnabled(True)
        self.reports[entry.url] = report
        self.doctor.show_checks(report.checks)
        self.refresh()
        self.checked.emit(entry.url)

    def _failed(self, text: str) -> None:
        self.check_button.setEnabled(True)
        self.doctor.show_note(text)
