"""Export again: the trainer's --export-only, core.launch.export_again and `paddledesk runs export`."""

from __future__ import annotations

import json
import shutil

import pytest

from core.events import RunHistory
from core.jobs import DatasetSpec, JobSpec, ModelSpec, TrainSpec
from core.launch import export_again, export_again_and_wait, launch
from core.runners.base import RunnerError
from core.runners.local import LocalRunner
from core.runs import run_status
from tests.helpers import SAMPLES
from tests.helpers.trainer import events, make_run, run_trainer

REVIEWS = SAMPLES / "reviews_zh"


def _manifest(export_dir):
    return json.loads((export_dir / "manifest.json").read_text(encoding="utf-8"))


def _assert_predictor_matches_manifest(export_dir):
    from core.predict import Predictor

    manifest = _manifest(export_dir)
    samples = manifest["samples"]
    assert samples
    got = Predictor(export_dir).predict([s["text"] for s in samples])
    for sample, pred in zip(samples, got):
        probs = [pred.probs[label] for label in manifest["labels"]]
        assert probs == pytest.approx(sample["probs"], abs=1e-5)


@pytest.mark.parametrize(("model", "train"), [("bow", {}), ("ernie-tiny-test", {"max_steps": 4, "eval_every": 2})])
def test_export_only_rewrites_the_export_from_the_best_checkpoint(tmp_path, model, train):
    run = make_run(tmp_path / "run", model, train=train)
    assert run_trainer(run).returncode == 0
    before = _manifest(run / "export")
    n_before = len(events(run))
    shutil.rmtree(run / "export")

    res = run_trainer(run, "--export-only")
    assert res.returncode == 0, res.stderr[-3000:]
    evs = events(run)
    new = evs[n_before:]
    assert [e["seq"] for e in evs] == list(range(1, len(evs) + 1))  # seq goes on
    assert [e["type"] for e in new] == ["phase", "export"] and new[0]["phase"] == "exporting"
    assert new[1]["export_only"] is True and new[1]["source"] == "checkpoints/best" and new[1]["files"]
    history = RunHistory.from_file(run / "events.jsonl")
    assert history.done is not None and history.error is None  # still the finished run it was
    after = _manifest(run / "export")
    # the same best weights: the same probabilities, and the same metrics (test split included)
    assert after["metrics"] == before["metrics"] and "test" in after["metrics"]
    for a, b in zip(after["samples"], before["samples"]):
        assert a["text"] == b["text"] and a["probs"] == pytest.approx(b["probs"], abs=1e-6)
    _assert_predictor_matches_manifest(run / "export")
    assert not list(run.glob(".tmp-*")) and not list(run.glob(".old-*"))


def test_export_only_without_a_checkpoint_is_a_data_error_with_a_hint(tmp_path):
    run = make_run(tmp_path / "run", "bow")
    res = run_trainer(run, "--export-only")
    assert res.returncode == 2
    assert "Traceback" not in res.stderr and "no checkpoint" in res.stderr
    evs = events(run)
    assert [e["type"] for e in evs] == ["error"]
    assert evs[0]["kind"] == "data" and "checkpoint" in evs[0]["message"] and "resume" in evs[0]["hint"]
    assert not (run / "export").exists()


def _job(**train) -> JobSpec:
    return JobSpec(
        dataset=DatasetSpec(train=str(REVIEWS / "train.tsv"), dev=str(REVIEWS / "dev.tsv")),
        model=ModelSpec(name="bow", max_seq_len=64),
        train=TrainSpec(**{"epochs": 1, "batch_size": 32, "learning_rate": 5e-3, "logging_every": 5, **train}),
    )


@pytest.fixture
def finished_run(workspace):
    runner = LocalRunner()
    run = launch(_job(), workspace, runner)
    assert runner.wait(run, 300) == 0
    return run


def test_export_again_restores_a_deleted_export_through_the_local_runner(finished_run):
    run = finished_run
    shutil.rmtree(run.export_dir)
    assert not run.has_export()
    seen = []
    exported = export_again_and_wait(run, LocalRunner(), on_event=lambda e: seen.append(e.type))
    assert seen == ["phase", "export"] and exported["path"] == "export"
    assert run.has_export() and run_status(run) == "finished"
    info = run.runner_info()
    assert info["export_only"] is True and info["exit_code"] == 0 and "--export-only" in info["command"]
    assert RunHistory.from_file(run.events_file).error is None  # no outcome added by the runner
    _assert_predictor_matches_manifest(run.export_dir)


def test_export_again_of_a_run_without_checkpoint_raises_the_trainers_hint(workspace):
    run = workspace.new_run(_job())
    from core.datasets import prepare_run_data

    prepare_run_data(run.job().dataset, run.data_dir, seed=1)
    with pytest.raises(RunnerError) as err:
        export_again_and_wait(run, LocalRunner())
    assert err.value.kind == "export-failed" and "no checkpoint" in str(err.value)
    assert "resume" in err.value.hint


def test_export_again_refuses_a_running_run(workspace, monkeypatch):
    monkeypatch.setenv("PDK_TEST_STEP_DELAY", "0.2")
    runner = LocalRunner()
    run = launch(_job(), workspace, runner)
    try:
        with pytest.raises(RunnerError) as err:
            export_again(run, runner)
        assert err.value.kind == "busy"
    finally:
        runner.stop(run, timeout=30)


def test_cli_runs_export_prints_where_the_export_is(finished_run, capsys):
    from paddledesk.cli import main

    run = finished_run
    shutil.rmtree(run.export_dir)
    code = main(["--workspace", str(run.path.parent.parent), "runs", "export", run.id])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert str(run.export_dir) in out.out and run.has_export()


def test_cli_runs_export_of_a_run_without_checkpoint_prints_the_hint(workspace, capsys):
    from core.datasets import prepare_run_data
    from paddledesk.cli import main

    run = workspace.new_run(_job())
    prepare_run_data(run.job().dataset, run.data_dir, seed=1)
    code = main(["runs", "export", run.id])
    err = capsys.readouterr().err
    assert code == 2 and "no checkpoint" in err and "hint: " in err and "Traceback" not in err
