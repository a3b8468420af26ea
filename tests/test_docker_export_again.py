"""Export again through the Docker runner: a run trained in a container gets its export rewritten
in a new container (one process, no GPU, no network), and the host's Predictor reads it; on both
base images (Paddle 2.6.2 and Paddle 3.3.1)."""

from __future__ import annotations

import json
import shutil

import pytest

from core.launch import export_again_and_wait
from core.runs import run_status
from tests.helpers.docker import docker_job, docker_runner, our_containers, prepare_run

pytestmark = [pytest.mark.docker, pytest.mark.slow]


def test_export_again_in_a_container_restores_the_export(paddle_engine, ws):
    from core.predict import Predictor

    runner = docker_runner(paddle_engine)
    run = prepare_run(ws, docker_job(epochs=1, logging_every=5))
    runner.start(run)
    assert runner.wait(run, 300) == 0, run.log_file.read_text()[-3000:]
    shutil.rmtree(run.export_dir)

    exported = export_again_and_wait(run, runner)
    assert exported["export_only"] is True and exported["source"] == "checkpoints/best"
    info = run.runner_info()
    assert info["export_only"] is True and info["exit_code"] == 0 and "--export-only" in info["command"]
    assert info["devices"] == [] and run_status(run) == "finished" and runner.exit_error(run) is None
    assert run.history().error is None
    manifest = json.loads((run.export_dir / "manifest.json").read_text())
    assert manifest["paddle_version"].startswith(paddle_engine.paddle_version)  # written by the container's Paddle
    got = Predictor(run.export_dir).predict([s["text"] for s in manifest["samples"]])
    for sample, pred in zip(manifest["samples"], got):
        assert [pred.probs[label] for label in manifest["labels"]] == pytest.approx(sample["probs"], abs=1e-5)
    assert our_containers(paddle_engine, run) == []


def test_export_only_container_asks_for_no_gpu_and_no_network_even_for_a_multi_gpu_job(engine, ws):
    from dataclasses import replace

    job = docker_job()
    job = replace(job, runner=replace(job.runner, devices=[0, 1]))
    run = prepare_run(ws, job)
    runner = docker_runner(engine)
    train = runner.container_config(run)
    export = runner.container_config(run, export_only=True)
    assert "device_requests" in train and "paddle.distributed.launch" in train["command"]
    assert "device_requests" not in export and export["network_mode"] == "none"
    assert "paddle.distributed.launch" not in export["command"]
    assert "--export-only" in export["command"] and "--resume" not in export["command"]
