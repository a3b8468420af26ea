"""Two nodes, two engines: one data-parallel CPU (gloo) job across the first engine and the second
one (reached over TLS), through paddle.distributed.launch --nnodes 2, host networking on loopback.

Tolerance: each logged loss of the two-node run equals the one-node run with the same global
batch (one engine, --nproc_per_node 2, the same per-rank batch) within 1e-4 relative or 1e-5
absolute: the same ranks see the same examples, only the all-reduce crosses hosts.
"""

from __future__ import annotations

import json

import pytest

from core.datasets import prepare_run_data
from core.jobs import DatasetSpec, JobSpec, ModelSpec, RunnerSpec, TrainSpec
from core.runners.docker import DockerRunner
from core.runners.docker_multinode import LABEL_RANK, MultiNodeRunner
from core.runs import Workspace, run_status
from tests.helpers import SAMPLES, wait_for
from tests.helpers import remote as remote_support
from tests.helpers.docker import TEST_UID, chown_tree
from tests.helpers.remote import TLS_URL

pytestmark = [pytest.mark.docker, pytest.mark.slow]
remote_env = remote_support.remote_env  # the fixture
REVIEWS = SAMPLES / "reviews_zh"


def _job(nproc: int, engines: list[str] | None = None, **train) -> JobSpec:
    return JobSpec(
        dataset=DatasetSpec(train=str(REVIEWS / "train.tsv"), dev=str(REVIEWS / "dev.tsv")),
        model=ModelSpec(name="bow", max_seq_len=64),
        train=TrainSpec(**{"epochs": 1, "batch_size": 16, "learning_rate": 5e-3, "logging_every": 1, **train}),
        runner=RunnerSpec(kind="docker", nproc=nproc, engines=engines or []),
    )


def _prepare(ws: Workspace, job: JobSpec):
    run = ws.new_run(job)
    prepare_run_data(job.dataset, run.data_dir, seed=job.train.seed)
    return run


@pytest.fixture
def ws(tmp_path, remote_env):
    workspace = Workspace(tmp_path / "workspace")
    yield workspace
    for client in (remote_env.client, remote_env.first_client):
        remote_support.remove_remote_leftovers(client, workspace)


def test_a_two_node_run_across_two_engines_matches_one_node_and_exports(remote_env, ws):
    from core.predict import Predictor

    engines = [remote_env.first_url, TLS_URL]
    runner = MultiNodeRunner(engines, image=remote_env.trainer_image)
    run = _prepare(ws, _job(nproc=1, engines=engines))
    runner.start(run)
    info = run.runner_info()
    assert info["engines"] == engines and len(info["nodes"]) == 1
    node1 = remote_env.client.containers.get(info["nodes"][0]["container_id"])
    assert node1.attrs["HostConfig"]["NetworkMode"] == "host" and node1.labels[LABEL_RANK] == "1"
    assert [m["Type"] for m in node1.attrs["Mounts"]] == ["volume"]  # nothing of this computer
    assert runner.wait(run, 400) == 0, run.log_file.read_text()[-3000:]
    assert run_status(run) == "finished"
    history = run.history()
    assert history.start["nproc"] == 2 and history.start["global_batch_size"] == 32
    wait_for(lambda: not remote_env.client.containers.list(ignore_removed=True, all=True, filters={"id": node1.id}), 30)
    samples = json.loads((run.export_dir / "manifest.json").read_text())["samples"]
    assert len(Predictor(run.export_dir).predict([s["text"] for s in samples])) == len(samples)

    # the same global batch on one node: two processes in one container of the first engine
    ref_ws = Workspace(ws.root.parent / "one-node")
    ref = _prepare(ref_ws, _job(nproc=2))
    chown_tree(ref_ws.root)
    one = DockerRunner(engine=remote_env.first_url, image=remote_env.trainer_image, user=f"{TEST_UID}:{TEST_UID}")
    one.start(ref)
    assert one.wait(ref, 400) == 0, ref.log_file.read_text()[-3000:]
    two_losses = [s["loss"] for s in history.steps]
    one_losses = [s["loss"] for s in ref.history().steps]
    assert len(two_losses) == len(one_losses) > 10
    assert two_losses == pytest.approx(one_losses, rel=1e-4, abs=1e-5)
    assert runner.delete_remote(run) == 2
