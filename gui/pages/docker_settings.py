"""Settings → Docker: engine, base image (catalogue, suggestion, the user's own choice checked),
registry and package index, "Check this computer", pull / build / prune, save / load image files.

All Docker, NVML and registry work runs in gui.pages.docker_tasks on worker threads.
Settings keys: docker/url, docker/base_image (the image used, also when it is the suggestion),
docker/base_suggested ("true" while the suggestion is chosen), docker/registry, docker/index_url.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QWidget,
)

from gui.core_texts import render
from gui.pages import docker_tasks as tasks
from gui.pages.docker_actions import DockerActions
from gui.pages.doctor_lines import STATUS_LOOK, DoctorLines, WrapLabel
from gui.settings import get_bool, get_str
from gui.widgets.banner import Banner
from gui.widgets.log_console import LogConsole
from gui.workers import run_task

SUGGESTED = 0  # the combo's first item: "Suggested for this computer: <ref>"
_INDEX_URL = re.compile(r"^https?://[^\s/]+\S*$")


class DockerSettings(DockerActions, QGroupBox):
    """The Docker section of the Settings page (its buttons' work: gui/pages/docker_actions.py)."""

    changed = Signal()  # a docker/* setting was saved

    def __init__(self, settings: QSettings, parent: QWidget | None = None):
        super().__init__(self.tr("Docker"), parent)
        self.settings = settings
        self.busy = False
        self.hardware: Any = None  # core.docker.choose.Hardware, once read on a worker
        self.hardware_provider: tasks.HardwareProvider | None = None  # tests give a replayed one
        self.suggestion: Any = None
        self.cancel_event: threading.Event | None = None
        self._asked_hardware = False
        self.loaded_names: list[str] = []  # what the last Load image from file… brought in
        self.banner = Banner()
        form = QFormLayout(self)

        self.engine_url = QLineEdit(get_str(settings, "docker/url", ""))
        self.engine_url.setPlaceholderText(self.tr("default: DOCKER_HOST or the local socket"))
        self.engine_url.editingFinished.connect(self.save)
        form.addRow(self.tr("Engine"), self.engine_url)
        self._build_base_image(form)
        self._build_registry(form)

        self.engine_status = WrapLabel(self.tr("Not checked yet."))
        form.addRow(self.tr("Status"), self.engine_status)
        self.check_button = self._button(self.tr("Check engine"), self.check_docker)
        self.doctor_button = self._button(self.tr("Check this computer"), self.check_computer)
        self.pull_button = self._button(self.tr("Pull base image"), self.pull)
        self.build_button = self._button(self.tr("Build trainer image"), self.build)
        self.prune_button = self._button(self.tr("Remove old trainer images"), self.prune)
        self.save_button = self._button(self.tr("Save image to file…"), self.save_to_file)
        self.load_button = self._button(self.tr("Load image from file…"), self.load_from_file)
        self.cancel_button = self._button(self.tr("Cancel"), self.cancel)
        self.cancel_button.setEnabled(False)
        self.actions = (self.check_button, self.doctor_button, self.pull_button, self.build_button,
                        self.prune_button, self.save_button, self.load_button)
        for row in ((self.check_button, self.doctor_button), (self.pull_button, self.build_button, self.prune_button),
                    (self.save_button, self.load_button, self.cancel_button)):
            form.addRow("", self._row(*row))
        self.doctor = DoctorLines()
        form.addRow("", self.doctor)
        form.addRow("", self.banner)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        form.addRow("", self.progress)
        self.build_log = LogConsole(max_lines=2000)
        self.build_log.setMinimumHeight(160)
        self.build_log.setVisible(False)
        form.addRow("", self.build_log)
        from gui.pages.docker_engines import EnginesSection

        self.engines_section = EnginesSection()  # remote engines (ssh://, tcp:// with TLS)
        form.addRow(self.engines_section)

    # -- building the form -------------------------------------------------------------------------
    def _button(self, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        return button

    @staticmethod
    def _row(*widgets: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        for w in widgets:
            row.addWidget(w)
        row.addStretch(1)
        return row

    def _build_base_image(self, form: QFormLayout) -> None:
        self.base_image = QComboBox()
        self.base_image.setEditable(True)
        self.base_image.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)  # the user's own text stays their own
        saved = get_str(self.settings, "docker/base_image", "")
        suggested = get_bool(self.settings, "docker/base_suggested", False) or not saved
        self.base_image.addItem(self._suggested_text(saved if suggested else ""), saved if suggested else "")
        unconfirmed = self.tr("? = not confirmed")
        try:
            for ref, summary in tasks.base_images():
                self.base_image.addItem(ref, ref)
                self.base_image.setItemData(self.base_image.count() - 1, f"{summary}\n{unconfirmed}",
                                            Qt.ItemDataRole.ToolTipRole)
        except (ImportError, OSError, ValueError) as exc:  # no catalogue: the user's own text still works
            self.banner.show_error(exc)
        if suggested:
            self.base_image.setCurrentIndex(SUGGESTED)
        elif (index := self.base_image.findData(saved)) > SUGGESTED:
            self.base_image.setCurrentIndex(index)
        else:
            self.base_image.setEditText(saved)
        self.base_image.currentTextChanged.connect(lambda _t: self._base_chosen())
        form.addRow(self.tr("Base image"), self.base_image)
        self.verdict = WrapLabel(self.tr("Looking at this computer's GPUs…"))
        form.addRow("", self.verdict)

    def _suggested_text(self, ref: str) -> str:
        shown = ref or self.tr("(reading the GPUs…)")
        return self.tr("Suggested for this computer: %1").replace("%1", shown)

    def _build_registry(self, form: QFormLayout) -> None:
        from core.docker.registries import DOCKER_HUB, PADDLE_MIRROR, PADDLE_MIRROR_HOST, parse_registry
        from core.runners.base import RunnerError

        self.registry = QComboBox()
        self.registry.addItem(self.tr("Docker Hub"), DOCKER_HUB.setting)
        self.registry.addItem(self.tr("Paddle mirror (%1)").replace("%1", PADDLE_MIRROR_HOST), PADDLE_MIRROR.setting)
        self.registry.addItem(self.tr("Custom…"), "custom")
        self.registry_address = QLineEdit()
        self.registry_address.setPlaceholderText(self.tr("host[:port][/prefix], e.g. mirror.example.com:5000"))
        try:
            saved = parse_registry(get_str(self.settings, "docker/registry", ""))
        except RunnerError:  # a hand-edited file: start from Docker Hub
            saved = DOCKER_HUB
        self.registry.setCurrentIndex(2 if saved.kind == "custom" else self.registry.findData(saved.setting))
        self.registry_address.setText(saved.address if saved.kind == "custom" else "")
        self.registry_address.setVisible(saved.kind == "custom")
        self.registry.currentIndexChanged.connect(lambda _i: self._registry_chosen())
        self.registry_address.editingFinished.connect(self._registry_chosen)
        form.addRow(self.tr("Registry"), self._row(self.registry, self.registry_address))
        self.registry_problem = self._problem_label()
        form.addRow("", self.registry_problem)

        self.index_url = QLineEdit(get_str(self.settings, "docker/index_url", ""))
        self.index_url.setPlaceholderText(self.tr("default: pip's index"))
        self.index_url.setToolTip(self.tr("The package index pip uses when the trainer image is built "
                                          "(e.g. a mirror of the default index)."))
        self.index_url.editingFinished.connect(self._index_chosen)
        form.addRow(self.tr("Package index"), self.index_url)
        self.index_problem = self._problem_label()
        form.addRow("", self.index_problem)

    @staticmethod
    def _problem_label() -> QLabel:
        label = WrapLabel()
        label.setStyleSheet(f"color: {STATUS_LOOK['problem'][1]}")
        label.hide()
        return label

    # -- choices -----------------------------------------------------------------------------------
    def current_base(self) -> str:
        """The base image the section stands for: the suggestion's ref, a catalogue ref or the user's text."""
        text = self.base_image.currentText().strip()
        index = self.base_image.findText(text, Qt.MatchFlag.MatchExactly)
        if index == SUGGESTED:
            from core.docker.images import DEFAULT_BASE_IMAGE

            return str(self.base_image.itemData(SUGGESTED) or DEFAULT_BASE_IMAGE)
        return str(self.base_image.itemData(index)) if index > SUGGESTED else text

    def suggested_chosen(self) -> bool:
        return self.base_image.findText(self.base_image.currentText().strip(), Qt.MatchFlag.MatchExactly) == SUGGESTED

    def current_registry(self) -> str:
        """The saved registry setting (docker-hub, paddle-mirror or a custom address)."""
        return get_str(self.settings, "docker/registry", "")

    def save(self) -> None:
        """Remember the engine address and the base image (docker/url, docker/base_image)."""
        self.settings.setValue("docker/url", self.engine_url.text().strip())
        self.settings.setValue("docker/base_image", self.current_base())
        self.settings.setValue("docker/base_suggested", "true" if self.suggested_chosen() else "false")
        self.changed.emit()

    def _base_chosen(self) -> None:
        self.save()
        self.show_verdict()

    def _registry_chosen(self) -> None:
        from core.docker.registries import parse_registry
        from core.runners.base import RunnerError

        custom = self.registry.currentData() == "custom"
        self.registry_address.setVisible(custom)
        text = self.registry_address.text().strip() if custom else self.registry.currentData()
        if custom and not text:
            self.registry_address.setFocus()
            return  # nothing typed yet: keep the saved registry
        try:
            chosen = parse_registry(text)
        except RunnerError as exc:
            self.registry_problem.setText(exc.args[0])
            self.registry_problem.show()
            return
        self.registry_problem.hide()
        self.settings.setValue("docker/registry", chosen.setting)
        self.changed.emit()

    def _index_chosen(self) -> None:
        text = self.index_url.text().strip()
        if text and not _INDEX_URL.match(text):
            self.index_problem.setText(self.tr("'%1' is not a package index address: write an http:// or "
                                               "https:// URL, e.g. https://mirrors.example.com/pypi/simple, "
                                               "or leave it empty for pip's index.").replace("%1", text))
            self.index_problem.show()
            return
        self.index_problem.hide()
        self.settings.setValue("docker/index_url", text)
        self.changed.emit()

    # -- the suggestion and the verdict on the choice ------------------------------------------------
    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._asked_hardware:
            self._asked_hardware = True
            run_task(tasks.suggest_for_this_computer, self.hardware_provider,
                     on_done=self._suggested, on_error=self._no_suggestion)

    def _suggested(self, result: tuple[Any, Any]) -> None:
        from core.docker.catalogue import load_catalogue

        self.hardware, self.suggestion = result
        ref = self.suggestion.ref or load_catalogue().cpu_images()[0].ref
        own_text = None if self.suggested_chosen() else self.base_image.currentText()
        self.base_image.blockSignals(True)  # a new text of the current item would replace the user's own
        self.base_image.setItemText(SUGGESTED, self._suggested_text(ref))
        self.base_image.setItemData(SUGGESTED, ref)
        self.base_image.setItemData(SUGGESTED, "\n".join(self.suggestion.reasons), Qt.ItemDataRole.ToolTipRole)
        if own_text is not None:
            self.base_image.setEditText(own_text)
        self.base_image.blockSignals(False)
        if own_text is None:
            self.save()
        self.show_verdict()

    def _no_suggestion(self, exc: BaseException) -> None:
        from core.docker.choose import Hardware, suggest_image

        hardware = Hardware(reason=str(exc))  # unreadable GPUs are like none: the CPU image
        self._suggested((hardware, suggest_image(hardware)))

    def show_verdict(self) -> None:
        """Under the combo: green OK, red with the reason, grey "cannot tell" for the chosen image."""
        from core.docker.choose import check_image
        from core.docker.registries import check_image_ref

        if self.hardware is None:
            return  # shown once the GPUs are read
        ref = self.current_base()
        nothing_fits = self.suggested_chosen() and self.suggestion is not None and self.suggestion.image is None
        if nothing_fits:  # the CPU image stands in; say why no GPU image was suggested
            ok, message = False, next(r for r in self.suggestion.reasons if r.startswith("no image"))
        elif problem := check_image_ref(ref):
            ok, message = False, self.tr("not a valid image name: %1").replace("%1", problem)
        else:
            verdict = check_image(ref, self.hardware)
            ok, message = verdict.ok, verdict.message
        status = {True: "ok", False: "problem", None: "unknown"}[ok]
        mark, colour = STATUS_LOOK[status]
        self.verdict.setText(f"{mark} {self.doctor.status_word(status)}: {render(message)}")
        self.verdict.setStyleSheet(f"color: {colour}")
