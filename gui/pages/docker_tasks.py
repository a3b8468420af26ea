"""The work behind Settings → Docker, as plain functions for gui.workers.run_task (no widgets here).

Each one blocks (Docker, NVML, registry probes), so the section runs them on worker threads; a
``progress`` parameter gets values the section shows: ("pull", done, total, status),
("build", text) or ("bytes", done, total). ``cancel`` is a threading.Event the Cancel button sets.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

HardwareProvider = Callable[[], Any]  # () -> core.docker.choose.Hardware


def base_images() -> list[tuple[str, str]]:
    """The catalogue's images, GPU images first, with their summary ("?" on unconfirmed facts)."""
    from core.docker.catalogue import load_catalogue

    catalogue = load_catalogue()
    return [(i.ref, i.summary()) for i in catalogue.gpu_images() + catalogue.cpu_images()]


def suggest_for_this_computer(provider: HardwareProvider | None) -> tuple[Any, Any]:
    """This computer's GPUs (through ``provider``, default NVML/nvidia-smi) and the image suggested for them."""
    from core.docker.choose import read_hardware, suggest_image

    hardware = (provider or read_hardware)()
    return hardware, suggest_image(hardware)


def check_this_computer(url: str, base_image: str, registry: str, provider: HardwareProvider | None) -> Any:
    """The doctor's report for the chosen engine, image and registry."""
    from core.docker.doctor import run_doctor

    hardware = provider() if provider is not None else None
    return run_doctor(url or None, image=base_image or None, registry=registry or None, hardware=hardware)


def docker_check(url: str, base_image: str) -> Any:
    """The engine check, including whether the base and trainer images are present."""
    from core.docker.engine import check_engine
    from core.docker.images import trainer_image_tag

    return check_engine(url or None, images=[base_image, trainer_image_tag(base_image)])


def _pull_reporter(progress: Callable[[Any], None]) -> Callable[[Any], None]:
    return lambda p: progress(("pull", p.done_bytes, p.total_bytes, p.status))


def docker_pull(url: str, base_image: str, registry: str, cancel: threading.Event, progress=None) -> str:
    """Pull the base image through ``registry`` (a setting: docker-hub, paddle-mirror or an address)."""
    from core.docker.engine import connect
    from core.docker.registries import pull_via

    client = connect(url or None)
    try:
        pull_via(client, base_image, registry or None, _pull_reporter(progress), cancel)
    finally:
        client.close()
    return base_image


def docker_build(url: str, base_image: str, registry: str, index_url: str, progress=None) -> str:
    """Build the trainer image (pulling a missing base through ``registry``; pip uses ``index_url``)."""
    from core.docker.engine import connect
    from core.docker.images import build_trainer_image

    client = connect(url or None)
    try:
        return build_trainer_image(client, base_image, output=lambda text: progress(("build", text)),
                                   pull_progress=_pull_reporter(progress), index_url=index_url,
                                   registry=registry)
    finally:
        client.close()


def docker_prune(url: str, keep: list[str]) -> Any:
    """Remove the trainer images the app built, except ``keep``."""
    from core.docker.engine import connect
    from core.docker.images import prune_images

    client = connect(url or None)
    try:
        return prune_images(client, keep)
    finally:
        client.close()


def save_to_file(url: str, ref: str, path: str, cancel: threading.Event, progress=None) -> tuple[Path, int]:
    """``docker save`` of ``ref`` into ``path`` (.tar.gz compressed); the path and its size in bytes."""
    from core.docker.engine import connect
    from core.docker.transfer import save_image

    client = connect(url or None)
    try:
        target = save_image(client, ref, path, lambda done, total: progress(("bytes", done, total)), cancel)
    finally:
        client.close()
    return target, target.stat().st_size


def load_from_file(url: str, path: str, cancel: threading.Event, progress=None) -> list[str]:
    """``docker load`` of the archive at ``path``; the image names it held."""
    from core.docker.engine import connect
    from core.docker.transfer import load_image

    client = connect(url or None)
    try:
        return load_image(client, path, lambda done, total: progress(("bytes", done, total)), cancel)
    finally:
        client.close()


def archive_name(ref: str) -> str:
    """A file name for an image: 'paddledesk/trainer:x-1a2b' -> 'paddledesk-trainer-x-1a2b.tar.gz'."""
    return ref.replace("/", "-").replace(":", "-").replace("@", "-") + ".tar.gz"
