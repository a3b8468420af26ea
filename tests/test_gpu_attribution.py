"""GPU processes -> runs (real local process groups, a real labelled container) and the one-shot table."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from core.gpu import Attributor, GpuProcess, Snapshot, load_trace, render_table
from tests.helpers import wait_for
from tests.helpers.runs import write_events

FIX = Path(__file__).parent / "fixtures" / "gpu"
MIB = 1024 * 1024


# ---- attribution with real processes ----------------------------------------------------------

@pytest.fixture
def local_run(workspace):
    """A run folder whose runner.json points at a real process group with a child in it."""
    from core.jobs import JobSpec

    job = JobSpec()
    job.model.name = "ernie-3.0-mini-zh"
    run = workspace.new_run(job)
    code = "import subprocess,sys; c=subprocess.Popen(['sleep','60']); print(c.pid, flush=True); c.wait()"
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, start_new_session=True)
    child = int(proc.stdout.readline())
    run.write_runner_info({"kind": "local", "pid": proc.pid, "pgid": proc.pid})
    write_events(run, [{"type": "phase", "phase": "training"}])
    yield run, proc.pid, child
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def test_local_run_owns_its_process_group(workspace, local_run):
    run, leader, child = local_run
    attributor = Attributor(workspace)
    snap = Snapshot(0.0, [], [GpuProcess(child, 1, 21610 * MIB), GpuProcess(os.getpid(), 0, 100 * MIB)])
    procs = attributor.attribute(snap)
    assert procs[0].owner.run_id == run.id and procs[0].owner.phase == "training"
    assert procs[0].describe() == f"run {run.id} (ernie-3.0-mini-zh, local pid {child}) uses 21.1 GiB on GPU 1"
    assert procs[1].owner is None and procs[1].describe().startswith(f"pid {os.getpid()} uses 100 MiB on GPU 0")


def test_finished_local_run_owns_nothing(workspace, local_run):
    run, leader, child = local_run
    os.killpg(leader, signal.SIGKILL)
    wait_for(lambda: Attributor(workspace).owner_of(child) is None, timeout=10)


@pytest.mark.docker
def test_container_run_is_found_by_its_label_and_host_pids(workspace):
    """Against the real engine of .ci/docker-engine.sh: host PIDs of a labelled container -> its run."""
    from tests.helpers.docker import start_engine

    client = start_engine().client  # fails (never skips) when no engine can be had
    # the smallest image .ci builds; other tests may be building or pruning the rest
    images = [client.images.get("paddledesk/debian-python:bookworm").id]
    from core.jobs import JobSpec

    job = JobSpec()
    job.model.name = "ernie-3.0-mini-zh"
    run = workspace.new_run(job)
    c = client.containers.run(images[0], ["sleep", "60"], detach=True, labels={"paddledesk.run": run.id},
                              network_mode="none")
    other = client.containers.run(images[0], ["sleep", "60"], detach=True, network_mode="none")
    try:
        run.write_runner_info({"kind": "docker", "container_id": c.id, "state": "running"})
        pid = int(c.top()["Processes"][0][c.top()["Titles"].index("PID")])
        other_pid = int(other.top()["Processes"][0][other.top()["Titles"].index("PID")])
        attributor = Attributor(workspace, docker_client=client)
        procs = attributor.attribute(Snapshot(0.0, [], [GpuProcess(pid, 1, 21610 * MIB),
                                                        GpuProcess(other_pid, 0, MIB)]))
        assert procs[0].owner.run_id == run.id and procs[0].owner.container_id == c.id
        assert procs[0].describe() == (f"run {run.id} (ernie-3.0-mini-zh, container {c.id[:12]}) "
                                       "uses 21.1 GiB on GPU 1")
        assert procs[1].owner is None  # a container without our label is not ours
    finally:
        for x in (c, other):
            x.remove(force=True)


def test_table_lists_gpus_and_owned_processes(workspace, local_run):
    run, _, child = local_run
    snaps = load_trace(FIX / "h200x2-load-recording.json")
    snap = next(s for s in snaps if s.processes)
    snap.processes[0].pid = child  # the recorded PID lived on the H200 host; map it to our real run
    table = render_table(snap, Attributor(workspace).attribute(snap))
    lines = table.splitlines()
    assert lines[0].split()[:4] == ["GPU", "Name", "CC", "Util"] and "NVIDIA H200" in lines[1]
    assert f"run {run.id} (ernie-3.0-mini-zh, local pid {child}) uses" in table and "on GPU 1" in table
    assert shutil.which("nvidia-smi") or "N/A" in lines[1]


def test_table_shows_compute_capability_and_the_driver_of_the_h200_capture():
    facts = json.loads((FIX / "h200x1-gpu-facts.json").read_text(encoding="utf-8"))
    table = render_table(Snapshot.from_dict(facts["snapshot"]))
    lines = table.splitlines()
    assert lines[1].split()[:4] == ["0", "NVIDIA", "H200", "9.0"]
    assert "Driver 580.159.04, CUDA 13.0" in table
