"""Where Paddle images are pulled from: Docker Hub, the Paddle mirror, or an address the user gives.

Many users cannot reach Docker Hub (or only slowly); Paddle's docs publish a mirror that holds the
same names under another host. An image pulled through a mirror is tagged with its usual name
afterwards, so the trainer Dockerfile's FROM and the rest of the app find it as if pulled from the Hub.

``pull_via`` blocks; call it from a worker thread. Errors are ``RunnerError`` with these kinds:
``bad-ref`` (a malformed image name), ``bad-registry`` (a malformed custom address), ``cancelled``,
and the pull kinds of core.docker.images (``no-registry``, ``image-missing``, ``engine-error``).
"""

from __future__ import annotations

import re
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from core.docker.images import PullProgress, pull_image, split_ref
from core.messages import say
from core.runners.base import RunnerError

PADDLE_MIRROR_HOST = "ccr-2vdh3abv-pub.cnc.bj.baidubce.com"
DOCKER_HUB_HOST = "registry-1.docker.io"  # where the engine really talks to for Docker Hub names
_HUB_ALIASES = ("docker.io/", "index.docker.io/", "registry-1.docker.io/")

# the reference grammar of Docker image names (distribution's "reference" rules, written out)
_PATH_PART = re.compile(r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*")
_HOST_PART = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_HOST = re.compile(rf"(?:{_HOST_PART}(?:\.{_HOST_PART})*|\[[0-9A-Fa-f:.]+\])")
_TAG = re.compile(r"\w[\w.-]{0,127}")
_DIGEST = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}")
_MAX_NAME = 255


@dataclass(frozen=True)
class ImageRegistry:
    """One place to pull from. ``kind``: "docker-hub" | "paddle-mirror" | "custom";
    ``address``: host[:port][/prefix] ("" for Docker Hub)."""

    kind: str
    address: str = ""

    @property
    def label(self) -> str:
        """What Settings → Docker shows for it."""
        if self.kind == "docker-hub":
            return "Docker Hub"
        if self.kind == "paddle-mirror":
            return f"Paddle mirror ({PADDLE_MIRROR_HOST})"
        return f"Custom registry ({self.address})"

    @property
    def setting(self) -> str:
        """The string to store in the settings; ``parse_registry`` reads it back."""
        return self.address if self.kind == "custom" else self.kind

    @property
    def host(self) -> str:
        """host[:port] that answers the registry API (/v2/)."""
        if self.kind == "docker-hub":
            return DOCKER_HUB_HOST
        return self.address.split("/", 1)[0]


DOCKER_HUB = ImageRegistry("docker-hub")
PADDLE_MIRROR = ImageRegistry("paddle-mirror", PADDLE_MIRROR_HOST)
PRESET_REGISTRIES = (DOCKER_HUB, PADDLE_MIRROR)


def _split_domain(name: str) -> tuple[str, str]:
    """'host:5000/a/b' -> ('host:5000', 'a/b'); a first part is a host only with '.' or ':' or localhost."""
    first, sep, rest = name.partition("/")
    if sep and ("." in first or ":" in first or first == "localhost"):
        return first, rest
    return "", name


def _check_domain(domain: str) -> str | None:
    if domain.startswith("["):  # an IPv6 literal, [::1]:5000
        host, _, rest = domain.partition("]")
        host, port, has_port = host + "]", rest[1:], rest.startswith(":")
        if rest and not has_port:
            return f"'{domain}' is not a valid registry host"
    else:
        host, has_port, port = domain.partition(":")
    if not _HOST.fullmatch(host):
        return f"'{host}' is not a valid registry host name"
    if has_port and not (port.isdigit() and 0 < int(port) < 65536):
        return f"'{port}' is not a valid port number (1-65535)"
    return None


def _check_path(path: str) -> str | None:
    for part in path.split("/"):
        if not part:
            return f"'{path}' has an empty part between '/' (write names like paddlepaddle/paddle)"
        if part != part.lower() and _PATH_PART.fullmatch(part.lower()):
            return f"repository names must be lowercase: '{path}' (write '{path.lower()}')"
        if not _PATH_PART.fullmatch(part):
            return (f"'{part}' is not a valid repository name part: use lowercase letters and digits, "
                    "with '.', '_' or '-' only between them")
    return None


def check_image_ref(ref: str) -> str | None:
    """None when ``ref`` is a well-formed image reference, else the reason in one sentence.

    E.g. ``check_image_ref("PaddlePaddle/paddle:2.6.2")`` ->
    "repository names must be lowercase: 'PaddlePaddle/paddle' (write 'paddlepaddle/paddle')".
    """
    if not ref or not ref.strip():
        return "the image name is empty"
    if any(c.isspace() for c in ref):
        return f"an image name cannot contain spaces: '{ref}'"
    if "://" in ref:
        return f"an image name has no scheme in front: write '{ref.split('://', 1)[1]}' without '{ref.split('://')[0]}://'"
    name, _, digest = ref.partition("@")
    if digest and not _DIGEST.fullmatch(digest):
        return f"'{digest}' is not a valid digest (sha256:<64 hex digits>)"
    tag = ""
    last_slash, last_colon = name.rfind("/"), name.rfind(":")
    if last_colon > last_slash:
        name, tag = name[:last_colon], name[last_colon + 1:]
        if not _TAG.fullmatch(tag):
            return (f"the tag '{tag}' is not valid: up to 128 letters, digits, '_', '.' or '-', "
                    "not starting with '.' or '-'")
    if not name:
        return f"'{ref}' has no repository name before the tag"
    if len(name) > _MAX_NAME:
        return f"the repository name is longer than {_MAX_NAME} characters"
    domain, path = _split_domain(name)
    if domain and (problem := _check_domain(domain)):
        return problem
    return _check_path(path)


def check_registry_address(address: str) -> str | None:
    """None when ``address`` is a usable host[:port][/prefix], else the reason.

    E.g. "mirror.example.com", "127.0.0.1:5000", "harbor.corp.cn/paddle" are fine.
    """
    text = address.strip()
    if not text:
        return "the registry address is empty"
    if "://" in text:
        return f"write the registry address without '{text.split('://')[0]}://': '{text.split('://', 1)[1]}'"
    if any(c.isspace() for c in text):
        return f"a registry address cannot contain spaces: '{text}'"
    if any(c in text for c in "@?#"):
        return f"'{text}' is not a registry address (host[:port][/prefix], e.g. mirror.example.com:5000)"
    domain, _, prefix = text.rstrip("/").partition("/")
    if problem := _check_domain(domain):
        return problem
    if prefix:
        return _check_path(prefix)
    return None


def parse_registry(text: str | None) -> ImageRegistry:
    """The registry a setting or a ``--registry`` value names: "docker-hub" (or "hub", or empty),
    "paddle-mirror" (or "paddle"), else a custom host[:port][/prefix]. RunnerError(bad-registry)
    when the address is malformed. A leading https:// is dropped (engines speak HTTPS anyway)."""
    value = (text or "").strip()
    if value.lower() in ("", "docker-hub", "dockerhub", "hub", "docker.io"):
        return DOCKER_HUB
    if value.lower() in ("paddle-mirror", "paddle", PADDLE_MIRROR_HOST):
        return PADDLE_MIRROR
    if value.lower().startswith("https://"):
        value = value[len("https://"):]
    value = value.rstrip("/")
    if problem := check_registry_address(value):
        raise RunnerError(f"The registry address '{text}' cannot be used: {problem}.",
                          "Write host[:port][/prefix], e.g. mirror.example.com:5000 or harbor.corp.cn/paddle, "
                          "in Settings → Docker → Registry.", kind="bad-registry")
    return ImageRegistry("custom", value)


def _as_registry(registry: ImageRegistry | str | None) -> ImageRegistry:
    return registry if isinstance(registry, ImageRegistry) else parse_registry(registry)


def mirror_ref(ref: str, registry: ImageRegistry | str | None) -> str:
    """The name to pull ``ref`` (a Docker Hub name) under from ``registry``.

    Docker Hub: ``ref`` as is. A mirror: its address in front of the Hub path, official images
    under library/ (``python:3.11`` -> ``<mirror>/library/python:3.11``). A ref that already names
    another registry (``host:5000/x:1``) is not a Hub image and is returned unchanged.
    """
    reg = _as_registry(registry)
    if reg.kind == "docker-hub":
        return ref
    path = ref
    for alias in _HUB_ALIASES:
        if path.startswith(alias):
            path = path[len(alias):]
            break
    else:
        if _split_domain(path.split("@", 1)[0])[0]:
            return ref
    if "/" not in path.split("@", 1)[0].split(":", 1)[0]:
        path = "library/" + path
    return f"{reg.address}/{path}"


def pull_via(client: Any, ref: str, registry: ImageRegistry | str | None,
             progress: Callable[[PullProgress], None] | None = None,
             cancel: threading.Event | None = None) -> str:
    """Pull ``ref`` from ``registry`` and tag it ``ref``; returns the name it was pulled under.

    ``progress`` gets the per-layer byte state on every engine message (see ``PullProgress``);
    setting ``cancel`` stops the pull (RunnerError kind "cancelled"). The mirror's name is kept
    as a second tag of the same image (it costs no space).
    """
    if problem := check_image_ref(ref):
        raise RunnerError(f"The image name '{ref}' is not valid: {problem}.",
                          "Correct the image name in Settings → Docker.", kind="bad-ref")
    reg = _as_registry(registry)
    if "@" in ref and reg.kind != "docker-hub":
        raise RunnerError(f"The image {ref} is named by digest; a mirrored image can only get its usual "
                          "name back through a tag.", "Choose the image by its tag (name:tag).", kind="bad-ref")
    source = mirror_ref(ref, reg)
    try:
        pull_image(client, source, progress, cancel)
    except RunnerError as exc:
        if reg.kind == "docker-hub" or exc.kind not in ("no-registry", "image-missing"):
            raise
        raise RunnerError(f"{exc.args[0]} (pulled through {reg.label})",
                          "Choose another registry in Settings → Docker, or carry the image in with "
                          "Load image from file….", kind=exc.kind) from None
    if source != ref:
        repo, tag = split_ref(ref)
        client.api.tag(source, repo, tag=tag)
    return source


def _is_loopback(host: str) -> bool:
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    return name in ("localhost", "[::1]") or name.startswith("127.")


def registry_reachable(registry: ImageRegistry | str | None, timeout: float = 3) -> tuple[bool, str]:
    """Whether the registry's API answers, for the doctor: GET https://<host>/v2/ (HTTP for
    127.0.0.1/localhost, which engines also reach without TLS). 200 or 401 (login wanted) means
    reachable. Never raises; the detail says what was seen, e.g. "HTTP 401 from ... in 80 ms"."""
    try:
        reg = _as_registry(registry)
    except RunnerError as exc:
        return False, exc.args[0]
    scheme = "http" if _is_loopback(reg.host) else "https"
    url = f"{scheme}://{reg.host}/v2/"
    # the engine uses its own proxy settings; for a loopback address no proxy ever applies
    handlers = [urllib.request.ProxyHandler({})] if scheme == "http" else []
    opener = urllib.request.build_opener(*handlers)
    started = time.monotonic()
    try:
        with opener.open(urllib.request.Request(url, method="GET"), timeout=timeout) as answer:
            code = answer.status
    except urllib.error.HTTPError as exc:
        code = exc.code
    except (urllib.error.URLError, OSError) as exc:
        return False, say("registry.url-reason", "{url}: {reason}", url=url, reason=_network_reason(exc, timeout))
    took = f"{(time.monotonic() - started) * 1000:.0f} ms"
    if code in (200, 401):
        return True, f"HTTP {code} from {url} in {took}"
    return False, f"{url} answered HTTP {code}: not a Docker registry there"


def _network_reason(exc: BaseException, timeout: float) -> str:
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, (socket.timeout, TimeoutError)) or "timed out" in str(reason):
        return say("registry.no-answer", "no answer within {timeout:g} s", timeout=timeout)
    if isinstance(reason, ConnectionRefusedError):
        return say("registry.refused", "connection refused (nothing listens there)")
    if isinstance(reason, socket.gaierror):
        return say("registry.no-dns", "the host name cannot be resolved (no DNS or no network)")
    if isinstance(reason, ssl.SSLError):
        return say("registry.tls-failed", "TLS failed ({reason})", reason=reason)
    return str(reason)
