"""Settings: language, workspace, and the Docker engine (check, base image, pull/build, prune)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gui.i18n import LANGUAGES
from gui.settings import get_str
from gui.widgets.banner import Banner
from gui.widgets.log_console import LogConsole
from gui.workers import run_task


def docker_check(url: str, base_image: str) -> Any:
    """The engine check, including whether the base and trainer images are present."""
    from core.docker.engine import check_engine
    from core.docker.images import trainer_image_tag

    return check_engine(url or None, images=[base_image, trainer_image_tag(base_image)])


def docker_pull(url: str, base_image: str, progress=None) -> str:
    """Pull the base image, reporting (done bytes, total bytes, status)."""
    from core.docker.engine import connect
    from core.docker.images import pull_image

    client = connect(url or None)
    try:
        pull_image(client, base_image, lambda p: progress(("pull", p.done_bytes, p.total_bytes, p.status)))
    finally:
        client.close()
    return base_image


def docker_build(url: str, base_image: str, progress=None) -> str:
    """Build (pulling the base first when missing) the trainer image; streams its output."""
    from core.docker.engine import connect
    from core.docker.images import build_trainer_image

    client = connect(url or None)
    try:
        return build_trainer_image(
            client, base_image, output=lambda text: progress(("build", text)),
            pull_progress=lambda p: progress(("pull", p.done_bytes, p.total_bytes, p.status)))
    finally:
        client.close()


def docker_prune(url: str, keep: list[str]) -> Any:
    """Remove the trainer images the app built, except ``keep``."""
    from core.docker.engine import connect
    from core.docker.images import prune_images

    client = connect(url or None)
    try:
        return prune_images(client, keep)
    finally:
        client.close()


def base_images() -> dict[str, str]:
    """The base images the app offers (the catalogue), with a description."""
    from core.docker.catalog import load_catalog

    catalog = load_catalog()
    return {i.ref: i.summary() for i in catalog.gpu_images() + catalog.cpu_images()}


class SettingsPage(QWidget):
    """App-wide settings."""

    language_changed = Signal(str)
    workspace_changed = Signal(str)
    docker_changed = Signal()

    def __init__(self, settings: QSettings, workspace: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.busy = False
        self.banner = Banner()

        general = QGroupBox(self.tr("General"))
        gf = QFormLayout(general)
        self.language = QComboBox()
        self.language.addItem(self.tr("System language"), "system")
        self.language.addItem(LANGUAGES["en"], "en")
        self.language.addItem(LANGUAGES["zh_CN"], "zh_CN")
        current = get_str(settings, "language", "system")
        self.language.setCurrentIndex(max(0, self.language.findData(current)))
        self.language.currentIndexChanged.connect(self._language_chosen)
        gf.addRow(self.tr("Language"), self.language)
        self.workspace = QLineEdit(workspace)
        self.workspace.setReadOnly(True)
        ws_pick = QPushButton(self.tr("Change…"))
        ws_pick.clicked.connect(self._choose_workspace)
        ws_row = QHBoxLayout()
        ws_row.addWidget(self.workspace, 1)
        ws_row.addWidget(ws_pick)
        gf.addRow(self.tr("Workspace (where runs are kept)"), ws_row)

        docker = QGroupBox(self.tr("Docker"))
        df = QFormLayout(docker)
        self.engine_url = QLineEdit(get_str(settings, "docker/url", ""))
        self.engine_url.setPlaceholderText(self.tr("default: DOCKER_HOST or the local socket"))
        self.engine_url.editingFinished.connect(self._save_docker)
        df.addRow(self.tr("Engine"), self.engine_url)
        self.base_image = QComboBox()
        self.base_image.setEditable(True)
        try:
            for ref, note in base_images().items():
                self.base_image.addItem(ref, ref)
                self.base_image.setItemData(self.base_image.count() - 1, note, Qt.ItemDataRole.ToolTipRole)
        except ImportError:
            pass
        saved = get_str(settings, "docker/base_image", "")
        if saved:
            self.base_image.setCurrentText(saved)
        self.base_image.currentTextChanged.connect(lambda _t: self._save_docker())
        df.addRow(self.tr("Base image"), self.base_image)
        self.engine_status = QLabel(self.tr("Not checked yet."))
        self.engine_status.setWordWrap(True)
        self.engine_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        df.addRow(self.tr("Status"), self.engine_status)
        self.check_button = QPushButton(self.tr("Check engine"))
        self.check_button.clicked.connect(self.check_docker)
        self.pull_button = QPushButton(self.tr("Pull base image"))
        self.pull_button.clicked.connect(self.pull)
        self.build_button = QPushButton(self.tr("Build trainer image"))
        self.build_button.clicked.connect(self.build)
        self.prune_button = QPushButton(self.tr("Remove old trainer images"))
        self.prune_button.clicked.connect(self.prune)
        buttons = QHBoxLayout()
        for b in (self.check_button, self.pull_button, self.build_button, self.prune_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        df.addRow("", buttons)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        df.addRow("", self.progress)
        self.build_log = LogConsole(max_lines=2000)
        self.build_log.setMinimumHeight(160)
        self.build_log.setVisible(False)
        df.addRow("", self.build_log)

        body = QWidget()
        bl = QVBoxLayout(body)
        bl.addWidget(self.banner)
        bl.addWidget(general)
        bl.addWidget(docker)
        self.extra = QVBoxLayout()  # other sections (e.g. the GPU monitor's) mount here
        bl.addLayout(self.extra)
        bl.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    # -- general -------------------------------------------------------------------------------
    def _language_chosen(self, _index: int) -> None:
        choice = self.language.currentData()
        self.settings.setValue("language", choice)
        self.language_changed.emit(choice)

    def _choose_workspace(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose the workspace folder"), self.workspace.text())
        if path:
            self.set_workspace(path)

    def set_workspace(self, path: str) -> None:
        """Use ``path`` as the workspace (remembered)."""
        try:
            Path(path).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.banner.show_error(exc)
            return
        self.workspace.setText(path)
        self.settings.setValue("workspace", path)
        self.workspace_changed.emit(path)

    # -- docker --------------------------------------------------------------------------------
    def _save_docker(self) -> None:
        self.settings.setValue("docker/url", self.engine_url.text().strip())
        self.settings.setValue("docker/base_image", self.base_image.currentText().strip())
        self.docker_changed.emit()

    def _busy(self, on: bool) -> None:
        self.busy = on
        for b in (self.check_button, self.pull_button, self.build_button, self.prune_button):
            b.setEnabled(not on)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.progress.setVisible(False)
        self.banner.show_error(exc)

    def check_docker(self) -> None:
        """Ask the engine how it is (off the GUI thread)."""
        if self.busy:
            return
        self._busy(True)
        self.engine_status.setText(self.tr("Checking…"))
        run_task(docker_check, self.engine_url.text().strip(), self.base_image.currentText().strip(),
                 on_done=self._checked, on_error=self._failed)

    def _checked(self, check: Any) -> None:
        self._busy(False)
        # the status line is the one place that says how the engine is (no second banner)
        self.engine_status.setText(check.summary())
        self.engine_status.setStyleSheet("" if check.reachable else "color: #b3261e")
        self.banner.hide()

    def pull(self) -> None:
        """Pull the base image with a byte progress bar."""
        if self.busy:
            return
        self._busy(True)
        self.banner.hide()
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        run_task(docker_pull, self.engine_url.text().strip(), self.base_image.currentText().strip(),
                 on_progress=self._on_progress, on_done=lambda _r: self._finished(self.tr("Base image ready.")),
                 on_error=self._failed)

    def build(self) -> None:
        """Build the trainer image, streaming its output."""
        if self.busy:
            return
        self._busy(True)
        self.banner.hide()
        self.build_log.setVisible(True)
        self.build_log.clear()
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        run_task(docker_build, self.engine_url.text().strip(), self.base_image.currentText().strip(),
                 on_progress=self._on_progress,
                 on_done=lambda tag: self._finished(self.tr("Trainer image ready: %1").replace("%1", str(tag))),
                 on_error=self._failed)

    def prune(self) -> None:
        """Remove the trainer images this app built that are no longer the current one."""
        if self.busy:
            return
        try:
            from core.docker.images import trainer_image_tag

            keep = [trainer_image_tag(self.base_image.currentText().strip())]
        except Exception:  # noqa: BLE001 - without a tag, keep nothing extra
            keep = []
        self._busy(True)
        run_task(docker_prune, self.engine_url.text().strip(), keep, on_done=self._pruned, on_error=self._failed)

    def _pruned(self, result: Any) -> None:
        self._busy(False)
        freed = getattr(result, "freed_bytes", 0) / 2**30
        self.banner.show_message(self.tr("Removed %1 image(s), freed %2 GiB.")
                                 .replace("%1", str(len(getattr(result, "removed", []))))
                                 .replace("%2", f"{freed:.1f}"), level="ok")

    def _on_progress(self, value: tuple) -> None:
        if value[0] == "pull":
            _kind, done, total, status = value
            if total:
                self.progress.setRange(0, 1000)
                self.progress.setValue(int(1000 * done / total))
                self.progress.setFormat(f"{status} {done / 2**20:.0f} / {total / 2**20:.0f} MiB")
        elif value[0] == "build":
            self.build_log.append_lines(str(value[1]).rstrip("\n").splitlines())

    def _finished(self, message: str) -> None:
        self._busy(False)
        self.progress.setVisible(False)
        self.banner.show_message(message, level="ok")
        self.check_docker()
