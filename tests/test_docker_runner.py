"""DockerRunner on the real engine: real training on the sample dataset, as a non-root user, with
stop/resume, reattach, data parallel and every named error. Training, export, ERNIE, resume and data
parallel run on both base images (Paddle 2.6.2, the Paddle of the 2.6 GPU images, and Paddle
3.3.1); the rest on the first."""

from __future__ import annotations

import json
import subprocess
import sys

import docker
import pytest

from core.jobs import JobSpec, ModelSpec
from core.runners.base import RunnerError
from core.runners.docker import DockerRunner, job_on_cpu
from core.runs import RunFollower, Workspace, run_status
from tests.helpers import REPO, wait_for
from tests.helpers.docker import (
    TEST_UID,
    docker_job,
    docker_runner,
    our_containers,
    prepare_run,
)

pytestmark = [pytest.mark.docker, pytest.mark.slow]
def test_full_training_in_a_container_exports_to_the_host_and_the_predictor_reads_it(paddle_engine, ws):
    from core.predict import Predictor

    engine = paddle_engine
    runner = docker_runner(engine)
    run = prepare_run(ws, docker_job())
    runner.start(run)
    assert runner.wait(run, 300) == 0, run.log_file.read_text()[-3000:]
    assert run_status(run) == "finished" and runner.exit_error(run) is None
    history = run.history()
    assert history.start["paddle_version"].startswith(engine.paddle_version)  # the base's Paddle trained
    assert history.done and history.steps[-1]["step"] == history.total_steps
    # Paddle 2.6 exports a .pdmodel program, Paddle 3 a PIR .json one: the host's Paddle 3 reads both
    program = {p.name for p in run.export_dir.iterdir()} & {"inference.pdmodel", "inference.json"}
    assert program == {"inference.pdmodel" if engine.paddle_version.startswith("2.") else "inference.json"}
    # the exported model, made by the container's Paddle, predicts on the host (Paddle 3)
    manifest_samples = json.loads((run.export_dir / "manifest.json").read_text())["samples"]
    assert len(manifest_samples) >= 2
    predictor = Predictor(run.export_dir)
    got = predictor.predict([s["text"] for s in manifest_samples])
    for sample, pred in zip(manifest_samples, got):
        assert list(pred.probs.values()) == pytest.approx(sample["probs"], abs=1e-5)
    # everything the trainer wrote belongs to the user it ran as, none to root
    # (job.json, runner.json and data/ are written by the app, here root, before/after the container)
    written = [p for p in run.path.rglob("*")
               if p.name not in ("job.json", "runner.json") and "data" not in p.relative_to(run.path).parts]
    assert run.events_file in written and run.log_file in written and len(written) > 8
    assert {p.name: (p.stat().st_uid, p.stat().st_gid) for p in written if p.stat().st_uid != TEST_UID} == {}
    # the finished container was collected and removed; its log stayed in the run folder
    assert our_containers(engine, run) == []
    assert "PDK_EVENT" in run.log_file.read_text()


def test_a_tiny_ernie_trains_with_paddlenlp_in_the_container_and_predicts_on_the_host(paddle_engine, ws):
    from core.predict import Predictor

    engine = paddle_engine
    job = docker_job(max_steps=6, learning_rate=1e-3)
    job.model = ModelSpec(name="ernie-tiny-test", max_seq_len=32)
    run = prepare_run(ws, job)
    runner = docker_runner(engine)
    runner.start(run)
    assert runner.wait(run, 300) == 0, run.log_file.read_text()[-3000:]
    assert run.history().start["paddle_version"].startswith(engine.paddle_version)
    # paddlenlp (imported for ERNIE) used the shared cache folder, not the container's home
    assert (ws.root / "cache" / "paddlenlp" / "models").is_dir()
    samples = json.loads((run.export_dir / "manifest.json").read_text())["samples"]
    got = Predictor(run.export_dir).predict([s["text"] for s in samples])
    for sample, pred in zip(samples, got):
        assert list(pred.probs.values()) == pytest.approx(sample["probs"], abs=1e-5)


def test_the_trainer_cannot_write_to_the_dataset_or_its_own_code(engine, ws):
    runner = docker_runner(engine, extra_env={"PDK_TEST_STEP_DELAY": "0.2"})
    run = prepare_run(ws, docker_job())
    runner.start(run)
    container = wait_for(lambda: (our_containers(engine, run) or [None])[0])
    wait_for(lambda: run.history().last_step >= 1)
    # the data files belong to the container's user: only the read-only mount stops the write
    for target in ("/workspace/run/data/train.jsonl", "/workspace/run/data/new.txt"):
        code, out = container.exec_run(["sh", "-c", f"echo x >> {target}"], user=f"{TEST_UID}:{TEST_UID}")
        assert code != 0 and b"Read-only file system" in out, (target, out)
    code, out = container.exec_run(["sh", "-c", "echo x >> /opt/paddledesk/trainer/__main__.py"],
                                   user=f"{TEST_UID}:{TEST_UID}")
    assert code != 0
    mounts = {m["Destination"]: m["RW"] for m in container.attrs["Mounts"]}
    assert mounts["/opt/paddledesk/trainer"] is False and mounts["/workspace/run/data"] is False
    assert mounts["/workspace/run"] is True
    code, _ = container.exec_run(["sh", "-c", "echo x > /workspace/run/scratch.txt"], user=f"{TEST_UID}:{TEST_UID}")
    assert code == 0  # the run folder itself is writable
    assert not (run.data_dir / "new.txt").exists()
    runner.stop(run, timeout=30)


def test_stop_mid_run_then_resume_in_a_new_container_continues_from_the_checkpoint(paddle_engine, ws):
    engine = paddle_engine
    runner = docker_runner(engine, extra_env={"PDK_TEST_STEP_DELAY": "0.05"})
    run = prepare_run(ws, docker_job())
    runner.start(run)
    first = run.runner_info()["container_id"]
    wait_for(lambda: run.history().last_step >= 5)
    runner.stop(run, timeout=30)
    assert run_status(run) == "stopped" and run.runner_info()["exit_code"] == 3
    history = run.history()
    assert history.error and history.error["kind"] == "interrupted" and run.has_checkpoint()
    stopped_at, total = history.last_step, history.total_steps
    assert 5 <= stopped_at < total
    assert our_containers(engine, run) == []  # stopped and removed

    fast = docker_runner(engine)
    fast.start(run, resume=True)
    assert run.runner_info()["container_id"] != first
    assert fast.wait(run, 300) == 0, run.log_file.read_text()[-3000:]
    history = run.history()
    assert run_status(run) == "finished" and history.start["resumed_from_step"] == stopped_at
    assert history.start["paddle_version"].startswith(engine.paddle_version)
    steps = [s["step"] for s in history.steps]
    assert steps == sorted(set(steps)) and steps[-1] == total  # none lost, none twice
    seqs = [e.seq for e in run.events()]
    assert seqs == list(range(1, len(seqs) + 1))
    assert run.has_export()


def test_a_new_runner_instance_reattaches_and_receives_every_remaining_event(engine, ws):
    run = prepare_run(ws, docker_job(epochs=1))
    # the app that starts the run is a separate process that then exits: nothing of it remains
    code = ("import sys; from pathlib import Path; from core.runs import Run; "
            "from core.runners.docker import DockerRunner; "
            "DockerRunner(engine=sys.argv[1], image=sys.argv[2], user=sys.argv[3], "
            "extra_env={'PDK_TEST_STEP_DELAY': '0.1'}).start(Run(Path(sys.argv[4])))")
    subprocess.run([sys.executable, "-c", code, engine.url, engine.trainer_image, f"{TEST_UID}:{TEST_UID}",
                    str(run.path)], check=True, cwd=REPO, timeout=60)
    early = RunFollower(run)
    wait_for(lambda: early.poll_events() and early.last_seq >= 4)
    seen_before = early.last_seq  # what the app had shown before it closed

    fresh = DockerRunner(engine=engine.url)  # a new app knows nothing but the workspace
    assert [r.id for r in fresh.find_running(ws)] == [run.id]
    follower = RunFollower(run, after_seq=seen_before)
    events = list(follower.follow(lambda: fresh.is_running(run), interval=0.05))
    assert events[-1].type == "done"
    assert [e.seq for e in events] == list(range(seen_before + 1, seen_before + 1 + len(events)))
    # nobody reaped the finished container: the next look collects its exit code and removes it
    assert len(our_containers(engine, run)) == 1 and run.runner_info()["state"] == "running"
    assert fresh.find_running(ws) == []
    assert our_containers(engine, run) == [] and run.runner_info()["exit_code"] == 0
    assert run_status(run) == "finished"


def test_stop_and_wait_hold_a_container_the_reaper_removes_meanwhile_and_answer_its_exit_code(engine, ws):
    """Stop looks the container up, then waits on it; the reaper thread may collect and remove it in
    between (seen once under stress --cpu 2: docker's 404 escaped from Stop)."""
    runner = docker_runner(engine)
    run = prepare_run(ws, docker_job(epochs=1))
    runner.start(run)
    held = runner.container_of(run)  # what stop() had looked up
    wait_for(lambda: run.runner_info().get("state") == "exited" and not our_containers(engine, run))
    runner.container_of = lambda _run: held  # the reaper removed it after the look-up
    runner.stop(run, timeout=30)
    assert runner.wait(run, 30) == 0 and run_status(run) == "finished"


def test_a_container_removed_between_the_listing_and_its_inspection_is_skipped(engine, ws):
    """The engine lists containers, then each is inspected; the reaper (or the user) may remove one in
    between (docker's 404 failed a stressed suite run in a test helper; find_running lists the same way)."""
    from core.runners.docker import LABEL_ROLE, LABEL_WORKSPACE, ROLE

    runner = docker_runner(engine)
    labels = {LABEL_ROLE: ROLE, LABEL_WORKSPACE: str(ws.root.resolve())}
    doomed = engine.client.containers.run(engine.base_image, ["true"], detach=True, labels=labels)
    doomed.wait()
    listing = engine.client.api.containers(all=True, filters={"label": f"{LABEL_ROLE}={ROLE}"})
    assert doomed.id in [c["Id"] for c in listing]
    doomed.remove()  # gone after the engine listed it
    real_listing = runner.client.api.containers
    runner.client.api.containers = lambda **_: listing  # the answer the engine gave a moment ago
    try:
        assert runner.find_running(ws) == []
        assert doomed.id not in [c["id"] for c in runner.containers()]
    finally:
        runner.client.api.containers = real_listing


def test_a_gpu_request_gives_the_named_nvidia_error_and_leaves_no_container(engine, ws):
    job = docker_job()
    job.runner.devices = [0]
    run = prepare_run(ws, job)
    before = {c.id for c in engine.client.containers.list(ignore_removed=True, all=True)}
    with pytest.raises(RunnerError) as err:
        docker_runner(engine).start(run)
    assert err.value.kind == "nvidia-runtime-missing"
    assert 'could not select device driver' in str(err.value) and "CPU" in err.value.hint
    assert {c.id for c in engine.client.containers.list(ignore_removed=True, all=True)} == before
    assert run_status(run) == "created"  # nothing started
    assert job_on_cpu(job).runner.devices == [] and job.runner.devices == [0]


def test_two_data_parallel_processes_in_one_container(paddle_engine, ws):
    engine = paddle_engine
    job = docker_job(epochs=1)
    job.runner.nproc = 2
    run = prepare_run(ws, job)
    runner = docker_runner(engine)
    runner.start(run)
    assert len(our_containers(engine, run)) == 1
    assert runner.wait(run, 300) == 0, run.log_file.read_text()[-3000:]
    history = run.history()
    assert history.start["nproc"] == 2 and history.done
    assert history.start["paddle_version"].startswith(engine.paddle_version)
    assert (run.path / "dist_logs" / "workerlog.1").is_file()  # the second worker ran
    seqs = [e.seq for e in run.events()]
    assert seqs == list(range(1, len(seqs) + 1))  # rank 0 alone wrote events


def test_stopping_a_data_parallel_run_checkpoints_and_is_not_an_error(paddle_engine, ws):
    engine = paddle_engine
    job = docker_job(epochs=2)
    job.runner.nproc = 2
    run = prepare_run(ws, job)
    runner = docker_runner(engine, extra_env={"PDK_TEST_STEP_DELAY": "0.1"})
    runner.start(run)
    wait_for(lambda: run.history().last_step >= 3)
    runner.stop(run, timeout=30)
    history = run.history()
    assert history.error["kind"] == "interrupted" and run.has_checkpoint()
    assert run_status(run) == "stopped" and runner.exit_error(run) is None
    assert our_containers(engine, run) == []


def test_containers_without_our_label_are_never_touched(engine, ws):
    client = engine.client
    lookalike = client.containers.run(engine.base_image, ["sleep", "300"], detach=True,
                                      labels={"paddledesk.run": "not-ours"})
    plain = client.containers.run(engine.base_image, ["sleep", "300"], detach=True)
    exited = client.containers.run(engine.base_image, ["true"], detach=True)
    exited.wait()
    try:
        runner = docker_runner(engine)
        run = prepare_run(ws, docker_job(epochs=1))
        # even a runner.json pointing at someone else's container does not make it ours
        run.write_runner_info({"kind": "docker", "container_id": lookalike.id, "state": "running"})
        assert not runner.is_running(run)
        runner.stop(run, timeout=1)
        assert runner.wait(run, 1) is None and runner.collect(run) is None
        assert runner.find_running(ws) == [] and runner.containers() == []
        for c in (lookalike, plain):
            c.reload()
            assert c.status == "running"
        exited.reload()
        assert exited.status == "exited"
    finally:
        for c in (lookalike, plain, exited):
            c.remove(force=True)


def test_a_container_killed_for_memory_is_named_oom_killed(engine, ws):
    runner = docker_runner(engine, mem_limit="64m")
    run = prepare_run(ws, docker_job())
    runner.start(run)
    assert runner.wait(run, 120) == 137
    err = runner.exit_error(run)
    assert err is not None and err.kind == "oom-killed" and "batch size" in err.hint
    assert run.history().error["kind"] == "oom" and run_status(run) == "failed"


def test_a_non_zero_exit_is_named_with_the_last_log_lines(engine, ws):
    runner = docker_runner(engine)
    run = prepare_run(ws, docker_job())
    (run.data_dir / "train.jsonl").write_text('{"text": "only one line", "label": 7}\n', encoding="utf-8")
    runner.start(run)
    code = runner.wait(run, 120)
    assert code not in (0, 3, None)
    err = runner.exit_error(run)
    assert err is not None and err.kind == "exit-code" and f"code {code}" in str(err)
    assert "Last lines of train.log" in str(err)


def test_a_missing_trainer_image_is_named_and_starts_nothing(engine, ws):
    run = prepare_run(ws, docker_job())
    runner = DockerRunner(engine=engine.url, image="paddledesk/trainer:not-built-000000000000")
    with pytest.raises(RunnerError) as err:
        runner.start(run)
    assert err.value.kind == "image-missing" and "Settings" in err.value.hint
    assert our_containers(engine, run) == [] and run_status(run) == "created"


def test_an_engine_that_stopped_answering_is_a_named_error_not_a_traceback(tmp_path):
    workspace = Workspace(tmp_path / "ws")
    run = workspace.new_run(JobSpec())
    run.write_runner_info({"kind": "docker", "container_id": "0123abcd", "state": "running"})
    gone = DockerRunner(client=docker.DockerClient(base_url=f"unix://{tmp_path}/no-engine.sock", version="1.41"))
    assert gone.is_running(run) is False
    for call in (lambda: gone.stop(run), lambda: gone.find_running(workspace)):
        with pytest.raises(RunnerError) as err:
            call()
        assert err.value.kind == "engine-not-running" and "Start Docker" in err.value.hint


def test_a_container_the_engine_refuses_to_create_is_a_named_error_and_leaves_nothing(engine, ws):
    """The engine answers `create` with an error (here: a shared-memory size it rejects): the user
    reads Docker's reason, no container is left and the run is still only created."""
    run = prepare_run(ws, docker_job())
    runner = docker_runner(engine, shm_size=-1)
    with pytest.raises(RunnerError) as err:
        runner.start(run)
    assert err.value.kind == "engine-error"
    assert "could not create the training container" in str(err.value) and "SHM size" in str(err.value)
    assert our_containers(engine, run) == [] and run.runner_info() == {} and run_status(run) == "created"
