"""Find good settings: a time-boxed sweep (core.tune.run_sweep) from the Train page's choices.

The sweep runs on a worker; each trial is an ordinary run (the Runs page lists and overlays them).
Progress says which trial of how many is going and each finished trial's dev score; Stop ends the
current trial (it checkpoints) and the sweep; at the end the banner names the best trial.
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from gui.core_texts import tr_core
from gui.workers import run_task

DEFAULT_MINUTES, MAX_MINUTES = 5, 60
EVENT_EVERY_S = 0.25  # step events reach the GUI at most 4 times a second


def sweep(job: Any, workspace: Any, minutes: float, stop: Callable[[], bool],
          progress: Callable[[Any], None]) -> Any:
    """core.tune.run_sweep, with each trial's start and end (and its steps, thinned) as progress."""
    from core.tune import run_sweep

    last = [0.0]

    def on_trial(trial: Any, result: Any) -> None:
        progress(("trial", copy.copy(trial), len(result.trials)))

    def on_event(trial: Any, event: Any) -> None:
        now = time.monotonic()
        if event.type == "start" or (event.type == "step" and now - last[0] >= EVENT_EVERY_S):
            last[0] = now
            progress(("event", trial.number, event.type, dict(event.data)))

    return run_sweep(job, workspace, minutes, on_trial=on_trial, cancel=stop, on_event=on_event)


class SweepMixin:
    """The "Find good settings" button, its time box, and the sweep's progress (mixed into TrainPage)."""

    def _build_sweep(self) -> None:
        self.sweeping = False
        self.sweep_result: Any = None  # core.tune.SweepResult of the last sweep
        self.sweep_trials: dict[int, Any] = {}  # trial number -> its latest Trial
        self._sweep_stop = threading.Event()
        self._sweep_total_steps = 0
        self._trial_count = 0
        self.sweep_button = QPushButton(self.tr("Find good settings"))
        self.sweep_button.setToolTip(self.tr("Try a few learning rates and epoch counts within the time box "
                                             "and keep the best run"))
        self.sweep_button.clicked.connect(self.find_settings)
        self.sweep_minutes = QSpinBox(minimum=1, maximum=MAX_MINUTES, value=DEFAULT_MINUTES)
        self.sweep_minutes.setSuffix(self.tr(" min"))
        self.sweep_minutes.setToolTip(self.tr("At most this long for the whole search"))
        self.sweep_box = QWidget()
        row = QHBoxLayout(self.sweep_box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.sweep_button)
        row.addWidget(self.sweep_minutes)
        self.sweep_lines = QLabel()  # one line per trial: run id and dev score
        self.sweep_lines.setObjectName("sweepTrials")
        self.sweep_lines.setWordWrap(True)
        self.sweep_lines.hide()

    def find_settings(self) -> None:
        """Start a sweep from the form's choices, within the chosen minutes."""
        from gui.pages.train_page import ACTIVE

        if self.sweeping or self.state in ACTIVE:
            return
        job = self.engine_choice.apply(self.job())
        if self._refused(job):
            return
        self.banner.hide()
        self.sweeping, self.sweep_result, self.sweep_trials = True, None, {}
        self._sweep_stop.clear()
        self._set_state("running")
        self._set_form_enabled(False)
        self.sweep_button.setEnabled(False)
        self.sweep_minutes.setEnabled(False)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Finding good settings…"))
        self.sweep_lines.setText("")
        self.sweep_lines.show()
        run_task(sweep, job, self.workspace, float(self.sweep_minutes.value()), self._sweep_stop.is_set,
                 owner=self, on_progress=self._sweep_progress, on_done=self._sweep_done,
                 on_error=self._sweep_failed)

    def stop_sweep(self) -> None:
        """Stop the current trial (it checkpoints) and skip the rest."""
        if self.sweeping and not self._sweep_stop.is_set():
            self._sweep_stop.set()
            self._set_state("stopping")

    # -- progress ----------------------------------------------------------------------------------
    def _sweep_progress(self, message: Any) -> None:
        if message[0] == "trial":
            _kind, trial, count = message
            self.sweep_trials[trial.number] = trial
            self._show_trials(count)
            if trial.run_id:  # the Runs page lists it as it starts, and shows its score as it ends
                self.run_started.emit(self.workspace.run(trial.run_id))
        else:
            _kind, number, kind, data = message
            if kind == "start":
                self._sweep_total_steps = int(data.get("total_steps") or 0)
            elif kind == "step" and self._sweep_total_steps:
                part = min(1.0, float(data.get("step", 0)) / self._sweep_total_steps)
                self.progress.setValue(int(1000 * (number - 1 + part) / max(1, self._trial_count)))

    def _show_trials(self, count: int) -> None:
        self._trial_count = count
        lines = []
        for number in sorted(self.sweep_trials):
            t = self.sweep_trials[number]
            head = self.tr("Trial %1 of %2").replace("%1", str(number)).replace("%2", str(count))
            setting = self.tr("lr %1 × %2 epochs").replace("%1", f"{t.learning_rate:.2g}").replace(
                "%2", str(t.epochs))
            if t.status == "running":
                state = self.tr("running")
            elif t.dev_score is not None:
                state = self.tr("dev %1 %2").replace("%1", tr_core(self._sweep_metric())).replace(
                    "%2", f"{t.dev_score:.4f}")
            else:
                state = self.state_text(t.status)
            lines.append(f"{head} · {t.run_id or ''} · {setting} · {state}")
        self.sweep_lines.setText("\n".join(lines))
        running = [t for t in self.sweep_trials.values() if t.status == "running"]
        if running:
            t = running[-1]
            self.run_label.setText(self.tr("Trial %1 of %2 · run %3").replace("%1", str(t.number))
                                   .replace("%2", str(count)).replace("%3", t.run_id or ""))
            self.progress.setFormat(self.tr("Trial %1 of %2").replace("%1", str(t.number))
                                    .replace("%2", str(count)))
            self.progress.setValue(int(1000 * (t.number - 1) / count))

    def _sweep_metric(self) -> str:
        return self.sweep_result.metric if self.sweep_result is not None else self.job().train.metric

    # -- the end -----------------------------------------------------------------------------------
    def _sweep_ended(self, state: str) -> None:
        self.sweeping = False
        self._set_state(state)
        self._set_form_enabled(self.shown_job is None)
        self.sweep_button.setEnabled(True)
        self.sweep_minutes.setEnabled(True)

    def _sweep_done(self, result: Any) -> None:
        self.sweep_result = result
        for trial in result.trials:
            self.sweep_trials[trial.number] = trial
        self._show_trials(len(result.trials))
        self.progress.setValue(1000)
        best = next((t for t in result.trials if t.best), None)
        self._sweep_ended("stopped" if result.stopped else "finished" if best else "failed")
        self.progress.setFormat(self.tr("Sweep stopped") if result.stopped else self.tr("Sweep finished"))
        if best is None:
            if result.stopped:
                self.banner.show_message(self.tr("Stopped before a trial finished: no settings were kept."),
                                         self.tr("The stopped trial is on the Runs page; Resume it there."),
                                         level="warning")
            else:
                self.banner.show_message(self.tr("No trial finished, so no settings were kept."),
                                         self.tr("Each trial's log is on the Runs page."))
            return
        ran = sum(1 for t in result.trials if t.run_id)
        text = (self.tr("Best settings: trial %1 (run %2), lr %3 × %4 epochs, dev %5 %6 — %7 of %8 trials ran.")
                .replace("%1", str(best.number)).replace("%2", best.run_id or "")
                .replace("%3", f"{best.learning_rate:.2g}").replace("%4", str(best.epochs))
                .replace("%5", tr_core(result.metric)).replace("%6", f"{best.dev_score:.4f}")
                .replace("%7", str(ran)).replace("%8", str(len(result.trials))))
        hint = self.tr("Its export is the sweep's result; the Runs page marks it with ★ and overlays the trials.")
        if result.stopped:
            text = self.tr("Stopped. %1").replace("%1", text)
        self.banner.show_message(text, hint, level="warning" if result.stopped else "ok")
        self.run_ended.emit(self.workspace.run(best.run_id), "finished")  # Runs and Predict refresh

    def _sweep_failed(self, exc: BaseException) -> None:
        self._sweep_ended("failed")
        self.progress.setFormat(self.tr("Sweep failed"))
        self.banner.show_error(exc)
