"""Run folders as a trainer leaves them, written without running one (for duration, list and page tests).

Events go through the trainer's own writer (``core.trainer.events.EventWriter``), one call per
event, so a test's events.jsonl has the protocol's ``v`` and ``seq`` exactly as a real run's;
runner.json through ``Run.write_runner_info``, as the runners write it.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

from core.jobs import JobSpec
from core.runs import Run, Workspace, process_start_time
from core.trainer.events import EventWriter

FINISHED = {"kind": "local", "pid": 0, "state": "exited", "exit_code": 0}


def write_events(run: Run, events: list[dict[str, Any]]) -> None:
    """Append ``events`` (dicts with a ``type``) to the run's events.jsonl; a given ``ts`` or ``seq`` is kept."""
    writer = EventWriter(run.events_file, stdout=io.StringIO())
    try:
        for event in events:
            fields = {k: v for k, v in event.items() if k not in ("type", "v")}
            writer.emit(event["type"], **fields)
    finally:
        writer.close()


def run_folder(ws: Workspace | Path, run_id: str, events: list[dict[str, Any]], info: dict[str, Any] | None = None,
               job: JobSpec | None = None) -> Run:
    """A run folder with ``job.json``, ``runner.json`` (``info``; a finished local run by default) and ``events``."""
    root = ws.root if isinstance(ws, Workspace) else Path(ws)
    path = root / "runs" / run_id
    path.mkdir(parents=True)
    run = Run(path)
    (job or JobSpec()).save(run.job_file)
    run.write_runner_info(dict(FINISHED if info is None else info))
    write_events(run, events)
    return run


def fake_run(ws: Workspace, run_id: str, events: list[dict], alive: bool = False) -> Run:
    """A run folder as a trainer leaves it; ``alive``: runner.json names this test process as its trainer."""
    info = ({"kind": "local", "pid": os.getpid(), "state": "running", "proc_start": process_start_time(os.getpid())}
            if alive else FINISHED)
    return run_folder(ws, run_id, events, info)


def stopped_then_resumed(t0: float) -> list[dict]:
    """Part 1: 12 s then Stop; part 2 (an hour later): 8 s to the end, its `done` says 8 s."""
    return [
        {"type": "phase", "ts": t0, "phase": "preparing"},
        {"type": "start", "ts": t0 + 1, "total_steps": 20},
        {"type": "step", "ts": t0 + 6, "step": 5, "loss": 0.6},
        {"type": "step", "ts": t0 + 11, "step": 10, "loss": 0.5},
        {"type": "error", "ts": t0 + 12, "kind": "interrupted", "step": 10, "message": "stopped"},
        {"type": "phase", "ts": t0 + 3600, "phase": "preparing"},
        {"type": "start", "ts": t0 + 3601, "total_steps": 20, "resumed_from_step": 10},
        {"type": "step", "ts": t0 + 3606, "step": 20, "loss": 0.4},
        {"type": "done", "ts": t0 + 3608, "step": 20, "duration_s": 8.0,
         "best": {"metric": "accuracy", "value": 0.8, "step": 20}},
    ]
