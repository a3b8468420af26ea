"""Settings: language, workspace, Models (gui/pages/models_settings.py) and Docker (gui/pages/docker_settings.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from core.runs import Workspace
from gui.i18n import LANGUAGES
from gui.pages.docker_settings import DockerSettings
from gui.pages.models_settings import ModelsSettings
from gui.settings import get_str
from gui.widgets.banner import Banner


class SettingsPage(QWidget):
    """App-wide settings."""

    language_changed = Signal(str)
    workspace_changed = Signal(str)
    docker_changed = Signal()

    def __init__(self, settings: QSettings, workspace: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
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

        # Settings → Docker lives in its own module; these names stay for main_window and the tests
        self.docker = DockerSettings(settings)
        self.docker.changed.connect(self.docker_changed)
        self.engine_url = self.docker.engine_url
        self.base_image = self.docker.base_image
        self.check_docker = self.docker.check_docker
        self._save_docker = self.docker.save

        self.models = ModelsSettings(Workspace(workspace))  # Settings → Models: pretrained weights
        self.workspace_changed.connect(self.models.set_workspace)

        body = QWidget()
        bl = QVBoxLayout(body)
        bl.addWidget(self.banner)
        bl.addWidget(general)
        bl.addWidget(self.models)
        bl.addWidget(self.docker)
        self.extra = QVBoxLayout()  # other sections (e.g. the GPU monitor's) mount here
        bl.addLayout(self.extra)
        bl.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    @property
    def busy(self) -> bool:
        """Whether a Docker action is under way."""
        return self.docker.busy

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
