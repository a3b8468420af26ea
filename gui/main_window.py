"""The main window: side bar (Data, Train, Monitor, Predict, Runs, Settings), pages, status bar."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core.runs import Workspace, default_workspace
from core.session import find_running
from gui.core_texts import no_gpu_details, no_gpu_sentence
from gui.pages.data_page import DataPage
from gui.pages.predict_page import PredictPage
from gui.pages.runs_page import RunsPage
from gui.pages.settings_page import SettingsPage
from gui.pages.train_page import ACTIVE, TrainPage
from gui.resources import icon_path
from gui.settings import get_int, get_str, open_settings
from gui.window_state import restore_geometry, save_window
from gui.workers import run_task, settle_heap

pg.setConfigOptions(background="w", foreground="#333", antialias=False)

PAGES = ("data", "train", "monitor", "predict", "runs", "settings")


def probe_gpus() -> tuple[list[Any], Any]:
    """The GPUs of this machine (GpuSample list) or why there are none (the error, shown by the GUI thread)."""
    try:
        from core.gpu.source import open_source

        source = open_source()
    except Exception as exc:  # noqa: BLE001 - no GPU is a normal state, shown as a note
        return [], exc
    try:
        return list(source.sample().gpus), ""
    finally:
        source.close()


class MonitorPlaceholder(QWidget):
    """Shown where the GPU monitor is not installed."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        label = QLabel(self.tr("The GPU monitor is not available in this build."))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        QVBoxLayout(self).addWidget(label)


class MainWindow(QMainWindow):
    """The app window."""

    language_changed = Signal(str)

    def __init__(self, workspace: str | os.PathLike | None = None, gpu_trace: str | None = None):
        super().__init__()
        self.gpu_trace = gpu_trace  # a recorded GPU trace to replay instead of this machine's GPUs
        self.settings = open_settings()
        root = workspace or get_str(self.settings, "workspace", "") or default_workspace()
        self.workspace = Workspace(root)
        self.setWindowTitle("PaddleDesk")
        self.setWindowIcon(QIcon(icon_path("app")))
        self.setMinimumSize(1000, 640)

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setFixedWidth(150)
        self.stack = QStackedWidget()
        self.data_page = DataPage()
        self.train_page = TrainPage(self.workspace)
        self.monitor_page = self._make_monitor()
        self.predict_page = PredictPage(self.workspace)
        self.runs_page = RunsPage(self.workspace)
        self.settings_page = SettingsPage(self.settings, str(self.workspace.root))
        titles = {"data": self.tr("Data"), "train": self.tr("Train"), "monitor": self.tr("Monitor"),
                  "predict": self.tr("Predict"), "runs": self.tr("Runs"), "settings": self.tr("Settings")}
        for i, key in enumerate(PAGES):
            item = QListWidgetItem(QIcon(icon_path(key)), titles[key])
            item.setToolTip(f"{titles[key]} (Ctrl+{i + 1})")
            item.setSizeHint(QSize(140, 44))
            self.nav.addItem(item)
            self.stack.addWidget(self.page(key))
        self.nav.currentRowChanged.connect(self._page_chosen)
        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(body)

        self.status_workspace = QLabel()
        self.status_runner = QLabel()
        self.status_gpus = QLabel(self.tr("GPUs: …"))
        for w in (self.status_workspace, self.status_runner, self.status_gpus):
            self.statusBar().addPermanentWidget(w)
        self._show_workspace()
        self._show_runner(self.train_page.runner_kind())

        self._apply_docker_settings()
        self._wire()
        self._shortcuts()
        self._restore()
        self._closing_quietly = False
        # page, position and size are written as they change (debounced), so a killed app reopens as it was
        self._persist = QTimer(self)
        self._persist.setSingleShot(True)
        self._persist.setInterval(400)
        self._persist.timeout.connect(self._save_window)
        # after the window is up: slow probes run in workers
        QTimer.singleShot(0, self._after_show)

    # -- pages ---------------------------------------------------------------------------------
    def _make_monitor(self) -> QWidget:
        """The GPU dashboard (gui.monitor), sharing one sampler with the Train page's picker."""
        self.gpu_controller = None
        try:
            from gui.monitor import GpuPicker, GpuUtilStrip, MonitorPage, SamplerController
        except ImportError:
            return MonitorPlaceholder()
        try:
            kind = "replay" if self.gpu_trace else "auto"
            self.gpu_controller = SamplerController(kind=kind, trace=self.gpu_trace, workspace=self.workspace,
                                                    parent=self)
            self.train_page.mount_gpu_widgets(GpuPicker(self.gpu_controller),
                                              GpuUtilStrip(self.gpu_controller))
        except Exception:  # noqa: BLE001 - a broken monitor must not take the app down
            self.gpu_controller = None
            return MonitorPlaceholder()
        self.gpu_controller.frame.connect(self._gpu_frame)
        self.gpu_controller.noGpu.connect(lambda reason: self._show_gpus(([], reason)))
        self.gpu_controller.alertsChanged.connect(
            lambda alerts: self._show_alert("⚠ " + "; ".join(a.message for a in alerts) if alerts else ""))
        self.gpu_controller.start()  # sampling starts now (picker, status bar); the dashboard is built
        holder = QWidget()  # on first view, which keeps its charts out of the start-up time
        QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
        self._monitor_factory = MonitorPage
        return holder

    def _build_monitor(self) -> None:
        factory = getattr(self, "_monitor_factory", None)
        if factory is None:
            return
        self._monitor_factory = None
        try:
            page = factory(controller=self.gpu_controller, autostart=False)
        except Exception:  # noqa: BLE001 - a broken monitor must not take the app down
            page = MonitorPlaceholder()
        else:
            c = self.gpu_controller
            if c.sampler is not None:
                page._source_ready(c.source_name)
            if c.latest is not None:
                page.show_frame(c.latest)
            elif c.no_gpu_reason:
                page.show_no_gpu(c.no_gpu_reason)
        self.monitor_page.layout().addWidget(page)
        self.monitor_dashboard = page

    def _gpu_frame(self, frame: Any) -> None:
        gpus = frame.snapshot.gpus
        if self.status_gpus.property("count") != len(gpus):
            self.status_gpus.setProperty("count", len(gpus))
            self._show_gpus((list(gpus), ""))

    def _show_alert(self, text: str) -> None:
        if text:
            self.statusBar().showMessage(text, 15000)
        else:
            self.statusBar().clearMessage()

    def _page_chosen(self, row: int) -> None:
        if PAGES[row] == "monitor":
            self._build_monitor()
        self.stack.setCurrentIndex(row)
        if hasattr(self, "_persist"):
            self._persist.start()

    def page(self, key: str) -> QWidget:
        return {"data": self.data_page, "train": self.train_page, "monitor": self.monitor_page,
                "predict": self.predict_page, "runs": self.runs_page, "settings": self.settings_page}[key]

    def go_to(self, key: str) -> None:
        """Show a page by key."""
        self.nav.setCurrentRow(PAGES.index(key))

    def current_page(self) -> str:
        return PAGES[max(0, self.nav.currentRow())]

    def _wire(self) -> None:
        self.data_page.dataset_ready.connect(self.train_page.set_dataset)
        self.data_page.train_requested.connect(lambda: self.go_to("train"))
        self.train_page.data_requested.connect(lambda: self.go_to("data"))
        self.train_page.runner_changed.connect(self._show_runner)
        self.train_page.run_started.connect(lambda _r: self.runs_page.refresh())
        self.train_page.run_ended.connect(self._run_ended)
        self.runs_page.watch_requested.connect(self.watch)
        self.runs_page.resume_requested.connect(self._resume)
        self.runs_page.predict_requested.connect(self._try_model)
        # a deleted (or restored) run's model leaves (or rejoins) Predict's list
        self.runs_page.runs_changed.connect(lambda: self.predict_page.refresh_models())
        # a re-exported model is the one to try next
        self.runs_page.exported.connect(lambda run: self.predict_page.refresh_models(select=str(run.export_dir)))
        self.settings_page.language_changed.connect(self.language_changed)
        self.settings_page.workspace_changed.connect(self.set_workspace)
        self.settings_page.docker_changed.connect(self._apply_docker_settings)
        # an imported model joins the Train page and clears its no-weights warning
        self.settings_page.models.models_changed.connect(self.train_page.refresh_weights)
        # an engine added in Settings → Docker → Engines is offered on the Train page at once
        self.settings_page.docker.engines_section.engines_changed.connect(self.train_page.engine_choice.refresh)

    def _shortcuts(self) -> None:
        for i, key in enumerate(PAGES):
            QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self, lambda k=key: self.go_to(k))
        QShortcut(QKeySequence.StandardKey.Open, self, self._open_dataset)
        QShortcut(QKeySequence("Ctrl+Return"), self, self._start)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self._start)
        QShortcut(QKeySequence("Ctrl+."), self, self.train_page.stop)
        QShortcut(QKeySequence("Ctrl+R"), self, self.train_page.resume)
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.runs_page.refresh)
        QShortcut(QKeySequence.StandardKey.Quit, self, self.close)

    def _apply_docker_settings(self) -> None:
        """The engine address and base image chosen in Settings → Docker, for the Docker runner."""
        url = get_str(self.settings, "docker/url", "")
        if url:
            os.environ["DOCKER_HOST"] = url
        self.train_page.docker_base_image = get_str(self.settings, "docker/base_image", "")

    def _open_dataset(self) -> None:
        self.go_to("data")
        self.data_page.choose_file()

    def _start(self) -> None:
        self.go_to("train")
        self.train_page.start()

    def watch(self, run: Any) -> None:
        """Follow a running run on the Train page (not while it follows another live run)."""
        busy = self.train_page.busy_with(run)
        same = self.train_page.following and self.train_page.run is not None and self.train_page.run.path == run.path
        if not busy and not same:
            self.train_page.attach(run)
        self.go_to("train")

    def _resume(self, run: Any) -> None:
        if self.train_page.busy_with(run, same_ok=False):
            self.go_to("train")
            return
        self.train_page.detach()
        self.train_page.run = run
        self.train_page._set_state("stopped")
        self.go_to("train")
        self.train_page.resume()

    def _try_model(self, run: Any) -> None:
        self.predict_page.use_export(str(run.export_dir))
        self.go_to("predict")

    def _run_ended(self, run: Any, _status: str) -> None:
        self.runs_page.refresh()
        if run.has_export():
            self.predict_page.refresh_models(select=str(run.export_dir))

    def set_workspace(self, path: str) -> None:
        """Switch to another workspace folder."""
        self.workspace = Workspace(path)
        for page in (self.train_page, self.predict_page, self.runs_page):
            page.workspace = self.workspace
        self.train_page.refresh_weights()
        self._show_workspace()
        self.runs_page.refresh()
        self.predict_page.refresh_models()

    # -- status bar ----------------------------------------------------------------------------
    def _show_workspace(self) -> None:
        root = str(self.workspace.root)
        home = str(Path.home())
        shown = "~" + root[len(home):] if root.startswith(home) else root
        self.status_workspace.setText(self.tr("Workspace: %1").replace("%1", shown))
        self.status_workspace.setToolTip(root)

    def _show_runner(self, kind: str) -> None:
        names = {"local": self.tr("local"), "docker": self.tr("Docker")}
        self.status_runner.setText(self.tr("Runner: %1").replace("%1", names.get(kind, kind)))

    def _show_gpus(self, result: tuple[list[Any], str]) -> None:
        gpus, reason = result
        self.status_gpus.setText(self.tr("GPUs: %1").replace("%1", str(len(gpus))))
        if gpus:
            self.status_gpus.setToolTip(", ".join(g.name for g in gpus))
        else:  # plain words first; the technical reasons only as details
            details = reason if isinstance(reason, str) else no_gpu_details(reason)
            self.status_gpus.setToolTip(no_gpu_sentence() + ("\n\n" + details if details else ""))
        self.train_page.set_gpus(gpus, reason)

    def _after_show(self) -> None:
        settle_heap()
        if self.gpu_controller is None:  # no dashboard: ask once
            run_task(probe_gpus, on_done=self._show_gpus, on_error=lambda _e: self._show_gpus(([], _e)))
        run_task(find_running, self.workspace, on_done=self._reattach, on_error=lambda _e: None)
        from core.trash import empty_trash

        run_task(empty_trash, self.workspace, on_error=lambda _e: None)  # runs deleted long ago go for good
        self.predict_page.restore_state(self.settings)

    def _reattach(self, running: list[Any]) -> None:
        # answered late (a loaded machine), the page may have started runs of its own by now: a sweep's
        # trial is one of them, and following it would take the bar and the state from the sweep
        page = self.train_page
        if running and page.run is None and page.state not in ACTIVE:  # a sweep is "running" or "stopping"
            page.attach(running[0])
            self.statusBar().showMessage(self.tr("Reattached to run %1, still training.").replace("%1", running[0].id),
                                         8000)

    # -- persistence ---------------------------------------------------------------------------
    def _restore(self) -> None:
        s = self.settings
        restore_geometry(self, s)
        self.train_page.restore_state(s)
        self.data_page.restore_state(s)
        page = PAGES[min(len(PAGES) - 1, max(0, get_int(s, "window/page", 0)))]
        # Settings is visited, not worked in (and a language switch leaves the app there): open on Data
        self.go_to("data" if page == "settings" else page)

    def _save_window(self) -> None:
        save_window(self, self.settings, self.nav.currentRow())

    def moveEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().moveEvent(event)
        if hasattr(self, "_persist") and self.isVisible():
            self._persist.start()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().resizeEvent(event)
        if hasattr(self, "_persist") and self.isVisible():
            self._persist.start()

    def save_state(self) -> None:
        """Write window geometry and every page's choices to QSettings."""
        s = self.settings
        self._save_window()
        s.setValue("workspace", str(self.workspace.root))
        self.data_page.save_state(s)
        self.train_page.save_state(s)
        self.predict_page.save_state(s)
        s.sync()

    def detach_all(self) -> None:
        """Stop following runs (they go on; a new window reattaches)."""
        self.train_page.detach()
        if self.gpu_controller is not None:
            self.gpu_controller.stop()

    def close_quietly(self) -> None:
        """Close without saving again (the language switch already saved)."""
        self._closing_quietly = True
        self.close()
        self.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt name
        self._persist.stop()  # a closed window must not write over its successor's state
        if not self._closing_quietly:
            self.save_state()
            self.detach_all()
        super().closeEvent(event)
