"""The GPUs of a remote engine's host: a small sampler container running nvidia-smi there.

NVML and nvidia-smi on this computer see only its own GPUs. For an engine on another host the
app starts one container with GPU access (the NVIDIA runtime puts nvidia-smi into it) whose
output is a stream of nvidia-smi CSV blocks, read through the engine's log stream:

    once:      nvidia-smi --query-gpu=index,compute_cap,driver_version --format=csv
    each tick: nvidia-smi --query-gpu=<QUERY_GPU_FIELDS> --format=csv
               nvidia-smi --query-compute-apps=<QUERY_APPS_FIELDS> --format=csv
(one after the other in a shell loop rather than two ``--loop-ms`` processes, whose lines would
interleave in the one log stream). Each block is parsed by core.gpu.smi's parsers. The process
PIDs are the host's, so core.gpu.attribution with that engine's client (``docker top``) names
the run of each process, as for local containers. ``StreamReplaySource`` plays a recorded
stream back for tests and demos.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from core.gpu.model import GpuSample, Snapshot
from core.gpu.smi import (
    QUERY_APPS_FIELDS,
    QUERY_GPU_FIELDS,
    QUERY_STATIC_FIELDS,
    parse_compute_apps_csv,
    parse_query_gpu_csv,
)
from core.gpu.source import NoGpuError

ROLE = "gpu-sampler"
LABEL_ROLE = "paddledesk.role"
FIRST_SAMPLE_TIMEOUT = 15.0


def sampler_script(interval_s: float = 1.0) -> str:
    """The shell loop the sampler container runs."""
    return (f"nvidia-smi --query-gpu={QUERY_STATIC_FIELDS} --format=csv || exit 1; "
            f"while :; do nvidia-smi --query-gpu={QUERY_GPU_FIELDS} --format=csv || exit 1; "
            f"nvidia-smi --query-compute-apps={QUERY_APPS_FIELDS} --format=csv; sleep {interval_s:g}; done")


class SmiStreamParser:
    """Turns the sampler's lines into Snapshots: a header line starts a block, a GPU block is one
    snapshot, and the apps block after it adds its processes."""

    def __init__(self, source: str = "remote nvidia-smi"):
        self.source = source
        self.static: dict[int, GpuSample] = {}
        self._kind = ""
        self._lines: list[str] = []
        self._pending: Snapshot | None = None

    def feed_line(self, line: str) -> list[Snapshot]:
        """Add one line; the snapshots completed by it."""
        line = line.rstrip("\r\n")
        if not line.strip():
            return []
        kind = _header_kind(line)
        if kind is None:
            self._lines.append(line)
            return []
        done = self._close_block()
        self._kind, self._lines = kind, [line]
        return done

    def flush(self) -> list[Snapshot]:
        """The snapshots still held at the end of a stream."""
        done = self._close_block()
        if self._pending is not None:
            done.append(self._pending)
            self._pending = None
        self._kind, self._lines = "", []
        return done

    def _close_block(self) -> list[Snapshot]:
        text = "\n".join(self._lines)
        out: list[Snapshot] = []
        if self._kind == "static":
            self.static = {g.index: g for g in parse_query_gpu_csv(text)}
        elif self._kind == "gpu":
            if self._pending is not None:  # a GPU block without processes after it
                out.append(self._pending)
            gpus = parse_query_gpu_csv(text)
            for g in gpus:
                fixed = self.static.get(g.index)
                if fixed is not None:
                    g.compute_capability = g.compute_capability or fixed.compute_capability
                    g.driver_version = g.driver_version or fixed.driver_version
            self._pending = Snapshot(ts=time.time(), gpus=gpus, source=self.source)
        elif self._kind == "apps" and self._pending is not None:
            uuids = {g.uuid: g.index for g in self._pending.gpus}
            self._pending.processes = parse_compute_apps_csv(text, uuids)
            out.append(self._pending)
            self._pending = None
        self._lines = []
        return out


def _header_kind(line: str) -> str | None:
    first = line.split(",", 1)[0].strip()
    if first == "pid":
        return "apps"
    if first != "index":
        return None
    return "gpu" if "utilization.gpu" in line else "static"


def parse_stream(text: str, source: str = "remote nvidia-smi") -> list[Snapshot]:
    """Every snapshot of a recorded sampler stream."""
    parser = SmiStreamParser(source)
    out: list[Snapshot] = []
    for line in text.splitlines():
        out.extend(parser.feed_line(line))
    return out + parser.flush()


class RemoteGpuSource:
    """GPU samples of an engine's host from the sampler container (a GpuSource)."""

    def __init__(self, client: Any, image: str, engine: str = "", interval_s: float = 1.0):
        import docker
        from docker.types import DeviceRequest

        self.name = f"nvidia-smi on {engine or 'the engine'}"
        self._client = client
        self._latest: Snapshot | None = None
        self._arrived = threading.Event()
        self._ended = ""
        name = f"paddledesk-gpu-sampler-{time.time_ns() % 10**10}"
        try:
            self._container = client.containers.run(
                image, ["sh", "-c", sampler_script(interval_s)], entrypoint=[], detach=True,
                device_requests=[DeviceRequest(count=-1, capabilities=[["gpu", "utility"]])],
                labels={LABEL_ROLE: ROLE}, network_mode="none", read_only=True, cap_drop=["ALL"],
                security_opt=["no-new-privileges"], name=name)
        except docker.errors.APIError as exc:
            text = str(getattr(exc, "explanation", None) or exc)
            try:  # a GPU request fails at start, after create: the created container is left behind
                client.containers.get(name).remove(force=True)
            except docker.errors.APIError:
                pass
            raise NoGpuError(f"the engine {engine} cannot give GPUs to containers ({text})",
                             "install the NVIDIA Container Toolkit on that host and restart Docker there") from None
        self._parser = SmiStreamParser(self.name)
        threading.Thread(target=self._read, daemon=True, name="remote-gpu-sampler").start()

    def _read(self) -> None:
        buffer = b""
        try:
            for chunk in self._container.logs(stream=True, follow=True):
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                for line in lines:
                    for snap in self._parser.feed_line(line.decode("utf-8", errors="replace")):
                        self._latest = snap
                        self._arrived.set()
        except Exception as exc:  # noqa: BLE001 - the engine went away: sample() says so
            self._ended = str(exc)
        self._ended = self._ended or "the sampler container ended"
        self._arrived.set()

    def sample(self) -> Snapshot:
        if not self._arrived.wait(FIRST_SAMPLE_TIMEOUT) or self._latest is None:
            raise NoGpuError(f"no GPU sample from {self.name}: {self._ended or 'nothing arrived'}",
                             "check that nvidia-smi works on that host")
        snap = self._latest
        return Snapshot(ts=time.time(), gpus=snap.gpus, processes=snap.processes, source=self.name)

    def close(self) -> None:
        try:
            self._container.remove(force=True)
        except Exception:  # noqa: BLE001 - already gone with its engine
            pass


class StreamReplaySource:
    """A recorded sampler stream played back: each ``sample`` is the next snapshot, in a loop."""

    def __init__(self, text: str, name: str = "recorded remote nvidia-smi"):
        self.name = name
        self.snapshots = parse_stream(text, name)
        if not self.snapshots:
            raise NoGpuError("the recorded sampler stream holds no GPU sample", "record one with the sampler")
        self._next = 0

    def sample(self) -> Snapshot:
        snap = self.snapshots[self._next % len(self.snapshots)]
        self._next += 1
        return Snapshot(ts=time.time(), gpus=snap.gpus, processes=snap.processes, source=self.name)

    def close(self) -> None:
        pass


def remote_hardware(client: Any, image: str, engine: str = ""):
    """The engine host's GPUs as core.docker.choose.Hardware (for the doctor and the image choice)."""
    from core.docker.choose import Hardware, hardware_of

    try:
        source = RemoteGpuSource(client, image, engine)
    except NoGpuError as exc:
        return Hardware(gpus=[], reason=exc.reason)
    try:
        return hardware_of(source.sample())
    except NoGpuError as exc:
        return Hardware(gpus=[], reason=exc.reason)
    finally:
        source.close()
