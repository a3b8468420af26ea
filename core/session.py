"""What every view says about a run: status, best score, duration, whether its trainer lives.

The CLI's `runs`, the Runs page, the Train page and the main window all read a run through here,
so two lists of the same runs cannot disagree. The facts come from the run folder (``core.runs``:
status from runner.json and events.jsonl, the pid-reuse guard of a local trainer) and from the
runner that started the run (``core.launch.runner_of``); a run whose trainer died unseen gets its
end recorded first (``core.runners.reconcile``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.events import RunHistory
from core.jobs import JobError, JobSpec
from core.runs import Run, Workspace, local_trainer_alive, run_duration, run_status

__all__ = ["BestScore", "RunSummary", "best_score", "find_running", "local_trainer_alive", "reconcile",
           "run_duration", "run_status", "summaries", "summarize", "trainer_alive"]


@dataclass(frozen=True)
class BestScore:
    """The best dev score of a run in its job's metric, and the step it was reached at."""

    metric: str
    value: float
    step: int | None = None


@dataclass(frozen=True)
class RunSummary:
    """One run as a list shows it; ``job`` is None (and ``job_error`` says why) for a damaged job.json."""

    run: Run
    status: str
    history: RunHistory
    job: JobSpec | None
    job_error: str = ""
    best: BestScore | None = None
    seconds: float | None = None  # trained over every resumed part; up to when it was read while running

    @property
    def metric(self) -> str:
        return self.job.train.metric if self.job is not None else "accuracy"

    @property
    def model(self) -> str:
        return self.job.model.name if self.job is not None else ""

    @property
    def dataset(self) -> str:
        """The training file's name."""
        return Path(self.job.dataset.train).name if self.job is not None else ""

    @property
    def started(self) -> float | None:
        """When the first part began (epoch seconds), None before the trainer started."""
        h = self.history
        if h.segments:
            return h.segments[0][0]
        return float(h.start["ts"]) if h.start and h.start.get("ts") else None

    def seconds_at(self, now: float | None = None) -> float | None:
        """The duration, a running run's counted on to ``now``."""
        if self.status == "running":
            return self.history.duration_s(now=time.time() if now is None else now)
        return self.seconds


def best_score(history: RunHistory, metric: str = "accuracy") -> BestScore | None:
    """The trainer's own best when the run finished (the dev eval whose weights were kept), else
    the best dev eval so far in ``metric``. A test split's score is never the best: it is not chosen on."""
    best = (history.done or {}).get("best") or {}
    if isinstance(best.get("value"), (int, float)):
        return BestScore(str(best.get("metric") or metric), float(best["value"]), best.get("step"))
    dev = [e for e in history.evals if e.get("split", "dev") != "test" and isinstance(e.get(metric), (int, float))]
    if not dev:
        return None
    top = max(dev, key=lambda e: e[metric])
    return BestScore(metric, float(top[metric]), top.get("step"))


def summarize(run: Run, now: float | None = None) -> RunSummary:
    """Read ``run``'s folder into a summary (the files only: reconcile first for trainers gone unseen)."""
    history = run.history()
    status = run_status(run, history)
    try:
        job, problem = run.job(), ""
    except (JobError, OSError) as exc:  # one damaged folder must not hide the others
        job, problem = None, str(exc)
    metric = job.train.metric if job is not None else "accuracy"
    return RunSummary(run, status, history, job, problem, best_score(history, metric),
                      run_duration(run, history, status, now))


def summaries(workspace: Workspace) -> list[RunSummary]:
    """Every run of ``workspace``, newest first, after recording the end of those whose trainer is gone."""
    reconcile(workspace)
    return [summarize(run) for run in workspace.runs()]


def reconcile(workspace: Workspace) -> list[Run]:
    """Record the end of every run whose trainer is gone (local process, container or remote engine)."""
    from core.runners.reconcile import reconcile_runs

    return reconcile_runs(workspace)


def find_running(workspace: Workspace) -> list[Run]:
    """Runs whose trainer still lives, on any runner (to reattach after a restart), newest first."""
    reconcile(workspace)
    return [run for run in workspace.runs() if run_status(run) == "running"]


def trainer_alive(run: Run) -> Callable[[], bool]:
    """A check of whether ``run``'s trainer lives, asking the runner that started it (built on first
    use: call it off the GUI thread). An engine that stops answering is judged from the folder."""
    holder: dict[str, Any] = {}

    def alive() -> bool:
        try:
            if "runner" not in holder:
                from core.launch import runner_of

                holder["runner"] = runner_of(run)
            return bool(holder["runner"].is_running(run))
        except Exception:  # noqa: BLE001 - e.g. the Docker engine went away: the folder still knows
            return run_status(run) == "running"

    return alive

