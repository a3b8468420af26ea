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

REPO = Path(__file__).resolve().parents[1]
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
