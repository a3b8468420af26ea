"""The local runner on real training: start, follow, stop with a checkpoint, resume, reattach."""

from __future__ import annotations

import os
import signal

import pytest

from core.datasets import DatasetError
from core.events import RunHistory
from core.jobs import DatasetSpec, JobSpec, ModelSpec, TrainSpec
from core.launch import launch, resume
from core.runners.local import LocalRunner
from core.runs import RunFollower, run_status
from tests.helpers import SAMPLES, wait_for

REVIEWS = SAMPLES / "reviews_zh"


def _job(**train) -> JobSpec:
    return JobSpec(
        dataset=DatasetSpec(train=str(REVIEWS / "train.tsv"), dev=str(REVIEWS / "dev.tsv")),
        model=ModelSpec(name="bow", max_seq_len=64),
        train=TrainSpec(**{"epochs": 2, "batch_size": 32, "learning_rate": 5e-3, "logging_every": 1, **train}),
    )


def test_run_stopped_mid_epoch_resumes_to_the_same_final_step(workspace, monkeypatch):
    monkeypatch.setenv("PDK_TEST_STEP_DELAY", "0.05")
    runner = LocalRunner()
    run = launch(_job(), workspace, runner)
    follower = RunFollower(run)
    seen = []
    wait_for(lambda: seen.extend(follower.poll_events()) or any(e.type == "step" and e.get("step") >= 5
                                                                   for e in seen))
    runner.stop(run, timeout=30)
    assert run_status(run) == "stopped"
    history = run.history()
    assert history.error and history.error["kind"] == "interrupted"
    stopped_at = history.last_step
    total = history.total_steps
    assert 5 <= stopped_at < total and run.has_checkpoint()

    monkeypatch.delenv("PDK_TEST_STEP_DELAY")
    resume(run, runner)
    assert runner.wait(run, 300) == 0
    history = run.history()
    assert run_status(run) == "finished"
    steps = [s["step"] for s in history.steps]
    assert steps == sorted(set(steps)) and steps[-1] == total  # none lost, none twice
    seqs = [e.seq for e in run.events()]
    assert seqs == list(range(1, len(seqs) + 1))
    # the loss goes on from where it was, not from an untrained model
    before = [s["loss"] for s in history.steps if s["step"] <= stopped_at][-3:]
    after = [s["loss"] for s in history.steps if s["step"] > stopped_at][:3]
    assert sum(after) / len(after) < 1.5 * sum(before) / len(before)
    assert run.has_export()


def test_a_new_runner_instance_reattaches_and_loses_no_event(workspace, monkeypatch):
    monkeypatch.setenv("PDK_TEST_STEP_DELAY", "0.03")
    run = launch(_job(epochs=1), workspace, LocalRunner())
    wait_for(lambda: run.history().last_step >= 3)
    # the app restarts: a new runner knows nothing but the workspace
    fresh = LocalRunner()
    assert [r.id for r in fresh.find_running(workspace)] == [run.id]
    events = list(RunFollower(run).follow(lambda: fresh.is_running(run), interval=0.05))
    assert events[-1].type == "done"
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert fresh.find_running(workspace) == []


def test_a_killed_trainer_becomes_an_error_event(workspace, monkeypatch):
    monkeypatch.setenv("PDK_TEST_STEP_DELAY", "0.05")
    runner = LocalRunner()
    run = launch(_job(), workspace, runner)
    wait_for(lambda: run.history().last_step >= 2)
    os.killpg(run.runner_info()["pgid"], signal.SIGKILL)
    assert runner.wait(run, 30) == -signal.SIGKILL
    history = RunHistory.from_file(run.events_file)
    assert history.error and "killed" in history.error["message"]
    assert run_status(run) == "stopped"


def test_a_bad_dataset_leaves_no_run_behind(workspace, tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("text\tlabel\n只有一类\t正面\n还是一类\t正面\n", encoding="utf-8")
    job = _job()
    job.dataset = DatasetSpec(train=str(bad))
    with pytest.raises(DatasetError) as err:
        launch(job, workspace, LocalRunner())
    assert "bad.tsv" in str(err.value)
    assert workspace.runs() == []


def test_two_cpu_processes_train_data_parallel_and_rank0_alone_reports(workspace):
    job = _job(epochs=1)
    job.runner.nproc = 2
    runner = LocalRunner()
    run = launch(job, workspace, runner)
    assert runner.wait(run, 300) == 0, run.log_file.read_text(errors="replace")[-3000:]
    history = run.history()
    assert history.start["nproc"] == 2 and history.done is not None
    starts = [e for e in run.events() if e.type == "start"]
    assert len(starts) == 1  # one writer
    assert run.has_export()
