"""The Train page's live view: follow a run, fold its events into charts, progress, report and banner.

The banner speaks of the followed run's current outcome only: an error replayed from before a
resume goes away when the resumed trainer starts, and a finished run whose accuracy is at chance
level gets a warning instead of nothing.
"""

from __future__ import annotations

import re

from core.events import Event, RunHistory
from core.formatting import format_duration
from core.runs import Run
from core.session import trainer_alive
from gui.core_texts import tr_core
from gui.live import RunWatcher

FINAL = ("finished", "failed", "stopped")
# Known-harmless lines of Paddle's start-up and export: train.log keeps them, the Log tab does not
HARMLESS_LOG = re.compile(r"UserWarning: No ccache found|Paddle static graph\(PIR\) not support input out tensor"
                          r"|UserWarning: Setuptools is replacing distutils")


class HarmlessFilter:
    """Drops harmless warning lines and the source line Python echoes under each (even a batch later)."""

    def __init__(self) -> None:
        self._dropped_last = False

    def __call__(self, lines: list[str]) -> list[str]:
        kept = []
        for line in lines:
            echo = self._dropped_last and line.lstrip().startswith("warnings.warn(")
            self._dropped_last = bool(HARMLESS_LOG.search(line))
            if not (echo or self._dropped_last):
                kept.append(line)
        return kept


class LiveViewMixin:
    """Following one run on the Train page (mixed into TrainPage)."""

    def attach(self, run: Run) -> None:
        """Follow ``run`` live (a new run, a resumed one, or one found running after a restart)."""
        self.detach()
        self.run = run
        self.history = RunHistory()
        self.charts.clear()
        self.console.clear()
        self.report.clear()
        self._hide_outcome()
        self.progress.setValue(0)
        self.progress.setFormat("")
        self.eta.setText("")
        self.run_label.setText(self.tr("run %1").replace("%1", run.id))
        try:
            job = run.job()
        except Exception:  # noqa: BLE001 - a damaged job.json: the form keeps its values
            job = None
        if job is not None:
            self.show_job(job)
        self._set_state("running")
        if self.gpu_strip is not None:
            gpus = list(job.runner.devices) if job is not None else []
            self.gpu_strip.set_gpus(gpus)
            self.gpu_strip.setVisible(bool(gpus))
        self._log_filter = HarmlessFilter()
        self.watcher = RunWatcher(run, is_running=trainer_alive(run), parent=self)
        self.watcher.events.connect(self._on_events)
        self.watcher.log.connect(lambda lines, skipped: self.console.append_lines(self._log_filter(lines), skipped))
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
        last_eval = None
        outcome_changed = False
        for event in events:
            if not self.history.add(event):
                continue
            fresh.append(event)
            d = event.data
            if event.type == "start":
                outcome_changed = True  # a (re)started trainer: the earlier outcome is history
                if isinstance(d.get("resumed_from_step"), int):
                    rebuild = True
            elif event.type == "eval":
                last_eval = d
            elif event.type == "done" or (event.type == "error" and not d.get("export_only")):
                outcome_changed = True
        # the run's state is core's reading of its events (RunHistory.phase); a Stop pressed here
        # stays "stopping" until the run reaches an end
        phase = self.history.phase
        state = phase if fresh and phase and phase != self.state else None
        if state is not None and self.state == "stopping" and state not in FINAL:
            state = None
        # one widget update per batch, however many events it holds
        if last_eval is not None:
            self.report.show_eval(last_eval, (self.history.start or {}).get("labels"))
        if outcome_changed:
            self._show_outcome()
        if state is not None and state != self.state:
            self._set_state(state)
        if rebuild:
            self.charts.clear()
            self.charts.add_history(self.history, "live")
        else:
            self.charts.add_events(fresh, "live")
        self._update_progress()

    def _show_outcome(self) -> None:
        """The banner and report line for the history's current outcome (or none)."""
        h = self.history
        error = h.error
        if error is not None and error.get("kind") != "interrupted":
            self.banner.show_message(str(error.get("message", "")), str(error.get("hint", "")))
            self._outcome_banner = True
            return
        verdict = None
        if h.done is not None:
            from core.verdicts import chance_level

            verdict = chance_level(h.evals, (h.start or {}).get("labels"))
        if verdict is None:
            self._hide_outcome()
            return
        start = h.start or {}
        no_weights = start.get("family") == "ernie" and not start.get("pretrained")
        message = (self.tr("Accuracy at chance level: the model learned nothing useful (best accuracy %1; "
                           "always answering “%2” scores %3).")
                   .replace("%1", f"{verdict.best_accuracy:.3f}").replace("%2", verdict.majority_label)
                   .replace("%3", f"{verdict.majority_rate:.3f}"))
        hint = (self.tr("This ERNIE model started from random weights: import its pretrained weights (or "
                        "connect to the internet), or try fastText.") if no_weights else
                self.tr("Try fastText, more epochs, a larger learning rate or more examples."))
        self.banner.show_message(message, hint, "warning")
        self.report.set_verdict(message)
        self._outcome_banner = True

    def _hide_outcome(self) -> None:
        if getattr(self, "_outcome_banner", False):
            self.banner.hide()
        self._outcome_banner = False
        self.report.set_verdict("")

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
            parts.append(self.tr("ETA %1").replace("%1", format_duration(last["eta_s"])))
        if isinstance(last.get("samples_per_s"), (int, float)):
            parts.append(self.tr("%1 samples/s").replace("%1", f"{last['samples_per_s']:.0f}"))
        if h.done:
            best = h.done.get("best") or {}
            if isinstance(best.get("value"), (int, float)):
                parts.append(self.tr("best %1 %2").replace("%1", tr_core(str(best.get("metric", ""))))
                             .replace("%2", f"{best['value']:.4f}"))
            parts.append(format_duration(h.done.get("duration_s")))
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
        self.unlock_form()
        self._set_state(self.state)  # Start and Resume follow the unlocked form
        run = self.run
        if run is not None:
            self.run_ended.emit(run, self.state)

    def total_done(self) -> bool:
        return bool(self.history.done)
