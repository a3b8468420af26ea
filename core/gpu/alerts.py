"""Alerts a dashboard shows: memory nearly full, too hot, and idle while its run trains."""

from __future__ import annotations

from dataclasses import dataclass

from core.gpu.attribution import AttributedProcess
from core.gpu.model import Snapshot


@dataclass(frozen=True)
class Alert:
    """One condition on one GPU, active since `since` (snapshot time)."""

    kind: str  # memory | temperature | idle
    gpu: int
    message: str
    since: float
    run_id: str = ""


@dataclass
class AlertRules:
    """Thresholds; idle needs `idle_s` seconds below `idle_util_pct` so an eval pause is not an alert."""

    mem_pct: float = 95.0
    temp_c: float = 85.0
    idle_util_pct: float = 10.0
    idle_s: float = 10.0


def training_runs_by_gpu(processes: list[AttributedProcess]) -> dict[int, str]:
    """GPU index -> id of a run in its "training" phase with a process on that GPU."""
    out: dict[int, str] = {}
    for ap in processes:
        if ap.owner is not None and ap.owner.phase == "training":
            out.setdefault(ap.process.gpu, ap.owner.run_id)
    return out


class AlertMonitor:
    """Turns snapshots into the set of active alerts; remembers since when each condition holds."""

    def __init__(self, rules: AlertRules | None = None):
        self.rules = rules or AlertRules()
        self._since: dict[tuple[str, int], float] = {}
        self.active: list[Alert] = []

    def update(self, snap: Snapshot, training: dict[int, str] | None = None) -> list[Alert]:
        """Active alerts after this snapshot; `training` maps GPU index -> training run id."""
        r = self.rules
        training = training or {}
        holds: dict[tuple[str, int], tuple[str, str]] = {}
        for g in snap.gpus:
            used = g.mem_used_pct
            if used is not None and used > r.mem_pct:
                holds[("memory", g.index)] = (f"GPU {g.index} memory {used:.0f} % full (over {r.mem_pct:.0f} %)", "")
            if g.temp_c is not None and g.temp_c > r.temp_c:
                holds[("temperature", g.index)] = (f"GPU {g.index} at {g.temp_c:.0f} °C (over {r.temp_c:.0f} °C)", "")
            run_id = training.get(g.index)
            if run_id and g.util_pct is not None and g.util_pct < r.idle_util_pct:
                holds[("idle", g.index)] = (
                    f"GPU {g.index} idle ({g.util_pct:.0f} %) while run {run_id} trains: "
                    "data loading is likely the bottleneck (more workers, larger batch)",
                    run_id,
                )
        self._since = {k: self._since.get(k, snap.ts) for k in holds}
        active = []
        for (kind, gpu), (message, run_id) in holds.items():
            since = self._since[(kind, gpu)]
            if kind == "idle" and snap.ts - since < r.idle_s:
                continue
            active.append(Alert(kind, gpu, message, since, run_id))
        self.active = sorted(active, key=lambda a: (a.gpu, a.kind))
        return self.active
