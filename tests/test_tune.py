"""Find good settings: `paddledesk train --tune` runs a time-boxed sweep of real runs on the sample
reviews, marks the best by dev accuracy and keeps its export; Stop ends the current trial and the
sweep; a trial that would not fit in the time left is skipped."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REVIEWS = REPO / "resources" / "datasets" / "reviews_zh"


def sample_job(epochs: int = 2):
    from core.jobs import DatasetSpec, JobSpec, ModelSpec, TrainSpec

    return JobSpec(dataset=DatasetSpec(train=str(REVIEWS / "train.tsv"), dev=str(REVIEWS / "dev.tsv")),
                   model=ModelSpec(name="ngrams", max_seq_len=512),
                   train=TrainSpec(epochs=epochs, batch_size=32, learning_rate=1e-2))


def test_plan_starts_with_the_jobs_own_settings_and_grows_with_the_minutes():
    from core.tune import plan_trials

    short, long = plan_trials(sample_job(), 3), plan_trials(sample_job(), 30)
    assert (short[0].learning_rate, short[0].epochs) == (1e-2, 2)
    assert len(short) == 2 < len(long)
    assert len({(t.learning_rate, t.epochs) for t in long}) == len(long)  # no trial twice
    assert {t.epochs for t in long} == {2, 4} and {t.learning_rate for t in long} >= {5e-3, 1e-2, 2e-2}


def test_tune_runs_each_trial_as_a_run_marks_the_best_and_keeps_its_export(tmp_path):
    workspace = tmp_path / "ws"
    proc = subprocess.run(
        [sys.executable, "-m", "paddledesk", "--workspace", str(workspace), "train", "--data",
         str(REVIEWS / "train.tsv"), "--dev", str(REVIEWS / "dev.tsv"), "--model", "ngrams", "--epochs", "2",
         "--max-steps", "40", "--tune", "--tune-minutes", "5"],  # 2 trials; each well under half the box
        capture_output=True, text=True, timeout=600, cwd=REPO, env=dict(os.environ))
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    runs = sorted((workspace / "runs").iterdir())
    assert len(runs) == 2
    marks = [json.loads((r / "sweep.json").read_text("utf-8")) for r in runs]
    assert [m["trial"] for m in marks] == [1, 2] and len({m["sweep_id"] for m in marks}) == 1
    names = [json.loads((r / "job.json").read_text("utf-8"))["name"] for r in runs]
    assert all(f"sweep {marks[0]['sweep_id']} · trial {i}/2" in n for i, n in enumerate(names, 1))
    scores = []
    for r in runs:
        done = [json.loads(x) for x in (r / "events.jsonl").read_text("utf-8").splitlines()
                if json.loads(x)["type"] == "done"][-1]
        scores.append(done["best"]["value"])
    best = max(range(2), key=lambda i: (scores[i], -i))
    assert [m["best"] for m in marks] == [i == best for i in range(2)]
    sweep = json.loads((workspace / "sweeps" / f"{marks[0]['sweep_id']}.json").read_text("utf-8"))
    assert sweep["best_run_id"] == runs[best].name
    assert Path(sweep["export_dir"], "manifest.json").is_file()
    assert f"best: trial {best + 1}" in proc.stdout and "trial 2/2: lr" in proc.stdout


def test_stop_ends_the_current_trial_and_the_sweep(tmp_path):
    from core.runs import Workspace
    from core.tune import run_sweep

    stop = {"now": False}

    def on_event(trial, event):
        if event.type == "step":  # the first trial is training: press Stop
            stop["now"] = True

    job = sample_job(epochs=30)  # far longer than the test waits
    job.train.logging_every = 1
    result = run_sweep(job, Workspace(tmp_path / "ws"), 10, cancel=lambda: stop["now"], on_event=on_event)
    assert result.stopped and [t.status for t in result.trials][:2] == ["stopped", "skipped"]
    assert result.best_run_id is None
    (run_dir,) = (tmp_path / "ws" / "runs").iterdir()
    events = [json.loads(x) for x in (run_dir / "events.jsonl").read_text("utf-8").splitlines()]
    assert events[-1]["type"] == "error" and events[-1]["kind"] == "interrupted"


def test_a_trial_that_would_not_fit_in_the_time_left_is_skipped(tmp_path):
    from core.runs import Workspace
    from core.tune import run_sweep

    result = run_sweep(sample_job(epochs=1), Workspace(tmp_path / "ws"), 0.02)  # 1.2 s: one trial only
    assert [t.status for t in result.trials] == ["done", "skipped"]
    assert result.best_run_id == result.trials[0].run_id and result.trials[0].best
