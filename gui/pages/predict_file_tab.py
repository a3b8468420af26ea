"""The Predict page's "Whole file" tab: predict every row of a file, Cancel, accuracy, Save as CSV.

A cancelled run writes nothing: the worker stops between chunks, removes its partial output and the
tab says how many rows were done. When the file has its own labels the output has a ``true_label``
column and the tab shows the accuracy against it.
"""

from __future__ import annotations

import csv
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.pages.predict_tasks import load_predictor
from gui.widgets.table_model import RowsModel
from gui.workers import run_task, serial_pool


@dataclass
class FileOutcome:
    """What a whole-file prediction produced: the CSV's header and rows, where it is, and the summary."""

    header: list[str]
    rows: list[list[str]]
    path: str
    result: Any  # core.predict.FilePredictions


def predict_file(export_dir: str, in_path: str, cancel: threading.Event | None = None,
                 progress=None) -> FileOutcome:
    """Predict every row of a file into a CSV in a temp folder (one output row per data row, in order)."""
    predictor = load_predictor(export_dir)
    out = Path(tempfile.mkdtemp(prefix="pdk-predict-")) / (Path(in_path).stem + ".predictions.csv")
    kwargs = {"progress": (lambda done, total: progress((done, total)))} if progress else {}
    result = predictor.predict_file(in_path, str(out), cancel=cancel, **kwargs)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    return FileOutcome(rows[0] if rows else [], rows[1:], str(out), result)


class CsvModel(RowsModel):
    """A read-only table over rows of strings (file predictions)."""

    @property
    def header(self) -> list[str]:
        return self.headers


class FilePredictionTab(QWidget):
    """Choose a file, watch the progress (Cancel), read the table and the accuracy, save the CSV."""

    running = Signal(bool)  # a file is being predicted (the page holds its other work meanwhile)
    failed = Signal(object)  # an exception for the page's banner
    message = Signal(str, str)  # text, level ("ok", "warning", ...) for the page's banner

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.input_path = ""  # the file last predicted
        self.file_out = ""  # its predictions, in a temp folder until saved
        self._cancel: threading.Event | None = None
        self.file_button = QPushButton(self.tr("Predict a file…"))
        self.file_button.clicked.connect(self._choose_file)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.save_button = QPushButton(self.tr("Save as CSV…"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self._save_csv)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.label = QLabel(self.tr("Choose a CSV, TSV or JSONL file with a text column; a label column, when "
                                    "there is one, is compared with the predictions."))
        self.label.setObjectName("hint")
        self.label.setWordWrap(True)
        self.model = CsvModel(parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        row = QHBoxLayout()
        row.addWidget(self.file_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.save_button)
        row.addWidget(self.progress, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.label)
        layout.addWidget(self.table, 1)
        self.export_dir = ""

    def _choose_file(self) -> None:
        start = str(Path(self.input_path).parent) if self.input_path else ""
        path, _f = QFileDialog.getOpenFileName(self, self.tr("Predict a file"), start,
                                               self.tr("Text tables (*.csv *.tsv *.jsonl *.txt);;All files (*)"))
        if path:
            self.predict_path(path)

    @property
    def busy(self) -> bool:
        """Whether a file is being predicted."""
        return self._cancel is not None

    def predict_path(self, path: str) -> None:
        """Predict every row of ``path`` with the export in ``self.export_dir`` into the table."""
        export_dir = self.export_dir
        if not export_dir or self.busy:
            return
        self._cancel = threading.Event()
        self.running.emit(True)
        self.input_path = path
        self.save_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setVisible(True)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.label.setText(self.tr("Predicting %1…").replace("%1", Path(path).name))
        run_task(predict_file, export_dir, path, cancel=self._cancel, on_done=self._done,
                 on_error=self._failed, on_progress=self._progress, pool=serial_pool())

    def cancel(self) -> None:
        """Stop the running prediction after the chunk in hand; nothing is written."""
        if self._cancel is not None:
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self.label.setText(self.tr("Cancelling…"))

    def _progress(self, value: tuple[int, int]) -> None:
        done, total = value
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _finish(self) -> None:
        self._cancel = None
        self.cancel_button.setVisible(False)
        self.progress.setVisible(False)
        self.running.emit(False)

    def _done(self, outcome: FileOutcome) -> None:
        self._finish()
        header, rows = outcome.header, outcome.rows
        self.file_out = outcome.path
        self.model.set_rows(rows, header)
        head = self.table.horizontalHeader()
        for col in range(len(header)):  # the text takes the room; label and scores get what they need
            mode = QHeaderView.ResizeMode.Stretch if col == 0 else QHeaderView.ResizeMode.Interactive
            head.setSectionResizeMode(col, mode)
            if col:
                self.table.setColumnWidth(col, 110)
        self.label.setText(" ".join([self._count_text(header, rows), self._accuracy_text(outcome.result)]).strip())
        self.save_button.setEnabled(True)

    def _count_text(self, header: list[str], rows: list[list[str]]) -> str:
        unread = sum(1 for r in rows if header and header[-1] == "problem" and r and r[-1])
        if unread:  # every input row is in the table; those not read say why in the problem column
            return (self.tr("%1 rows: %2 predicted, %3 could not be read (see the problem column).")
                    .replace("%1", str(len(rows))).replace("%2", str(len(rows) - unread)).replace("%3", str(unread)))
        return self.tr("%n row(s) predicted.", "", len(rows))

    def _accuracy_text(self, result: Any) -> str:
        column = getattr(result, "label_column", None)
        if not column:
            return ""
        if result.accuracy is None:
            return self.tr("The column %1 holds none of the model's labels: no accuracy.").replace("%1", column)
        return (self.tr("Accuracy against the file's labels (column %1, shown as true_label): %2 % (%3 of %4 "
                        "rows right).").replace("%1", column).replace("%2", f"{result.accuracy * 100:.1f}")
                .replace("%3", f"{result.correct:,}").replace("%4", f"{result.labelled:,}"))

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        if hasattr(exc, "done") and hasattr(exc, "total"):  # core.predict.PredictionCancelled
            self.model.set_rows([], [])
            self.file_out = ""
            self.label.setText(self.tr("Cancelled after %1 of %2 rows: nothing was saved.")
                               .replace("%1", f"{exc.done:,}").replace("%2", f"{exc.total:,}"))
            return
        self.label.setText("")
        self.failed.emit(exc)

    # -- saving --------------------------------------------------------------------------------
    def suggested_save_path(self) -> str:
        """Where "Save as CSV" proposes to write: beside the input, named after it."""
        if not self.input_path:
            return Path(self.file_out).name
        source = Path(self.input_path)
        return str(source.with_name(source.stem + ".predictions.csv"))

    def _save_csv(self) -> None:
        path, _f = QFileDialog.getSaveFileName(self, self.tr("Save predictions"), self.suggested_save_path(),
                                               self.tr("CSV (*.csv)"))
        if path:
            self.save_csv(path)

    def save_csv(self, path: str) -> None:
        """Write the file predictions to ``path``."""
        try:
            shutil.copyfile(self.file_out, path)
        except OSError as exc:
            self.failed.emit(exc)
        else:
            self.message.emit(self.tr("Saved %1").replace("%1", path), "ok")
