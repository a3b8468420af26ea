"""core.session: one reading of a run (status, best score, duration, liveness) for the CLI and every page."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from core.runs import Workspace, process_start_time
from core.session import best_score, find_running, summaries, summarize, trainer_alive
from tests.helpers.runs import fake_run, stopped_then_resumed


def finished_with_a_higher_test_score(t0: float) -> list[dict]:
    return [
        {"type": "start", "ts": t0, "total_steps": 10},
        {"type": "eval", "ts": t0 + 5, "step": 5, "split": "dev", "accuracy": 0.70},
        {"type": "eval", "ts": t0 + 9, "step": 10, "split": "dev", "accuracy": 0.75},
        {"type": "eval", "ts": t0 + 10, "step": 10, "split": "test", "accuracy": 0.90},
        {"type": "done", "ts": t0 + 11, "step": 10, "best": {"metric": "accuracy", "value": 0.75, "step": 10}},
    ]


def test_the_best_is_the_kept_dev_score_never_the_test_split(tmp_path):
    ws = Workspace(tmp_path)
    t0 = time.time() - 100
    run = fake_run(ws, "2026-01-01-000001", finished_with_a_higher_test_score(t0))
    s = summarize(run)
    assert (s.status, s.best.value, s.best.step, s.seconds) == ("finished", 0.75, 10, 11.0)
    # while it ran (no done yet) the best dev eval so far counts, still not the test split
    history = run.history()
    history.done = None
    assert best_score(history, "accuracy").value == 0.75


def test_the_cli_list_and_the_runs_page_say_the_same(tmp_path, monkeypatch):
    ws = Workspace(tmp_path)
    fake_run(ws, "2026-01-01-000001", finished_with_a_higher_test_score(time.time() - 100))
    fake_run(ws, "2026-01-01-000002", stopped_then_resumed(time.time() - 4000))
    out = subprocess.run([sys.executable, "-m", "paddledesk", "--workspace", str(tmp_path), "runs"],
                         capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": "."})
    assert out.returncode == 0, out.stderr
    row = next(line for line in out.stdout.splitlines() if line.startswith("2026-01-01-000001"))
    assert "0.7500" in row and "0.9000" not in row and "0:11" in row
    from gui.pages.runs_table import read_run  # no QApplication needed to read a row

    assert read_run(ws.run("2026-01-01-000001")).best.endswith("0.7500")
    assert "0:20" in next(line for line in out.stdout.splitlines() if line.startswith("2026-01-01-000002"))


def test_a_damaged_job_is_listed_with_its_reason(tmp_path):
    ws = Workspace(tmp_path)
    run = fake_run(ws, "2026-01-01-000001", [])
    run.job_file.write_text("{not json", encoding="utf-8")
    (s,) = summaries(ws)
    assert s.job is None and "not valid JSON" in s.job_error and s.status == "stopped"


def test_running_means_the_recorded_process_itself_not_a_later_one_with_its_pid(tmp_path):
    ws = Workspace(tmp_path)
    alive = fake_run(ws, "2026-01-01-000001", [{"type": "start", "ts": time.time(), "total_steps": 5}], alive=True)
    reused = fake_run(ws, "2026-01-01-000002", [{"type": "start", "ts": time.time(), "total_steps": 5}])
    reused.write_runner_info({"kind": "local", "pid": os.getpid(), "state": "running",
                              "proc_start": str(int(process_start_time(os.getpid())) - 1)})  # an older process
    assert [r.id for r in find_running(ws)] == [alive.id]
    assert trainer_alive(alive)() is True
    assert summarize(reused).status != "running"  # reconciled: its trainer is gone
