"""The workspace: one folder per run, which is the truth about that run.

```
<workspace>/runs/<id>/job.json       what was asked (never changed after start)
                      data/          the prepared dataset: train/dev/test.jsonl + labels.json
                      events.jsonl   every event (core.events), appended by the trainer
                      train.log      everything the trainer printed
                      runner.json    how it was started: runner kind, pid / container id
                      checkpoints/   last K + best, written atomically
                      export/        the inference model, labels.json, vocab/tokenizer, manifest.json
```
The status of a run is derived from these files alone, so the app can die and come back.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.events import Event, RunHistory, parse_json, parse_line, read_events
from core.jobs import JobSpec
from core.tail import LineTail

ENV_WORKSPACE = "PADDLEDESK_WORKSPACE"
STATUSES = ("created", "running", "finished", "failed", "stopped")


def default_workspace() -> Path:
    """$PADDLEDESK_WORKSPACE, else the platform's user data folder."""
    env = os.environ.get(ENV_WORKSPACE)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("PaddleDesk", appauthor=False)) / "workspace"


@dataclass(frozen=True)
class Run:
    """A run folder and the files in it."""

    path: Path

    @property
    def id(self) -> str:
        return self.path.name

    job_file = property(lambda self: self.path / "job.json")
    data_dir = property(lambda self: self.path / "data")
    events_file = property(lambda self: self.path / "events.jsonl")
    log_file = property(lambda self: self.path / "train.log")
    runner_file = property(lambda self: self.path / "runner.json")
    checkpoints_dir = property(lambda self: self.path / "checkpoints")
    export_dir = property(lambda self: self.path / "export")

    def job(self) -> JobSpec:
        return JobSpec.load(self.job_file)

    def events(self) -> list[Event]:
        return read_events(self.events_file)

    def history(self) -> RunHistory:
        return RunHistory.from_file(self.events_file)

    def runner_info(self) -> dict[str, Any]:
        try:
            return json.loads(self.runner_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def write_runner_info(self, info: dict[str, Any]) -> None:
        atomic_write_text(self.runner_file, json.dumps(info, indent=2))

    def has_checkpoint(self) -> bool:
        """A checkpoint to resume from: ``last``, or a ``step-N`` left by a kill between two renames."""
        folder = self.checkpoints_dir
        return (folder / "last").is_dir() or any(p.is_dir() for p in folder.glob("step-*"))

    def has_export(self) -> bool:
        return (self.export_dir / "manifest.json").is_file()


class Workspace:
    """The folder holding every run."""

    def __init__(self, root: str | Path | None = None):
        self.root = Path(root) if root else default_workspace()
        self.runs_dir = self.root / "runs"

    def new_run(self, job: JobSpec) -> Run:
        """Create a run folder with its job.json; the id is the local start time (unique)."""
        self.runs_dir.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y-%m-%d-%H%M%S")
        for n in range(1000):
            run_id = stamp if n == 0 else f"{stamp}-{n}"
            path = self.runs_dir / run_id
            try:
                path.mkdir()
                break
            except FileExistsError:
                continue
        run = Run(path)
        job.save(run.job_file)
        return run

    def run(self, run_id: str) -> Run:
        path = self.runs_dir / run_id
        if not (path / "job.json").is_file():
            raise KeyError(f"no run {run_id!r} in {self.runs_dir}")
        return Run(path)

    def runs(self) -> list[Run]:
        """Every run, newest first."""
        if not self.runs_dir.is_dir():
            return []
        found = [Run(p) for p in self.runs_dir.iterdir() if (p / "job.json").is_file()]
        return sorted(found, key=lambda r: r.id, reverse=True)

    def delete(self, run: Run) -> None:
        shutil.rmtree(run.path)


def atomic_write_text(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie child of ours still answers kill(0); check /proc where there is one
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().split(") ", 1)[1][:1] != "Z"
    except (OSError, IndexError):
        return True


def process_start_time(pid: int) -> str | None:
    """When ``pid`` started (clock ticks since boot, from /proc), to tell it from a later reuse of the pid."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(") ", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def local_trainer_alive(info: dict[str, Any]) -> bool:
    """Whether the local trainer recorded in runner.json still runs (not an unrelated process with its pid)."""
    pid = int(info.get("pid", 0) or 0)
    if info.get("kind") != "local" or pid <= 0 or info.get("state") == "exited" or not pid_alive(pid):
        return False
    started = info.get("proc_start")
    return started is None or process_start_time(pid) in (None, started)


def run_status(run: Run, history: RunHistory | None = None) -> str:
    """created | running | finished | failed | stopped, from the folder alone.

    A local run is running while the process group recorded in runner.json lives; a docker
    run records its container and is checked by the docker runner (this says "running" while
    its events have no outcome and the info says so).
    """
    history = history or run.history()
    info = run.runner_info()
    if not info:
        return "created"
    if info.get("kind") == "local":
        if local_trainer_alive(info):
            return "running"
    elif info.get("state") == "running" and history.done is None and history.error is None:
        return "running"
    if history.done is not None:
        return "finished"
    if history.error is not None:
        return "stopped" if history.error.get("kind") == "interrupted" else "failed"
    return "stopped"  # ended without an outcome: killed hard; resumable from its last checkpoint


def run_duration(run: Run, history: RunHistory | None = None, status: str | None = None,
                 now: float | None = None) -> float | None:
    """Seconds the run has trained, over every resumed part; a running run's count goes on to now."""
    history = history or run.history()
    status = status or run_status(run, history)
    return history.duration_s(now=(time.time() if now is None else now) if status == "running" else None)


class RunFollower:
    """Tails a run folder: new events (by seq, none twice) and new raw log lines.

    Works the same for every runner because every trainer writes into its run folder; a new
    follower on an old run replays everything first, which is how the app reattaches.
    """

    def __init__(self, run: Run, after_seq: int = 0, log_window: int | None = None):
        self.run = run
        self.last_seq = after_seq
        self._events = LineTail(run.events_file)  # every event counts: no window
        self._log = LineTail(run.log_file, window=log_window)  # a live view bounds its work per poll

    def poll_events(self) -> list[Event]:
        """Events appended since the last call (complete lines only)."""
        out = []
        for line in self._events.read_lines():
            event = parse_json(line)
            if event is not None and event.seq > self.last_seq:
                self.last_seq = event.seq
                out.append(event)
        return out

    def poll_log(self) -> list[str]:
        """Raw log lines appended since the last call, without the event lines."""
        return self.poll_log_counted()[0]

    def poll_log_counted(self) -> tuple[list[str], int]:
        """(raw log lines since the last call without the event lines, lines skipped by ``log_window``)."""
        lines, skipped = self._log.read_counted()
        return [s for s in (line.rstrip("\r") for line in lines) if parse_line(s) is None], skipped

    def follow(self, is_running, interval: float = 0.2) -> Iterator[Event]:
        """Yield events until ``is_running()`` is false and nothing new is left."""
        while True:
            alive = is_running()
            got = self.poll_events()
            yield from got
            if not alive and not got:
                return
            if not got:
                time.sleep(interval)
