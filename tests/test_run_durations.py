"""A run's duration is the sum of its parts (each start → end of a resumed segment, from events.jsonl);
a running run's duration counts up to now. The Runs page and `paddledesk runs` read the same number."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from core.events import RunHistory
from core.jobs import JobSpec
from core.runs import Run, Workspace, process_start_time, run_duration
from tests.conftest import REPO


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


def test_a_resumed_run_lasts_the_sum_of_its_parts(workspace):
    run = fake_run(workspace, "2026-01-01-000001", stopped_then_resumed(1000.0))
    history = run.history()
    assert [round(b - a) for a, b in history.segments] == [12, 8]
    assert run_duration(run) == 20.0  # not the last part's 8 s, nor the hour in between


def test_an_export_again_after_the_end_adds_no_time(workspace):
    events = stopped_then_resumed(1000.0) + [
        {"type": "phase", "ts": 9000.0, "phase": "exporting"},
        {"type": "export", "ts": 9030.0, "path": "export", "export_only": True}]
    run = fake_run(workspace, "2026-01-01-000002", events)
    assert run_duration(run) == 20.0


def test_an_end_recorded_later_by_the_app_counts_only_to_the_trainers_last_event(workspace):
    # the trainer was SIGKILLed at +30 s; the app noticed (reconcile) a day later
    events = [{"type": "start", "ts": 100.0, "total_steps": 50},
              {"type": "step", "ts": 130.0, "step": 3, "loss": 0.7},
              {"type": "error", "ts": 86_500.0, "kind": "interrupted", "message": "the trainer is gone",
               "log_tail": []}]
    run = fake_run(workspace, "2026-01-01-000003", events)
    assert run_duration(run) == 30.0


def test_a_running_runs_duration_counts_up_to_now(workspace):
    now = time.time()
    events = [{"type": "start", "ts": now - 30, "total_steps": 1000},
              {"type": "step", "ts": now - 25, "step": 1, "loss": 0.7}]
    run = fake_run(workspace, "2026-01-01-000004", events, alive=True)
    first = run_duration(run)
    assert 29.5 <= first <= 40
    assert run_duration(run, now=now + 60) >= 89.5  # it advances with the clock
    assert RunHistory.from_file(run.events_file).duration_s() == 5.0  # without "now": to the last event


def test_runs_list_in_the_cli_shows_the_whole_duration(workspace):
    fake_run(workspace, "2026-01-01-000005", stopped_then_resumed(1000.0))
    out = subprocess.run([sys.executable, "-m", "paddledesk", "--workspace", str(workspace.root), "runs"],
                         capture_output=True, text=True, timeout=120, cwd=REPO)
    assert out.returncode == 0, out.stderr
    header, row = out.stdout.splitlines()[:2]
    assert "duration" in header
    assert "0:20" in row  # 12 s + 8 s
    out = subprocess.run([sys.executable, "-m", "paddledesk", "--workspace", str(workspace.root), "runs", "show",
                          "2026-01-01-000005"], capture_output=True, text=True, timeout=120, cwd=REPO)
    assert "duration  0:20 over 2 part(s)" in out.stdout, out.stderr
