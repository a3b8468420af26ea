"""Training on a remote engine (TLS and ssh) with no shared filesystem, on the real second engine.

Each test trains for real (bag-of-words on the shipped Chinese reviews) in a container of the
second dockerd, reached through TLS or ssh; `docker inspect` shows no host path is mounted, the
local run folder is a complete mirror (no `seq` gap) even after the event stream is cut, and the
exported model comes back and predicts on this computer.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading

import pytest

from core.datasets import prepare_run_data
from core.jobs import DatasetSpec, JobSpec, ModelSpec, RunnerSpec, TrainSpec
from core.remote.volume import volume_name
from core.runners.docker_remote import RemoteDockerRunner, docker_runner
from core.runs import RunFollower, Workspace, run_status
from tests.helpers import SAMPLES, wait_for
from tests.helpers import remote as remote_support
from tests.helpers.docker import REPO
from tests.helpers.remote import SSH_URL, TLS_URL

pytestmark = [pytest.mark.docker, pytest.mark.slow]
REVIEWS = SAMPLES / "reviews_zh"
TRANSPORTS = {"tls": TLS_URL, "ssh": SSH_URL}
remote_env = remote_support.remote_env  # the fixture


def _job(**train) -> JobSpec:
    return JobSpec(
        dataset=DatasetSpec(train=str(REVIEWS / "train.tsv"), dev=str(REVIEWS / "dev.tsv")),
        model=ModelSpec(name="bow", max_seq_len=64),
        train=TrainSpec(**{"epochs": 2, "batch_size": 32, "learning_rate": 5e-3, "logging_every": 1, **train}),
        runner=RunnerSpec(kind="docker"),
    )


def _prepare(ws: Workspace, job: JobSpec):
    run = ws.new_run(job)
    prepare_run_data(job.dataset, run.data_dir, seed=job.train.seed)
    return run


def _seqs(run) -> list[int]:
    return [json.loads(line)["seq"] for line in run.events_file.read_text(encoding="utf-8").splitlines()]


def _no_gap(run) -> None:
    seqs = _seqs(run)
    assert seqs == list(range(1, len(seqs) + 1)), seqs


@pytest.fixture
def ws(tmp_path, remote_env):
    workspace = Workspace(tmp_path / "workspace")
    yield workspace
    remote_support.remove_remote_leftovers(remote_env.client, workspace)


@pytest.mark.parametrize("transport", sorted(TRANSPORTS))
def test_a_remote_run_trains_in_a_volume_mirrors_back_and_predicts_here(transport, remote_env, ws):
    from core.predict import Predictor

    url = TRANSPORTS[transport]
    runner = docker_runner(url, image=remote_env.trainer_image)
    assert isinstance(runner, RemoteDockerRunner)
    run = _prepare(ws, _job())
    runner.start(run)
    info = run.runner_info()
    assert info["engine"] == url and info["volume"] == volume_name(run)
    # what the engine itself says: only the run's named volume is mounted, no host path
    attrs = remote_env.client.api.inspect_container(info["container_id"])
    assert [(m["Type"], m.get("Name")) for m in attrs["Mounts"]] == [("volume", volume_name(run))]
    assert attrs["HostConfig"]["Binds"] in (None, [])
    assert runner.wait(run, 300) == 0, run.log_file.read_text()[-3000:]
    assert run_status(run) == "finished"
    _no_gap(run)
    history = run.history()
    assert history.done and history.steps[-1]["step"] == history.total_steps
    assert "PDK_EVENT" in run.log_file.read_text(encoding="utf-8")
    # checkpoints stayed on the engine; the local folder only marks them
    assert run.has_checkpoint() and not any(run.checkpoints_dir.rglob("*.pdparams"))
    samples = json.loads((run.export_dir / "manifest.json").read_text())["samples"]
    got = Predictor(run.export_dir).predict([s["text"] for s in samples])
    for sample, pred in zip(samples, got):
        assert list(pred.probs.values()) == pytest.approx(sample["probs"], abs=1e-5)
    # the volume holds the truth: the same events as the local mirror
    remote_events = subprocess.run(
        ["docker", "run", "--rm", "-v", f"{volume_name(run)}:/w", remote_env.trainer_image, "cat",
         "/w/run/events.jsonl"], capture_output=True, env={**os.environ, "DOCKER_HOST": remote_env.socket_url})
    assert remote_events.stdout == run.events_file.read_bytes()
    volumes = lambda: [v.name for v in remote_env.client.volumes.list()]  # noqa: E731
    if transport == "ssh":
        assert runner.delete_remote(run) and volume_name(run) not in volumes()
        return
    # Delete: the run goes to the trash with its volume kept (restorable); erasing it removes the volume
    from core.trash import empty_trash, move_to_trash

    move_to_trash(ws, run)
    assert volume_name(run) in volumes()
    assert len(empty_trash(ws, older_than_days=0)) == 1 and volume_name(run) not in volumes()


def _kill_streams(remote_env, run, transport: str) -> int:
    """Cut the live event stream from the server side: kill the `tail` processes that feed it (TLS)
    or every `docker system dial-stdio` that sshd runs for us (ssh: the transport itself)."""
    info = run.runner_info()
    top = remote_env.client.api.top(info["container_id"], ps_args="-eo pid,args")
    killed = 0
    if transport == "tls":
        for pid, args in ((int(p[0]), p[1]) for p in top["Processes"]):
            if args.startswith("tail -c"):
                os.kill(pid, signal.SIGKILL)
                killed += 1
        return killed
    ps = subprocess.run(["ps", "-eo", "pid,args"], capture_output=True, text=True).stdout.splitlines()
    for line in ps[1:]:
        pid, _, args = line.strip().partition(" ")
        if args.strip() == "docker system dial-stdio":
            os.kill(int(pid), signal.SIGKILL)
            killed += 1
    return killed


@pytest.mark.parametrize("transport", sorted(TRANSPORTS))
def test_the_mirror_has_no_seq_gap_after_the_event_stream_is_cut(transport, remote_env, ws):
    url = TRANSPORTS[transport]
    runner = docker_runner(url, image=remote_env.trainer_image, extra_env={"PDK_TEST_STEP_DELAY": "0.1"})
    run = _prepare(ws, _job(epochs=3))
    runner.start(run)
    wait_for(lambda: len(run.history().steps) >= 3, 120)
    mirror = runner.mirror(run)
    assert _kill_streams(remote_env, run, transport) >= 1
    wait_for(lambda: mirror.reconnects >= 1, 30)
    steps_then = len(run.history().steps)
    # steps flow again (one failure in 6 stressed runs of the suite; not reproduced in 12 runs of this
    # test alone under stress: the state says which side stalled when it comes back)
    def state() -> str:
        history = run.history()
        return (f"{len(history.steps)} of {history.total_steps} steps here (then {steps_then}), "
                f"{mirror.reconnects} reconnects, streams alive {[t.is_alive() for t in mirror._threads]}, "
                f"container runs {mirror.alive()}")

    wait_for(lambda: len(run.history().steps) > steps_then, 60, state=state)
    assert runner.wait(run, 300) == 0, run.log_file.read_text()[-3000:]
    _no_gap(run)
    assert mirror.events.gaps == 0
    assert run.history().done is not None


def test_a_run_over_ssh_leaves_a_stock_servers_sessions_for_the_calls_beside_it(remote_env, ws):
    # sshd allows 10 sessions on one SSH connection; the run's two log streams and its waits stay
    # open for the whole run while the Runs page keeps listing: none of them may be refused
    assert remote_support.ssh_session_limit() == remote_support.STOCK_MAX_SESSIONS, \
        f"the rig's sshd must keep a stock server's MaxSessions ({remote_support.SSHD_CONFIG})"
    refused_before = remote_support.refused_ssh_sessions()
    runner = docker_runner(SSH_URL, image=remote_env.trainer_image, extra_env={"PDK_TEST_STEP_DELAY": "0.05"})
    run = _prepare(ws, _job())
    runner.start(run)
    failures: list[BaseException] = []

    def list_runs_meanwhile() -> None:  # what the Runs and Train pages ask while a run goes
        while runner.is_running(run):
            try:
                runner.find_running(ws)
                runner.containers()
            except Exception as exc:  # noqa: BLE001 - every failure is reported below
                failures.append(exc)

    lister = threading.Thread(target=list_runs_meanwhile, daemon=True)
    lister.start()
    assert runner.wait(run, 300) == 0, run.log_file.read_text()[-3000:]
    lister.join(60)
    assert failures == []
    refused = remote_support.refused_ssh_sessions() - refused_before
    assert refused == 0, f"the server refused {refused} sessions (MaxSessions): see {remote_support.SSHD_LOG}"
    _no_gap(run)
    assert run.history().done is not None


def test_an_app_killed_mid_run_reattaches_by_label_and_stop_resume_and_export_again_work(remote_env, ws):
    url = TLS_URL
    script = (
        "import sys, time; from pathlib import Path; from core.runners.docker_remote import docker_runner;"
        "from core.runs import Run;"
        "r = docker_runner(sys.argv[1], image=sys.argv[2], extra_env={'PDK_TEST_STEP_DELAY': '0.15'});"
        "run = Run(Path(sys.argv[3])); r.start(run); print('started', flush=True); time.sleep(600)")
    run = _prepare(ws, _job(epochs=4))
    app = subprocess.Popen([sys.executable, "-c", script, url, remote_env.trainer_image, str(run.path)],
                           cwd=REPO, stdout=subprocess.PIPE, text=True, env=os.environ.copy())
    try:
        assert app.stdout.readline().strip() == "started"
        wait_for(lambda: len(run.history().steps) >= 2, 120)
    finally:
        app.kill()  # the app dies; the container goes on on the engine
        app.wait()
    seen = len(run.history().steps)
    fresh = docker_runner(url, image=remote_env.trainer_image)  # a new app knows only the workspace
    assert [r.id for r in fresh.find_running(ws)] == [run.id]
    follower = RunFollower(run)
    wait_for(lambda: len(run.history().steps) > seen + 1, 60)  # the reattached mirror brings new steps
    _no_gap(run)
    fresh.stop(run, timeout=30)
    assert not fresh.is_running(run)
    assert run.history().error["kind"] == "interrupted" and run.has_checkpoint()
    stopped_at = run.history().steps[-1]["step"]
    # Resume continues from the checkpoint in the volume
    fresh.start(run, resume=True)
    assert fresh.wait(run, 300) == 0, run.log_file.read_text()[-3000:]
    _no_gap(run)
    history = run.history()
    assert history.done is not None and history.steps[-1]["step"] == history.total_steps > stopped_at
    assert follower.poll_events() and run.has_export()
    # Export again writes export/ in the volume and copies it back over the local copy
    (run.export_dir / "manifest.json").unlink()
    fresh.start(run, export_only=True)
    assert fresh.wait(run, 300) == 0
    assert run.has_export()
