"""The trainer image: pull the Paddle base (per-layer byte progress), build ours on top (streamed
output), tag by content so only a real change rebuilds, and prune the ones we built.

All functions block; call them from a worker thread. Callbacks are called on that thread.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.runners.base import RunnerError

# The base when nothing is known of the GPUs: the newest CPU image of the catalogue. Where GPUs
# are known, `suggested_base_image` picks from core/docker/catalogue.json (core.docker.choose).
DEFAULT_BASE_IMAGE = "paddlepaddle/paddle:3.0.0"
TRAINER_REPO = "paddledesk/trainer"
LABEL_ROLE = "paddledesk.role"
LABEL_BASE = "paddledesk.base"
LABEL_HASH = "paddledesk.hash"

# what an engine says when it cannot reach a registry
_NO_REGISTRY = ("dial tcp", "no such host", "i/o timeout", "connection refused", "TLS handshake",
                "network is unreachable", "server misbehaving", "Temporary failure in name resolution",
                "Client.Timeout", "context deadline exceeded", "connection reset")


def suggested_base_image(gpus: list[int] | None = None) -> str:
    """The catalogue's image for this computer's GPUs (``gpus``: only those), else the CPU default."""
    from core.docker.choose import read_hardware, suggest_image

    return suggest_image(read_hardware().only(gpus)).ref or DEFAULT_BASE_IMAGE


def dockerfile_dir() -> Path:
    """resources/docker: the Dockerfile and what it copies."""
    from core.resources import resource_path  # checkout, wheel or bundle alike

    return resource_path("docker")


def context_hash(base_image: str, folder: Path | None = None) -> str:
    """sha256 over the base image name and every file of the build folder (names and bytes)."""
    folder = folder or dockerfile_dir()
    digest = hashlib.sha256(base_image.encode() + b"\0")
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def trainer_image_tag(base_image: str = DEFAULT_BASE_IMAGE, folder: Path | None = None) -> str:
    """paddledesk/trainer:<base name>-<12 hex of the content hash>, e.g. ...:paddle-2.6.2-gpu-...-3fa2b1c9d0e1."""
    name = base_image.rsplit("/", 1)[-1].replace(":", "-").replace("@", "-")
    slug = re.sub(r"[^A-Za-z0-9_.-]", "-", name).strip(".-")[:100] or "base"
    return f"{TRAINER_REPO}:{slug}-{context_hash(base_image, folder)[:12]}"


def split_ref(ref: str) -> tuple[str, str]:
    """'repo/name:tag' -> ('repo/name', 'tag'); a missing tag is 'latest' (a port is not a tag)."""
    if "@" in ref:
        repo, digest = ref.split("@", 1)
        return repo, digest
    last = ref.rsplit("/", 1)[-1]
    if ":" in last:
        repo, tag = ref.rsplit(":", 1)
        return repo, tag
    return ref, "latest"


def no_registry_error(ref: str, detail: str) -> RunnerError:
    return RunnerError(
        f"The image {ref} is not on this Docker engine and no registry can be reached to pull it "
        f"({detail.strip()[:200]}).",
        "Connect to the internet and pull again, or load the image from a file "
        "(docker load -i paddle.tar), or choose a base image that is present in Settings → Docker.",
        kind="no-registry",
    )


# -- pull --------------------------------------------------------------------------------------
@dataclass
class LayerProgress:
    """One layer of a pull: its last status and byte counts."""

    status: str = ""
    current: int = 0
    total: int = 0
    done: bool = False


@dataclass
class PullProgress:
    """The state of a pull after each message from the engine, for a per-layer progress bar."""

    ref: str
    layers: dict[str, LayerProgress] = field(default_factory=dict)
    status: str = ""

    def update(self, msg: dict[str, Any], tag: str = "") -> None:
        """Fold one message of the engine's pull stream in."""
        self.status = str(msg.get("status", ""))
        layer_id = msg.get("id")
        if not layer_id or layer_id == tag:  # "Pulling from ...", "Digest: ..." lines
            return
        layer = self.layers.setdefault(layer_id, LayerProgress())
        layer.status = self.status
        detail = msg.get("progressDetail") or {}
        if self.status == "Downloading" and detail.get("total"):
            layer.current, layer.total = int(detail.get("current", 0)), int(detail["total"])
        if self.status.startswith(_DONE):
            layer.done = True

    @property
    def total_bytes(self) -> int:
        return sum(layer.total for layer in self.layers.values())

    @property
    def done_bytes(self) -> int:
        return sum(layer.total if layer.done else layer.current for layer in self.layers.values())

    @property
    def fraction(self) -> float:
        total = self.total_bytes
        return self.done_bytes / total if total else 0.0


_DONE = ("Download complete", "Pull complete", "Already exists", "Verifying Checksum", "Extracting")


def pull_image(client: Any, ref: str, progress: Callable[[PullProgress], None] | None = None,
               cancel: threading.Event | None = None) -> None:
    """Pull ``ref`` calling ``progress`` on every engine message; RunnerError(no-registry) offline."""
    import docker

    repo, tag = split_ref(ref)
    state = PullProgress(ref=ref)
    try:
        for msg in client.api.pull(repo, tag=tag, stream=True, decode=True):
            if cancel is not None and cancel.is_set():
                raise RunnerError(f"Pull of {ref} cancelled.", kind="cancelled")
            if "error" in msg:
                detail = str(msg.get("error"))
                if any(s in detail for s in _NO_REGISTRY):
                    raise no_registry_error(ref, detail)
                raise RunnerError(f"Pulling {ref} failed: {detail}", "Check the image name.", kind="engine-error")
            state.update(msg, tag)
            if progress is not None:
                progress(state)
    except docker.errors.NotFound as exc:
        raise RunnerError(f"The image {ref} does not exist in the registry.",
                          "Check the image name and tag in Settings → Docker.", kind="image-missing") from exc
    except docker.errors.APIError as exc:
        text = str(exc)
        if any(s in text for s in _NO_REGISTRY):
            raise no_registry_error(ref, getattr(exc, "explanation", None) or text) from None
        raise RunnerError(f"Pulling {ref} failed: {text}", kind="engine-error") from None


def ensure_base_image(client: Any, base_image: str,
                      progress: Callable[[PullProgress], None] | None = None, registry: str = "") -> None:
    """Pull the base image unless it is already on the engine (through ``registry``, a mirror, when set)."""
    from core.docker.engine import image_present
    from core.docker.registries import pull_via

    if not image_present(client, base_image):
        pull_via(client, base_image, registry or None, progress)


# -- build -------------------------------------------------------------------------------------
def build_trainer_image(client: Any, base_image: str = DEFAULT_BASE_IMAGE,
                        output: Callable[[str], None] | None = None, *, pull_progress:
                        Callable[[PullProgress], None] | None = None, force: bool = False,
                        folder: Path | None = None, index_url: str = "", registry: str = "") -> str:
    """The trainer image tag for ``base_image``, built first when missing (streamed to ``output``).

    The base is pulled when missing. Nothing is rebuilt when the tag exists: the tag encodes the
    base name and the Dockerfile folder's content (``folder``, default resources/docker), not
    ``index_url`` (the package index pip uses in the build, e.g. a mirror; empty = pip's default):
    where the packages come from does not change what the image is.
    """
    import docker

    from core.docker.engine import image_present

    folder = folder or dockerfile_dir()
    tag = trainer_image_tag(base_image, folder)
    if not force and image_present(client, tag):
        return tag
    ensure_base_image(client, base_image, pull_progress, registry)
    last: list[str] = []
    labels = {LABEL_ROLE: "trainer", LABEL_BASE: base_image, LABEL_HASH: tag.rsplit("-", 1)[-1]}
    buildargs = {"BASE_IMAGE": base_image}
    if index_url.strip():
        buildargs["PIP_INDEX_URL"] = index_url.strip()
    try:
        stream = client.api.build(path=str(folder), tag=tag, buildargs=buildargs,
                                  labels=labels, rm=True, forcerm=True, decode=True, pull=False,
                                  nocache=force)
        for msg in stream:
            text = msg.get("stream") or msg.get("status") or ""
            if "error" in msg:
                detail = str(msg.get("error", "")).strip()
                raise RunnerError(f"Building the trainer image failed: {detail}\n" + "".join(last[-15:]),
                                  _build_hint(detail + "".join(last), index_url.strip()), kind="build-failed")
            if text:
                last.append(text)
                del last[:-50]
                if output is not None:
                    output(text)
    except docker.errors.BuildError as exc:  # raised by the high-level API only; kept for safety
        raise RunnerError(f"Building the trainer image failed: {exc}", kind="build-failed") from None
    except docker.errors.APIError as exc:
        raise RunnerError(f"Building the trainer image failed: {exc}", kind="build-failed") from None
    if not image_present(client, tag):
        raise RunnerError("The trainer image build ended without an image.\n" + "".join(last[-15:]),
                          kind="build-failed")
    return tag


def _build_hint(text: str, index_url: str = "") -> str:
    if "is not supported: choose a Paddle" in text or "has no working Paddle" in text:
        return "Choose a PaddlePaddle 2.6 or 3.x image as the base in Settings → Docker."
    if any(s in text for s in _NO_REGISTRY + _INDEX_TROUBLE) or "Could not find a version" in text:
        if index_url:
            shown = re.sub(r"//[^/@]*@", "//", index_url)  # never a password in a message
            return (f"The build installs PaddleNLP from the package index {shown}: check that it "
                    "is reachable and mirrors the default index, or clear it in Settings → Docker.")
        return ("The build installs PaddleNLP from the package index: connect to the internet and build "
                "again, or set a package index (a mirror) in Settings → Docker.")
    return "Read the build output above; Settings → Docker can rebuild from scratch."


# what pip says when the index cannot be reached or does not answer as an index
_INDEX_TROUBLE = ("Max retries exceeded", "Failed to establish a new connection", "CERTIFICATE_VERIFY_FAILED",
                  "No matching distribution found", "404 Client Error", "Name or service not known")


# -- list / prune ------------------------------------------------------------------------------
@dataclass
class PruneResult:
    removed: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # tag -> why (e.g. used by a container)
    freed_bytes: int = 0


def our_images(client: Any) -> list[Any]:
    """Trainer images this app built (by label); never anyone else's."""
    return client.images.list(filters={"label": f"{LABEL_ROLE}=trainer"})


def prune_images(client: Any, keep: list[str] | tuple[str, ...] = ()) -> PruneResult:
    """Remove the trainer images we built except ``keep`` (tags); images in use are skipped."""
    import docker

    result = PruneResult()
    keep_ids = set()
    for tag in keep:
        try:
            keep_ids.add(client.images.get(tag).id)
        except docker.errors.ImageNotFound:
            pass
    for image in our_images(client):
        if image.id in keep_ids:
            continue
        name = (image.tags or [image.short_id])[0]
        try:
            client.images.remove(image.id, force=False)
            result.removed.append(name)
            result.freed_bytes += int(image.attrs.get("Size", 0))
        except docker.errors.APIError as exc:
            result.skipped[name] = getattr(exc, "explanation", None) or str(exc)
    return result


def prepare_trainer_image(engine: str | None = None, base_image: str = DEFAULT_BASE_IMAGE,
                          on_pull: Callable[[PullProgress], None] | None = None,
                          on_build: Callable[[str], None] | None = None, force: bool = False,
                          index_url: str = "", registry: str = "") -> str:
    """One call for Settings → Docker → "Prepare image" (from a worker thread): connect, pull the
    base when missing (``on_pull`` per engine message; from ``registry`` when set: "paddle-mirror"
    or a host), build the trainer image when missing
    (``on_build`` per output line; pip uses ``index_url`` when given); returns the tag to put in
    ``JobSpec.runner.image``."""
    from core.docker.engine import connect

    client = connect(engine)
    try:
        return build_trainer_image(client, base_image, on_build, pull_progress=on_pull, force=force,
                                   index_url=index_url, registry=registry)
    finally:
        client.close()
