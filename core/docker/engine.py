"""Find the Docker engine, connect to it, and report what the app needs from it in one check.

The engine is, in order: an explicit URL (the app's setting), ``$DOCKER_HOST``, the default
socket. ``check_engine`` never raises: it returns an ``EngineCheck`` the GUI shows as is.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from typing import Any

from core.messages import Message, say
from core.runners.base import RunnerError

DEFAULT_SOCKET = "unix:///var/run/docker.sock"
CONNECT_TIMEOUT = 10  # seconds for ordinary API calls; streams (logs, pull, build) set their own


def engine_url(setting: str | None = None) -> str:
    """The engine to use: the setting, else $DOCKER_HOST, else the default socket."""
    if setting and setting.strip():
        url = setting.strip()
    else:
        url = os.environ.get("DOCKER_HOST", "").strip() or DEFAULT_SOCKET
    if url.startswith("/"):  # a bare socket path
        url = "unix://" + url
    return url


def _socket_path(url: str) -> str | None:
    return url[len("unix://"):] if url.startswith("unix://") else None


def classify_connect_error(exc: BaseException, url: str) -> RunnerError:
    """Turn whatever docker-py raised while connecting into a named, actionable error."""
    chain: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and seen not in chain:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    text = " ".join(str(e) for e in chain)
    sock = _socket_path(url)
    if any(isinstance(e, PermissionError) for e in chain) or "Permission denied" in text:
        return RunnerError(
            say("engine.permission", "Permission denied on the Docker socket {socket}.", socket=sock or url),
            say("engine.hint-permission", "Add your user to the docker group (sudo usermod -aG docker $USER), then "
                "log out and in again; or choose another engine in Settings → Docker."),
            kind="engine-permission",
        )
    missing = any(isinstance(e, (FileNotFoundError, ConnectionRefusedError)) for e in chain)
    if missing or "No such file" in text or "Connection refused" in text or "Connection aborted" in text:
        return RunnerError(
            say("engine.not-running", "The Docker engine is not running (nothing answers at {url}).", url=url),
            say("engine.hint-start", "Start Docker (sudo systemctl start docker, or open Docker Desktop), or set "
                "the engine address in Settings → Docker."),
            kind="engine-not-running",
        )
    return RunnerError(say("engine.cannot-talk", "Could not talk to the Docker engine at {url}: {error}", url=url,
                           error=str(exc)),
                       say("engine.hint-address", "Check that the address in Settings → Docker is a Docker engine."),
                       kind="engine-error")


def connect(url: str | None = None, timeout: int = CONNECT_TIMEOUT) -> Any:
    """A ``docker.DockerClient`` for the engine; RunnerError(kind=engine-*) when it cannot be had."""
    target = engine_url(url)
    sock = _socket_path(target)
    if sock is not None and not os.path.exists(sock):
        raise classify_connect_error(FileNotFoundError(sock), target)
    from core.docker.engines import open_client, remote_connect_error

    try:
        client = open_client(target, timeout)  # TLS certificates / SSH as Settings → Engines say
        client.ping()
    except RunnerError:
        raise
    except Exception as exc:  # docker-py wraps socket errors in several types
        raise (remote_connect_error(exc, target) or classify_connect_error(exc, target)) from None
    return client


@dataclass
class EngineCheck:
    """What the Settings → Docker section shows about the engine."""

    url: str
    reachable: bool = False
    version: str = ""
    api_version: str = ""
    os: str = ""
    cpus: int = 0
    memory_bytes: int = 0
    runtimes: list[str] = field(default_factory=list)
    gpu_support: str = ""  # "nvidia-runtime" | "cdi" | "" (none found: GPU runs will fail)
    images: dict[str, bool] = field(default_factory=dict)  # image tag -> present on the engine
    data_root: str = ""
    free_disk_bytes: int | None = None  # None when the engine's disk is not visible from here
    error: RunnerError | None = None

    @property
    def gpu_ready(self) -> bool:
        return bool(self.gpu_support)

    def summary(self) -> str:
        """A few human lines for the CLI (the app renders :meth:`summary_lines` in its language)."""
        return "\n".join(self.summary_lines())

    def summary_lines(self) -> list[Message]:
        """How the engine is, with the doctor's words: what to install, and what to do next for an image."""
        from core.docker.doctor import RUNTIME_FIX
        from core.docker.images import TRAINER_REPO

        if not self.reachable:
            if self.error is None:
                return [say("engine.unreachable", "Docker engine at {url}: not reachable", url=self.url)]
            hint = [say("engine.hint-line", "Hint: {hint}", hint=self.error.hint)] if self.error.hint else []
            return [self.error.args[0], *hint]
        lines = [say("doctor.engine-ok", "Docker {version} (API {api}) at {url}", version=self.version,
                     api=self.api_version, url=self.url)]
        if self.gpu_support:
            lines.append(say("engine.gpus-ok", "GPUs in containers: {runtime}", runtime=self.gpu_support))
        else:
            lines.append(say("engine.gpus-missing", "GPUs in containers: not available (no NVIDIA container "
                             "runtime); for GPU training in Docker: {fix}", fix=RUNTIME_FIX))
        bases_here = any(present for tag, present in self.images.items() if not tag.startswith(TRAINER_REPO + ":"))
        for tag, present in self.images.items():
            if present:
                lines.append(say("engine.image-present", "image {image}: present", image=tag))
            elif not tag.startswith(TRAINER_REPO + ":"):
                lines.append(say("engine.base-missing", "image {image}: missing; next: Pull base image (without "
                                 "internet: Load image from file…)", image=tag))
            elif bases_here:
                lines.append(say("engine.trainer-missing-build", "image {image}: missing; next: Build trainer image "
                                 "(it adds PaddleNLP to the base, a few minutes)", image=tag))
            else:
                lines.append(say("engine.trainer-missing", "image {image}: missing; next: Pull base image, then "
                                 "Build trainer image", image=tag))
        if self.free_disk_bytes is not None:
            lines.append(say("engine.free-disk", "free disk for images: {free:.1f} GiB ({root})",
                             free=self.free_disk_bytes / 2**30, root=self.data_root))
        return lines


def gpu_support(info: dict[str, Any]) -> str:
    """How the engine could give GPUs to containers, from `docker info`; '' when it cannot."""
    runtimes = info.get("Runtimes") or {}
    if any("nvidia" in name for name in runtimes):
        return "nvidia-runtime"
    if info.get("CDISpecDirs") and any(os.path.isdir(d) and any(
            "nvidia" in f for f in os.listdir(d)) for d in info["CDISpecDirs"]):
        return "cdi"
    # `--gpus` also works through the NVIDIA prestart hook without a named runtime
    if shutil.which("nvidia-container-runtime-hook"):
        return "nvidia-hook"
    return ""


def check_engine(url: str | None = None, images: list[str] | tuple[str, ...] = ()) -> EngineCheck:
    """Everything about the engine in one call; never raises (the error is in ``.error``)."""
    target = engine_url(url)
    check = EngineCheck(url=target)
    try:
        client = connect(target)
    except RunnerError as exc:
        check.error = exc
        return check
    try:
        version = client.version()
        info = client.info()
        check.reachable = True
        check.version = str(version.get("Version", ""))
        check.api_version = str(version.get("ApiVersion", ""))
        check.os = f"{info.get('OperatingSystem', '')} {info.get('Architecture', '')}".strip()
        check.cpus = int(info.get("NCPU") or 0)
        check.memory_bytes = int(info.get("MemTotal") or 0)
        check.runtimes = sorted((info.get("Runtimes") or {}).keys())
        check.gpu_support = gpu_support(info)
        check.data_root = str(info.get("DockerRootDir", ""))
        # another computer's data root is not this computer's folder of the same name
        if check.data_root and _socket_path(target) and os.path.isdir(check.data_root):
            check.free_disk_bytes = shutil.disk_usage(check.data_root).free
        for tag in images:
            check.images[tag] = image_present(client, tag)
    except Exception as exc:  # an engine that answers ping but fails later: report, do not crash
        check.error = RunnerError(say("engine.answered-error", "The Docker engine at {url} answered with an error: "
                                      "{error}", url=target, error=str(exc)),
                                  say("engine.hint-log", "Look at the engine's log (journalctl -u docker)."),
                                  kind="engine-error")
    finally:
        client.close()
    return check


def image_present(client: Any, tag: str) -> bool:
    """Whether ``tag`` exists on the engine."""
    import docker

    try:
        client.images.get(tag)
        return True
    except docker.errors.ImageNotFound:
        return False
