"""The end-of-training report: per-class precision/recall/F1 and the confusion matrix."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def _item(text: str, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setTextAlignment(align)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item


class EvalReport(QWidget):
    """Shows an `eval` event: a summary line, the per-class table and the confusion matrix."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.summary = QLabel(self.tr("The report appears when an evaluation has run."))
        self.summary.setWordWrap(True)
        self._summary_text = self.summary.text()
        self._verdict = ""  # e.g. "accuracy at chance level": said under the scores, never instead
        self.per_class = QTableWidget(0, 4)
        self.per_class.setHorizontalHeaderLabels([self.tr("precision"), self.tr("recall"), self.tr("F1"),
                                                  self.tr("support")])
        self.confusion = QTableWidget(0, 0)
        for table in (self.per_class, self.confusion):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Per class")))
        left.addWidget(self.per_class)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Confusion matrix (rows: true label, columns: predicted)")))
        right.addWidget(self.confusion)
        tables = QHBoxLayout()
        tables.addLayout(left, 1)
        tables.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(tables, 1)

    def clear(self) -> None:
        self._verdict = ""
        self._set_summary(self.tr("The report appears when an evaluation has run."))
        self.per_class.setRowCount(0)
        self.confusion.setRowCount(0)
        self.confusion.setColumnCount(0)

    def show_eval(self, ev: dict[str, Any], labels: list[str] | None = None) -> None:
        """Fill the tables from an eval event's fields."""
        per_class = ev.get("per_class") or {}
        names = list(labels or per_class.keys())
        acc, f1 = ev.get("accuracy"), ev.get("macro_f1")
        parts = [self.tr("step %1").replace("%1", str(ev.get("step", "?")))]
        if isinstance(acc, (int, float)):
            parts.append(self.tr("accuracy %1").replace("%1", f"{acc:.4f}"))
        if isinstance(f1, (int, float)):
            parts.append(self.tr("macro-F1 %1").replace("%1", f"{f1:.4f}"))
        if isinstance(ev.get("loss"), (int, float)):
            parts.append(self.tr("loss %1").replace("%1", f"{ev['loss']:.4f}"))
        split = str(ev.get("split", "dev"))
        split = {"dev": self.tr("the dev set"), "test": self.tr("the test set"),
                 "train": self.tr("the training set")}.get(split, split)
        self._set_summary(self.tr("Evaluation on %1: ").replace("%1", split) + ", ".join(parts))
        self.per_class.setRowCount(len(names))
        self.per_class.setVerticalHeaderLabels(names)
        for row, name in enumerate(names):
            stats = per_class.get(name, {})
            for col, key in enumerate(("precision", "recall", "f1", "support")):
                v = stats.get(key)
                text = "" if v is None else (str(int(v)) if key == "support" else f"{v:.3f}")
                self.per_class.setItem(row, col, _item(text))
        matrix = ev.get("confusion") or []
        n = len(matrix)
        names_m = names if len(names) == n else [str(i) for i in range(n)]
        self.confusion.setRowCount(n)
        self.confusion.setColumnCount(n)
        self.confusion.setHorizontalHeaderLabels(names_m)
        self.confusion.setVerticalHeaderLabels(names_m)
        top = max((max(r) for r in matrix if r), default=0) or 1
        for i, row_vals in enumerate(matrix):
            for j, v in enumerate(row_vals):
                item = _item(str(v))
                shade = int(235 - 170 * (v / top))
                item.setBackground(QBrush(QColor(shade, shade + 10 if shade < 245 else 255, 255)))
                if v / top > 0.6:
                    item.setForeground(QBrush(QColor("white")))
                self.confusion.setItem(i, j, item)

    def set_verdict(self, text: str) -> None:
        """A verdict on the run shown under the scores ("" removes it)."""
        self._verdict = text
        self._set_summary(self._summary_text)

    def _set_summary(self, text: str) -> None:
        self._summary_text = text
        if self._verdict:
            self.summary.setText(f"{text}\n⚠ {self._verdict}")
            self.summary.setStyleSheet("color: #8a5300;")
        else:
            self.summary.setText(text)
            self.summary.setStyleSheet("")
