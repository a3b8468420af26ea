"""Event latency of a remote engine (volume + mirror) vs this computer's engine (bind mount).

    python bench/remote_events.py [--rounds 2] [--transport tls|ssh]

The same job (the shipped reviews_zh sample, bag-of-words, one epoch, a step every 0.05 s) runs
on the first CI engine through DockerRunner (the run folder bind-mounted) and on the second
engine of .ci/remote-engines.sh through RemoteDockerRunner (a volume, events mirrored back over
TLS or ssh), alternating. Two figures, as the app sees them in the local run folder:
  first step: start() called -> the first `step` event readable locally (median over rounds)
  step delay: an event's own `ts` (the trainer's clock; same machine here) -> readable locally
             (median over every step event of every round)
Prints each and the ratio remote / local. Needs root (it starts the rig) and the trainer image.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from core.datasets import prepare_run_data, sample_datasets  # noqa: E402
from core.docker.engine import connect  # noqa: E402
from core.docker.engines import EngineList  # noqa: E402
from core.docker.images import build_trainer_image  # noqa: E402
from core.jobs import JobSpec, ModelSpec, RunnerSpec, TrainSpec  # noqa: E402
from core.runners.docker import DockerRunner  # noqa: E402
from core.runners.docker_remote import RemoteDockerRunner  # noqa: E402
from core.runs import RunFollower, Workspace  # noqa: E402

BASE = os.environ.get("PADDLEDESK_TEST_BASE_IMAGE", "paddledesk/paddle-base:2.6.2-cpu")
STATE = Path(os.environ.get("PADDLEDESK_CI_STATE", "/var/lib/paddledesk-ci")) / "remote" / "client"
URLS = {"tls": "tcp://127.0.0.1:23760", "ssh": "ssh://root@127.0.0.1:22220"}


def measure(runner, workspace: Workspace, job: JobSpec) -> tuple[float, list[float]]:
    """(start -> first step seconds, [event ts -> seen locally seconds for each step])."""
    run = workspace.new_run(job)
    prepare_run_data(job.dataset, run.data_dir, seed=job.train.seed)
    follower = RunFollower(run)
    t0 = time.perf_counter()
    runner.start(run)
    first, delays = None, []
    deadline = time.time() + 300
    while time.time() < deadline:
        events = follower.poll_events()
        now = time.time()
        for event in events:
            if event.type == "step":
                first = first or time.perf_counter() - t0
                delays.append(now - float(event.data.get("ts", now)))
        if any(e.type in ("done", "error") for e in events):
            break
        time.sleep(0.005)
    code = runner.wait(run, 300)
    if first is None or code != 0:
        raise SystemExit(f"{type(runner).__name__} run failed (exit {code}); see {run.log_file}")
    return first, delays


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--transport", choices=sorted(URLS), default="tls")
    args = parser.parse_args()
    subprocess.run([str(REPO / ".ci" / "remote-engines.sh")], check=True, capture_output=True)
    os.environ["HOME"] = str(STATE / "home")  # the ssh config, known_hosts and key of the rig
    tmp = Path(tempfile.mkdtemp(prefix="pdk-bench-remote-"))
    os.environ["PADDLEDESK_ENGINES_FILE"] = str(tmp / "engines.json")
    EngineList().add("bench", URLS[args.transport], str(STATE / "tls") if args.transport == "tls" else "")
    local_url = os.environ.get("DOCKER_HOST") or "unix:///run/paddledesk-docker.sock"
    image = build_trainer_image(connect(local_url), BASE)
    remote_client = connect("unix:///run/paddledesk-remote-docker.sock")
    if image not in sum((i.tags for i in remote_client.images.list()), []):
        raise SystemExit(f"{image} is not on the second engine; run the remote tests once (they copy it)")
    sample = next(s for s in sample_datasets() if s.name == "reviews_zh")
    job = JobSpec(dataset=sample.spec(), model=ModelSpec(name="bow", max_seq_len=64),
                  train=TrainSpec(epochs=1, batch_size=32, logging_every=1), runner=RunnerSpec(kind="docker"))
    env = {"PDK_TEST_STEP_DELAY": "0.05"}
    runners = {"local": DockerRunner(engine=local_url, image=image, extra_env=env),
               "remote": RemoteDockerRunner(engine=URLS[args.transport], image=image, extra_env=env)}
    firsts: dict[str, list[float]] = {k: [] for k in runners}
    delays: dict[str, list[float]] = {k: [] for k in runners}
    ws = Workspace(tmp / "workspace")
    for _ in range(args.rounds):
        for name, runner in runners.items():
            first, seen = measure(runner, ws, job)
            firsts[name].append(first)
            delays[name].extend(seen)
    f_local, f_remote = statistics.median(firsts["local"]), statistics.median(firsts["remote"])
    d_local, d_remote = statistics.median(delays["local"]), statistics.median(delays["remote"])
    print(f"first step event after start: local {f_local:.2f} s, remote ({args.transport}) {f_remote:.2f} s, "
          f"ratio remote/local {f_remote / f_local:.2f}")
    print(f"step event delay (median of {len(delays['remote'])} events): local {d_local * 1000:.1f} ms, "
          f"remote {d_remote * 1000:.1f} ms, ratio remote/local {d_remote / max(d_local, 1e-4):.2f}")


if __name__ == "__main__":
    main()
