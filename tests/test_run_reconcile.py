"""Runs always reach an end state: the CLI that followed a run is SIGKILLed, then its trainer
process or container dies too; the next look at the runs (CLI, Runs page) records the end,
once, and removes the exited container. Real trainers, the real Docker engine."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest

from core.runs import Workspace, pid_alive, run_status
from tests.helpers import REPO, SAMPLES, wait_for
from tests.helpers.docker import our_containers, remove_containers_of

REVIEWS = SAMPLES / "reviews_zh"


def paddledesk(workspace: Workspace, *args: str, env: dict[str, str] | None = None,
               timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "paddledesk", "--workspace", str(workspace.root), *args],
                          capture_output=True, text=True, timeout=timeout, cwd=REPO, env=env)


def start_training(workspace: Workspace, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    """`paddledesk train` on the sample reviews, followed by a CLI process the test will kill."""
    command = [sys.executable, "-m", "paddledesk", "--workspace", str(workspace.root), "train",
               "--data", str(REVIEWS / "train.tsv"), "--dev", str(REVIEWS / "dev.tsv"), "--model", "bow", *args]
    return subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def the_run(workspace: Workspace, follower: subprocess.Popen):
    """The run the follower started, once its trainer has taken a step."""
    def started():
        assert follower.poll() is None, follower.stderr.read().decode()
        runs = workspace.runs()
        return runs[0] if runs and runs[0].runner_info() and runs[0].history().last_step >= 1 else None
    return wait_for(started, timeout=240)


def error_events(run) -> list[dict]:
    return [e.data for e in run.events() if e.type == "error"]


def listed_status(proc: subprocess.CompletedProcess, run_id: str) -> str:
    line = next(x for x in proc.stdout.splitlines() if x.startswith(run_id))
    return line.split()[1]


def test_a_local_run_whose_follower_and_trainer_were_killed_is_listed_stopped_with_one_interrupted_event(workspace):
    run = killed_local_run(workspace)

    listed = paddledesk(workspace, "runs")
    assert listed.returncode == 0, listed.stderr
    assert listed_status(listed, run.id) == "stopped"
    info = run.runner_info()
    assert info["state"] == "exited" and info["exit_code"] is None
    (error,) = error_events(run)
    assert error["kind"] == "interrupted" and "gone" in error["message"]
    assert error["seq"] == run.history().last_seq  # numbered after the trainer's own events

    again = paddledesk(workspace, "runs", "show", run.id)
    assert "status    stopped" in again.stdout and "error     interrupted" in again.stdout
    assert len(error_events(run)) == 1  # appended once, however often the runs are listed


def killed_local_run(workspace: Workspace):
    """A local run whose follower and trainer were both SIGKILLed: runner.json still says running."""
    follower = start_training(workspace, "--epochs", "3", env={**os.environ, "PDK_TEST_STEP_DELAY": "0.2"})
    run = the_run(workspace, follower)
    follower.send_signal(signal.SIGKILL)
    follower.wait(30)
    pid = run.runner_info()["pid"]
    os.killpg(run.runner_info()["pgid"], signal.SIGKILL)
    wait_for(lambda: not pid_alive(pid), timeout=30)
    assert run.runner_info()["state"] == "running"
    return run


def test_the_runs_page_records_the_end_of_a_run_killed_while_the_app_was_closed(workspace, qtbot):
    from gui.pages.runs_page import RunsPage

    run = killed_local_run(workspace)
    page = RunsPage(workspace)
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: page.row_ids() == [run.id], timeout=30000)
    assert [r.status for r in page.model.rows] == ["stopped"]
    assert run.runner_info()["state"] == "exited"
    assert [e["kind"] for e in error_events(run)] == ["interrupted"]


def test_app_start_does_not_reattach_to_a_dead_trainer_and_records_its_end(workspace):
    from gui.main_window import find_running

    run = killed_local_run(workspace)
    assert find_running(workspace) == []
    assert run.runner_info()["state"] == "exited"
    assert [e["kind"] for e in error_events(run)] == ["interrupted"]


# --- Docker -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def engine():
    from tests.helpers.docker import start_engine

    return start_engine()


@pytest.fixture
def docker_ws(workspace, engine):
    yield workspace
    remove_containers_of(engine, workspace)


@pytest.mark.docker
@pytest.mark.slow
def test_a_docker_run_whose_follower_was_killed_and_container_killed_is_stopped_in_one_listing(engine, docker_ws):
    env = {**os.environ, "DOCKER_HOST": engine.url}
    follower = start_training(docker_ws, "--epochs", "200", "--runner", "docker", "--base-image",
                              engine.base_image, env=env)
    run = the_run(docker_ws, follower)
    follower.send_signal(signal.SIGKILL)
    follower.wait(30)
    (container,) = our_containers(engine, run)
    container.kill()  # what `docker kill` or the kernel does: exit 137, no final event
    wait_for(lambda: container.reload() or container.status == "exited", timeout=60)
    assert run.runner_info()["state"] == "running" and run_status(run) == "running"  # the old lie

    listed = paddledesk(docker_ws, "runs", env=env)
    assert listed.returncode == 0, listed.stderr
    assert listed_status(listed, run.id) == "stopped"
    info = run.runner_info()
    assert info["state"] == "exited" and info["exit_code"] == 137 and not info["oom_killed"]
    (error,) = error_events(run)
    assert error["kind"] == "interrupted"
    assert our_containers(engine, run) == []  # the exited container was removed
    paddledesk(docker_ws, "runs", env=env)
    assert len(error_events(run)) == 1


@pytest.mark.docker
@pytest.mark.slow
def test_a_docker_run_that_finished_after_its_follower_died_is_finished_and_its_container_removed(engine, docker_ws):
    env = {**os.environ, "DOCKER_HOST": engine.url}
    follower = start_training(docker_ws, "--max-steps", "12", "--runner", "docker", "--base-image",
                              engine.base_image, env=env)
    run = the_run(docker_ws, follower)
    follower.send_signal(signal.SIGKILL)
    follower.wait(30)
    (container,) = our_containers(engine, run)
    assert container.wait(timeout=240)["StatusCode"] == 0
    assert run.runner_info()["state"] == "running"

    shown = paddledesk(docker_ws, "runs", "show", run.id, env=env)
    assert "status    finished" in shown.stdout, shown.stdout + shown.stderr
    assert run.runner_info()["exit_code"] == 0 and error_events(run) == []
    assert our_containers(engine, run) == []


def test_a_docker_run_whose_container_vanished_is_stopped(workspace, engine):
    """The container was removed behind our back (docker rm -f, an engine reset)."""
    run = workspace.new_run(json_job())
    run.write_runner_info({"kind": "docker", "engine": engine.url, "container_id": "0" * 64, "state": "running"})
    listed = paddledesk(workspace, "runs", env={**os.environ, "DOCKER_HOST": engine.url})
    assert listed_status(listed, run.id) == "stopped"
    (error,) = error_events(run)
    assert error["kind"] == "interrupted" and "container is gone" in error["message"]


def json_job():
    from core.jobs import DatasetSpec, JobSpec, RunnerSpec

    return JobSpec(dataset=DatasetSpec(train=str(REVIEWS / "train.tsv")), runner=RunnerSpec(kind="docker"))


def test_a_docker_run_is_left_alone_while_its_engine_does_not_answer(workspace, tmp_path):
    run = workspace.new_run(json_job())
    info = {"kind": "docker", "engine": f"unix://{tmp_path}/no-engine.sock", "container_id": "0" * 64,
            "state": "running"}
    run.write_runner_info(info)
    listed = paddledesk(workspace, "runs")
    assert listed.returncode == 0 and listed_status(listed, run.id) == "running"
    assert json.loads(run.runner_file.read_text())["state"] == "running" and error_events(run) == []
