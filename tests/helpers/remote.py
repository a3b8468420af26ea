"""The "remote" engine of the tests: a second dockerd on this machine reachable over TLS and SSH.

Started by .ci/remote-engines.sh (idempotent: ./dev test runs it; here it is run again when the
engine does not answer). Only loopback: TLS on 127.0.0.1:23760 with certificates made by openssl,
ssh://root@127.0.0.1:22220 through an sshd that accepts one generated key and keeps a stock
server's limits (10 sessions on one connection: MaxSessions). The trainer image of
the first engine is copied over with `docker save | docker load` when missing.

SSH uses what a user has: ~/.ssh/config, known_hosts and a key, here under a test HOME
(``remote_env`` points HOME there and PADDLEDESK_ENGINES_FILE at a list naming both engines).
"""

from __future__ import annotations

import functools
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import pytest

from tests.helpers.docker import REPO, remove_train_containers, start_engine

STATE = Path(os.environ.get("PADDLEDESK_CI_STATE", "/var/lib/paddledesk-ci"))
CLIENT = STATE / "remote" / "client"
REMOTE_SOCKET = "unix:///run/paddledesk-remote-docker.sock"
TLS_URL = "tcp://127.0.0.1:23760"
SSH_URL = "ssh://root@127.0.0.1:22220"
TLS_DIR = CLIENT / "tls"
SSH_HOME = CLIENT / "home"
SSHD_CONFIG = STATE / "remote" / "ssh" / "sshd_config"
SSHD_LOG = STATE / "remote" / "sshd.log"
STOCK_MAX_SESSIONS = 10  # OpenSSH's default, what a team's GPU server has


@dataclass
class RemoteRig:
    socket_url: str  # the second engine's own socket (for the tests' own inspections)
    client: Any  # docker-py client on that socket
    trainer_image: str
    first_url: str  # the engine of docker-engine.sh
    first_client: Any


def _fail(message: str) -> NoReturn:
    pytest.fail("Remote-engine tests need the rig of .ci/remote-engines.sh: " + message, pytrace=False)


@functools.cache
def start_remote() -> RemoteRig:
    """The second engine answering on TLS and SSH, with the first engine's trainer image on it."""
    from core.docker.engine import connect, image_present
    from core.runners.base import RunnerError

    first = start_engine()
    if os.geteuid() != 0:
        _fail("run `sudo .ci/remote-engines.sh` first (it needs root for dockerd and sshd)")
    proc = subprocess.run([str(REPO / ".ci" / "remote-engines.sh")], capture_output=True, text=True)
    if proc.returncode != 0:
        _fail(f".ci/remote-engines.sh failed:\n{proc.stderr[-2000:]}")
    try:
        client = connect(REMOTE_SOCKET)
    except RunnerError as exc:
        _fail(str(exc))
    if not image_present(client, first.trainer_image):
        copy_image(first.url, REMOTE_SOCKET, first.trainer_image)
    return RemoteRig(REMOTE_SOCKET, client, first.trainer_image, first.url, first.client)


def copy_image(source: str, target: str, tag: str) -> None:
    """`docker save | docker load` between two engines (~40 s for the 1.9 GB trainer image here)."""
    save = subprocess.Popen(["docker", "save", tag], stdout=subprocess.PIPE,
                            env={**os.environ, "DOCKER_HOST": source})
    load = subprocess.run(["docker", "load", "-q"], stdin=save.stdout, capture_output=True, text=True,
                          env={**os.environ, "DOCKER_HOST": target})
    save.stdout.close()
    if save.wait() != 0 or load.returncode != 0:
        _fail(f"copying {tag} to the second engine failed: {load.stderr[-1000:]}")


def engines_file(path: Path) -> Path:
    """An engines list naming the TLS and the SSH address of the second engine."""
    from core.docker.engines import EngineList

    engines = EngineList(path)
    engines.add("gpu-server (TLS)", TLS_URL, str(TLS_DIR))
    engines.add("gpu-server (ssh)", SSH_URL)
    return path


@pytest.fixture
def remote_env(tmp_path, monkeypatch):
    """HOME with the ssh config/known_hosts/key of a user of that server, and the engines list."""
    monkeypatch.setenv("HOME", str(SSH_HOME))
    monkeypatch.setenv("PADDLEDESK_ENGINES_FILE", str(engines_file(tmp_path / "engines.json")))
    return start_remote()


def remove_remote_leftovers(client: Any, workspace: Any) -> None:
    """What a remote test left on an engine for ``workspace``: its training containers and run volumes."""
    remove_train_containers(client, workspace)
    root = str(workspace.root.resolve())
    for v in client.volumes.list(filters={"label": f"paddledesk.workspace={root}"}):
        v.remove(force=True)


def ssh_session_limit() -> int:
    """MaxSessions of the rig's sshd configuration (.ci/remote-engines.sh reloads sshd with it)."""
    out = subprocess.run(["/usr/sbin/sshd", "-T", "-f", str(SSHD_CONFIG)], capture_output=True, text=True).stdout
    values = [line.split()[1] for line in out.splitlines() if line.startswith("maxsessions ")]
    return int(values[0]) if values else -1


def refused_ssh_sessions() -> int:
    """How many sessions the rig's sshd has refused so far: each is a docker call that failed."""
    try:
        return SSHD_LOG.read_text(encoding="utf-8", errors="replace").count("no more sessions")
    except FileNotFoundError:
        return 0
