"""The real Docker engine for the tests: the one .ci started, else started through .ci's script.

No mocks: when no engine can be had the tests fail with a message saying why and what to run.
The Docker trainer tests run on two base images (local stand-ins built by
.ci/docker-base-image.sh): Paddle 2.6.2, the Paddle of the 2.6 GPU images, and Paddle 3.3.1,
the Paddle of the 3.x images.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import pytest

REPO = Path(__file__).resolve().parents[2]
CI_SOCKET = "unix:///run/paddledesk-docker.sock"
STAND_IN = re.compile(r"^paddledesk/paddle-base:(\d+\.\d+\.\d+)-cpu$")
# the one base of the tests that need any trainer image
BASE_IMAGE = os.environ.get("PADDLEDESK_TEST_BASE_IMAGE", "paddledesk/paddle-base:2.6.2-cpu")
# the bases the trainer runs on in the parametrized tests (comma-separated to override)
BASE_IMAGES = tuple(os.environ.get(
    "PADDLEDESK_TEST_BASE_IMAGES", "paddledesk/paddle-base:2.6.2-cpu,paddledesk/paddle-base:3.3.1-cpu",
).split(","))
TEST_UID = 1000  # a non-root user owns the test workspace and runs the containers


@dataclass
class Engine:
    url: str
    client: Any
    base_image: str
    trainer_image: str
    paddle_version: str = ""  # of the base image, e.g. "3.3.1"


def paddle_version_of(image: str) -> str:
    """'paddledesk/paddle-base:3.3.1-cpu' or 'paddlepaddle/paddle:3.0.0-gpu-...' -> '3.3.1' / '3.0.0'."""
    found = re.search(r":(\d+\.\d+\.\d+)", image)
    return found.group(1) if found else ""


def base_id(image: str) -> str:
    """A test id naming the Paddle of ``image``: 'paddle3.3.1'."""
    version = paddle_version_of(image)
    return f"paddle{version}" if version else image.rsplit("/", 1)[-1]


def _fail(message: str) -> NoReturn:
    pytest.fail("Docker tests need a real engine: " + message, pytrace=False)


@functools.cache
def _connect() -> tuple[str, Any]:
    """The engine's URL and a client: $DOCKER_HOST, else the CI socket, started when root."""
    from core.docker.engine import connect
    from core.runners.base import RunnerError

    url = os.environ.get("DOCKER_HOST") or CI_SOCKET
    try:
        return url, connect(url)
    except RunnerError as first:
        if os.geteuid() != 0:
            _fail(f"{first}\nRun `sudo .ci/docker-engine.sh` and export DOCKER_HOST={CI_SOCKET}.")
        proc = subprocess.run([str(REPO / ".ci" / "docker-engine.sh")], capture_output=True, text=True)
        if proc.returncode != 0:
            _fail(f"{first}\n.ci/docker-engine.sh failed:\n{proc.stderr[-2000:]}")
        url = proc.stdout.strip()
        try:
            return url, connect(url)
        except RunnerError as exc:
            _fail(str(exc))


@functools.cache
def start_engine(base_image: str = BASE_IMAGE) -> Engine:
    """The engine with ``base_image`` and the trainer image on it; a missing stand-in base is built."""
    from core.docker.engine import image_present
    from core.docker.images import build_trainer_image
    from core.runners.base import RunnerError

    url, client = _connect()
    if not image_present(client, base_image):
        stand_in = STAND_IN.match(base_image)
        if not stand_in:
            _fail(f"the base image {base_image} is not on the engine; load it (docker load -i ...) "
                  "or unset PADDLEDESK_TEST_BASE_IMAGE(S) to use the stand-ins of .ci/docker-base-image.sh")
        env = {**os.environ, "DOCKER_HOST": url, "PADDLEDESK_BASE_IMAGE": base_image}
        # waits on the script's lock when another build of a stand-in is under way
        proc = subprocess.run([str(REPO / ".ci" / "docker-base-image.sh"), stand_in.group(1)],
                              capture_output=True, text=True, env=env)
        if proc.returncode != 0 or not image_present(client, base_image):
            _fail(f"the base image {base_image} is missing and .ci/docker-base-image.sh failed:\n"
                  f"{proc.stderr[-2000:]}")
    try:
        tag = build_trainer_image(client, base_image)
    except RunnerError as exc:
        _fail(f"building the trainer image on {base_image} failed: {exc}")
    return Engine(url=url, client=client, base_image=base_image, trainer_image=tag,
                  paddle_version=paddle_version_of(base_image))


def chown_tree(root: Path, uid: int = TEST_UID, gid: int = TEST_UID) -> None:
    """Hand a folder tree to ``uid``: the user the containers run as."""
    for dirpath, dirnames, filenames in os.walk(root):
        os.chown(dirpath, uid, gid)
        for name in dirnames + filenames:
            os.lchown(os.path.join(dirpath, name), uid, gid)


# -- DockerRunner runs on the sample dataset -------------------------------------------------------
REVIEWS = REPO / "resources" / "datasets" / "reviews_zh"  # the shipped sample: Chinese reviews, 负面/正面


def docker_runner(engine: Engine, **kw: Any) -> Any:
    """A DockerRunner on the test engine's trainer image, running as the test's non-root user."""
    from core.runners.docker import DockerRunner

    return DockerRunner(engine=engine.url, image=engine.trainer_image, user=f"{TEST_UID}:{TEST_UID}", **kw)


def docker_job(**train: Any) -> Any:
    """A small bag-of-words job on the sample reviews for the Docker runner."""
    from core.jobs import DatasetSpec, JobSpec, ModelSpec, RunnerSpec, TrainSpec

    return JobSpec(
        dataset=DatasetSpec(train=str(REVIEWS / "train.tsv"), dev=str(REVIEWS / "dev.tsv")),
        model=ModelSpec(name="bow", max_seq_len=64),
        train=TrainSpec(**{"epochs": 2, "batch_size": 32, "learning_rate": 5e-3, "logging_every": 1, **train}),
        runner=RunnerSpec(kind="docker"),
    )


def prepare_run(ws: Any, job: Any) -> Any:
    """What core.launch does before starting, with the folder handed to the container's user."""
    from core.datasets import prepare_run_data

    run = ws.new_run(job)
    prepare_run_data(job.dataset, run.data_dir, seed=job.train.seed)
    (ws.root / "cache").mkdir(exist_ok=True)
    chown_tree(ws.root)
    return run


def our_containers(engine: Engine, run: Any) -> list:
    """The containers the app made for ``run``."""
    from core.runners.docker import LABEL_RUN_DIR

    return engine.client.containers.list(ignore_removed=True, all=True,
                                         filters={"label": f"{LABEL_RUN_DIR}={run.path.resolve()}"})


def remove_containers_of(engine: Engine, workspace: Any) -> None:
    """Remove every training container whose run folder is in ``workspace``."""
    remove_train_containers(engine.client, workspace)


def remove_train_containers(client: Any, workspace: Any) -> None:
    """``remove_containers_of`` on any engine's client (a remote one too)."""
    import docker

    from core.runners.docker import LABEL_ROLE, LABEL_RUN_DIR

    root = str(workspace.root.resolve())
    for c in client.containers.list(ignore_removed=True, all=True, filters={"label": f"{LABEL_ROLE}=train"}):
        if c.labels.get(LABEL_RUN_DIR, "").startswith(root):
            try:
                c.remove(force=True)
            except docker.errors.APIError:
                pass  # already being removed by the runner
