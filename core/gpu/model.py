"""What a GPU sample is: one reading of every GPU and of the processes using them.

A reading a GPU cannot give (the fan of a data-centre card, say) is a value, not an error:
the field is None and its name is listed in `GpuSample.unsupported`, so views print "N/A".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from core import formatting

MIB = 1024 * 1024
GIB = 1024 * MIB
NOT_SUPPORTED = "N/A"

# numeric fields of GpuSample, in the order the history keeps them
METRICS = (
    "util_pct",
    "mem_util_pct",
    "mem_used_pct",
    "temp_c",
    "power_w",
    "sm_clock_mhz",
)


@dataclass
class GpuProcess:
    """One process holding memory on a GPU (host PID, as NVML reports it)."""

    pid: int
    gpu: int
    used_bytes: int | None
    name: str = ""


@dataclass
class GpuSample:
    """One GPU at one moment."""

    index: int
    uuid: str = ""
    name: str = ""
    util_pct: float | None = None
    mem_util_pct: float | None = None
    mem_used_bytes: int | None = None
    mem_total_bytes: int | None = None
    temp_c: float | None = None
    power_w: float | None = None
    power_limit_w: float | None = None
    sm_clock_mhz: float | None = None
    mem_clock_mhz: float | None = None
    fan_pct: float | None = None
    pstate: str | None = None
    # static facts the image choice needs: "9.0"; the driver ("580.95.05") and the highest CUDA it runs ("13.0")
    compute_capability: str | None = None
    driver_version: str | None = None
    cuda_driver_version: str | None = None
    unsupported: frozenset[str] = field(default_factory=frozenset)

    @property
    def mem_free_bytes(self) -> int | None:
        if self.mem_used_bytes is None or self.mem_total_bytes is None:
            return None
        return max(0, self.mem_total_bytes - self.mem_used_bytes)

    @property
    def mem_used_pct(self) -> float | None:
        if not self.mem_total_bytes or self.mem_used_bytes is None:
            return None
        return 100.0 * self.mem_used_bytes / self.mem_total_bytes

    def is_supported(self, name: str) -> bool:
        """False where the GPU says it cannot report this reading (shown as N/A)."""
        return name not in self.unsupported

    def metric(self, name: str) -> float:
        """A numeric reading as float, NaN when absent (what the charts plot as a gap)."""
        value = getattr(self, name)
        return float("nan") if value is None else float(value)


@dataclass
class Snapshot:
    """Every GPU and GPU process at one moment (`ts`: seconds, time.time() or trace time)."""

    ts: float
    gpus: list[GpuSample]
    processes: list[GpuProcess] = field(default_factory=list)
    source: str = ""

    def gpu(self, index: int) -> GpuSample | None:
        for g in self.gpus:
            if g.index == index:
                return g
        return None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (what recordings store)."""
        gpus = []
        for g in self.gpus:
            d = asdict(g)
            d["unsupported"] = sorted(g.unsupported)
            gpus.append(d)
        return {"ts": self.ts, "gpus": gpus, "processes": [asdict(p) for p in self.processes]}

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "replay") -> Snapshot:
        gpus = []
        for d in data.get("gpus", []):
            d = dict(d)
            d["unsupported"] = frozenset(d.get("unsupported", ()))
            gpus.append(GpuSample(**{k: v for k, v in d.items() if k in _GPU_FIELDS}))
        procs = [GpuProcess(**{k: v for k, v in p.items() if k in _PROC_FIELDS}) for p in data.get("processes", [])]
        return cls(ts=float(data.get("ts", 0.0)), gpus=gpus, processes=procs, source=source)


_GPU_FIELDS = set(GpuSample.__dataclass_fields__)
_PROC_FIELDS = set(GpuProcess.__dataclass_fields__)


def format_bytes(n: int | None) -> str:
    """Binary units as nvidia-smi counts them (MiB/GiB); "N/A" when unknown, like the other readings."""
    return formatting.format_bytes(n, unknown=NOT_SUPPORTED)
