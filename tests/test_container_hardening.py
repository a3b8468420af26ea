"""Hardened training containers on the real engine, read back with `docker inspect`: never root
(root maps to a fixed unprivileged uid that is handed the run folder), a read-only root
filesystem with a tmpfs /tmp, memory and pids limits (the job's, else defaults from the engine's
memory), and an OOM kill named with its limit. BoW and ERNIE (paddlenlp) both train like that."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from core.datasets import prepare_run_data
from core.jobs import DatasetSpec, JobError, JobSpec, ModelSpec, RunnerSpec, TrainSpec
from core.runners.container_limits import DEFAULT_PIDS_LIMIT, ROOT_MAPPED_USER, default_memory_limit
from core.runners.docker import DockerRunner
from core.runs import Workspace, run_status
from tests.helpers import REPO, SAMPLES, wait_for
from tests.helpers.docker import our_containers, remove_containers_of

pytestmark = [pytest.mark.docker, pytest.mark.slow]
REVIEWS = SAMPLES / "reviews_zh"
# what this process's containers run as: a root app's trainer gets the fixed unprivileged uid
EXPECTED_USER = ROOT_MAPPED_USER if os.getuid() == 0 else f"{os.getuid()}:{os.getgid()}"


@pytest.fixture(scope="module")
def engine():
    from tests.helpers.docker import start_engine

    return start_engine()


@pytest.fixture
def ws(workspace, engine):
    yield workspace
    remove_containers_of(engine, workspace)


def job(**runner) -> JobSpec:
    return JobSpec(dataset=DatasetSpec(train=str(REVIEWS / "train.tsv"), dev=str(REVIEWS / "dev.tsv")),
                   model=ModelSpec(name="bow", max_seq_len=64),
                   train=TrainSpec(epochs=2, batch_size=32, learning_rate=5e-3, logging_every=1),
                   runner=RunnerSpec(kind="docker", **runner))


def prepared(ws: Workspace, spec: JobSpec):
    """What core.launch does before starting; the folder stays the app's (no chown by the test)."""
    run = ws.new_run(spec)
    prepare_run_data(spec.dataset, run.data_dir, seed=spec.train.seed)
    return run


def inspect(engine, run) -> dict:
    container = wait_for(lambda: our_containers(engine, run))[0]
    return engine.client.api.inspect_container(container.id)


def test_the_cli_trains_in_a_non_root_read_only_container_with_the_limits_it_was_given(engine, ws):
    command = [sys.executable, "-m", "paddledesk", "--workspace", str(ws.root), "train",
               "--data", str(REVIEWS / "train.tsv"), "--dev", str(REVIEWS / "dev.tsv"), "--model", "bow",
               "--epochs", "2", "--runner", "docker", "--base-image", engine.base_image,
               "--memory-limit", "1.5g", "--pids-limit", "512"]
    cli = subprocess.Popen(command, cwd=REPO, env={**os.environ, "DOCKER_HOST": engine.url},
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    run = wait_for(lambda: (ws.runs() or [None])[0], timeout=120)
    attrs = inspect(engine, run)
    out, err = cli.communicate(timeout=300)
    assert cli.returncode == 0, out[-2000:] + err[-2000:]
    host, config = attrs["HostConfig"], attrs["Config"]
    assert config["User"] == EXPECTED_USER and not config["User"].startswith("0")
    assert host["ReadonlyRootfs"] is True and "/tmp" in host["Tmpfs"]
    assert host["Memory"] == 1.5 * 2**30 and host["MemorySwap"] == host["Memory"]  # no swap on top
    assert host["PidsLimit"] == 512
    assert host["CapDrop"] == ["ALL"] and "no-new-privileges" in host["SecurityOpt"]
    assert run.job().runner.memory_limit == "1.5g" and run.job().runner.pids_limit == 512
    assert "finished in" in out and run_status(run) == "finished" and run.has_export()
    # everything the trainer wrote belongs to the container's user, none to root
    uid = int(EXPECTED_USER.split(":")[0])
    written = [run.events_file, run.log_file, run.export_dir / "manifest.json", *run.checkpoints_dir.rglob("*")]
    assert {str(p): p.stat().st_uid for p in written if p.stat().st_uid != uid} == {}


def test_ernie_trains_with_a_read_only_root_as_an_unprivileged_user_under_default_limits(engine, ws):
    spec = job()
    spec.model = ModelSpec(name="ernie-tiny-test", max_seq_len=32)
    spec.train.max_steps, spec.train.learning_rate = 8, 1e-3
    run = prepared(ws, spec)
    runner = DockerRunner(engine=engine.url, image=engine.trainer_image, extra_env={"PDK_TEST_STEP_DELAY": "0.3"})
    runner.start(run)
    attrs = inspect(engine, run)
    wait_for(lambda: run.history().last_step >= 1)
    container = engine.client.containers.get(attrs["Id"])
    user = attrs["Config"]["User"]
    code, out = container.exec_run(["id", "-u"], user=user)
    assert code == 0 and out.strip().decode() == EXPECTED_USER.split(":")[0]
    code, out = container.exec_run(["sh", "-c", "echo x > /opt/x"], user=user)
    assert code != 0 and b"Read-only file system" in out
    code, out = container.exec_run(["sh", "-c", "echo x > /tmp/x && echo $HOME"], user=user)
    assert code == 0 and out.strip() == b"/tmp"
    assert runner.wait(run, 300) == 0, run.log_file.read_text()[-3000:]
    assert run_status(run) == "finished" and run.has_export()
    engine_memory = engine.client.info()["MemTotal"]
    assert attrs["HostConfig"]["Memory"] == default_memory_limit(engine_memory) < engine_memory
    assert attrs["HostConfig"]["PidsLimit"] == DEFAULT_PIDS_LIMIT
    assert (ws.root / "cache" / "paddlenlp").is_dir()  # paddlenlp's home is the shared cache, not the image


def test_an_oom_killed_container_is_named_with_its_memory_limit(engine, ws):
    run = prepared(ws, job(memory_limit="64m"))
    runner = DockerRunner(engine=engine.url, image=engine.trainer_image)
    runner.start(run)
    assert runner.wait(run, 120) == 137
    err = runner.exit_error(run)
    assert err.kind == "oom-killed" and "64 MiB" in str(err) and "--memory-limit" in err.hint
    error = run.history().error
    assert error["kind"] == "oom" and "64 MiB" in error["message"]
    assert run_status(run) == "failed"


@pytest.mark.parametrize("runner, expected", [
    ({"memory_limit": "lots"}, "runner.memory_limit: 'lots' is not a memory size"),
    ({"memory_limit": "1m"}, "runner.memory_limit: '1m' is too little memory"),
    ({"pids_limit": 8}, "runner.pids_limit: 8 must be at least 64"),
])
def test_limits_a_trainer_cannot_run_under_are_refused_before_anything_starts(runner, expected):
    with pytest.raises(JobError) as err:
        job(**runner).validate()
    assert any(p.startswith(expected) for p in err.value.problems), err.value.problems
