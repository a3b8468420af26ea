"""Recorded GPU sessions: save what a sampler saw, and play it back as a source.

Two formats load: our own recording (`{"format": "paddledesk-gpu-trace", "snapshots": [...]}`,
every field of a Snapshot) and the compact list a pynvml script wrote on a real H200 host
(`[{"t", "gpus": [{"i", "util", "memutil", "used", "total", "temp", "power_mw", "sm_clock",
"procs": [[pid, bytes]]}]}]`).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from core.errors import UserFacingError
from core.gpu.model import GpuProcess, GpuSample, Snapshot

FORMAT = "paddledesk-gpu-trace"


class TraceError(UserFacingError, ValueError):
    """A trace file that cannot be replayed; the message names the file and the entry."""

    kind = "trace"


def _compact_snapshot(entry: dict[str, Any]) -> Snapshot:
    gpus, procs = [], []
    for g in entry["gpus"]:
        i = int(g["i"])
        power = g.get("power_mw")
        gpus.append(
            GpuSample(
                index=i,
                uuid=g.get("uuid", ""),
                name=g.get("name", ""),
                util_pct=g.get("util"),
                mem_util_pct=g.get("memutil"),
                mem_used_bytes=g.get("used"),
                mem_total_bytes=g.get("total"),
                temp_c=g.get("temp"),
                power_w=None if power is None else power / 1000.0,
                sm_clock_mhz=g.get("sm_clock"),
            )
        )
        procs.extend(GpuProcess(pid=int(pid), gpu=i, used_bytes=int(used)) for pid, used in g.get("procs", ()))
    return Snapshot(ts=float(entry["t"]), gpus=gpus, processes=procs, source="replay")


def load_trace(path: str | Path) -> list[Snapshot]:
    """Every snapshot of a trace file, in time order."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise TraceError(f"{path}: cannot read the trace ({exc.strerror})") from exc
    except ValueError as exc:
        raise TraceError(f"{path}: not JSON ({exc})") from exc
    if isinstance(data, dict) and data.get("format") == FORMAT:
        entries, convert = data.get("snapshots", []), Snapshot.from_dict
    elif isinstance(data, list):
        entries, convert = data, _compact_snapshot
    else:
        raise TraceError(f"{path}: not a GPU trace (expected a list or a {FORMAT!r} object)")
    out = []
    for n, entry in enumerate(entries):
        try:
            out.append(convert(entry))
        except (KeyError, TypeError, ValueError) as exc:
            raise TraceError(f"{path}: snapshot {n} is malformed ({exc!r})") from exc
    if not out:
        raise TraceError(f"{path}: the trace holds no snapshot")
    return sorted(out, key=lambda s: s.ts)


def save_trace(snapshots: list[Snapshot], path: str | Path, meta: dict[str, Any] | None = None) -> None:
    """Write snapshots as a recording that `load_trace` and ReplaySource read back."""
    doc = {"format": FORMAT, "version": 1, "meta": meta or {}, "snapshots": [s.to_dict() for s in snapshots]}
    Path(path).write_text(json.dumps(doc), encoding="utf-8")


class ReplaySource:
    """Plays recorded snapshots one per `sample()`, stamped as if happening now; loops by default."""

    name = "replay"

    def __init__(self, snapshots: list[Snapshot], loop: bool = True, base_ts: float | None = None):
        if not snapshots:
            raise TraceError("the trace holds no snapshot")
        self.snapshots = snapshots
        self.loop = loop
        self._pos = 0
        t0 = snapshots[0].ts
        self._offsets = [s.ts - t0 for s in snapshots]
        steps = [b - a for a, b in zip(self._offsets, self._offsets[1:])]
        self.period = (sorted(steps)[len(steps) // 2] if steps else 1.0) or 1.0
        self.duration = self._offsets[-1] + self.period
        self._base = time.time() if base_ts is None else base_ts

    @classmethod
    def from_file(cls, path: str | Path, loop: bool = True) -> ReplaySource:
        return cls(load_trace(path), loop=loop)

    @property
    def finished(self) -> bool:
        return not self.loop and self._pos >= len(self.snapshots)

    def sample(self) -> Snapshot:
        """The next recorded snapshot (the last one again once a non-looping trace has ended)."""
        n = len(self.snapshots)
        if self._pos >= n and not self.loop:
            rec, rounds, k = self.snapshots[-1], 0, n - 1
        else:
            rounds, k = divmod(self._pos, n)
            rec = self.snapshots[k]
            self._pos += 1
        ts = self._base + rounds * self.duration + self._offsets[k]
        return Snapshot(ts=ts, gpus=rec.gpus, processes=rec.processes, source=self.name)

    def close(self) -> None:
        """Nothing held."""
