"""The sampler interface: a source gives Snapshots; `open_source` picks the best one available."""

from __future__ import annotations

from typing import Protocol

from core.errors import UserFacingError
from core.gpu.model import Snapshot
from core.messages import join, say


class NoGpuError(UserFacingError, RuntimeError):
    """No NVIDIA GPU can be read on this machine; `reason` says why, `hint` what to do."""

    kind = "no-gpu"

    def __init__(self, reason: str, hint: str = "", details: list[str] | None = None):
        super().__init__(reason, hint)
        self.reason = reason
        self.details = details or []

    def __str__(self) -> str:
        return f"{self.reason}. {self.hint}".strip() if self.hint else self.reason


class GpuSource(Protocol):
    """Anything that reads all GPUs at once."""

    name: str

    def sample(self) -> Snapshot:
        """One reading of every GPU and GPU process."""
        ...

    def close(self) -> None:
        """Release the library / files held."""
        ...


def open_source(kind: str = "auto", trace: str | None = None) -> GpuSource:
    """NVML (default), else `nvidia-smi`; `kind` forces one: auto | nvml | smi | replay.

    Raises NoGpuError naming every reason when nothing can be read.
    """
    if kind == "replay" or trace:
        from core.gpu.replay import ReplaySource

        if not trace:
            raise NoGpuError(say("gpu.replay-needs-trace", "replay needs a trace file"),
                             say("gpu.hint-trace", "pass the path of a recorded trace (.json)"))
        return ReplaySource.from_file(trace)
    if kind not in ("auto", "nvml", "smi"):
        raise NoGpuError(say("gpu.unknown-source", "unknown GPU source {kind!r}", kind=kind),
                         say("gpu.hint-sources", "use auto, nvml, smi or replay"))
    reasons: list[str] = []
    for name, label, opener in (("nvml", "NVML", _nvml), ("smi", "nvidia-smi", _smi)):
        if kind not in ("auto", name):
            continue
        try:
            return opener()
        except NoGpuError as exc:
            reasons.append(say("gpu.reason-of", "{source}: {reason}", source=label, reason=exc.reason))
            if kind == name:
                raise
    raise NoGpuError(
        say("gpu.none-found", "no NVIDIA GPU or driver found ({reasons})", reasons=join(reasons)),
        say("gpu.hint-driver-or-cpu", "install the NVIDIA driver, or train on the CPU"),
        reasons,
    )


def _nvml() -> GpuSource:
    from core.gpu.nvml import NvmlSource  # imported late: pynvml may be missing

    return NvmlSource()


def _smi() -> GpuSource:
    from core.gpu.smi import SmiSource

    return SmiSource()
