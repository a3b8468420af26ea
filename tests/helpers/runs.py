"""Run folders as a trainer leaves them, written without running one (for duration and list tests)."""

from __future__ import annotations

import json
import os

from core.jobs import JobSpec
from core.runs import Run, Workspace, process_start_time


def fake_run(ws: Workspace, run_id: str, events: list[dict], alive: bool = False) -> Run:
    """A run folder as a trainer leaves it; ``alive``: runner.json names this test process as its trainer."""
    path = ws.runs_dir / run_id
    path.mkdir(parents=True)
    run = Run(path)
    JobSpec().save(run.job_file)
    if alive:
        run.write_runner_info({"kind": "local", "pid": os.getpid(), "state": "running",
                               "proc_start": process_start_time(os.getpid())})
    else:
        run.write_runner_info({"kind": "local", "pid": 0, "state": "exited", "exit_code": 0})
    for seq, event in enumerate(events, 1):
        event.setdefault("v", 1)
        event.setdefault("seq", seq)
    run.events_file.write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    return run


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
