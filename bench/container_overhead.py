"""Time from Runner.start() to the first `step` event: Docker container vs local subprocess.

    python bench/container_overhead.py [--rounds 3]

Same job (the shipped reviews_zh sample, bag-of-words, one epoch) through LocalRunner and
DockerRunner, alternating, each on a fresh run folder; the time is measured the way the app sees
it: start() called, then the run folder is tailed (core.runs.RunFollower) until a `step` event
appears. Prints the median of each and the ratio docker / local. The container runs Paddle 2.6.2
(the GPU images' Paddle), the local runner the venv's Paddle 3, so the ratio includes that
difference in import time as well as the container's start-up.
Needs the engine (DOCKER_HOST or the CI socket) and the base image of .ci/docker-base-image.sh.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from core.datasets import prepare_run_data, sample_datasets  # noqa: E402
from core.docker.engine import connect  # noqa: E402
from core.docker.images import build_trainer_image  # noqa: E402
from core.jobs import JobSpec, ModelSpec, RunnerSpec, TrainSpec  # noqa: E402
from core.runners.docker import DockerRunner  # noqa: E402
from core.runners.local import LocalRunner  # noqa: E402
from core.runs import RunFollower, Workspace  # noqa: E402

BASE = os.environ.get("PADDLEDESK_TEST_BASE_IMAGE", "paddledesk/paddle-base:2.6.2-cpu")


def first_step_seconds(runner, workspace: Workspace, job: JobSpec) -> float:
    """start() -> first step event, seconds; waits for the run to end before returning."""
    run = workspace.new_run(job)
    prepare_run_data(job.dataset, run.data_dir, seed=job.train.seed)
    follower = RunFollower(run)
    t0 = time.perf_counter()
    runner.start(run)
    elapsed = None
    deadline = t0 + 300
    while elapsed is None and time.perf_counter() < deadline:
        if any(e.type == "step" for e in follower.poll_events()):
            elapsed = time.perf_counter() - t0
        else:
            time.sleep(0.01)
    code = runner.wait(run, 300)
    if elapsed is None or code != 0:
        raise SystemExit(f"{runner.kind} run failed (exit {code}); see {run.log_file}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    url = os.environ.get("DOCKER_HOST") or "unix:///run/paddledesk-docker.sock"
    image = build_trainer_image(connect(url), BASE, output=lambda line: print(line, end=""))
    sample = next(s for s in sample_datasets() if s.name == "reviews_zh")
    job = JobSpec(dataset=sample.spec(), model=ModelSpec(name="bow", max_seq_len=64),
                  train=TrainSpec(epochs=1, batch_size=32, logging_every=1), runner=RunnerSpec())
    runners = {"local": LocalRunner(), "docker": DockerRunner(engine=url, image=image)}
    times: dict[str, list[float]] = {name: [] for name in runners}
    with tempfile.TemporaryDirectory(prefix="pdk-bench-") as tmp:
        workspace = Workspace(Path(tmp))
        for r in range(args.rounds):
            for name, runner in runners.items():
                job.runner.kind = name
                times[name].append(first_step_seconds(runner, workspace, job))
                print(f"round {r + 1}: {name:6s} start -> first step {times[name][-1]:.2f} s", flush=True)
    local, docker = statistics.median(times["local"]), statistics.median(times["docker"])
    print(f"median start -> first step: local {local:.2f} s, docker {docker:.2f} s "
          f"(image {image}, base {BASE})")
    print(f"ratio docker/local: {docker / local:.2f}")


if __name__ == "__main__":
    main()
