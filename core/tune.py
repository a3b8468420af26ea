"""Find good settings: a small, time-boxed sweep (learning rate x epochs) of ordinary runs.

``run_sweep(job, workspace, minutes)`` starts one run per trial in the workspace (named
``sweep <id> · trial <n>/<N> · lr … × … epochs``, with ``sweep.json`` in its folder), follows each
to its end, keeps every run and marks the one with the best dev score; that run's export is the
sweep's result. A trial starts only when the time the finished ones took says it fits in what is
left of ``minutes`` (the first always starts). ``cancel()`` returning True (Stop in the app) or a
KeyboardInterrupt (Ctrl-C) stops the current trial, which checkpoints, and ends the sweep.
Qt-free: the GUI calls it from a worker thread, with ``on_trial``/``on_event`` posting signals.
"""

from __future__ import annotations

import copy
import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from core.events import Event
from core.jobs import JobSpec
from core.runs import Run, Workspace, atomic_write_text

SWEEP_FILE = "sweep.json"  # in each trial's run folder
LR_FACTORS = (1.0, 0.5, 2.0, 0.25)  # around the preset's rate, the preset first
EPOCH_CHOICES = (1.0, 2.0)  # times the preset's epochs


@dataclass
class Trial:
    """One point of the sweep and what became of it."""

    number: int  # 1-based
    learning_rate: float
    epochs: int
    status: str = "planned"  # planned | running | done | failed | stopped | skipped
    run_id: str | None = None
    dev_score: float | None = None  # the job's metric (accuracy or macro-F1) at the best step
    best_step: int | None = None
    duration_s: float | None = None
    best: bool = False

    @property
    def label(self) -> str:
        return f"lr {self.learning_rate:.2g} × {self.epochs} epochs"


@dataclass
class SweepResult:
    """Every trial, and the best run (None when no trial finished)."""

    sweep_id: str
    metric: str
    minutes: float
    trials: list[Trial] = field(default_factory=list)
    best_run_id: str | None = None
    export_dir: Path | None = None
    stopped: bool = False

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["export_dir"] = str(self.export_dir) if self.export_dir else None
        return d


def plan_trials(job: JobSpec, minutes: float) -> list[Trial]:
    """The trials in the order they run: the job's own settings first, then rates around them.

    More minutes allow more trials (a rough cap of one per two minutes, at least 2); which of them
    really run is decided while sweeping, from the time the finished ones took.
    """
    base_lr, base_epochs = job.train.learning_rate, max(1, job.train.epochs)
    points = [(lr_f, ep_f) for ep_f in EPOCH_CHOICES for lr_f in LR_FACTORS]  # the job's epochs first
    cap = max(2, min(len(points), int(minutes // 2)))
    trials = []
    for lr_f, ep_f in points[:cap]:
        lr = min(0.5, base_lr * lr_f)
        trials.append(Trial(len(trials) + 1, float(f"{lr:.3g}"), max(1, round(base_epochs * ep_f))))
    return trials


def _trial_job(job: JobSpec, sweep_id: str, trial: Trial, count: int) -> JobSpec:
    out = copy.deepcopy(job)
    out.train.learning_rate = trial.learning_rate
    out.train.epochs = trial.epochs
    base = f"{job.name} · " if job.name else ""
    out.name = f"{base}sweep {sweep_id} · trial {trial.number}/{count} · {trial.label}"
    return out


def _write_marks(workspace: Workspace, result: SweepResult) -> None:
    """sweep.json in each trial's run folder, and the whole sweep under <workspace>/sweeps/."""
    for t in result.trials:
        if t.run_id:
            mark = {"sweep_id": result.sweep_id, "trial": t.number, "trials": len(result.trials),
                    "learning_rate": t.learning_rate, "epochs": t.epochs, "best": t.best}
            atomic_write_text(workspace.runs_dir / t.run_id / SWEEP_FILE, json.dumps(mark, indent=1))
    folder = workspace.root / "sweeps"
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write_text(folder / f"{result.sweep_id}.json", json.dumps(result.to_dict(), indent=1))


def sweep_mark(run: Run) -> dict[str, Any] | None:
    """A run's sweep.json (sweep id, trial number, best), or None for a run outside any sweep."""
    try:
        return json.loads((run.path / SWEEP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _follow_trial(run: Run, runner: Any, trial: Trial, cancel: Callable[[], bool],
                  on_event: Callable[[Trial, Event], None] | None) -> bool:
    """Follow one trial to its end; True when it was stopped (cancel or Ctrl-C)."""
    from core.launch import stop
    from core.runs import RunFollower

    follower = RunFollower(run)
    try:
        for event in follower.follow(lambda: runner.is_running(run)):
            if on_event is not None:
                on_event(trial, event)
            if cancel():
                stop(run, runner)
                return True
    except KeyboardInterrupt:
        stop(run, runner)
        raise
    runner.wait(run, 30)
    return False


def _score(run: Run, trial: Trial) -> None:
    history = run.history()
    if history.done:
        best = history.done.get("best") or {}
        trial.dev_score = best.get("value")
        trial.best_step = best.get("step")
        trial.status = "done" if run.has_export() else "failed"
    else:
        trial.status = "failed"


def run_sweep(job: JobSpec, workspace: Workspace, minutes: float,
              on_trial: Callable[[Trial, SweepResult], None] | None = None,
              cancel: Callable[[], bool] | None = None, runner: Any = None,
              on_event: Callable[[Trial, Event], None] | None = None,
              trials: list[Trial] | None = None) -> SweepResult:
    """Run the sweep; ``on_trial`` is called when a trial starts and when it ends."""
    from core.launch import launch, runner_for

    cancel = cancel or (lambda: False)
    runner = runner or runner_for(job.runner.kind)
    sweep_id = time.strftime("%Y%m%d-%H%M%S")
    result = SweepResult(sweep_id, job.train.metric, minutes, trials or plan_trials(job, minutes))
    deadline = time.monotonic() + minutes * 60
    per_epoch: list[float] = []  # seconds per epoch of the finished trials
    notify = on_trial or (lambda _t, _r: None)
    try:
        for trial in result.trials:
            left = deadline - time.monotonic()
            guess = trial.epochs * (max(per_epoch) if per_epoch else 0.0)
            if cancel() or result.stopped or (per_epoch and guess > left):
                trial.status = "skipped"
                continue
            run = launch(_trial_job(job, sweep_id, trial, len(result.trials)), workspace, runner)
            trial.run_id, trial.status = run.id, "running"
            _write_marks(workspace, result)
            notify(trial, result)
            t0 = time.monotonic()
            try:
                stopped = _follow_trial(run, runner, trial, cancel, on_event)
            except KeyboardInterrupt:
                trial.status, result.stopped = "stopped", True
                raise
            trial.duration_s = round(time.monotonic() - t0, 1)
            if stopped:
                trial.status, result.stopped = "stopped", True
            else:
                _score(run, trial)
                per_epoch.append(trial.duration_s / max(1, trial.epochs))
            notify(trial, result)
    finally:
        _pick_best(workspace, result)
        _write_marks(workspace, result)
    return result


def _pick_best(workspace: Workspace, result: SweepResult) -> None:
    scored = [t for t in result.trials if t.status == "done" and t.dev_score is not None]
    for t in result.trials:
        t.best = False
    if not scored:
        return
    best = max(scored, key=lambda t: (t.dev_score, -t.number))  # ties: the earlier (cheaper) trial
    best.best = True
    result.best_run_id = best.run_id
    result.export_dir = workspace.runs_dir / best.run_id / "export"


__all__ = ["SWEEP_FILE", "SweepResult", "Trial", "plan_trials", "run_sweep", "sweep_mark"]
