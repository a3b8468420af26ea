"""Train page: the job form, Start/Stop/Resume and the followed run's live view.

The page is composed of mixins, one job each: ``train_form`` (the job form, locked to a followed
run's own job), ``train_devices`` (runner and devices), ``train_estimate`` (sizes, expected time,
missing weights) and ``train_live`` (following a run); this module holds the actions and the state.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.events import RunHistory
from core.jobs import JobSpec
from core.runs import Run, Workspace
from gui.core_texts import render, tr_core
from gui.live import RunWatcher
from gui.pages.train_devices import DevicesMixin
from gui.pages.train_estimate import EstimateMixin
from gui.pages.train_form import JobFormMixin
from gui.pages.train_live import FINAL, LiveViewMixin
from gui.pages.train_sweep import SweepMixin
from gui.widgets.banner import Banner
from gui.widgets.charts import TrainingCharts
from gui.widgets.log_console import LogConsole
from gui.widgets.report import EvalReport
from gui.workers import run_task

STOP_MARGIN_S = 10.0  # after Stop's timeout, how long the end of the run may take to show
ACTIVE = ("starting", "preparing", "training", "evaluating", "exporting", "stopping", "running")
__all__ = ["ACTIVE", "FINAL", "STOP_MARGIN_S", "TrainPage"]


class TrainPage(JobFormMixin, DevicesMixin, EstimateMixin, LiveViewMixin, SweepMixin, QWidget):
    """Everything about one training run: its choices before, its live state during, its report after."""

    run_started = Signal(object)  # Run
    run_ended = Signal(object, str)  # Run, status
    runner_changed = Signal(str)
    data_requested = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.run: Run | None = None
        self.watcher: RunWatcher | None = None
        self.history = RunHistory()
        self.state = "idle"
        self.following = False  # a watcher follows a live trainer process
        self._before_start: tuple[str, str] = ("idle", "")  # state and run label a failed start goes back to
        self.stop_timeout_s = 15.0  # Stop asks the trainer to checkpoint, then kills it after this
        self.gpus: list[Any] = []
        self.picker: Any = None  # gui.monitor.GpuPicker once mounted
        self.docker_base_image = ""  # Settings → Docker: the trainer image is the one built on it
        self.gpu_strip: Any = None
        self._cards: list[Any] = []
        self._banner_wants_dataset = False
        self._init_estimates()
        self._build()
        self.chart_timer = QTimer(self)
        self.chart_timer.setInterval(250)  # charts redraw at most 4 times a second
        self.chart_timer.timeout.connect(self._refresh_charts)
        self._load_models()
        self.refresh_weights()  # an imported custom ERNIE joins the list
        self._set_state("idle")

    # -- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        scroll = self._build_form()
        from gui.widgets.engine_choice import EngineChoice

        self.engine_choice = EngineChoice()  # a Docker run's engine; its GPUs fill the picker
        self.engine_choice.gpus_changed.connect(self.set_gpus)
        self.runner_changed.connect(lambda kind: self.engine_choice.setVisible(kind == "docker"))
        self.engine_choice.setVisible(self.runner_kind() == "docker")

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
        self._build_sweep()
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
        top.addWidget(self.engine_choice)
        top.addWidget(self.start_button)
        top.addWidget(self.stop_button)
        top.addWidget(self.resume_button)
        top.addWidget(self.sweep_box)
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
        right.addWidget(self.sweep_lines)
        right.addWidget(self.banner)
        right.addWidget(self.tabs, 1)
        layout = QHBoxLayout(self)
        layout.addWidget(scroll)
        layout.addLayout(right, 1)

    def _refresh_charts(self) -> None:
        # hidden charts keep their points and draw them when shown
        if self.charts.isVisible():
            self.charts.refresh()

    # -- actions -------------------------------------------------------------------------------
    def start(self) -> None:
        """Validate the choices and launch a run (from a worker thread)."""
        self._launch(self.engine_choice.apply(self.job()))

    def run_on_cpu(self) -> None:
        """Start the current choices without GPUs (offered when Docker cannot give GPUs)."""
        from core.runners.docker import job_on_cpu

        if self.picker is not None:
            self.picker.set_selected([])
        self.devices.setCurrentIndex(0)
        self._launch(job_on_cpu(self.engine_choice.apply(self.job())))

    def _launch(self, job: JobSpec) -> None:
        if self.state in ACTIVE or self._refused(job):
            return
        from core.launch import launch

        self._begin_start()
        run_task(launch, job, self.workspace, on_done=self.attach, on_error=self._start_failed,
                 on_progress=self._start_progress)

    def _refused(self, job: JobSpec) -> bool:
        """True, with the reason in the banner, when ``job`` cannot start (a run or a sweep)."""
        self.cpu_button.hide()
        problems = job.problems()
        if self.dataset is None:
            self.banner.show_message(self.tr("Choose a dataset first."),
                                     self.tr("Open a file on the Data page, or pick a sample dataset there."))
            self._banner_wants_dataset = True  # set_dataset takes this banner away
            return True
        if problems:
            self.banner.show_message("\n".join(problems), self.tr("Change the settings above and start again."))
            return True
        refusal = self.image_refusal(job)
        if refusal is not None:  # a 10 GB pull and a crash later otherwise: say it now
            self.banner.show_message(self.tr("This image cannot train on the chosen GPUs: %1")
                                     .replace("%1", render(refusal.detail)),
                                     self.tr("Fix: %1. Settings → Docker → Check this computer says more.")
                                     .replace("%1", render(refusal.fix)))
            self.cpu_button.setVisible(True)
            return True
        return False

    def _begin_start(self) -> None:
        """A start or resume begins: the last outcome's banner goes, the form waits for the new job."""
        self.banner.hide()
        self.cpu_button.hide()
        self._outcome_banner = False
        self._before_start = (self.state, self.run_label.text())
        self._set_state("starting")
        self._set_form_enabled(False)

    def _start_progress(self, message: Any) -> None:
        if self.state == "starting":  # a late message must not outlive a failed start
            self.run_label.setText(str(message))

    def _start_failed(self, exc: BaseException) -> None:
        # nothing started: the page shows what it showed before (the last run keeps its own outcome)
        state, label = self._before_start
        self._set_state(state)
        self.run_label.setText(label)
        self._set_form_enabled(self.shown_job is None)
        self.banner.show_error(exc)
        self.cpu_button.setVisible(getattr(exc, "kind", "") == "nvidia-runtime-missing")

    def stop(self) -> None:
        """Ask the trainer to checkpoint and stop (during a sweep: its current trial, and the sweep)."""
        if self.sweeping:
            self.stop_sweep()
            return
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
        self._begin_start()
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
        self.sweep_button.setEnabled(not active)
        self.stop_button.setEnabled(active and state not in ("starting", "stopping"))
        # resume only once the old process is gone (its last events arrive before it exits)
        self.resume_button.setEnabled(self.run is not None and state in ("stopped", "failed")
                                      and not self.following)

