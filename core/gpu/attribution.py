"""Which run owns a GPU process: local runs by process group, container runs through the engine.

NVML reports host PIDs. A local run records `{"kind": "local", "pid", "pgid"}` in its
runner.json; the trainer and its workers share that process group. A container run is labelled
`paddledesk.run=<id>`; the engine gives its host PIDs (`docker top`), and a PID that appeared
since is matched through its cgroup, which names the container.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.gpu.model import GpuProcess, Snapshot, format_bytes
from core.session import local_trainer_alive

RUN_LABEL = "paddledesk.run"
_CONTAINER_ID = re.compile(r"([0-9a-f]{64})")


@dataclass(frozen=True)
class RunOwner:
    """The run a GPU process belongs to."""

    run_id: str
    model: str = ""
    kind: str = "local"  # local | container
    container_id: str = ""
    phase: str = ""  # the run's last phase (training, evaluating, ...), from its events


@dataclass(frozen=True)
class AttributedProcess:
    """A GPU process and, when known, the run that owns it."""

    process: GpuProcess
    owner: RunOwner | None

    def describe(self) -> str:
        """One dashboard line: "run <id> (<model>, container abc123) uses 21.1 GiB on GPU 1"."""
        p, o = self.process, self.owner
        used = format_bytes(p.used_bytes)
        if o is None:
            what = f"pid {p.pid}" + (f" ({p.name})" if p.name else "")
            return f"{what} uses {used} on GPU {p.gpu}"
        where = f"container {o.container_id[:12]}" if o.kind == "container" else f"local pid {p.pid}"
        inside = ", ".join(x for x in (o.model, where) if x)
        return f"run {o.run_id} ({inside}) uses {used} on GPU {p.gpu}"


def read_stat(pid: int, proc_root: Path = Path("/proc")) -> tuple[int, int] | None:
    """(ppid, pgid) of a process from /proc, None when it is gone."""
    try:
        text = (proc_root / str(pid) / "stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    # the command name may hold spaces and parentheses: split after the last ')'
    fields = text.rsplit(")", 1)[-1].split()
    try:
        return int(fields[1]), int(fields[2])
    except (IndexError, ValueError):
        return None


def container_of_pid(pid: int, proc_root: Path = Path("/proc")) -> str | None:
    """The 64-hex container id in a process's cgroup path (docker-<id>.scope, /docker/<id>)."""
    try:
        text = (proc_root / str(pid) / "cgroup").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    m = _CONTAINER_ID.search(text)
    return m.group(1) if m else None


class Attributor:
    """Maps GPU process PIDs to runs of a workspace (and containers of an engine, if given)."""

    def __init__(self, workspace: Any = None, docker_client: Any = None, proc_root: str | Path = "/proc",
                 refresh_s: float = 2.0):
        self.workspace = workspace
        self.docker = docker_client
        self.proc_root = Path(proc_root)
        self.refresh_s = refresh_s
        self._last_refresh = -1e9
        self._by_pgid: dict[int, RunOwner] = {}
        self._by_pid: dict[int, RunOwner] = {}
        self._by_container: dict[str, RunOwner] = {}
        self._histories: dict[str, Any] = {}  # run id -> (RunFollower, RunHistory)
        self.errors: list[str] = []

    def refresh(self) -> None:
        """Re-read the workspace's live runs and the engine's labelled containers."""
        self._last_refresh = time.monotonic()
        by_pgid, by_pid, by_container, errors = {}, {}, {}, []
        if self.workspace is not None:
            for run in self._live_runs():
                info = run.runner_info()
                owner = self._owner(run, info)
                if info.get("kind") == "local":
                    if info.get("pgid"):
                        by_pgid[int(info["pgid"])] = owner
                    if info.get("pid"):
                        by_pid[int(info["pid"])] = owner
                cid = str(info.get("container_id") or info.get("container") or "")
                if cid:
                    by_container[cid] = owner
        if self.docker is not None:
            try:
                self._read_containers(by_pid, by_container)
            except Exception as exc:  # an engine that went away must not stop the dashboard
                errors.append(f"Docker engine: {exc}")
        self._by_pgid, self._by_pid, self._by_container, self.errors = by_pgid, by_pid, by_container, errors

    def _live_runs(self) -> list[Any]:
        out = []
        for run in self.workspace.runs():
            info = run.runner_info()
            # the same liveness as every run list: a later process given the trainer's pid is not it
            if info and (info.get("kind") != "local" or local_trainer_alive(info)):
                out.append(run)
        return out

    def _owner(self, run: Any, info: dict[str, Any], container_id: str = "") -> RunOwner:
        try:
            model = run.job().model.name
        except Exception:  # a half-written job.json: the run is still worth naming
            model = ""
        cid = container_id or str(info.get("container_id") or info.get("container") or "")
        kind = "container" if cid or info.get("kind") == "docker" else "local"
        return RunOwner(run.id, model, kind, cid, self._phase(run))

    def _phase(self, run: Any) -> str:
        from core.events import RunHistory
        from core.runs import RunFollower

        follower, history = self._histories.get(run.id) or (RunFollower(run), RunHistory())
        for event in follower.poll_events():  # incremental: only new lines are read
            history.add(event)
        self._histories[run.id] = (follower, history)
        return history.phase

    def _read_containers(self, by_pid: dict[int, RunOwner], by_container: dict[str, RunOwner]) -> None:
        for c in self.docker.containers.list(ignore_removed=True, filters={"label": RUN_LABEL}):
            run_id = c.labels.get(RUN_LABEL, "")
            owner = self._container_owner(run_id, c)
            by_container[c.id] = owner
            top = c.top()
            titles = top.get("Titles") or []
            if "PID" not in titles:
                continue
            col = titles.index("PID")
            for row in top.get("Processes") or []:
                by_pid[int(row[col])] = owner

    def _container_owner(self, run_id: str, container: Any) -> RunOwner:
        run = None
        if self.workspace is not None and run_id:
            try:
                run = self.workspace.run(run_id)
            except KeyError:
                run = None
        if run is not None:
            return self._owner(run, run.runner_info(), container.id)
        model = container.labels.get("paddledesk.model", "")
        return RunOwner(run_id or container.name, model, "container", container.id, "")

    def owner_of(self, pid: int) -> RunOwner | None:
        """The run owning a host PID: itself, its process group, an ancestor, or its container."""
        if time.monotonic() - self._last_refresh > self.refresh_s:
            self.refresh()
        if pid in self._by_pid:
            return self._by_pid[pid]
        stat = read_stat(pid, self.proc_root)
        if stat is not None:
            ppid, pgid = stat
            if pgid in self._by_pgid:
                return self._by_pgid[pgid]
            # a worker that left the group (setsid) is still a descendant of the trainer
            seen = 0
            while ppid > 1 and seen < 64:
                if ppid in self._by_pid:
                    return self._by_pid[ppid]
                up = read_stat(ppid, self.proc_root)
                if up is None:
                    break
                ppid, seen = up[0], seen + 1
        cid = container_of_pid(pid, self.proc_root)
        if cid and cid in self._by_container:
            return self._by_container[cid]
        return None

    def attribute(self, snap: Snapshot) -> list[AttributedProcess]:
        """Every GPU process of a snapshot with its owning run (None: not ours)."""
        return [AttributedProcess(p, self.owner_of(p.pid)) for p in snap.processes]
