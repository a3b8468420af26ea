"""Data page: open or drop a file, choose columns, preview, charts, problems that jump to the row, split."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.jobs import DatasetSpec
from gui.core_texts import render, render_problem, tr_core
from gui.pages.data_tasks import Analysis, analyse, read_file, samples
from gui.settings import get_int, get_str
from gui.widgets.banner import Banner
from gui.widgets.bars import BarChart
from gui.widgets.table_model import PreviewModel
from gui.workers import run_task


class DataPage(QWidget):
    """Choose and inspect the training data."""

    dataset_ready = Signal(object, str)  # DatasetSpec, one-line summary
    train_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.table: Any = None
        self.analysis: Analysis | None = None
        self.path = ""
        self._building = False
        self._last_folder = ""  # where the open dialog starts when no file is open

        open_button = QPushButton(self.tr("Open a file…"))
        open_button.setObjectName("primary")
        open_button.setToolTip(self.tr("Open a CSV, TSV or JSONL file (Ctrl+O)"))
        open_button.clicked.connect(self.choose_file)
        self.sample_box = QHBoxLayout()
        self.sample_label = QLabel(self.tr("or try a sample:"))
        self.sample_box.addWidget(self.sample_label)
        top = QHBoxLayout()
        top.addWidget(open_button)
        top.addLayout(self.sample_box)
        top.addStretch(1)
        self.drop_hint = QLabel(self.tr("You can also drop a file anywhere on this page."))
        self.drop_hint.setObjectName("hint")
        top.addWidget(self.drop_hint)

        self.file_label = QLabel(self.tr("No file open."))
        self.file_label.setWordWrap(True)
        self.text_column = QComboBox()
        self.label_column = QComboBox()
        self.text_column.currentIndexChanged.connect(self._columns_changed)
        self.label_column.currentIndexChanged.connect(self._columns_changed)
        self.dev_fraction = QSpinBox(minimum=1, maximum=50, singleStep=5, value=10)
        self.dev_fraction.setSuffix(" %")
        self.dev_fraction.setToolTip(self.tr("Share of the training rows held out to evaluate the model "
                                             "(ignored when a dev file is given)"))
        self.dev_fraction.valueChanged.connect(lambda _v: self._emit_ready())
        self.dev_file = QLineEdit()
        self.dev_file.setPlaceholderText(self.tr("optional: a separate dev file"))
        self.dev_file.editingFinished.connect(self._emit_ready)
        self.test_file = QLineEdit()
        self.test_file.setPlaceholderText(self.tr("optional: a test file"))
        self.test_file.editingFinished.connect(self._emit_ready)
        dev_pick = QPushButton("…")
        dev_pick.setFixedWidth(32)
        dev_pick.clicked.connect(lambda: self._pick_into(self.dev_file))
        test_pick = QPushButton("…")
        test_pick.setFixedWidth(32)
        test_pick.clicked.connect(lambda: self._pick_into(self.test_file))
        dev_row = QHBoxLayout()
        dev_row.addWidget(self.dev_file, 1)
        dev_row.addWidget(dev_pick)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_file, 1)
        test_row.addWidget(test_pick)
        cols = QGroupBox(self.tr("Columns and split"))
        form = QFormLayout(cols)
        form.addRow(self.tr("Text column"), self.text_column)
        form.addRow(self.tr("Label column"), self.label_column)
        form.addRow(self.tr("Dev split"), self.dev_fraction)
        form.addRow(self.tr("Dev file"), dev_row)
        form.addRow(self.tr("Test file"), test_row)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.train_button = QPushButton(self.tr("Train with this dataset →"))
        self.train_button.setEnabled(False)
        self.train_button.clicked.connect(self.train_requested)

        self.label_chart = BarChart(self.tr("Examples per label"))
        self.length_chart = BarChart(self.tr("Text length (characters)"))
        self.label_chart.setMinimumHeight(150)
        self.length_chart.setMinimumHeight(150)

        self.problems = QListWidget()
        # long lines wrap to the list's width (the full text is also the item's tooltip)
        self.problems.setWordWrap(True)
        self.problems.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.problems.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.problems.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.problems.itemActivated.connect(self._jump)
        self.problems.itemClicked.connect(self._jump)

        self.model = PreviewModel(self)
        self.preview = QTableView()
        self.preview.setModel(self.model)
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setWordWrap(False)
        vh = self.preview.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row measuring: 100k rows stay instant
        vh.setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.preview.horizontalHeader().setStretchLastSection(True)

        self.banner = Banner()
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.file_label)
        ll.addWidget(cols)
        ll.addWidget(self.summary)
        ll.addWidget(self.train_button)
        ll.addWidget(self.label_chart, 1)
        ll.addWidget(self.length_chart, 1)
        left.setFixedWidth(360)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.preview, self.tr("Preview"))
        self.tabs.addTab(self.problems, self.tr("Problems"))
        body = QHBoxLayout()
        body.addWidget(left)
        body.addWidget(self.tabs, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)
        self._samples: list[Any] = []
        run_task(samples, on_done=self._show_samples, on_error=lambda _e: None)

    def _filter(self) -> str:
        return self.tr("Text tables (*.csv *.tsv *.jsonl *.txt *.json);;All files (*)")

    # -- samples -------------------------------------------------------------------------------
    def _show_samples(self, found: list[Any]) -> None:
        self._samples = found
        for sample in found:
            title = tr_core(str(getattr(sample, "title", "") or getattr(sample, "name", "sample")))
            button = QPushButton(title)
            button.setObjectName("link")
            button.setToolTip(tr_core(str(getattr(sample, "description", ""))))
            button.clicked.connect(lambda _c=False, s=sample: self.open_sample(s))
            self.sample_box.addWidget(button)
        self.sample_label.setVisible(bool(found))

    def open_sample(self, sample: Any) -> None:
        """Open a sample dataset, with its own dev/test files when it has them."""
        self.dev_file.setText(str(getattr(sample, "dev", "") or ""))
        self.test_file.setText(str(getattr(sample, "test", "") or ""))
        self.open_path(str(getattr(sample, "path", None) or sample.train))

    # -- opening -------------------------------------------------------------------------------
    def choose_file(self) -> None:
        """Ask for a file and open it."""
        start = str(Path(self.path).parent) if self.path else self._last_folder
        path, _f = QFileDialog.getOpenFileName(self, self.tr("Open a dataset"), start, self._filter())
        if path:
            self.dev_file.clear()
            self.test_file.clear()
            self.open_path(path)

    def _pick_into(self, edit: QLineEdit) -> None:
        path, _f = QFileDialog.getOpenFileName(self, self.tr("Choose a file"), "", self._filter())
        if path:
            edit.setText(path)
            self._emit_ready()

    def open_path(self, path: str, text_column: str = "", label_column: str = "") -> None:
        """Read ``path`` off the GUI thread; the preview and charts follow."""
        self.banner.hide()
        self.file_label.setText(self.tr("Reading %1…").replace("%1", Path(path).name))
        self.train_button.setEnabled(False)
        # reads finish in any order: a new one cancels the older, so only the latest fills the page
        run_task(read_file, path, owner=self, slot="read",
                 on_done=lambda r: self._show_table(path, r, text_column, label_column),
                 on_error=lambda exc: self._read_failed(path, exc))

    def _read_failed(self, path: str, exc: BaseException) -> None:
        # nothing of the previous file may stay on screen as if it were this one's
        self.path, self.table, self.analysis = "", None, None
        self._last_folder = str(Path(path).parent)
        self.model.set_table([], [], [])
        self._building = True
        self.text_column.clear()
        self.label_column.clear()
        self._building = False
        self._clear_analysis()
        reason = str(getattr(exc, "message", "") or (exc.args[0] if exc.args else type(exc).__name__))
        self.file_label.setText(self.tr("Could not open %1: %2").replace("%1", Path(path).name).replace("%2", reason))
        self.banner.show_error(exc)

    def _clear_analysis(self) -> None:
        """Empty the summary, charts and Problems (no analysis to show)."""
        self.analysis = None
        self.train_button.setEnabled(False)
        self.summary.setText("")
        self.label_chart.set_bars([], [])
        self.length_chart.set_histogram([0, 1], [])
        self.problems.clear()
        self.tabs.setTabText(1, self.tr("Problems"))

    def _show_table(self, path: str, result: tuple[Any, str | None, str | None], want_text: str,
                    want_label: str) -> None:
        table, text, label = result
        self.path, self.table, self.analysis = path, table, None
        self.model.set_table(table.columns, table.rows, table.lines)
        info = table.info
        self.file_label.setText(self.tr("<b>%1</b><br>%2 rows · %3 · %4").replace("%1", Path(path).name)
                                .replace("%2", f"{len(table):,}").replace("%3", info.format.upper())
                                .replace("%4", info.encoding))
        self._building = True
        for combo, want in ((self.text_column, want_text or text), (self.label_column, want_label or label)):
            combo.clear()
            combo.addItems(table.columns)
            combo.setCurrentIndex(max(0, table.columns.index(want)) if want in table.columns else 0)
        self._building = False
        for c in range(min(len(table.columns), 8)):
            self.preview.setColumnWidth(c, 560 if table.columns[c] == self.text_column.currentText() else 100)
        self._columns_changed()

    def _columns_changed(self) -> None:
        if self._building or self.table is None:
            return
        text, label = self.text_column.currentText(), self.label_column.currentText()
        if not text or not label:
            return
        if text == label:
            self.banner.show_message(self.tr("The text and label columns are the same."),
                                     self.tr("Choose the column with the sentences as text, and the one with "
                                             "the classes as label."), "warning")
            return
        self.banner.hide()
        table = self.table
        run_task(analyse, table, text, label, owner=self, slot="analysis",
                 on_done=lambda a: self._show_analysis(table, a), on_error=self._analysis_failed)

    def _analysis_failed(self, exc: BaseException) -> None:
        self._clear_analysis()
        self.banner.show_error(exc)

    def _show_analysis(self, table: Any, analysis: Analysis) -> None:
        if table is not self.table:
            return  # a newer file was opened meanwhile
        self.analysis = analysis
        stats = analysis.stats
        names = list(stats.class_counts.keys())
        self.label_chart.set_bars(names, list(stats.class_counts.values()))
        self.length_chart.set_histogram(analysis.edges, analysis.counts)
        cols = table.columns
        bad = {p.line for p in analysis.problems if p.line}
        self.model.mark(cols.index(self.text_column.currentText()), cols.index(self.label_column.currentText()),
                        bad)
        self._fill_problems(analysis)
        length = stats.length
        lines = [self.tr("<b>%1</b> usable examples, %2 labels: %3").replace("%1", f"{stats.num_examples:,}")
                 .replace("%2", str(len(names))).replace("%3", ", ".join(names[:8])),
                 self.tr("length: median %1, 95%: %2 characters; suggested max length %3")
                 .replace("%1", str(length.get("p50", 0))).replace("%2", str(length.get("p95", 0)))
                 .replace("%3", str(stats.suggested_max_seq_len))]
        if analysis.problems:
            lines.append(self.tr("<span style='color:#b3261e'>%n row(s) rejected: see Problems</span>", "",
                                 len(analysis.problems)))
        lines += [f"<span style='color:#8a5300'>{render(w)}</span>" for w in stats.warnings]
        self.summary.setText("<br>".join(lines))
        present = [n for n, c in stats.class_counts.items() if c]
        if len(present) < 2:
            self.banner.show_message(
                self.tr("%1: only one label (%2) in the column %3.").replace("%1", Path(self.path).name)
                .replace("%2", ", ".join(present) or "—").replace("%3", self.label_column.currentText()),
                self.tr("A classifier needs examples of at least two labels; check the label column."))
            self.train_button.setEnabled(False)
            return
        self.train_button.setEnabled(True)
        self._emit_ready()

    def _emit_ready(self) -> None:
        if self.analysis is None:
            return
        spec = self.dataset_spec()
        ex = self.analysis.examples
        summary = self.tr("%1 examples · %2 labels").replace("%1", f"{len(ex):,}") \
            .replace("%2", str(len(ex.label_names)))
        self.dataset_ready.emit(spec, summary)

    def dataset_spec(self) -> DatasetSpec:
        """The DatasetSpec the page's choices describe."""
        return DatasetSpec(train=self.path, dev=self.dev_file.text().strip() or None,
                           test=self.test_file.text().strip() or None,
                           text_column=self.text_column.currentText() or "text",
                           label_column=self.label_column.currentText() or "label",
                           dev_fraction=self.dev_fraction.value() / 100)

    # -- problems -> rows ----------------------------------------------------------------------
    def _fill_problems(self, analysis: Analysis) -> None:
        """Rejected rows and warnings (duplicates) in line order; each wraps, its tooltip is the whole text."""
        self.problems.clear()
        rejected = [(p, False) for p in analysis.problems]
        warned = [(p, True) for p in analysis.warnings]
        for p, warning in sorted(rejected + warned, key=lambda pw: (pw[0].line is None, pw[0].line or 0)):
            text = self.tr("warning: %1").replace("%1", render_problem(p)) if warning else render_problem(p)
            item = QListWidgetItem(text)
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.UserRole, p.line)
            if warning:
                item.setForeground(QBrush(QColor("#8a5300")))
            self.problems.addItem(item)
        total = len(rejected) + len(warned)
        self.tabs.setTabText(1, self.tr("Problems (%1)").replace("%1", str(total)))

    def _jump(self, item: QListWidgetItem) -> None:
        line = item.data(Qt.ItemDataRole.UserRole)
        if line:
            self.jump_to_line(int(line))

    def jump_to_line(self, line: int) -> int | None:
        """Select and show the preview row of a file line; returns the row."""
        row = self.model.row_of_line(line)
        if row is None:
            return None
        self.tabs.setCurrentWidget(self.preview)
        index = self.model.index(row, max(0, self.model.text_col))
        self.preview.selectRow(row)
        self.preview.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return row

    # -- drag and drop -------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt name
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt name
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.dev_file.clear()
                self.test_file.clear()
                self.open_path(url.toLocalFile())
                event.acceptProposedAction()
                return

    # -- persistence ---------------------------------------------------------------------------
    def save_state(self, s: QSettings) -> None:
        s.setValue("data/path", self.path)
        s.setValue("data/text_column", self.text_column.currentText())
        s.setValue("data/label_column", self.label_column.currentText())
        s.setValue("data/dev_percent", self.dev_fraction.value())
        s.setValue("data/dev", self.dev_file.text())
        s.setValue("data/test", self.test_file.text())

    def restore_state(self, s: QSettings) -> None:
        self.dev_fraction.setValue(get_int(s, "data/dev_percent", 10))
        self.dev_file.setText(get_str(s, "data/dev"))
        self.test_file.setText(get_str(s, "data/test"))
        path = get_str(s, "data/path")
        if path and Path(path).is_file():
            self.open_path(path, get_str(s, "data/text_column"), get_str(s, "data/label_column"))
