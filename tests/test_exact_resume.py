"""Exact resume: a run stopped at any step and resumed logs the same loss at every later step as a
run never stopped (within 1e-6), and picks the same best step. Real Paddle on the CPU, the trainer
as a subprocess (and once through the Docker runner on the Paddle 2.6.2 stand-in image).

The trainer stops itself at an exact step (``PDK_TEST_STOP_AT_STEP``: it sends itself SIGTERM, the
same signal Stop sends), so each stop point is deterministic: just after an evaluation, mid-epoch,
at an epoch's end (evaluated), and late in the second epoch.
"""

from __future__ import annotations

import pytest

from tests.helpers.trainer import events, make_run, of_type, run_trainer, trainer_env

STOP_ENV = "PDK_TEST_STOP_AT_STEP"
# 64 examples, batch 8: 8 steps per epoch, 16 in all; dev evaluated every 3 steps and at epoch ends
TRAIN = {"logging_every": 1, "eval_every": 3}
STOPS = [3, 5, 8, 13]  # after an eval, mid-epoch, the epoch's end (an eval too), the second epoch


def _losses(evs) -> dict[int, float]:
    """Step -> logged loss; a step logged twice (it should not be) keeps its last value."""
    return {s["step"]: s["loss"] for s in of_type(evs, "step")}


def _dev_evals(evs) -> dict[int, float]:
    return {e["step"]: e["accuracy"] for e in of_type(evs, "eval") if e["split"] == "dev"}


def _stop_and_resume_chain(run, stops: list[int]) -> None:
    """Run, stopping at each step of ``stops`` in turn (resuming in between), then run to the end."""
    for i, stop in enumerate(stops):
        res = run_trainer(run, *(["--resume"] if i else []), env=trainer_env(**{STOP_ENV: str(stop)}))
        assert res.returncode == 3, res.stderr[-3000:]
        error = of_type(events(run), "error")[-1]
        assert error["kind"] == "interrupted" and error["step"] == stop
    res = run_trainer(run, "--resume")
    assert res.returncode == 0, res.stderr[-3000:]


def assert_same_training(resumed_evs, whole_evs, stops: list[int]) -> None:
    """Every step's loss within 1e-6, the same evaluations, best step and last step."""
    whole, resumed = _losses(whole_evs), _losses(resumed_evs)
    assert sorted(resumed) == sorted(whole)
    off = {step: (resumed[step], whole[step]) for step in whole if abs(resumed[step] - whole[step]) > 1e-6}
    assert not off, f"stopped at {stops}: losses differ from step {min(off)} on: {off}"
    assert _dev_evals(resumed_evs) == _dev_evals(whole_evs)
    assert of_type(resumed_evs, "start")[-1]["resumed_from_step"] == stops[-1]
    done, done_whole = of_type(resumed_evs, "done")[-1], of_type(whole_evs, "done")[-1]
    assert done["best"] == done_whole["best"] and done["step"] == done_whole["step"]


MODELS = [
    pytest.param("bow", {"learning_rate": 0.01}, id="bow"),
    pytest.param("fasttext", {"learning_rate": 0.01}, id="fasttext"),
    # the default model; max_steps keeps its small-data minimum of 800 steps out of the way
    pytest.param("ngrams", {"learning_rate": 0.01, "max_steps": 16}, id="ngrams"),
    pytest.param("bilstm", {"learning_rate": 0.01}, id="bilstm", marks=pytest.mark.slow),
    pytest.param("ernie-tiny-test", {"learning_rate": 0.001}, id="tiny-ernie", marks=pytest.mark.slow),
]


@pytest.mark.parametrize("model, train", MODELS)
def test_stopped_anywhere_and_resumed_trains_exactly_like_an_uninterrupted_run(tmp_path, model, train):
    whole = make_run(tmp_path / "whole", model, train={**TRAIN, **train})
    res = run_trainer(whole)
    assert res.returncode == 0, res.stderr[-3000:]
    cut = make_run(tmp_path / "cut", model, train={**TRAIN, **train})
    _stop_and_resume_chain(cut, STOPS)
    assert_same_training(events(cut), events(whole), STOPS)


def test_a_stop_inside_a_logging_window_and_early_stopping_resume_exactly(tmp_path):
    # losses logged every 3 steps: a stop at 4 or 10 leaves unlogged losses in the checkpoint;
    # early stopping (patience 4) counts evaluations without improvement across the resumes
    train = {"logging_every": 3, "eval_every": 2, "early_stopping_patience": 4, "epochs": 4,
             "learning_rate": 0.001}
    stops = [4, 10]
    whole = make_run(tmp_path / "whole", "fasttext", train=train)
    assert run_trainer(whole).returncode == 0
    whole_evs = events(whole)
    done = of_type(whole_evs, "done")[0]
    assert done["stopped_early"] and stops[-1] < done["step"] < 32, done  # ends early, after the stops
    cut = make_run(tmp_path / "cut", "fasttext", train=train)
    _stop_and_resume_chain(cut, stops)
    assert_same_training(events(cut), whole_evs, stops)
    assert of_type(events(cut), "done")[-1]["stopped_early"]


@pytest.mark.docker
@pytest.mark.slow
def test_stopped_and_resumed_in_new_containers_trains_exactly_like_an_uninterrupted_container_run(tmp_path):
    """fastText (dropout 0.5) through the Docker runner on Paddle 2.6.2, whose RNG cannot be saved."""

    from core.datasets import prepare_run_data
    from core.jobs import DatasetSpec, JobSpec, ModelSpec, RunnerSpec, TrainSpec
    from core.runners.docker import DockerRunner
    from core.runs import Workspace
    from tests.helpers import SAMPLES
    from tests.helpers.docker import TEST_UID, chown_tree, remove_containers_of, start_engine

    engine = start_engine()
    ws = Workspace(tmp_path / "workspace")
    reviews = SAMPLES / "reviews_zh"  # 1,640 train rows, batch 32: 52 steps per epoch, 104 in all
    job = JobSpec(dataset=DatasetSpec(train=str(reviews / "train.tsv"), dev=str(reviews / "dev.tsv")),
                  model=ModelSpec(name="fasttext", max_seq_len=64),
                  train=TrainSpec(epochs=2, batch_size=32, learning_rate=5e-3, logging_every=1, eval_every=5),
                  runner=RunnerSpec(kind="docker"))

    def prepare():
        run = ws.new_run(job)
        prepare_run_data(job.dataset, run.data_dir, seed=job.train.seed)
        (ws.root / "cache").mkdir(exist_ok=True)
        chown_tree(ws.root)
        return run

    def container_run(run, resume: bool = False, stop_at: int = 0) -> int | None:
        env = {STOP_ENV: str(stop_at)} if stop_at else {}
        runner = DockerRunner(engine=engine.url, image=engine.trainer_image, user=f"{TEST_UID}:{TEST_UID}",
                              extra_env=env)
        runner.start(run, resume=resume)
        return runner.wait(run, 300)

    stops = [10, 52]  # just after an evaluation; the first epoch's end (evaluated)
    try:
        whole = prepare()
        assert container_run(whole) == 0, whole.log_file.read_text()[-3000:]
        whole_evs = events(whole.path)
        assert of_type(whole_evs, "start")[0]["paddle_version"].startswith("2.6")
        cut = prepare()
        for i, stop in enumerate(stops):
            assert container_run(cut, resume=bool(i), stop_at=stop) == 3, cut.log_file.read_text()[-3000:]
            assert of_type(events(cut.path), "error")[-1]["step"] == stop
        assert container_run(cut, resume=True) == 0, cut.log_file.read_text()[-3000:]
        assert_same_training(events(cut.path), whole_evs, stops)
    finally:
        remove_containers_of(engine, ws)
