"""A remote run's folder: a named Docker volume on the engine, filled and read through the API.

No shared filesystem: the inputs (job.json, the data snapshot, the trainer code) go in as a tar
stream (``put_archive``) through a short-lived helper container that only mounts the volume and
never starts, and files come back the same way (``get_archive``). Layout inside the volume,
mounted at /workspace in the training container:

    run/      the run folder (job.json, data/, events.jsonl, train.log, checkpoints/, export/)
    code/     the trainer package (code/trainer), on PYTHONPATH
    cache/    PPNLP_HOME / HF_HOME for weights downloaded by name
The trainer's user owns run/ and cache/; code/ and run/data/ belong to root, read-only for it.
"""

from __future__ import annotations

import io
import tarfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from core.runners.base import RunnerError
from core.runs import Run

V_ROOT = "/workspace"
V_RUN = f"{V_ROOT}/run"
V_CODE = f"{V_ROOT}/code"
V_CACHE = f"{V_ROOT}/cache"
LABEL_ROLE = "paddledesk.role"
ROLE_VOLUME = "run-volume"
ROLE_HELPER = "helper"
LABEL_RUN = "paddledesk.run"
LABEL_WORKSPACE = "paddledesk.workspace"
_SKIP = ("__pycache__",)


def volume_name(run: Run) -> str:
    return f"paddledesk-run-{run.id}"


def ensure_volume(client: Any, run: Run) -> str:
    """The run's volume (created with our labels when missing); its name."""
    import docker

    name = volume_name(run)
    try:
        client.volumes.get(name)
    except docker.errors.NotFound:
        client.volumes.create(name=name, labels={LABEL_ROLE: ROLE_VOLUME, LABEL_RUN: run.id,
                                                 LABEL_WORKSPACE: str(run.path.parent.parent.resolve())})
    return name


def remove_volume(client: Any, run: Run) -> bool:
    """Delete the run's volume (its checkpoints go with it); False when there was none."""
    import docker

    try:
        volume = client.volumes.get(volume_name(run))
    except docker.errors.NotFound:
        return False
    if (volume.attrs.get("Labels") or {}).get(LABEL_ROLE) != ROLE_VOLUME:
        return False  # not one of ours: never touched
    volume.remove(force=True)
    return True


@contextmanager
def helper(client: Any, volume: str, image: str) -> Iterator[Any]:
    """A created, never started container that mounts ``volume`` at /workspace: put_archive and
    get_archive reach the volume through it. Removed on exit."""
    from docker.types import Mount

    container = client.containers.create(
        image=image, command=["true"], entrypoint=[], network_mode="none",
        mounts=[Mount(V_ROOT, volume, type="volume")],
        labels={LABEL_ROLE: ROLE_HELPER}, name=f"paddledesk-helper-{time.time_ns() % 10**12}")
    try:
        yield container
    finally:
        try:
            container.remove(force=True)
        except Exception:  # noqa: BLE001 - a helper left behind is harmless and labelled
            pass


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes, ids: tuple[int, int], mode: int) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), mode, int(time.time())
    info.uid, info.gid = ids
    tar.addfile(info, io.BytesIO(data))


def _add_dir(tar: tarfile.TarFile, name: str, ids: tuple[int, int], mode: int = 0o755) -> None:
    info = tarfile.TarInfo(name)
    info.type, info.mode, info.mtime = tarfile.DIRTYPE, mode, int(time.time())
    info.uid, info.gid = ids
    tar.addfile(info)


def _add_tree(tar: tarfile.TarFile, src: Path, arc: str, ids: tuple[int, int], writable: bool) -> None:
    _add_dir(tar, arc, ids, 0o755)
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if any(part in _SKIP for part in rel.parts) or path.suffix == ".pyc":
            continue
        name = f"{arc}/{rel.as_posix()}"
        if path.is_dir():
            _add_dir(tar, name, ids)
        elif path.is_file():
            _add_bytes(tar, name, path.read_bytes(), ids, 0o644 if writable else 0o444)


def inputs_archive(run: Run, trainer_dir: Path, user: str, with_data: bool = True) -> bytes:
    """The tar put into the volume: run/job.json (+ data/), code/trainer, cache/."""
    uid, _, gid = user.partition(":")
    owner = (int(uid), int(gid or uid))
    root = (0, 0)
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        _add_dir(tar, "run", owner)
        _add_dir(tar, "cache", owner)
        _add_bytes(tar, "run/job.json", run.job_file.read_bytes(), root, 0o444)
        if with_data:
            _add_tree(tar, run.data_dir, "run/data", root, writable=False)
        _add_dir(tar, "code", root)
        _add_tree(tar, trainer_dir, "code/trainer", root, writable=False)
    return buffer.getvalue()


def put_inputs(client: Any, volume: str, image: str, archive: bytes) -> None:
    """Unpack ``archive`` at the volume's root; RunnerError when the engine refuses."""
    import docker

    try:
        with helper(client, volume, image) as box:
            box.put_archive(V_ROOT, archive)
    except docker.errors.APIError as exc:
        raise RunnerError(f"Could not copy the run's inputs to the engine's volume {volume}: "
                          f"{getattr(exc, 'explanation', None) or exc}", kind="engine-error") from None


def read_file(container: Any, path: str) -> bytes | None:
    """The bytes of one file of a container (running or not); None when it does not exist."""
    import docker

    try:
        stream, _stat = container.get_archive(path)
    except docker.errors.NotFound:
        return None
    with tarfile.open(fileobj=io.BytesIO(b"".join(stream)), mode="r") as tar:
        member = next((m for m in tar.getmembers() if m.isfile()), None)
        if member is None:
            return None
        extracted = tar.extractfile(member)
        return extracted.read() if extracted else None


def copy_tree_back(container: Any, path: str, dest: Path) -> bool:
    """Replace local ``dest`` with the folder ``path`` of the container; False when it has none."""
    import shutil

    import docker

    try:
        stream, _stat = container.get_archive(path)
    except docker.errors.NotFound:
        return False
    staging = dest.with_name(dest.name + ".incoming")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    top = Path(path).name
    with tarfile.open(fileobj=io.BytesIO(b"".join(stream)), mode="r") as tar:
        for member in tar.getmembers():
            parts = Path(member.name).parts
            if not parts or parts[0] != top or ".." in parts or member.name.startswith("/"):
                continue  # only what is inside the asked folder, never outside the staging folder
            target = staging.joinpath(*parts[1:]) if len(parts) > 1 else staging
            if member.isdir():
                target.mkdir(parents=True, exist_ok=True)
            elif member.isfile():
                target.parent.mkdir(parents=True, exist_ok=True)
                source = tar.extractfile(member)
                target.write_bytes(source.read() if source else b"")
    old = dest.with_name(dest.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if dest.exists():
        dest.rename(old)
    staging.rename(dest)  # the local copy switches in one step
    shutil.rmtree(old, ignore_errors=True)
    return True


def list_dir(container: Any, path: str) -> list[str]:
    """Names directly inside a folder of the container (from the archive's headers)."""
    import docker

    try:
        stream, _stat = container.get_archive(path)
    except docker.errors.NotFound:
        return []
    names = set()
    with tarfile.open(fileobj=io.BytesIO(b"".join(stream)), mode="r") as tar:
        for member in tar.getmembers():
            parts = Path(member.name).parts
            if len(parts) >= 2:
                names.add(parts[1])
    return sorted(names)
