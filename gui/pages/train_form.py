"""The Train page's job form: dataset, model cards, presets, advanced settings, where to train.

While a run is followed the form shows that run's own job (read from its job.json) and cannot be
edited; a dataset opened meanwhile is kept for the next run and shown apart ("next run: …").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.jobs import DatasetSpec, JobSpec, ModelSpec, RunnerSpec, TrainSpec
from core.models import PRESET_LEVELS, ModelError, preset
from core.trainer.config import SCHEMA
from gui.settings import get_str


def _hint_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label


class JobFormMixin:
    """The left panel of the Train page (mixed into TrainPage, a QWidget)."""

    def _build_form(self) -> QScrollArea:
        self.dataset = None  # the dataset the next start uses
        self._dataset_summary = ""
        self.shown_job: JobSpec | None = None  # the followed run's job, while it is shown locked
        self._filling = False  # show_job sets widgets: no preset or estimate reactions meanwhile
        side = QWidget()
        form = QVBoxLayout(side)
        form.setContentsMargins(0, 0, 8, 0)

        data_box = QGroupBox(self.tr("Dataset"))
        data_col = QVBoxLayout(data_box)
        data_row = QHBoxLayout()
        self.dataset_label = QLabel(self.tr("No dataset yet: choose one on the Data page."))
        self.dataset_label.setWordWrap(True)
        pick = QPushButton(self.tr("Choose…"))
        pick.clicked.connect(self.data_requested)
        data_row.addWidget(self.dataset_label, 1)
        data_row.addWidget(pick)
        data_col.addLayout(data_row)
        self.next_dataset_label = _hint_label()
        self.next_dataset_label.hide()
        data_col.addWidget(self.next_dataset_label)
        form.addWidget(data_box)

        model_box = QGroupBox(self.tr("Model"))
        model_col = QVBoxLayout(model_box)
        self.models = QListWidget()
        self.models.setObjectName("modelCards")
        self.models.setSpacing(2)
        self.models.setWordWrap(True)
        self.models.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.models.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.models.setMinimumHeight(170)
        self.models.currentRowChanged.connect(self._on_model_changed)
        model_col.addWidget(self.models)
        self.model_hint = _hint_label()
        model_col.addWidget(self.model_hint)
        self.estimate_label = _hint_label()
        self.estimate_label.setObjectName("estimate")
        model_col.addWidget(self.estimate_label)
        self.weights_warning = QLabel()
        self.weights_warning.setObjectName("weightsWarning")
        self.weights_warning.setWordWrap(True)
        self.weights_warning.setStyleSheet("color: #8a5300;")
        self.weights_warning.hide()
        model_col.addWidget(self.weights_warning)
        preset_row = QHBoxLayout()
        preset_row.addWidget(QLabel(self.tr("Preset:")))
        self.preset_group = QButtonGroup(self)
        self.preset_buttons: dict[str, QPushButton] = {}
        names = {"quick": self.tr("Quick"), "balanced": self.tr("Balanced"), "best": self.tr("Best")}
        for key in PRESET_LEVELS:
            button = QPushButton(names[key])
            button.setCheckable(True)
            button.setObjectName("preset")
            self.preset_group.addButton(button)
            self.preset_buttons[key] = button
            button.clicked.connect(lambda _c=False, k=key: self.apply_preset(k))
            preset_row.addWidget(button)
        self.preset_buttons["balanced"].setChecked(True)
        model_col.addLayout(preset_row)
        form.addWidget(model_box)

        self.advanced_toggle = QToolButton()
        self.advanced_toggle.setText(self.tr("Advanced settings"))
        self.advanced_toggle.setCheckable(True)
        self.advanced_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.advanced_toggle.toggled.connect(self._toggle_advanced)
        form.addWidget(self.advanced_toggle)
        self.advanced = QWidget()
        adv = QFormLayout(self.advanced)
        adv.setContentsMargins(12, 0, 0, 0)
        self.epochs = QSpinBox(minimum=1, maximum=1000, value=3)
        self.max_steps = QSpinBox(minimum=0, maximum=10_000_000, value=0)
        self.max_steps.setSpecialValueText(self.tr("no limit"))
        self.batch_size = QSpinBox(minimum=1, maximum=4096, value=32)
        self.lr = QDoubleSpinBox(decimals=6, minimum=1e-6, maximum=0.5, singleStep=1e-5, value=5e-3)
        seq = SCHEMA["model.max_seq_len"]  # the trainer's own range: a preset's length is never clipped here
        self.max_seq_len = QSpinBox(minimum=int(seq.low), maximum=int(seq.high), value=seq.default)
        self.warmup = QDoubleSpinBox(decimals=2, minimum=0.0, maximum=0.9, singleStep=0.05, value=0.1)
        self.weight_decay = QDoubleSpinBox(decimals=4, minimum=0.0, maximum=1.0, singleStep=0.01, value=0.01)
        self.eval_every = QSpinBox(minimum=0, maximum=1_000_000, value=0)
        self.eval_every.setSpecialValueText(self.tr("each epoch"))
        self.logging_every = QSpinBox(minimum=1, maximum=10000, value=10)
        self.patience = QSpinBox(minimum=0, maximum=100, value=0)
        self.patience.setSpecialValueText(self.tr("off"))
        # not "metric": that name would hide QWidget.metric(), which Qt calls to paint the page
        self.best_metric = QComboBox()
        self.best_metric.addItem(self.tr("accuracy"), "accuracy")
        self.best_metric.addItem(self.tr("macro-F1"), "macro_f1")
        self.amp = QCheckBox(self.tr("mixed precision (GPU)"))
        self.seed = QSpinBox(minimum=0, maximum=2**31 - 1, value=42)
        for label, widget in ((self.tr("Epochs"), self.epochs), (self.tr("Stop after steps"), self.max_steps),
                              (self.tr("Batch size"), self.batch_size), (self.tr("Learning rate"), self.lr),
                              (self.tr("Max text length"), self.max_seq_len),
                              (self.tr("Warm-up ratio"), self.warmup), (self.tr("Weight decay"), self.weight_decay),
                              (self.tr("Evaluate every (steps)"), self.eval_every),
                              (self.tr("Log every (steps)"), self.logging_every),
                              (self.tr("Early stopping patience"), self.patience),
                              (self.tr("Best model by"), self.best_metric), ("", self.amp),
                              (self.tr("Seed"), self.seed)):
            adv.addRow(label, widget)
        self.advanced.setVisible(False)
        form.addWidget(self.advanced)
        for box in (self.epochs, self.max_steps, self.batch_size, self.max_seq_len):
            box.valueChanged.connect(lambda _v: self._schedule_estimate())

        where = QGroupBox(self.tr("Where to train"))
        where_form = QFormLayout(where)
        self.runner = QComboBox()
        self.runner.addItem(self.tr("This computer (local)"), "local")
        self.runner.addItem(self.tr("Docker container"), "docker")
        self.runner.currentIndexChanged.connect(lambda _i: self.runner_changed.emit(self.runner_kind()))
        self.runner.currentIndexChanged.connect(lambda _i: self._schedule_estimate())
        where_form.addRow(self.tr("Runner"), self.runner)
        self.devices = QComboBox()
        self.devices.addItem(self.tr("CPU"), [])
        self.devices.currentIndexChanged.connect(lambda _i: self._schedule_estimate())
        where_form.addRow(self.tr("Devices"), self.devices)
        self.where_form = where_form
        self.device_note = _hint_label(self.tr("Looking for GPUs…"))
        where_form.addRow("", self.device_note)
        form.addWidget(where)
        form.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFixedWidth(360)
        return scroll

    def _toggle_advanced(self, on: bool) -> None:
        self.advanced.setVisible(on)
        self.advanced_toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)

    # -- models and presets ---------------------------------------------------------------------
    def model_name(self) -> str:
        item = self.models.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else "bow"

    def select_model(self, name: str) -> bool:
        """Select a model card by catalogue name."""
        for row in range(self.models.count()):
            if self.models.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.models.setCurrentRow(row)
                return True
        return False

    def _on_model_changed(self, row: int) -> None:
        if 0 <= row < len(self._cards):
            self.model_hint.setText(self._cards[row].description)
            if not self._filling:
                self.apply_preset(self.preset_name())
            self._model_changed()

    def preset_name(self) -> str:
        for key, button in self.preset_buttons.items():
            if button.isChecked():
                return key
        return "balanced"

    def apply_preset(self, name: str) -> None:
        """Fill the hyper-parameters from the catalogue's preset for the chosen model."""
        self.preset_buttons[name].setChecked(True)
        try:
            values = preset(self.model_name(), name).as_dict()
        except ModelError:  # no model chosen yet: keep the current values
            return
        for field_name, widget in self._train_widgets():
            if field_name in values:
                widget.setValue(values[field_name])
        self.max_seq_len.setValue(int(values["max_seq_len"]))
        self._update_memory_hint()

    def _train_widgets(self) -> tuple[tuple[str, Any], ...]:
        return (("epochs", self.epochs), ("batch_size", self.batch_size), ("learning_rate", self.lr),
                ("warmup_ratio", self.warmup), ("weight_decay", self.weight_decay), ("max_steps", self.max_steps),
                ("eval_every", self.eval_every), ("logging_every", self.logging_every),
                ("early_stopping_patience", self.patience))

    # -- the job ---------------------------------------------------------------------------------
    def set_dataset(self, spec: DatasetSpec, summary: str = "") -> None:
        """Use ``spec`` for the next run (the Data page calls this); a followed run keeps its own."""
        self.dataset = spec
        self._dataset_summary = summary
        self._show_dataset()
        if self.banner.isVisible() and getattr(self, "_banner_wants_dataset", False):
            self.banner.hide()  # "Choose a dataset first." is answered
        self._banner_wants_dataset = False
        self._dataset_changed()

    def _show_dataset(self) -> None:
        shown = self.shown_job
        if shown is not None:
            name = Path(shown.dataset.train).name or "?"
            self.dataset_label.setText(self.tr("<b>%1</b><br>this run's dataset").replace("%1", name))
            other = self.dataset is not None and self.dataset.train != shown.dataset.train
            self.next_dataset_label.setText(self.tr("next run: %1").replace("%1", Path(self.dataset.train).name)
                                            if other else "")
            self.next_dataset_label.setVisible(other)
            return
        self.next_dataset_label.hide()
        if self.dataset is None:
            self.dataset_label.setText(self.tr("No dataset yet: choose one on the Data page."))
            return
        name = Path(self.dataset.train).name
        summary = self._dataset_summary
        self.dataset_label.setText(f"<b>{name}</b><br>{summary}" if summary else f"<b>{name}</b>")

    def job(self) -> JobSpec:
        """The JobSpec the current choices describe."""
        train = TrainSpec(epochs=self.epochs.value(), max_steps=self.max_steps.value(),
                          batch_size=self.batch_size.value(), learning_rate=self.lr.value(),
                          weight_decay=self.weight_decay.value(), warmup_ratio=self.warmup.value(),
                          eval_every=self.eval_every.value(), logging_every=self.logging_every.value(),
                          early_stopping_patience=self.patience.value(), metric=self.best_metric.currentData(),
                          amp=self.amp.isChecked(), seed=self.seed.value())
        devices = self.devices_chosen()
        image = None
        if self.runner_kind() == "docker":
            from core.docker.images import trainer_image_tag

            image = trainer_image_tag(self.base_image_for(devices))
        return JobSpec(dataset=self.dataset or DatasetSpec(),
                       model=ModelSpec(name=self.model_name(), max_seq_len=self.max_seq_len.value()),
                       train=train, runner=RunnerSpec(kind=self.runner_kind(), devices=devices, image=image))

    def show_job(self, job: JobSpec) -> None:
        """Fill the form with a followed run's own job and lock it (``unlock_form`` when it ends)."""
        self._filling = True
        try:
            self.select_model(job.model.name)
            for field_name, widget in self._train_widgets():
                widget.setValue(getattr(job.train, field_name))
            self.max_seq_len.setValue(job.model.max_seq_len)
            self.best_metric.setCurrentIndex(max(0, self.best_metric.findData(job.train.metric)))
            self.amp.setChecked(job.train.amp)
            self.seed.setValue(job.train.seed)
            self.runner.setCurrentIndex(max(0, self.runner.findData(job.runner.kind)))
            self._show_devices(list(job.runner.devices))
            self._check_matching_preset(job)
        finally:
            self._filling = False
        self.shown_job = job
        self._show_dataset()
        self._set_form_enabled(False)
        self._model_changed()

    def unlock_form(self) -> None:
        """The followed run ended: its values stay, editable, for the next run."""
        job, self.shown_job = self.shown_job, None
        if job is not None and self.dataset is None and job.dataset.train:
            self.dataset = job.dataset  # the next run may train on the same data
        self._show_dataset()
        self._set_form_enabled(True)
        self._dataset_changed()

    def _check_matching_preset(self, job: JobSpec) -> None:
        """Check the preset these values are, or none: a job's own values are no preset's."""
        matching = ""
        for key in PRESET_LEVELS:
            try:
                values = preset(job.model.name, key).as_dict()
            except ModelError:  # an unknown model: no preset matches
                break
            max_seq_len = values.pop("max_seq_len")
            same = all(abs(float(getattr(job.train, f)) - float(v)) < 1e-12 for f, v in values.items())
            if same and max_seq_len == job.model.max_seq_len:
                matching = key
                break
        self.preset_group.setExclusive(False)
        for key, button in self.preset_buttons.items():
            button.setChecked(key == matching)
        self.preset_group.setExclusive(True)

    def _set_form_enabled(self, on: bool) -> None:
        for widget in (self.models, self.advanced, self.runner, self.devices, *self.preset_buttons.values()):
            widget.setEnabled(on)
        if self.picker is not None:
            self.picker.setEnabled(on)

    # -- persistence ---------------------------------------------------------------------------
    def save_state(self, s: QSettings) -> None:
        """Remember the choices."""
        s.setValue("train/model", self.model_name())
        s.setValue("train/preset", self.preset_name())
        s.setValue("train/runner", self.runner_kind())
        s.setValue("train/advanced_open", self.advanced_toggle.isChecked())
        for key, widget in self._numbers().items():
            s.setValue(f"train/{key}", widget.value())
        s.setValue("train/metric", self.best_metric.currentData())

    def restore_state(self, s: QSettings) -> None:
        """Bring the remembered choices back."""
        self.select_model(get_str(s, "train/model", self.model_name()))
        preset = get_str(s, "train/preset", "balanced")
        if preset in self.preset_buttons:
            self.preset_buttons[preset].setChecked(True)
        index = self.runner.findData(get_str(s, "train/runner", "local"))
        self.runner.setCurrentIndex(max(0, index))
        for key, widget in self._numbers().items():
            value = s.value(f"train/{key}")
            if value is not None:
                try:
                    widget.setValue(type(widget.value())(value))
                except (TypeError, ValueError):
                    pass
        index = self.best_metric.findData(get_str(s, "train/metric", "accuracy"))
        self.best_metric.setCurrentIndex(max(0, index))
        self.advanced_toggle.setChecked(str(s.value("train/advanced_open", "false")).lower() == "true")

    def _numbers(self) -> dict[str, Any]:
        return {"epochs": self.epochs, "max_steps": self.max_steps, "batch_size": self.batch_size,
                "learning_rate": self.lr, "max_seq_len": self.max_seq_len, "warmup_ratio": self.warmup,
                "weight_decay": self.weight_decay, "eval_every": self.eval_every,
                "logging_every": self.logging_every, "patience": self.patience, "seed": self.seed}
