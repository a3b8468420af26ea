"""The containers the Docker runner owns: the labels that mark them, and their removal."""

from __future__ import annotations

import time
from typing import Any

LABEL_ROLE = "paddledesk.role"  # "train" on every container this runner starts
LABEL_RUN = "paddledesk.run"  # the run id
LABEL_RUN_DIR = "paddledesk.run_dir"  # the run folder on the host
LABEL_WORKSPACE = "paddledesk.workspace"  # the workspace folder on the host
ROLE = "train"


def remove_quietly(container: Any, timeout: float = 15.0) -> None:
    """Remove a container and wait until it is gone (another collector may be removing it)."""
    import docker

    try:
        container.remove(force=True)
        return
    except docker.errors.NotFound:
        return
    except docker.errors.APIError:
        pass  # "removal already in progress": wait for the other remover to finish
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            container.reload()
        except docker.errors.NotFound:
            return
        time.sleep(0.05)
