"""Predict page: choose an exported model, type a sentence, see label, class bars and latency; whole files."""

from __future__ import annotations

import csv
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.runs import Workspace
from gui.settings import get_str
from gui.widgets.banner import Banner
from gui.workers import run_task, serial_pool, settle_heap

# (export folder, manifest.json mtime) -> Predictor: loading one costs a Paddle start, and "Export again"
# or a resumed run rewrites the folder in place, so the manifest's time tells a new export from the old one
_predictors: dict[tuple[str, int], Any] = {}


def _export_key(export_dir: str) -> tuple[str, int]:
    """The cache key of an export folder: its resolved path and its manifest's modification time."""
    folder = Path(export_dir).resolve()
    try:
        mtime = (folder / "manifest.json").stat().st_mtime_ns
    except OSError:
        mtime = 0
    return str(folder), mtime


def load_predictor(export_dir: str) -> Any:
    """A Predictor for ``export_dir`` (cached until the export is rewritten); runs in a worker: it imports Paddle."""
    key = _export_key(export_dir)
    if key not in _predictors:
        from core.predict import Predictor

        for old in [k for k in _predictors if k[0] == key[0]]:  # an older export of the same folder
            del _predictors[old]
        _predictors[key] = Predictor(key[0])
    return _predictors[key]


def predict_texts(export_dir: str, texts: list[str]) -> tuple[list[Any], float]:
    """Predictions and the milliseconds per sentence they took."""
    predictor = load_predictor(export_dir)
    start = time.perf_counter()
    results = predictor.predict(texts)
    return results, (time.perf_counter() - start) * 1000 / max(1, len(texts))


def predict_file(export_dir: str, in_path: str, progress=None) -> tuple[list[str], list[list[str]], str]:
    """Predict every row of a file into a CSV in a temp folder; returns header, rows and its path.

    The file is read by core.datasets like a training file: one output row per data row, in order.
    """
    predictor = load_predictor(export_dir)
    out = Path(tempfile.mkdtemp(prefix="pdk-predict-")) / (Path(in_path).stem + ".predictions.csv")
    kwargs = {"progress": (lambda done, total: progress((done, total)))} if progress else {}
    predictor.predict_file(in_path, str(out), **kwargs)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    return (rows[0] if rows else []), rows[1:], str(out)


def exported_runs(workspace: Workspace) -> list[tuple[str, str]]:
    """(title, export folder) for each run with an exported model, newest first."""
    out = []
    for run in workspace.runs():
        if run.has_export():
            try:
                job = run.job()
                title = f"{run.id} · {job.model.name} · {Path(job.dataset.train).name}"
            except Exception:  # noqa: BLE001 - a damaged job.json still lists the model
                title = run.id
            out.append((title, str(run.export_dir)))
    return out


class CsvModel(QAbstractTableModel):
    """A read-only table over rows of strings (file predictions)."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.header: list[str] = []
        self.rows: list[list[str]] = []

    def set_rows(self, header: list[str], rows: list[list[str]]) -> None:
        self.beginResetModel()
        self.header, self.rows = header, rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.header)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.header[section] if section < len(self.header) else ""
        return section + 1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and index.isValid():
            row = self.rows[index.row()]
            return row[index.column()] if index.column() < len(row) else ""
        return None


class ProbabilityBars(QWidget):
    """One labelled bar per class."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setColumnStretch(1, 1)
        self.bars: dict[str, QProgressBar] = {}

    def show_probs(self, probs: dict[str, float], winner: str) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.bars.clear()
        for row, (label, p) in enumerate(probs.items()):
            name = QLabel(label)
            bar = QProgressBar()
            bar.setRange(0, 1000)
            bar.setValue(int(round(p * 1000)))
            bar.setFormat(f"{p * 100:.1f} %")
            bar.setProperty("winner", label == winner)
            self.grid.addWidget(name, row, 0)
            self.grid.addWidget(bar, row, 1)
            self.bars[label] = bar


class PredictPage(QWidget):
    """Try an exported model."""

    model_changed = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.export_dir = ""
        self.file_out = ""
        self.busy = False
        self._listing = 0
        self._pending_load = False

        self.models = QComboBox()
        self.models.setMinimumContentsLength(30)
        self.models.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.models.currentIndexChanged.connect(self._on_model_chosen)
        browse = QPushButton(self.tr("Folder…"))
        browse.setToolTip(self.tr("Use an export folder from elsewhere"))
        browse.clicked.connect(self._browse_model)
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh_models)
        self.model_info = QLabel()
        self.model_info.setObjectName("hint")
        model_row = QHBoxLayout()
        model_row.addWidget(QLabel(self.tr("Model:")))
        model_row.addWidget(self.models, 1)
        model_row.addWidget(browse)
        model_row.addWidget(refresh)

        self.input = QLineEdit()
        self.input.setPlaceholderText(self.tr("Type a sentence, e.g. 这家餐厅的服务非常好"))
        self.input.returnPressed.connect(self.predict_sentence)
        self.predict_button = QPushButton(self.tr("Predict"))
        self.predict_button.setObjectName("primary")
        self.predict_button.clicked.connect(self.predict_sentence)
        in_row = QHBoxLayout()
        in_row.addWidget(self.input, 1)
        in_row.addWidget(self.predict_button)
        self.result_label = QLabel("—")
        self.result_label.setObjectName("bigLabel")
        self.latency = QLabel()
        self.latency.setObjectName("hint")
        self.bars = ProbabilityBars()
        res_row = QHBoxLayout()
        res_row.addWidget(self.result_label)
        res_row.addStretch(1)
        res_row.addWidget(self.latency)
        self.history = QTableWidget(0, 3)
        self.history.setHorizontalHeaderLabels([self.tr("Sentence"), self.tr("Label"), self.tr("Confidence")])
        self.history.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.verticalHeader().setVisible(False)
        self.history.cellDoubleClicked.connect(lambda r, _c: self.input.setText(self.history.item(r, 0).text()))
        result_box = QGroupBox(self.tr("Result"))
        rb = QVBoxLayout(result_box)
        rb.addLayout(res_row)
        rb.addWidget(self.bars)
        rb.addStretch(1)
        hist_box = QGroupBox(self.tr("Tried sentences"))
        hb = QVBoxLayout(hist_box)
        hb.addWidget(self.history)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(result_box)
        split.addWidget(hist_box)
        split.setSizes([400, 500])
        sentence_tab = QWidget()
        st = QVBoxLayout(sentence_tab)
        st.addLayout(in_row)
        st.addWidget(split, 1)

        file_tab = QWidget()
        self.file_button = QPushButton(self.tr("Predict a file…"))
        self.file_button.clicked.connect(self._choose_file)
        self.save_button = QPushButton(self.tr("Save as CSV…"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self._save_csv)
        self.file_progress = QProgressBar()
        self.file_progress.setVisible(False)
        self.file_label = QLabel(self.tr("Choose a CSV, TSV or JSONL file with a text column."))
        self.file_label.setObjectName("hint")
        self.file_model = CsvModel(self)
        self.file_table = QTableView()
        self.file_table.setModel(self.file_model)
        self.file_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.file_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        ft = QVBoxLayout(file_tab)
        fr = QHBoxLayout()
        fr.addWidget(self.file_button)
        fr.addWidget(self.save_button)
        fr.addWidget(self.file_progress, 1)
        ft.addLayout(fr)
        ft.addWidget(self.file_label)
        ft.addWidget(self.file_table, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(sentence_tab, self.tr("Sentence"))
        self.tabs.addTab(file_tab, self.tr("Whole file"))
        self.banner = Banner()
        layout = QVBoxLayout(self)
        layout.addLayout(model_row)
        layout.addWidget(self.model_info)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self._enable(False)

    # -- choosing a model ----------------------------------------------------------------------
    def refresh_models(self, select: str = "") -> None:
        """List the runs with an exported model (off the GUI thread); the latest request wins."""
        want = select or self.export_dir
        self._listing += 1
        ticket = self._listing
        run_task(exported_runs, self.workspace, on_done=lambda items: self._fill_models(items, want, ticket),
                 on_error=self.banner.show_error)

    def _fill_models(self, items: list[tuple[str, str]], want: str, ticket: int = 0) -> None:
        if ticket and ticket != self._listing:
            return  # a newer request (e.g. "Try the model" on a run) is on its way
        self.models.blockSignals(True)
        self.models.clear()
        for title, path in items:
            self.models.addItem(title, path)
        if want and self.models.findData(want) < 0 and Path(want).is_dir():
            self.models.addItem(want, want)
        self.models.blockSignals(False)
        if self.models.count() == 0:  # none yet, or the chosen one was deleted (Runs → Delete)
            self.export_dir = ""
            self._pending_load = False
            self.model_info.setText(self.tr("No exported model yet: train one first, or pick a folder."))
            self._enable(False)
            return
        index = self.models.findData(want) if want else 0
        self.models.setCurrentIndex(max(0, index))
        self._on_model_chosen(self.models.currentIndex())

    def use_export(self, export_dir: str) -> None:
        """Select this export folder (Runs page 'Try the model')."""
        self.refresh_models(select=str(export_dir))

    def _browse_model(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose an export folder"))
        if path:
            self.use_export(path)

    def _on_model_chosen(self, index: int) -> None:
        path = self.models.itemData(index)
        if not path:
            return
        self.export_dir = str(path)
        self._enable(False)
        self._pending_load = True
        if self.isVisible():  # Paddle loads when the page is first looked at, not at start-up
            self._load()

    def _load(self) -> None:
        self._pending_load = False
        self.model_info.setText(self.tr("Loading the model…"))
        run_task(load_predictor, self.export_dir, on_done=self._model_loaded, on_error=self._model_failed,
                 pool=serial_pool())

    def showEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().showEvent(event)
        if self._pending_load and self.export_dir:
            self._load()

    def _model_loaded(self, predictor: Any) -> None:
        settle_heap()  # Paddle's objects live as long as the app
        loaded = Path(getattr(predictor, "export_dir", self.export_dir)).resolve()
        if loaded != Path(self.export_dir).resolve():
            return  # an older choice finished loading; the current one is still on its way
        labels = list(getattr(predictor, "labels", []))
        self.model_info.setText(self.tr("Ready · labels: %1").replace("%1", ", ".join(labels)))
        self.banner.hide()
        self._enable(True)
        self.model_changed.emit(self.export_dir)

    def _model_failed(self, exc: BaseException) -> None:
        self.model_info.setText("")
        self.banner.show_error(exc)

    def _enable(self, on: bool) -> None:
        self.predict_button.setEnabled(on and not self.busy)
        self.file_button.setEnabled(on and not self.busy)

    # -- one sentence --------------------------------------------------------------------------
    def predict_sentence(self) -> None:
        """Predict the typed sentence."""
        text = self.input.text().strip()
        if not text or not self.export_dir or self.busy:
            return
        self.busy = True
        self._enable(False)
        run_task(predict_texts, self.export_dir, [text], on_done=lambda r: self._show_result(text, r),
                 on_error=self._predict_failed, pool=serial_pool())

    def _predict_failed(self, exc: BaseException) -> None:
        self.busy = False
        self._enable(True)
        self.banner.show_error(exc)

    def _show_result(self, text: str, result: tuple[list[Any], float]) -> None:
        self.busy = False
        self._enable(True)
        predictions, ms = result
        pred = predictions[0]
        probs = dict(pred.probs)
        self.result_label.setText(str(pred.label))
        self.latency.setText(self.tr("%1 ms").replace("%1", f"{ms:.1f}"))
        self.bars.show_probs(probs, pred.label)
        self.history.insertRow(0)
        conf = probs.get(pred.label, 0.0)
        for col, value in enumerate((text, str(pred.label), f"{conf * 100:.1f} %")):
            self.history.setItem(0, col, QTableWidgetItem(value))
        if self.history.rowCount() > 200:
            self.history.removeRow(self.history.rowCount() - 1)

    # -- a whole file --------------------------------------------------------------------------
    def _choose_file(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, self.tr("Predict a file"), "",
                                               self.tr("Text tables (*.csv *.tsv *.jsonl *.txt);;All files (*)"))
        if path:
            self.predict_path(path)

    def predict_path(self, path: str) -> None:
        """Predict every row of ``path`` into the table."""
        if not self.export_dir or self.busy:
            return
        self.busy = True
        self._enable(False)
        self.save_button.setEnabled(False)
        self.file_progress.setVisible(True)
        self.file_progress.setRange(0, 0)
        self.file_label.setText(self.tr("Predicting %1…").replace("%1", Path(path).name))
        run_task(predict_file, self.export_dir, path, on_done=self._file_done, on_error=self._file_failed,
                 on_progress=self._file_progress, pool=serial_pool())

    def _file_progress(self, value: tuple[int, int]) -> None:
        done, total = value
        if total:
            self.file_progress.setRange(0, total)
            self.file_progress.setValue(done)

    def _file_done(self, result: tuple[list[str], list[list[str]], str]) -> None:
        header, rows, out = result
        self.busy = False
        self._enable(True)
        self.file_out = out
        self.file_progress.setVisible(False)
        self.file_model.set_rows(header, rows)
        head = self.file_table.horizontalHeader()
        for col in range(len(header)):  # the text takes the room; label and scores get what they need
            mode = QHeaderView.ResizeMode.Stretch if col == 0 else QHeaderView.ResizeMode.Interactive
            head.setSectionResizeMode(col, mode)
            if col:
                self.file_table.setColumnWidth(col, 110)
        unread = sum(1 for r in rows if header and header[-1] == "problem" and r and r[-1])
        if unread:  # every input row is in the table; those not read say why in the problem column
            self.file_label.setText(self.tr("%1 rows: %2 predicted, %3 could not be read (see the problem column).")
                                    .replace("%1", str(len(rows))).replace("%2", str(len(rows) - unread))
                                    .replace("%3", str(unread)))
        else:
            self.file_label.setText(self.tr("%n row(s) predicted.", "", len(rows)))
        self.save_button.setEnabled(True)

    def _file_failed(self, exc: BaseException) -> None:
        self.busy = False
        self._enable(True)
        self.file_progress.setVisible(False)
        self.file_label.setText("")
        self.banner.show_error(exc)

    def _save_csv(self) -> None:
        path, _f = QFileDialog.getSaveFileName(self, self.tr("Save predictions"), Path(self.file_out).name,
                                               self.tr("CSV (*.csv)"))
        if path:
            self.save_csv(path)

    def save_csv(self, path: str) -> None:
        """Write the file predictions to ``path``."""
        try:
            shutil.copyfile(self.file_out, path)
        except OSError as exc:
            self.banner.show_error(exc)
        else:
            self.banner.show_message(self.tr("Saved %1").replace("%1", path), level="ok")

    # -- persistence ---------------------------------------------------------------------------
    def save_state(self, s: QSettings) -> None:
        s.setValue("predict/export", self.export_dir)

    def restore_state(self, s: QSettings) -> None:
        self.refresh_models(select=get_str(s, "predict/export", ""))
