"""The buttons of Settings → Docker: check the engine, check this computer, pull, build, prune,
save an image to a file and load one back; one at a time, each on a worker thread.

A mix-in of DockerSettings (gui/pages/docker_settings.py), which owns the widgets used here.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog

from gui.core_texts import render
from gui.pages import docker_tasks as tasks
from gui.settings import get_str
from gui.workers import run_task

_MIB = 2**20


class DockerActions:
    """What the section's buttons do; the results land in its status line, doctor lines and banner."""

    # -- one action at a time ----------------------------------------------------------------------
    def _url(self) -> str:
        return self.engine_url.text().strip()

    def _busy(self, on: bool, cancellable: bool = False) -> None:
        self.busy = on
        for button in self.actions:
            button.setEnabled(not on)
        self.cancel_button.setEnabled(on and cancellable)
        if not on:
            self.cancel_event = None

    def _start(self, cancellable: bool = False) -> threading.Event | None:
        """Mark the section busy; returns the Event the Cancel button sets (when it may cancel)."""
        self._busy(True, cancellable)
        self.banner.hide()
        self.cancel_event = threading.Event() if cancellable else None
        return self.cancel_event

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.progress.setVisible(False)
        if getattr(exc, "kind", "") == "cancelled":
            self.banner.show_message(str(exc.args[0]) if exc.args else self.tr("Cancelled."), level="info")
        else:
            self.banner.show_error(exc)

    def cancel(self) -> None:
        """Stop the pull, save or load under way (at its next chunk)."""
        if self.cancel_event is not None:
            self.cancel_event.set()
            self.cancel_button.setEnabled(False)
            self.progress.setFormat(self.tr("Cancelling…"))

    def _show_progress(self, busy_text: str = "") -> None:
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)  # until the first bytes say how much there is
        self.progress.setFormat(busy_text)

    # -- checks ------------------------------------------------------------------------------------
    def check_docker(self) -> None:
        """Ask the engine how it is and whether the base and trainer images are there."""
        if self.busy:
            return
        self._start()
        self.engine_status.setText(self.tr("Checking…"))
        run_task(tasks.docker_check, self._url(), self.current_base(), on_done=self._checked, on_error=self._failed)

    def _checked(self, check: Any) -> None:
        self._busy(False)
        # the status line is the one place that says how the engine is (no second banner)
        self.engine_status.setText("\n".join(render(line) for line in check.summary_lines()))
        self.engine_status.setStyleSheet("" if check.reachable else "color: #b3261e")

    def check_computer(self) -> None:
        """"Check this computer": every fact GPU training in Docker depends on, one line each."""
        if self.busy:
            return
        self._start()
        self.doctor.show_note(self.tr("Checking this computer…"))
        unresolved = self.suggested_chosen() and not self.base_image.itemData(0)
        image = "" if unresolved else self.current_base()  # empty: the doctor suggests one itself
        run_task(tasks.check_this_computer, self._url(), image, self.current_registry(), self.hardware_provider,
                 on_done=self._computer_checked, on_error=self._doctor_failed)

    def _computer_checked(self, report: Any) -> None:
        self._busy(False)
        self.doctor.show_checks(report.checks, self._next_steps(report))

    def _doctor_failed(self, exc: BaseException) -> None:
        self.doctor.hide()
        self._failed(exc)

    def _next_steps(self, report: Any) -> dict[str, str]:
        """Fixes that name this section's buttons instead of the CLI's words."""
        trainer = report.check("trainer-image")
        if trainer is None or trainer.status == "ok":
            return {}
        if "not built yet" in trainer.detail:  # the base is on the engine
            return {"trainer-image": self.tr("next: Build trainer image (it adds PaddleNLP to the base, "
                                             "a few minutes)")}
        return {"trainer-image": self.tr("next: Pull base image, then Build trainer image; without internet, "
                                         "Load image from file… (saved on a connected computer)")}

    # -- pull / build / prune ----------------------------------------------------------------------
    def pull(self) -> None:
        """Pull the base image through the chosen registry, with a byte progress bar."""
        if self.busy:
            return
        cancel = self._start(cancellable=True)
        self._show_progress(self.tr("Pulling…"))
        run_task(tasks.docker_pull, self._url(), self.current_base(), self.current_registry(), cancel,
                 on_progress=self._on_progress, on_done=lambda _r: self._finished(self.tr("Base image ready.")),
                 on_error=self._failed)

    def build(self) -> None:
        """Build the trainer image (registry and package index from the settings), streaming its output."""
        if self.busy:
            return
        self._start()
        self.build_log.setVisible(True)
        self.build_log.clear()
        self._show_progress(self.tr("Building…"))
        index_url = get_str(self.settings, "docker/index_url", "")
        run_task(tasks.docker_build, self._url(), self.current_base(), self.current_registry(), index_url,
                 on_progress=self._on_progress,
                 on_done=lambda tag: self._finished(self.tr("Trainer image ready: %1").replace("%1", str(tag))),
                 on_error=self._failed)

    def prune(self) -> None:
        """Remove the trainer images this app built that are no longer the current one."""
        if self.busy:
            return
        try:
            keep = [self._trainer_tag()]
        except Exception:  # noqa: BLE001 - without a tag, keep nothing extra
            keep = []
        self._start()
        run_task(tasks.docker_prune, self._url(), keep, on_done=self._pruned, on_error=self._failed)

    def _pruned(self, result: Any) -> None:
        self._busy(False)
        freed = getattr(result, "freed_bytes", 0) / 2**30
        self.banner.show_message(self.tr("Removed %1 image(s), freed %2 GiB.")
                                 .replace("%1", str(len(getattr(result, "removed", []))))
                                 .replace("%2", f"{freed:.1f}"), level="ok")

    def _finished(self, message: str) -> None:
        self._busy(False)
        self.progress.setVisible(False)
        self.banner.show_message(message, level="ok")
        self.check_docker()

    # -- image files -------------------------------------------------------------------------------
    def _trainer_tag(self) -> str:
        from core.docker.images import trainer_image_tag

        return trainer_image_tag(self.current_base())

    def save_to_file(self) -> None:
        """"Save image to file…": the trainer image of the chosen base, as a .tar.gz (or .tar)."""
        if self.busy:
            return
        ref = self._trainer_tag()
        gz, tar = self.tr("Compressed image (*.tar.gz)"), self.tr("Image archive (*.tar)")
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Save image to file"),
                                                   str(Path.home() / tasks.archive_name(ref)), f"{gz};;{tar}")
        if not path:
            return
        if not path.lower().endswith((".tar", ".tar.gz", ".tgz")):
            path += ".tar" if chosen == tar else ".tar.gz"
        cancel = self._start(cancellable=True)
        self._show_progress(self.tr("Saving %1…").replace("%1", ref))
        run_task(tasks.save_to_file, self._url(), ref, path, cancel, on_progress=self._on_progress,
                 on_done=lambda result: self._saved(ref, *result), on_error=self._failed)

    def _saved(self, ref: str, path: Path, size: int) -> None:
        self._busy(False)
        self._progress_done(self.tr("Saved: %1 MiB").replace("%1", f"{size / _MIB:.0f}"))
        self.banner.show_message(self.tr("Saved %1 to %2 (%3 MiB). On the other computer: Load image from file….")
                                 .replace("%1", ref).replace("%2", str(path)).replace("%3", f"{size / _MIB:.0f}"),
                                 level="ok")

    def load_from_file(self) -> None:
        """"Load image from file…": an archive written by Save image to file… or `docker save`."""
        if self.busy:
            return
        path, _chosen = QFileDialog.getOpenFileName(
            self, self.tr("Load image from file"), str(Path.home()),
            self.tr("Image archives (*.tar *.tar.gz *.tgz)") + ";;" + self.tr("All files (*)"))
        if not path:
            return
        cancel = self._start(cancellable=True)
        self._show_progress(self.tr("Loading %1…").replace("%1", Path(path).name))
        run_task(tasks.load_from_file, self._url(), path, cancel, on_progress=self._on_progress,
                 on_done=self._loaded, on_error=self._failed)

    def _loaded(self, names: list[str]) -> None:
        self._busy(False)
        self._progress_done(self.tr("Loaded"))
        self.loaded_names = list(names)
        self.banner.show_message(self.tr("Loaded: %1").replace("%1", ", ".join(names)), level="ok")

    def _progress_done(self, text: str) -> None:
        """The bar stays full, so the user sees the transfer reached its end."""
        self.progress.setRange(0, 1000)
        self.progress.setValue(1000)
        self.progress.setFormat(text)

    def _on_progress(self, value: tuple) -> None:
        kind = value[0]
        if kind in ("pull", "bytes"):
            done, total = value[1], value[2]
            if total:
                self.progress.setRange(0, 1000)
                self.progress.setValue(min(1000, int(1000 * done / total)))
                status = f"{value[3]} " if kind == "pull" else ""
                self.progress.setFormat(f"{status}{done / _MIB:.0f} / {total / _MIB:.0f} MiB "
                                        f"({100 * done / total:.0f} %)")
        elif kind == "build":
            self.build_log.append_lines(str(value[1]).rstrip("\n").splitlines())
