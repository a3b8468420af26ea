"""The process table (who uses which GPU, with the owning run) and the alert list."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
)

from core.gpu import Alert, AttributedProcess, format_bytes

# header names marked for lupdate; ProcessTable.tr() shows them in the UI's language
COLUMNS = (QT_TRANSLATE_NOOP("ProcessTable", "GPU"), QT_TRANSLATE_NOOP("ProcessTable", "PID"),
           QT_TRANSLATE_NOOP("ProcessTable", "Memory"), QT_TRANSLATE_NOOP("ProcessTable", "Run"),
           QT_TRANSLATE_NOOP("ProcessTable", "Model"), QT_TRANSLATE_NOOP("ProcessTable", "Runs in"))


class ProcessTable(QTableWidget):
    """One row per GPU process; rebuilt only when what it shows changed."""

    def __init__(self, parent=None):
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self._shown: list[tuple] = []

    def show_processes(self, processes: list[AttributedProcess]) -> None:
        """Fill the table; each row's tooltip is the one-line description."""
        rows = []
        for ap in sorted(processes, key=lambda a: (a.process.gpu, a.process.pid)):
            p, o = ap.process, ap.owner
            where = ""
            if o is not None:
                where = self.tr("container %1").replace("%1", o.container_id[:12]) if o.kind == "container" else \
                    self.tr("local process")
            rows.append((str(p.gpu), str(p.pid), format_bytes(p.used_bytes), o.run_id if o else self.tr("not ours"),
                         o.model if o else p.name, where, ap.describe()))
        if rows == self._shown:
            return
        self._shown = rows
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row[:-1]):
                item = QTableWidgetItem(text)
                item.setToolTip(row[-1])
                self.setItem(r, c, item)

    def descriptions(self) -> list[str]:
        """The one-line description of every row ("run <id> (<model>, ...) uses ... on GPU n")."""
        return [row[-1] for row in self._shown]


class AlertList(QListWidget):
    """The active alerts, or a line saying there are none."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)  # an alert is a sentence with a hint: show all of it
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.alerts: list[Alert] = []
        self.show_alerts([])

    def show_alerts(self, alerts: list[Alert]) -> None:
        """Replace the list with these alerts."""
        self.alerts = list(alerts)
        self.clear()
        if not alerts:
            item = QListWidgetItem(self.tr("No alerts."))
            item.setForeground(QColor("#4a7a4a"))
            self.addItem(item)
            return
        for a in alerts:
            item = QListWidgetItem("⚠ " + a.message)
            item.setForeground(QColor("#b00020"))
            self.addItem(item)
