"""Predict page: choose an exported model, type a sentence, see label, class bars and latency; whole files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.runs import Workspace
from gui.pages.predict_file_tab import CsvModel, FilePredictionTab, predict_file
from gui.pages.predict_tasks import load_predictor, predict_texts
from gui.settings import get_str
from gui.widgets.banner import Banner
from gui.widgets.prediction_result import PredictionResult, ProbabilityBars
from gui.workers import run_task, serial_pool, settle_heap

# names other modules and tests import from here
__all__ = ["CsvModel", "PredictPage", "ProbabilityBars", "exported_runs", "load_predictor", "predict_file",
           "predict_texts"]


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


class PredictPage(QWidget):
    """Try an exported model."""

    model_changed = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.banner = Banner()
        self.export_dir = ""
        self.busy = False
        self.ready = False  # a model is loaded and can predict
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
        self.input.textChanged.connect(lambda _t: self._enable(self.ready))
        self.predict_button = QPushButton(self.tr("Predict"))
        self.predict_button.setObjectName("primary")
        self.predict_button.clicked.connect(self.predict_sentence)
        in_row = QHBoxLayout()
        in_row.addWidget(self.input, 1)
        in_row.addWidget(self.predict_button)
        self.result = PredictionResult()
        self.result_label, self.latency, self.bars = self.result.label, self.result.latency, self.result.bars
        self.history = QTableWidget(0, 3)
        self.history.setHorizontalHeaderLabels([self.tr("Sentence"), self.tr("Label"), self.tr("Confidence")])
        self.history.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.verticalHeader().setVisible(False)
        self.history.cellDoubleClicked.connect(lambda r, _c: self.input.setText(self.history.item(r, 0).text()))
        result_box = QGroupBox(self.tr("Result"))
        rb = QVBoxLayout(result_box)
        rb.addWidget(self.result)
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

        self.file_tab = FilePredictionTab()
        self.file_tab.running.connect(self._file_running)
        self.file_tab.failed.connect(self.banner_error)
        self.file_tab.message.connect(lambda text, level: self.banner.show_message(text, level=level))
        ft = self.file_tab  # the names tests and the screenshot tool use
        self.file_button, self.cancel_button, self.save_button = ft.file_button, ft.cancel_button, ft.save_button
        self.file_progress, self.file_label = ft.progress, ft.label
        self.file_model, self.file_table = ft.model, ft.table

        self.tabs = QTabWidget()
        self.tabs.addTab(sentence_tab, self.tr("Sentence"))
        self.tabs.addTab(self.file_tab, self.tr("Whole file"))
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
        run_task(exported_runs, self.workspace, owner=self, slot="list",
                 on_done=lambda items: self._fill_models(items, want), on_error=self.banner.show_error)

    def _fill_models(self, items: list[tuple[str, str]], want: str) -> None:
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
        # a newer choice cancels the load of an older one: only the chosen model says "Ready"
        run_task(load_predictor, self.export_dir, owner=self, slot="load", on_done=self._model_loaded,
                 on_error=self._model_failed, pool=serial_pool())

    def showEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().showEvent(event)
        if self._pending_load and self.export_dir:
            self._load()

    def _model_loaded(self, predictor: Any) -> None:
        settle_heap()  # Paddle's objects live as long as the app
        labels = list(getattr(predictor, "labels", []))
        self.model_info.setText(self.tr("Ready · labels: %1").replace("%1", ", ".join(labels)))
        self.banner.hide()
        self._enable(True)
        self.model_changed.emit(self.export_dir)

    def _model_failed(self, exc: BaseException) -> None:
        self.model_info.setText("")
        self.banner.show_error(exc)

    def _enable(self, on: bool) -> None:
        """``on``: a model is loaded. Predict also needs a typed sentence and nothing else running."""
        self.ready = on
        free = on and not self.busy
        typed = bool(self.input.text().strip())
        self.predict_button.setEnabled(free and typed)
        self.predict_button.setToolTip("" if typed or not free else self.tr("Type a sentence first"))
        self.file_button.setEnabled(free)
        self.file_tab.export_dir = self.export_dir

    def banner_error(self, exc: BaseException) -> None:
        """Show an error of a worker in the banner."""
        self.banner.show_error(exc)

    # -- one sentence --------------------------------------------------------------------------
    def predict_sentence(self) -> None:
        """Predict the typed sentence (or say that there is none)."""
        text = self.input.text().strip()
        if not text:
            self.result.clear(self.tr("Type a sentence first."))
            self.input.setFocus()
            return
        if not self.export_dir or self.busy or not self.ready:
            return
        self.busy = True
        self._enable(True)
        run_task(predict_texts, self.export_dir, [text], owner=self, on_done=lambda r: self._show_result(text, r),
                 on_error=self._predict_failed, pool=serial_pool())

    def _predict_failed(self, exc: BaseException) -> None:
        self.busy = False
        self._enable(self.ready)
        self.banner.show_error(exc)

    def _show_result(self, text: str, result: tuple[list[Any], float, list[Any]]) -> None:
        self.busy = False
        self._enable(self.ready)
        predictions, ms, notes = result
        pred = predictions[0]
        self.result.show_prediction(pred, ms, notes[0])
        self.history.insertRow(0)
        conf = dict(pred.probs).get(pred.label, 0.0)
        for col, value in enumerate((text, str(pred.label), f"{conf * 100:.1f} %")):
            item = QTableWidgetItem(value)
            if col == 0 and (notes[0].mostly_unknown or notes[0].truncated):
                item.setToolTip("\n".join(self.result.note_lines(notes[0])))
            self.history.setItem(0, col, item)
        if self.history.rowCount() > 200:
            self.history.removeRow(self.history.rowCount() - 1)

    # -- a whole file (its own tab) ------------------------------------------------------------
    def _file_running(self, on: bool) -> None:
        self.busy = on
        if on:
            self.banner.hide()
        self._enable(self.ready)

    def predict_path(self, path: str) -> None:
        """Predict every row of ``path`` into the Whole file table."""
        if self.export_dir and not self.busy:
            self.file_tab.export_dir = self.export_dir
            self.file_tab.predict_path(path)

    def save_csv(self, path: str) -> None:
        """Write the file predictions to ``path``."""
        self.file_tab.save_csv(path)

    # -- persistence ---------------------------------------------------------------------------
    def save_state(self, s: QSettings) -> None:
        s.setValue("predict/export", self.export_dir)

    def restore_state(self, s: QSettings) -> None:
        self.refresh_models(select=get_str(s, "predict/export", ""))
