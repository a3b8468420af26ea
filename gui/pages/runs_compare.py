"""Compare's Report tab: the compared runs side by side, each with its best evaluation, and the
runs that have none named with what to do about it."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget


def _number(value: Any) -> str:
    return f"{value:.4f}" if isinstance(value, (int, float)) else "—"


def final_scores(row: Any) -> dict[str, Any] | None:
    """The run's best evaluation, else the best its `done` event reports; None when it has neither."""
    best = row.history.best_eval(row.metric)
    if best is not None:
        return best
    reported = (row.history.done or {}).get("best") or {}
    if isinstance(reported.get("value"), (int, float)):
        return {reported.get("metric", row.metric): reported["value"], "step": reported.get("step", "—")}
    return None


class CompareReport(QWidget):
    """One row per compared run: model, dataset, status, accuracy, macro F1, dev loss, step, duration."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.table = QTableWidget(0, 9)
        self.table.setHorizontalHeaderLabels([
            self.tr("Run"), self.tr("Model"), self.tr("Dataset"), self.tr("Status"), self.tr("Accuracy"),
            self.tr("Macro F1"), self.tr("Dev loss"), self.tr("At step"), self.tr("Duration")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)

    def show_rows(self, rows: list[Any], status_names: dict[str, str]) -> None:
        """``rows``: the Runs table's RunRow of each compared run."""
        self.table.setRowCount(len(rows))
        missing = []
        for r, row in enumerate(rows):
            best = final_scores(row)
            if best is None:
                missing.append(row.run.id)
                scores = [self.tr("no evaluation")] * 3 + ["—"]
            else:
                scores = [_number(best.get("accuracy")), _number(best.get("macro_f1")), _number(best.get("loss")),
                          str(best.get("step", "—"))]
            values = [row.run.id, row.model, row.dataset, status_names.get(row.status, row.status), *scores,
                      row.duration]
            for c, text in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(text))
        note = self.tr("Each run's best evaluation on the dev set (by its own metric).")
        if missing:
            note += " " + self.tr("No evaluation yet: %1. A run is evaluated every few steps and at the end of "
                                  "each epoch; Resume a stopped run to get one.").replace("%1", ", ".join(missing))
        self.note.setText(note)
