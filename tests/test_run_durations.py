"""A run's duration is the sum of its parts (each start → end of a resumed segment, from events.jsonl);
a running run's duration counts up to now. The Runs page and `paddledesk runs` read the same number."""

from __future__ import annotations

import subprocess
import sys
import time

from core.events import RunHistory
from core.runs import run_duration
from tests.helpers import REPO
from tests.helpers.runs import fake_run, stopped_then_resumed


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
