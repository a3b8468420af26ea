"""The first-run welcome: language, workspace folder, "try the sample dataset", Docker and GPUs.

Shown once per settings file (key ``welcome/shown``) by ``gui.app.main`` only, never by the
windows tests build; ``PADDLEDESK_NO_WELCOME=1`` suppresses it too. It is not modal: the main
window stays usable behind it, and nothing waits for it to close.
"""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from gui.core_texts import render
from gui.i18n import LANGUAGES
from gui.settings import get_bool, get_str
from gui.workers import run_task

SHOWN_KEY = "welcome/shown"
ENV_NO_WELCOME = "PADDLEDESK_NO_WELCOME"
SUMMARY_KEYS = ("engine", "gpu-runtime", "gpus")  # the doctor's lines a first start needs


def should_welcome(settings: Any) -> bool:
    """True on the first start (this settings file has never shown it) unless suppressed."""
    return not os.environ.get(ENV_NO_WELCOME) and not get_bool(settings, SHOWN_KEY, False)


def doctor_summary() -> list[tuple[str, str, str]]:
    """(title, status, detail) of the doctor's Docker and GPU lines; blocking, for a worker."""
    from core.docker.doctor import run_doctor

    report = run_doctor(registry_timeout=2.0)
    return [(c.title, c.status, c.detail) for c in report.checks if c.key in SUMMARY_KEYS]


class WelcomeDialog(QDialog):
    """A short non-modal welcome over the main window of ``controller`` (a gui.app.AppController)."""

    def __init__(self, controller: Any):
        super().__init__(controller.window)
        self.controller = controller
        self.setWindowTitle(self.tr("Welcome to PaddleDesk"))
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window = controller.window

        intro = QLabel(self.tr("Train a Chinese text classifier in a few clicks: pick data, press Start, "
                               "watch it learn, then type sentences to try it."))
        intro.setWordWrap(True)
        self.language = QComboBox()
        self.language.addItem(self.tr("System language"), "system")
        for key in ("en", "zh_CN"):
            self.language.addItem(LANGUAGES[key], key)
        self.language.setCurrentIndex(max(0, self.language.findData(get_str(window.settings, "language", "system"))))
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.workspace = QLineEdit(str(window.workspace.root))
        self.workspace.setReadOnly(True)
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self._choose_workspace)
        ws_row = QHBoxLayout()
        ws_row.addWidget(self.workspace, 1)
        ws_row.addWidget(choose)
        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Workspace folder"), ws_row)

        self.doctor = QLabel(self.tr("Checking Docker and GPUs…"))
        self.doctor.setWordWrap(True)
        self.doctor.setTextFormat(Qt.TextFormat.PlainText)
        self.sample_button = QPushButton(self.tr("Try the sample dataset"))
        self.sample_button.clicked.connect(self.try_sample)
        close = QPushButton(self.tr("Start"))
        close.setDefault(True)
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sample_button)
        buttons.addStretch(1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.doctor)
        layout.addLayout(buttons)
        self.resize(520, 300)
        run_task(doctor_summary, on_done=self._show_summary,
                 on_error=lambda exc: self._show_summary([(self.tr("Docker"), "unknown", str(exc))]))

    def _show_summary(self, lines: list[tuple[str, str, str]]) -> None:
        try:
            marks = {"ok": "✓", "problem": "✗", "unknown": "?"}
            self.doctor.setText("\n".join(f"{marks.get(status, '?')} {render(title)}: {render(detail)}"
                                          for title, status, detail in lines))  # core's words, translated
        except RuntimeError:  # closed before the doctor answered
            pass

    def _language_chosen(self, _index: int) -> None:
        # the Settings page's own path: it saves the choice and the app rebuilds its window
        settings_page = self.controller.window.settings_page
        settings_page.language.setCurrentIndex(settings_page.language.findData(self.language.currentData()))
        self.close()
        show_welcome(self.controller)  # again, in the new language, over the new window

    def _choose_workspace(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose the workspace folder"), self.workspace.text())
        if path:
            self.use_workspace(path)

    def use_workspace(self, path: str) -> None:
        """Make ``path`` the workspace, as Settings would."""
        self.controller.window.settings_page.set_workspace(path)
        self.workspace.setText(str(self.controller.window.workspace.root))

    def try_sample(self) -> None:
        """Open the sample review dataset on the Data page and close the welcome."""
        from core.datasets import sample_datasets

        samples = {s.name: s for s in sample_datasets()}
        sample = samples.get("reviews_zh") or next(iter(samples.values()), None)
        window = self.controller.window
        window.go_to("data")
        if sample is not None:
            window.data_page.open_sample(sample)
        self.close()


def show_welcome(controller: Any) -> WelcomeDialog:
    """Show the welcome over the controller's window and remember that it was shown."""
    settings = controller.window.settings
    settings.setValue(SHOWN_KEY, True)
    settings.sync()
    dialog = WelcomeDialog(controller)
    controller.welcome = dialog
    dialog.show()
    return dialog
