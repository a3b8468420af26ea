"""The Docker engines the app may train on: this computer's, plus remote ones added by address.

A remote engine is ``ssh://user@host[:port]`` (docker-py's SSH transport: keys, known hosts and
host aliases come from the user's ~/.ssh, through paramiko) or ``tcp://host:2376`` with TLS
client certificates (a folder holding ca.pem, cert.pem and key.pem, as ``DOCKER_CERT_PATH``).
A plain ``tcp://`` to another computer is refused: whoever reaches that port is root there.

Only a ``unix://`` or ``npipe://`` engine shares this computer's files: every other address, even
on loopback (it may be a tunnel to another host), gets the run through a volume
(core.runners.docker_remote). The list lives in ``engines.json`` in the user's config folder
(``$PADDLEDESK_ENGINES_FILE`` overrides it); the first entry, this computer, is never stored.
"""

from __future__ import annotations

import ipaddress
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from core.runners.base import RunnerError

LOCAL_NAME = "This computer"
# sshd allows 10 sessions on one SSH connection (MaxSessions), and docker-py's ssh:// client holds
# one per recently used API path (9 by default) plus one per request in flight: a few pools
# leave room for the blocking waits and the short calls beside them
SSH_POOLS = 2
TLS_FILES = ("ca.pem", "cert.pem", "key.pem")
_SCHEMES = ("unix", "npipe", "ssh", "tcp")


@dataclass(frozen=True)
class EngineEntry:
    """One engine: a name for people, its address, and for TLS the folder of client certificates."""

    name: str
    url: str
    tls_dir: str = ""

    @property
    def transport(self) -> str:
        """'local' (a socket of this computer), 'ssh' or 'tls' (or 'tcp' on loopback without TLS)."""
        scheme = urlparse(self.url).scheme
        if scheme in ("unix", "npipe"):
            return "local"
        if scheme == "tcp":
            return "tls" if self.tls_dir else "tcp"
        return scheme

    @property
    def remote(self) -> bool:
        """True when the engine cannot see this computer's files (no bind mounts there)."""
        return shares_files(self.url) is False


def shares_files(url: str) -> bool:
    """Whether an engine at ``url`` sees this computer's folders: only a local socket does."""
    return urlparse(url).scheme in ("unix", "npipe") or url.startswith("/")


def _loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def address_problem(url: str, tls_dir: str = "") -> str | None:
    """Why an engine address cannot be used (None when it can), in words a user acts on."""
    parsed = urlparse(url.strip())
    if parsed.scheme not in _SCHEMES:
        return (f"{url!r} is not a Docker engine address; write ssh://user@host, tcp://host:2376 "
                "(with TLS certificates) or unix:///path/to/docker.sock")
    if parsed.scheme == "ssh" and not parsed.hostname:
        return f"{url!r} names no host; write it like ssh://user@gpu-server"
    if parsed.scheme == "tcp":
        if not parsed.hostname:
            return f"{url!r} names no host; write it like tcp://gpu-server:2376"
        if tls_dir:
            missing = [name for name in TLS_FILES if not (Path(tls_dir) / name).is_file()]
            if missing:
                return (f"the TLS folder {tls_dir} lacks {', '.join(missing)}; it needs ca.pem, cert.pem "
                        "and key.pem (the client certificates made for this engine)")
        elif not _loopback(parsed.hostname):
            return (f"{url} without TLS is refused: anyone who can reach port {parsed.port or 2375} "
                    f"on {parsed.hostname} is root there. Use ssh://user@{parsed.hostname}, or "
                    "tcp:// with the engine's TLS client certificates (ca.pem, cert.pem, key.pem)")
    return None


def engines_file() -> Path:
    """Where the list of remote engines is kept."""
    override = os.environ.get("PADDLEDESK_ENGINES_FILE", "").strip()
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("PaddleDesk", appauthor=False)) / "engines.json"


class EngineList:
    """This computer's engine plus the stored remote ones; add/remove write the file at once."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else engines_file()

    def _stored(self) -> list[EngineEntry]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as exc:
            raise ValueError(f"{self.path}: not a list of engines ({exc}); fix or delete the file") from None
        items = data.get("engines", []) if isinstance(data, dict) else []
        return [EngineEntry(str(e.get("name", "")), str(e.get("url", "")), str(e.get("tls_dir", "")))
                for e in items if isinstance(e, dict) and e.get("url")]

    def entries(self) -> list[EngineEntry]:
        """This computer first, then the remote engines in the order they were added."""
        from core.docker.engine import engine_url

        return [EngineEntry(LOCAL_NAME, engine_url(None)), *self._stored()]

    def find(self, key: str) -> EngineEntry | None:
        """The entry with this name or address."""
        wanted = key.strip()
        return next((e for e in self.entries() if wanted in (e.name, e.url)), None)

    def add(self, name: str, url: str, tls_dir: str = "") -> EngineEntry:
        """Store a remote engine; ValueError with the reason when the address cannot be used."""
        url, name = url.strip(), (name.strip() or url.strip())
        tls_dir = str(Path(tls_dir).expanduser().resolve()) if tls_dir else ""
        problem = address_problem(url, tls_dir)
        if problem:
            raise ValueError(problem)
        stored = self._stored()
        if any(e.name == name or e.url == url for e in stored) or name == LOCAL_NAME:
            raise ValueError(f"an engine named {name!r} or at {url} is already in the list; remove it first")
        entry = EngineEntry(name, url, tls_dir)
        self._write([*stored, entry])
        return entry

    def remove(self, key: str) -> bool:
        """Forget a remote engine (by name or address); False when none matched."""
        stored = self._stored()
        kept = [e for e in stored if key.strip() not in (e.name, e.url)]
        if len(kept) == len(stored):
            return False
        self._write(kept)
        return True

    def _write(self, entries: list[EngineEntry]) -> None:
        from core.runs import atomic_write_text

        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(self.path, json.dumps({"engines": [asdict(e) for e in entries]}, indent=2))


def entry_for(url: str) -> EngineEntry:
    """The configured entry for an address (its TLS folder), else a bare one."""
    try:
        found = EngineList().find(url)
    except ValueError:
        found = None
    return found if found is not None and found.url == url else EngineEntry(url, url)


def open_client(url: str, timeout: int) -> Any:
    """A ``docker.DockerClient`` for ``url`` with its TLS certificates or over SSH; RunnerError
    (kind engine-insecure) for a plain tcp:// to another computer."""
    import docker

    entry = entry_for(url)
    problem = address_problem(url, entry.tls_dir)
    if problem:
        raise RunnerError(problem, "add the engine in Settings → Docker → Engines with its TLS folder, "
                          "or use ssh://", kind="engine-insecure")
    if entry.transport == "ssh":
        # paramiko: the user's ~/.ssh/config, known_hosts and keys; an unknown host key is refused
        return docker.DockerClient(base_url=url, timeout=timeout, use_ssh_client=False, num_pools=SSH_POOLS)
    if entry.transport != "tls":
        return docker.DockerClient(base_url=url, timeout=timeout)
    from docker.tls import TLSConfig

    folder = Path(entry.tls_dir)
    tls = TLSConfig(client_cert=(str(folder / "cert.pem"), str(folder / "key.pem")),
                    ca_cert=str(folder / "ca.pem"), verify=True)
    client = object.__new__(docker.DockerClient)
    client.api = _tls_api_client(base_url=url.replace("tcp://", "https://", 1), tls=tls, timeout=timeout)
    return client


@contextmanager
def stream_client(client: Any, url: str, timeout: int) -> Iterator[Any]:
    """The client for a request that stays open (a file followed for hours): ``client``, but over
    ssh:// one of its own on an SSH connection of its own, closed after, so the open request
    never takes a session the short calls on ``client``'s connection need (MaxSessions)."""
    if urlparse(url).scheme != "ssh":
        yield client
        return
    own = open_client(url, timeout)
    try:
        yield own
    finally:
        own.close()


def _tls_api_client(**kwargs: Any) -> Any:
    import docker

    class EngineOnlyAPIClient(docker.APIClient):
        """Ignores REQUESTS_CA_BUNDLE and proxy variables: with them requests would check the
        engine's certificate against the system CAs instead of its own CA, and send the API
        through a proxy."""

        trust_env = property(lambda self: False, lambda self, _value: None)

    return EngineOnlyAPIClient(**kwargs)


def remote_connect_error(exc: BaseException, url: str) -> RunnerError | None:
    """A named error for what SSH or TLS raised while connecting (None: not theirs)."""
    chain, seen = [], exc
    while seen is not None and seen not in chain:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    text = " ".join(f"{type(e).__name__}: {e}" for e in chain)
    host = urlparse(url).hostname or url
    if "not found in known_hosts" in text or "BadHostKeyException" in text:
        return RunnerError(f"{host}'s SSH host key is not known to this computer ({url}).",
                           f"connect once with `ssh {host}` and accept its key (it goes into ~/.ssh/known_hosts)",
                           kind="engine-ssh-host-key")
    if "AuthenticationException" in text or "No authentication methods" in text:
        return RunnerError(f"SSH refused the login to {url}.",
                           "add your public key to the server's ~/.ssh/authorized_keys, or load it into "
                           "your ssh agent (ssh-add); the user must be allowed to use Docker there",
                           kind="engine-ssh-auth")
    if "SSLError" in text or "CERTIFICATE_VERIFY_FAILED" in text or "certificate" in text.lower():
        return RunnerError(f"The TLS handshake with {url} failed: {chain[-1]}",
                           "check that ca.pem, cert.pem and key.pem in the engine's TLS folder were made "
                           "for this engine", kind="engine-tls")
    return None


def engine_image(client: Any) -> str | None:
    """An image already on the engine to run small probes in (a trainer image; None when none)."""
    from core.docker.images import TRAINER_REPO

    for image in client.images.list(name=TRAINER_REPO):
        if image.tags:
            return image.tags[0]
    return None


def remote_free_disk(client: Any, image: str) -> int | None:
    """Free bytes on the engine host's disk for images: `df` of a container's root, which lives in
    the engine's data root (this computer cannot look at another computer's folders)."""
    try:
        out = client.containers.run(image, ["df", "-Pk", "/"], entrypoint=[], remove=True, network_mode="none")
        return int(out.decode().splitlines()[-1].split()[3]) * 1024
    except Exception:  # noqa: BLE001 - no answer is "cannot tell", not a failure of the check
        return None


def check_entry(entry: EngineEntry, image: str | None = None, registry: str | None = None,
                registry_timeout: float = 3.0):
    """The doctor for one engine of the list: reachable, version, NVIDIA runtime, GPUs and disk
    of *that* host (a remote host's GPUs come from a sampler container there). Never raises."""
    from core.docker.doctor import OK, PROBLEM, UNKNOWN, Check, run_doctor
    from core.docker.engine import connect

    if not entry.remote:
        return run_doctor(engine=entry.url, image=image, registry=registry, registry_timeout=registry_timeout)
    from core.docker.choose import Hardware
    from core.gpu.remote import remote_hardware

    probe_image = free = None
    try:
        client = connect(entry.url)
        probe_image = engine_image(client)
        no_image = f"no image on {entry.name} to run nvidia-smi in yet (copy the trainer image there)"
        hardware = remote_hardware(client, probe_image, entry.name) if probe_image else Hardware(reason=no_image)
        free = remote_free_disk(client, probe_image) if probe_image else None
        client.close()
    except RunnerError as exc:
        hardware = Hardware(reason=str(exc.args[0]) if exc.args else "the engine did not answer")
    report = run_doctor(engine=entry.url, image=image, registry=registry, hardware=hardware,
                        registry_timeout=registry_timeout)
    title = "Free disk for images"
    if free is not None:
        from core.docker.catalogue import load_catalogue

        known = load_catalogue().find(report.image)
        need = int((known.size_gb or 0) * 2**30 * 1.2) if known else 0  # as the local doctor asks
        disk = Check("disk", title, OK if free >= need else PROBLEM,
                     f"{free / 2**30:.1f} GiB free on {entry.name}'s disk" +
                     (f" ({report.image} needs about {need / 2**30:.0f} GiB)" if need else ""),
                     "free some space there (docker system prune)")
    else:
        disk = Check("disk", title, UNKNOWN, f"{entry.name}'s disk could not be measured",
                     "make sure the engine's disk has room for the image")
    report.checks = [disk if c.key == "disk" else c for c in report.checks]
    return report
