"""Train page: model cards and presets, runner and devices, Start/Stop/Resume, live charts and log."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
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
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.events import Event, RunHistory
from core.jobs import DatasetSpec, JobSpec, ModelSpec, RunnerSpec, TrainSpec
from core.runs import Run, Workspace, run_status
from gui import catalogue
from gui.core_texts import tr_core
from gui.live import RunWatcher
from gui.settings import get_str
from gui.widgets.banner import Banner
from gui.widgets.charts import TrainingCharts
from gui.widgets.log_console import LogConsole
from gui.widgets.report import EvalReport
from gui.workers import run_task

STOP_MARGIN_S = 10.0  # after Stop's timeout, how long the end of the run may take to show
ACTIVE = ("starting", "preparing", "training", "evaluating", "exporting", "stopping", "running")
FINAL = ("finished", "failed", "stopped")


def _runner_alive(run: Run):
    """A callable telling whether ``run``'s trainer lives (builds its runner on first use, off the GUI)."""
    holder: dict[str, Any] = {}

    def alive() -> bool:
        try:
            if "runner" not in holder:
                from core.launch import runner_of

                holder["runner"] = runner_of(run)
            return bool(holder["runner"].is_running(run))
        except Exception:  # noqa: BLE001 - e.g. the Docker engine went away: judge from the folder
            return run_status(run) == "running"

    return alive


class TrainPage(QWidget):
    """Everything about one training run: its choices before, its live state during, its report after."""

    run_started = Signal(object)  # Run
    run_ended = Signal(object, str)  # Run, status
    runner_changed = Signal(str)
    data_requested = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.dataset: DatasetSpec | None = None
        self.run: Run | None = None
        self.watcher: RunWatcher | None = None
        self.history = RunHistory()
        self.state = "idle"
        self.following = False  # a watcher follows a live trainer process
        self._before_start = "idle"  # the state a failed start (or resume) goes back to
        self.stop_timeout_s = 15.0  # Stop asks the trainer to checkpoint, then kills it after this
        self.gpus: list[Any] = []
        self.picker: Any = None  # gui.monitor.GpuPicker once mounted
        self.docker_base_image = ""  # Settings → Docker: the trainer image is the one built on it
        self.gpu_strip: Any = None
        self._cards: list[catalogue.ModelCard] = []
        self._build()
        self.chart_timer = QTimer(self)
        self.chart_timer.setInterval(250)  # charts redraw at most 4 times a second
        self.chart_timer.timeout.connect(self._refresh_charts)
        self._load_models()
        self._set_state("idle")

    # -- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        side = QWidget()
        form = QVBoxLayout(side)
        form.setContentsMargins(0, 0, 8, 0)

        data_box = QGroupBox(self.tr("Dataset"))
        data_row = QHBoxLayout(data_box)
        self.dataset_label = QLabel(self.tr("No dataset yet: choose one on the Data page."))
        self.dataset_label.setWordWrap(True)
        pick = QPushButton(self.tr("Choose…"))
        pick.clicked.connect(self.data_requested)
        data_row.addWidget(self.dataset_label, 1)
        data_row.addWidget(pick)
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
        self.model_hint = QLabel()
        self.model_hint.setWordWrap(True)
        self.model_hint.setObjectName("hint")
        model_col.addWidget(self.model_hint)
        preset_row = QHBoxLayout()
        preset_row.addWidget(QLabel(self.tr("Preset:")))
        self.preset_group = QButtonGroup(self)
        self.preset_buttons: dict[str, QPushButton] = {}
        names = {"quick": self.tr("Quick"), "balanced": self.tr("Balanced"), "best": self.tr("Best")}
        for key in catalogue.PRESETS:
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
        self.max_seq_len = QSpinBox(minimum=8, maximum=2048, value=128)
        self.warmup = QDoubleSpinBox(decimals=2, minimum=0.0, maximum=0.9, singleStep=0.05, value=0.1)
        self.weight_decay = QDoubleSpinBox(decimals=4, minimum=0.0, maximum=1.0, singleStep=0.01, value=0.01)
        self.eval_every = QSpinBox(minimum=0, maximum=1_000_000, value=0)
        self.eval_every.setSpecialValueText(self.tr("each epoch"))
        self.logging_every = QSpinBox(minimum=1, maximum=10000, value=10)
        self.patience = QSpinBox(minimum=0, maximum=100, value=0)
        self.patience.setSpecialValueText(self.tr("off"))
        self.metric = QComboBox()
        self.metric.addItem(self.tr("accuracy"), "accuracy")
        self.metric.addItem(self.tr("macro-F1"), "macro_f1")
        self.amp = QCheckBox(self.tr("mixed precision (GPU)"))
        self.seed = QSpinBox(minimum=0, maximum=2**31 - 1, value=42)
        for label, widget in ((self.tr("Epochs"), self.epochs), (self.tr("Stop after steps"), self.max_steps),
                              (self.tr("Batch size"), self.batch_size), (self.tr("Learning rate"), self.lr),
                              (self.tr("Max text length"), self.max_seq_len),
                              (self.tr("Warm-up ratio"), self.warmup), (self.tr("Weight decay"), self.weight_decay),
                              (self.tr("Evaluate every (steps)"), self.eval_every),
                              (self.tr("Log every (steps)"), self.logging_every),
                              (self.tr("Early stopping patience"), self.patience),
                              (self.tr("Best model by"), self.metric), ("", self.amp), (self.tr("Seed"), self.seed)):
            adv.addRow(label, widget)
        self.advanced.setVisible(False)
        form.addWidget(self.advanced)

        where = QGroupBox(self.tr("Where to train"))
        where_form = QFormLayout(where)
        self.runner = QComboBox()
        self.runner.addItem(self.tr("This computer (local)"), "local")
        self.runner.addItem(self.tr("Docker container"), "docker")
        self.runner.currentIndexChanged.connect(lambda _i: self.runner_changed.emit(self.runner_kind()))
        where_form.addRow(self.tr("Runner"), self.runner)
        self.devices = QComboBox()
        self.devices.addItem(self.tr("CPU"), [])
        where_form.addRow(self.tr("Devices"), self.devices)
        self.where_form = where_form
        self.device_note = QLabel(self.tr("Looking for GPUs…"))
        self.device_note.setObjectName("hint")
        self.device_note.setWordWrap(True)
        where_form.addRow("", self.device_note)
        form.addWidget(where)
        form.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFixedWidth(360)

        self.start_button = QPushButton(self.tr("Start training"))
        self.start_button.setObjectName("primary")
        self.start_button.setToolTip(self.tr("Start training (Ctrl+Enter)"))
        self.start_button.clicked.connect(self.start)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop and keep a checkpoint (Ctrl+.)"))
        self.stop_button.clicked.connect(self.stop)
        self.resume_button = QPushButton(self.tr("Resume"))
        self.resume_button.setToolTip(self.tr("Continue from the last checkpoint (Ctrl+R)"))
        self.resume_button.clicked.connect(self.resume)
        self.state_label = QLabel()
        self.state_label.setObjectName("state")
        self.run_label = QLabel()
        self.run_label.setObjectName("hint")
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(True)
        self.progress.setFormat("")
        self.eta = QLabel()
        self.banner = Banner()
        # offered when the engine cannot hand GPUs to containers: the same job on the CPU
        self.cpu_button = QPushButton(self.tr("Run on CPU instead"))
        self.cpu_button.setObjectName("cpuInstead")
        self.cpu_button.clicked.connect(self.run_on_cpu)
        self.cpu_button.hide()
        self.banner.add_action(self.cpu_button)

        top = QHBoxLayout()
        top.addWidget(self.start_button)
        top.addWidget(self.stop_button)
        top.addWidget(self.resume_button)
        top.addSpacing(12)
        top.addWidget(self.state_label)
        top.addStretch(1)
        top.addWidget(self.run_label)
        prog = QHBoxLayout()
        prog.addWidget(self.progress, 1)
        prog.addWidget(self.eta)

        self.charts = TrainingCharts()
        self.console = LogConsole()
        self.report = EvalReport()
        self.charts_box = QWidget()
        self.charts_layout = QVBoxLayout(self.charts_box)
        self.charts_layout.setContentsMargins(0, 0, 0, 0)
        self.charts_layout.addWidget(self.charts, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.charts_box, self.tr("Charts"))
        self.tabs.addTab(self.console, self.tr("Log"))
        self.tabs.addTab(self.report, self.tr("Report"))

        right = QVBoxLayout()
        right.addLayout(top)
        right.addLayout(prog)
        right.addWidget(self.banner)
        right.addWidget(self.tabs, 1)
        layout = QHBoxLayout(self)
        layout.addWidget(scroll)
        layout.addLayout(right, 1)

    def _refresh_charts(self) -> None:
        # hidden charts keep their points and draw them when shown
        if self.charts.isVisible():
            self.charts.refresh()

    def _toggle_advanced(self, on: bool) -> None:
        self.advanced.setVisible(on)
        self.advanced_toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)

    # -- models, presets, devices -------------------------------------------------------------
    def _load_models(self) -> None:
        try:
            self._cards = catalogue.model_cards()
        except Exception as exc:  # noqa: BLE001 - a missing catalogue must not stop the app
            self.banner.show_error(exc)
            self._cards = []
        self.models.clear()
        for card in self._cards:
            details = [self.tr("%1 parameters").replace("%1", catalogue.format_count(card.params))]
            need = catalogue.memory_estimate(card.name, 32, 128)
            if need:
                details.append(self.tr("GPU memory ≈ %1").replace("%1", catalogue.format_bytes(need)))
            lines = [card.title, " · ".join(details)] + ([card.speed] if card.speed else [])
            item = QListWidgetItem("\n".join(lines))
            item.setData(Qt.ItemDataRole.UserRole, card.name)
            item.setToolTip(card.description)
            self.models.addItem(item)
        if self._cards:
            self.models.setCurrentRow(0)

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
            card = self._cards[row]
            self.model_hint.setText(card.description)
            self.apply_preset(self.preset_name())

    def preset_name(self) -> str:
        for key, button in self.preset_buttons.items():
            if button.isChecked():
                return key
        return "balanced"

    def apply_preset(self, name: str) -> None:
        """Fill the hyper-parameters from the catalogue's preset for the chosen model."""
        self.preset_buttons[name].setChecked(True)
        try:
            values = catalogue.preset(self.model_name(), name)
        except Exception:  # noqa: BLE001 - keep the current values when the catalogue cannot say
            return
        train = values.get("train", {})
        for field_name, widget in (("epochs", self.epochs), ("batch_size", self.batch_size),
                                   ("learning_rate", self.lr), ("warmup_ratio", self.warmup),
                                   ("weight_decay", self.weight_decay), ("max_steps", self.max_steps),
                                   ("eval_every", self.eval_every), ("logging_every", self.logging_every),
                                   ("early_stopping_patience", self.patience)):
            if field_name in train:
                widget.setValue(train[field_name])
        if "max_seq_len" in values:
            self.max_seq_len.setValue(int(values["max_seq_len"]))
        self._update_memory_hint()

    def _update_memory_hint(self) -> None:
        need = catalogue.memory_estimate(self.model_name(), self.batch_size.value(), self.max_seq_len.value())
        if self.picker is not None:
            self.picker.set_required_bytes(need or 0)
            return
        if need:
            self.device_note.setText(self.tr("Needs about %1 of GPU memory at this batch size.")
                                     .replace("%1", catalogue.format_bytes(need)))

    def set_gpus(self, gpus: list[Any], reason: str = "") -> None:
        """Offer the GPUs found (GpuSample list); ``reason`` explains when there is none."""
        self.gpus = list(gpus)
        current = self.devices.currentData()
        self.devices.clear()
        self.devices.addItem(self.tr("CPU"), [])
        for g in self.gpus:
            free = catalogue.format_bytes(g.mem_free_bytes) if g.mem_free_bytes is not None else "?"
            self.devices.addItem(self.tr("GPU %1: %2 (%3 free)").replace("%1", str(g.index))
                                 .replace("%2", g.name).replace("%3", free), [g.index])
        if len(self.gpus) > 1:
            self.devices.addItem(self.tr("All %n GPU(s)", "", len(self.gpus)), [g.index for g in self.gpus])
        index = self.devices.findData(current)
        self.devices.setCurrentIndex(max(0, index))
        if not self.gpus:
            self.device_note.setText(self.tr("No GPU: training runs on the CPU. %1").replace("%1", reason).strip())
        else:
            self.device_note.setText(self.tr("%n GPU(s) found.", "", len(self.gpus)))
            self._update_memory_hint()

    def mount_gpu_widgets(self, picker: Any, strip: Any) -> None:
        """Use the GPU monitor's picker for devices and show the run's GPU utilization by the charts."""
        self.picker = picker
        self.devices.setVisible(False)
        self.where_form.labelForField(self.devices).setVisible(False)
        self.device_note.setVisible(False)
        picker.list.setMaximumHeight(110)
        picker.list.setWordWrap(True)
        picker.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        controller = getattr(picker, "controller", None)
        if controller is not None:  # no GPU: the picker's note says why, an empty list says nothing
            controller.noGpu.connect(lambda _reason: picker.list.hide())
            controller.frame.connect(lambda _frame: picker.list.show())
        self.where_form.addRow(self.tr("GPUs"), picker)
        self.gpu_strip = strip
        strip.setMaximumHeight(150)
        strip.setVisible(False)
        self.charts_layout.addWidget(strip)
        self.batch_size.valueChanged.connect(lambda _v: self._update_memory_hint())
        self.max_seq_len.valueChanged.connect(lambda _v: self._update_memory_hint())

    def devices_chosen(self) -> list[int]:
        """GPU indices for the next run ([] = CPU)."""
        if self.picker is not None:
            return list(self.picker.selected_indices())
        return list(self.devices.currentData() or [])

    def runner_kind(self) -> str:
        return self.runner.currentData() or "local"

    # -- the job -------------------------------------------------------------------------------
    def set_dataset(self, spec: DatasetSpec, summary: str = "") -> None:
        """Use ``spec`` for the next run (the Data page calls this)."""
        self.dataset = spec
        name = Path(spec.train).name
        self.dataset_label.setText(f"<b>{name}</b><br>{summary}" if summary else f"<b>{name}</b>")

    def job(self) -> JobSpec:
        """The JobSpec the current choices describe."""
        train = TrainSpec(epochs=self.epochs.value(), max_steps=self.max_steps.value(),
                          batch_size=self.batch_size.value(), learning_rate=self.lr.value(),
                          weight_decay=self.weight_decay.value(), warmup_ratio=self.warmup.value(),
                          eval_every=self.eval_every.value(), logging_every=self.logging_every.value(),
                          early_stopping_patience=self.patience.value(), metric=self.metric.currentData(),
                          amp=self.amp.isChecked(), seed=self.seed.value())
        devices = self.devices_chosen()
        image = None
        if self.runner_kind() == "docker":
            from core.docker.images import trainer_image_tag

            image = trainer_image_tag(self.base_image_for(devices))
        return JobSpec(dataset=self.dataset or DatasetSpec(),
                       model=ModelSpec(name=self.model_name(), max_seq_len=self.max_seq_len.value()),
                       train=train, runner=RunnerSpec(kind=self.runner_kind(), devices=devices, image=image))

    def gpu_hardware(self) -> Any:
        """The GPUs' compute capability and driver as last sampled (no NVML call here)."""
        from core.docker.choose import hardware_of
        from core.gpu.model import Snapshot

        snap = getattr(self.picker, "snapshot", None) or Snapshot(ts=0.0, gpus=list(self.gpus))
        return hardware_of(snap)

    def base_image_for(self, devices: list[int]) -> str:
        """Settings → Docker's base image, else the catalogue's choice for these GPUs."""
        if self.docker_base_image:
            return self.docker_base_image
        from core.docker.choose import Hardware, suggest_image
        from core.docker.images import DEFAULT_BASE_IMAGE

        hardware = self.gpu_hardware().only(devices) if devices else Hardware(reason="training on the CPU")
        return suggest_image(hardware).ref or DEFAULT_BASE_IMAGE

    def image_refusal(self, job: JobSpec) -> Any:
        """The doctor's image line when a Docker GPU start cannot run on these GPUs, else None."""
        if job.runner.kind != "docker" or not job.runner.devices:
            return None
        from core.docker.doctor import PROBLEM, image_check

        check = image_check(self.base_image_for(job.runner.devices), self.gpu_hardware().only(job.runner.devices))
        return check if check.status == PROBLEM else None

    # -- actions -------------------------------------------------------------------------------
    def start(self) -> None:
        """Validate the choices and launch a run (from a worker thread)."""
        self._launch(self.job())

    def run_on_cpu(self) -> None:
        """Start the current choices without GPUs (offered when Docker cannot give GPUs)."""
        from core.runners.docker import job_on_cpu

        if self.picker is not None:
            self.picker.set_selected([])
        self.devices.setCurrentIndex(0)
        self._launch(job_on_cpu(self.job()))

    def _launch(self, job: JobSpec) -> None:
        if self.state in ACTIVE:
            return
        self.cpu_button.hide()
        problems = job.problems()
        if self.dataset is None:
            self.banner.show_message(self.tr("Choose a dataset first."),
                                     self.tr("Open a file on the Data page, or pick a sample dataset there."))
            return
        if problems:
            self.banner.show_message("\n".join(problems), self.tr("Change the settings above and start again."))
            return
        refusal = self.image_refusal(job)
        if refusal is not None:  # a 10 GB pull and a crash later otherwise: say it now
            self.banner.show_message(self.tr("This image cannot train on the chosen GPUs: %1")
                                     .replace("%1", refusal.detail),
                                     self.tr("Fix: %1. Settings → Docker → Check this computer says more.")
                                     .replace("%1", refusal.fix))
            self.cpu_button.setVisible(True)
            return
        from core.launch import launch

        self.banner.hide()
        self._before_start = self.state
        self._set_state("starting")
        run_task(launch, job, self.workspace, on_done=self.attach, on_error=self._start_failed,
                 on_progress=lambda msg: self.run_label.setText(str(msg)))

    def _start_failed(self, exc: BaseException) -> None:
        # nothing started: the page shows what it showed before (the last run keeps its own outcome)
        self._set_state(self._before_start)
        self.banner.show_error(exc)
        self.cpu_button.setVisible(getattr(exc, "kind", "") == "nvidia-runtime-missing")

    def stop(self) -> None:
        """Ask the trainer to checkpoint and stop."""
        if self.run is None or self.state not in ACTIVE or self.state == "stopping":
            return
        from core.launch import stop

        run, before = self.run, self.state
        self._set_state("stopping")
        run_task(stop, run, timeout=self.stop_timeout_s, on_error=lambda exc: self._stop_failed(exc, run, before))
        # a trainer killed after the timeout ends within a poll or two; if the page still waits
        # well after that, it says so and offers Stop again instead of staying stuck
        QTimer.singleShot(int((self.stop_timeout_s + STOP_MARGIN_S) * 1000), self,
                          lambda: self._stop_overdue(run))

    def _stop_failed(self, exc: BaseException, run: Run, before: str) -> None:
        if self.run is run and self.state == "stopping":
            self._set_state(before)
        self.banner.show_error(exc)

    def _stop_overdue(self, run: Run) -> None:
        if self.run is run and self.state == "stopping" and self.following:
            self._set_state("running")
            self.banner.show_message(self.tr("The run has not stopped yet."),
                                     self.tr("Press Stop again; its log below may say what it is doing."))

    def resume(self) -> None:
        """Continue the current run from its last checkpoint."""
        if self.run is None or self.state in ACTIVE or self.following:
            return
        from core.launch import resume

        run = self.run
        self.banner.hide()
        self.cpu_button.hide()
        self._before_start = self.state
        self._set_state("starting")
        run_task(resume, run, on_done=self.attach, on_error=self._start_failed)

    def busy_with(self, run: Run, same_ok: bool = True) -> bool:
        """True, and the banner says why, when this page is starting or following a run (other than ``run``)."""
        if self.state not in ACTIVE and not self.following:
            return False
        if (same_ok and self.run is not None and run is not None and self.run.path == run.path
                and self.state != "starting"):
            return False
        self.banner.show_message(self.tr("Stop or finish the current run first."),
                                 self.tr("The Train page follows one run at a time; run %1 is still going.")
                                 .replace("%1", self.run.id if self.run is not None else "…"))
        return True

    def attach(self, run: Run) -> None:
        """Follow ``run`` live (a new run, a resumed one, or one found running after a restart)."""
        self.detach()
        self.run = run
        self.history = RunHistory()
        self.charts.clear()
        self.console.clear()
        self.report.clear()
        self.progress.setValue(0)
        self.progress.setFormat("")
        self.eta.setText("")
        self.run_label.setText(self.tr("run %1").replace("%1", run.id))
        self._set_state("running")
        if self.gpu_strip is not None:
            try:
                gpus = list(run.job().runner.devices)
            except Exception:  # noqa: BLE001 - a damaged job.json: no strip
                gpus = []
            self.gpu_strip.set_gpus(gpus)
            self.gpu_strip.setVisible(bool(gpus))
        self.watcher = RunWatcher(run, is_running=_runner_alive(run), parent=self)
        self.watcher.events.connect(self._on_events)
        self.watcher.log.connect(self.console.append_lines)
        self.watcher.ended.connect(self._on_ended)
        self.following = True
        self.watcher.start()
        self.chart_timer.start()
        self.run_started.emit(run)

    def detach(self) -> None:
        """Stop following (the run itself goes on)."""
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher.deleteLater()
            self.watcher = None
        self.following = False
        self.chart_timer.stop()

    # -- live updates --------------------------------------------------------------------------
    def _on_events(self, events: list[Event]) -> None:
        fresh: list[Event] = []
        rebuild = False
        state = None
        last_eval = None
        problem = None
        for event in events:
            if not self.history.add(event):
                continue
            fresh.append(event)
            d = event.data
            if event.type == "start" and isinstance(d.get("resumed_from_step"), int):
                rebuild = True
            elif event.type == "phase" and self.state != "stopping":
                state = str(d.get("phase", "training"))
            elif event.type == "eval":
                last_eval = d
            elif event.type == "done":
                state = "finished"
            elif event.type == "error":
                kind = d.get("kind")
                state = "stopped" if kind == "interrupted" else "failed"
                problem = None if kind == "interrupted" else d
        # one widget update per batch, however many events it holds
        if last_eval is not None:
            self.report.show_eval(last_eval, (self.history.start or {}).get("labels"))
        if problem is not None:
            self.banner.show_message(str(problem.get("message", "")), str(problem.get("hint", "")))
        if state is not None and state != self.state:
            self._set_state(state)
        if rebuild:
            self.charts.clear()
            self.charts.add_history(self.history, "live")
        else:
            self.charts.add_events(fresh, "live")
        self._update_progress()

    def _update_progress(self) -> None:
        h = self.history
        total = h.total_steps
        step = h.last_step
        if total:
            self.progress.setValue(int(1000 * min(step, total) / total))
            self.progress.setFormat(self.tr("step %1 / %2").replace("%1", str(step)).replace("%2", str(total)))
        last = h.steps[-1] if h.steps else {}
        parts = []
        if self.state not in FINAL and isinstance(last.get("eta_s"), (int, float)):
            parts.append(self.tr("ETA %1").replace("%1", catalogue.format_duration(last["eta_s"])))
        if isinstance(last.get("samples_per_s"), (int, float)):
            parts.append(self.tr("%1 samples/s").replace("%1", f"{last['samples_per_s']:.0f}"))
        if h.done:
            best = h.done.get("best") or {}
            if isinstance(best.get("value"), (int, float)):
                parts.append(self.tr("best %1 %2").replace("%1", tr_core(str(best.get("metric", ""))))
                             .replace("%2", f"{best['value']:.4f}"))
            parts.append(catalogue.format_duration(h.done.get("duration_s")))
        self.eta.setText("  ·  ".join(parts))

    def _on_ended(self, status: str) -> None:
        self.following = False
        self.chart_timer.stop()
        self.charts.refresh()
        if status == "running":
            status = "stopped"
        self._set_state(self.state if self.state in FINAL else status)
        if self.history.done and self.total_done():
            self.progress.setValue(1000)
        self._update_progress()
        run = self.run
        if run is not None:
            self.run_ended.emit(run, self.state)

    def total_done(self) -> bool:
        return bool(self.history.done)

    # -- state ---------------------------------------------------------------------------------
    def state_text(self, state: str) -> str:
        """The words shown for a state."""
        return {"idle": self.tr("Ready"), "starting": self.tr("Starting…"), "running": self.tr("Running"),
                "preparing": self.tr("Preparing"), "training": self.tr("Training"),
                "evaluating": self.tr("Evaluating"), "exporting": self.tr("Exporting"),
                "stopping": self.tr("Stopping…"), "finished": self.tr("Finished"),
                "failed": self.tr("Failed"), "stopped": self.tr("Stopped")}.get(state) or tr_core(state)

    def _set_state(self, state: str) -> None:
        self.state = state
        self.state_label.setText(self.state_text(state))
        self.state_label.setProperty("state", state)
        self.state_label.style().unpolish(self.state_label)
        self.state_label.style().polish(self.state_label)
        active = state in ACTIVE
        self.start_button.setEnabled(not active)
        self.stop_button.setEnabled(active and state not in ("starting", "stopping"))
        # resume only once the old process is gone (its last events arrive before it exits)
        self.resume_button.setEnabled(self.run is not None and state in ("stopped", "failed")
                                      and not self.following)

    # -- persistence ---------------------------------------------------------------------------
    def save_state(self, s: QSettings) -> None:
        """Remember the choices."""
        s.setValue("train/model", self.model_name())
        s.setValue("train/preset", self.preset_name())
        s.setValue("train/runner", self.runner_kind())
        s.setValue("train/advanced_open", self.advanced_toggle.isChecked())
        for key, widget in self._numbers().items():
            s.setValue(f"train/{key}", widget.value())
        s.setValue("train/metric", self.metric.currentData())

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
        index = self.metric.findData(get_str(s, "train/metric", "accuracy"))
        self.metric.setCurrentIndex(max(0, index))
        self.advanced_toggle.setChecked(str(s.value("train/advanced_open", "false")).lower() == "true")

    def _numbers(self) -> dict[str, Any]:
        return {"epochs": self.epochs, "max_steps": self.max_steps, "batch_size": self.batch_size,
                "learning_rate": self.lr, "max_seq_len": self.max_seq_len, "warmup_ratio": self.warmup,
                "weight_decay": self.weight_decay, "eval_every": self.eval_every,
                "logging_every": self.logging_every, "patience": self.patience, "seed": self.seed}
