"""The real Docker engine for the tests: the one .ci started, else started through .ci's script.

No mocks: when no engine can be had the tests fail with a message saying why and what to run.
"""

from __future__ import annotations

import functools
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
CI_SOCKET = "unix:///run/paddledesk-docker.sock"
BASE_IMAGE = os.environ.get("PADDLEDESK_TEST_BASE_IMAGE", "paddledesk/paddle-base:2.6.2-cpu")
TEST_UID = 1000  # a non-root user owns the test workspace and runs the containers


@dataclass
class Engine:
    url: str
    client: Any
    base_image: str
    trainer_image: str


def _fail(message: str) -> None:
    pytest.fail("Docker tests need a real engine: " + message, pytrace=False)


@functools.cache
def start_engine() -> Engine:
    """Connect to $DOCKER_HOST or the CI socket; start the CI engine and base image when missing."""
    from core.docker.engine import connect, image_present
    from core.docker.images import build_trainer_image
    from core.runners.base import RunnerError

    url = os.environ.get("DOCKER_HOST") or CI_SOCKET
    try:
        client = connect(url)
    except RunnerError as first:
        if os.geteuid() != 0:
            _fail(f"{first}\nRun `sudo .ci/docker-engine.sh` and export DOCKER_HOST={CI_SOCKET}.")
        proc = subprocess.run([str(REPO / ".ci" / "docker-engine.sh")], capture_output=True, text=True)
        if proc.returncode != 0:
            _fail(f"{first}\n.ci/docker-engine.sh failed:\n{proc.stderr[-2000:]}")
        url = proc.stdout.strip()
        try:
            client = connect(url)
        except RunnerError as exc:
            _fail(str(exc))
    if not image_present(client, BASE_IMAGE):
        env = {**os.environ, "DOCKER_HOST": url}
        proc = subprocess.run([str(REPO / ".ci" / "docker-base-image.sh")], capture_output=True,
                              text=True, env=env)
        if proc.returncode != 0 or not image_present(client, BASE_IMAGE):
            _fail(f"the base image {BASE_IMAGE} is missing and .ci/docker-base-image.sh failed:\n"
                  f"{proc.stderr[-2000:]}")
    try:
        tag = build_trainer_image(client, BASE_IMAGE)
    except RunnerError as exc:
        _fail(f"building the trainer image failed: {exc}")
    return Engine(url=url, client=client, base_image=BASE_IMAGE, trainer_image=tag)


def chown_tree(root: Path, uid: int = TEST_UID, gid: int = TEST_UID) -> None:
    """Hand a folder tree to ``uid``: the user the containers run as."""
    for dirpath, dirnames, filenames in os.walk(root):
        os.chown(dirpath, uid, gid)
        for name in dirnames + filenames:
            os.lchown(os.path.join(dirpath, name), uid, gid)
