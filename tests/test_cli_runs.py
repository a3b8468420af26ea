"""`paddledesk runs` as a user meets it: a closed pipe exits quietly, `stop` on a finished run
says it was not running, `resume` prints only the new progress, and a malformed base image is
one error with a hint. Real trainers, real files."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from core.jobs import JobSpec
from core.runs import Workspace
from tests.helpers import REPO, SAMPLES, wait_for

REVIEWS = SAMPLES / "reviews_zh"


def paddledesk(workspace: Workspace, *args: str, env: dict[str, str] | None = None,
               timeout: float = 300, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "paddledesk", "--workspace", str(workspace.root), *args],
                          text=True, timeout=timeout, cwd=REPO, env=env, **{"capture_output": True, **kw})


def train_args(*extra: str) -> list[str]:
    return ["train", "--data", str(REVIEWS / "train.tsv"), "--dev", str(REVIEWS / "dev.tsv"), "--model", "bow",
            *extra]


def test_runs_into_a_closed_pipe_exits_quietly(workspace):
    for _ in range(3):
        workspace.new_run(JobSpec())
    read_end, write_end = os.pipe()
    os.close(read_end)  # `| head -1` that has already gone
    try:
        proc = paddledesk(workspace, "runs", stdout=write_end, stderr=subprocess.PIPE, capture_output=False)
    finally:
        os.close(write_end)
    assert proc.stderr == ""  # no "internal error: [Errno 32] Broken pipe", no "Exception ignored"
    assert proc.returncode == 141  # like any Unix tool killed by SIGPIPE
    assert not (workspace.root / "logs" / "cli-crash.log").exists()


def test_stop_on_a_finished_run_says_it_was_not_running_and_changes_nothing(workspace):
    trained = paddledesk(workspace, *train_args("--max-steps", "6"))
    assert trained.returncode == 0, trained.stdout[-2000:] + trained.stderr[-2000:]
    (run,) = workspace.runs()
    events_before, info_before = run.events_file.read_bytes(), run.runner_file.read_bytes()
    stopped = paddledesk(workspace, "runs", "stop", run.id)
    assert stopped.returncode == 0, stopped.stderr
    assert f"run {run.id} is not running (finished)" in stopped.stdout
    assert "stopped run" not in stopped.stdout
    assert run.events_file.read_bytes() == events_before and run.runner_file.read_bytes() == info_before


def test_resume_prints_only_the_progress_made_after_it(workspace):
    slow = {**os.environ, "PDK_TEST_STEP_DELAY": "0.15"}
    follower = subprocess.Popen([sys.executable, "-m", "paddledesk", "--workspace", str(workspace.root),
                                 *train_args("--epochs", "2", "--eval-every", "4")],
                                cwd=REPO, env=slow, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    run = wait_for(lambda: (workspace.runs() or [None])[0] if workspace.runs() and
                   len(workspace.runs()[0].history().evals) >= 2 else None, timeout=240)
    stop = paddledesk(workspace, "runs", "stop", run.id)
    assert stop.returncode == 0 and "stopped run" in stop.stdout, stop.stdout + stop.stderr
    follower.communicate(timeout=120)
    assert follower.returncode == 3  # the follower saw the interruption
    history = run.history()
    stopped_at, old_evals = history.last_step, len(history.evals)
    assert history.error["kind"] == "interrupted" and stopped_at < history.total_steps

    resumed = paddledesk(workspace, "runs", "resume", run.id)
    assert resumed.returncode == 0, resumed.stdout[-2000:] + resumed.stderr[-2000:]
    out = resumed.stdout
    printed_evals = [int(s) for s in re.findall(r"eval @ step (\d+)", out)]
    assert printed_evals and min(printed_evals) > stopped_at  # none of the old evaluations again
    assert len(printed_evals) == len(run.history().evals) - old_evals
    assert out.count(" train / ") == 1  # one start line: the resumed trainer's
    assert "finished in" in out


def test_a_malformed_base_image_is_one_error_with_a_hint_and_leaves_no_run(workspace):
    proc = paddledesk(workspace, *train_args("--runner", "docker", "--base-image", "PaddlePaddle/paddle:2.6.2"))
    assert proc.returncode == 2, proc.stderr
    assert "error: --base-image 'PaddlePaddle/paddle:2.6.2'" in proc.stderr and "lowercase" in proc.stderr
    assert "hint:" in proc.stderr and "internal error" not in proc.stderr
    assert workspace.runs() == []


def test_a_memory_limit_that_is_not_a_size_is_one_error_naming_the_option(workspace):
    proc = paddledesk(workspace, *train_args("--runner", "docker", "--memory-limit", "lots"))
    assert proc.returncode == 2
    assert "runner.memory_limit: 'lots' is not a memory size" in proc.stderr and "8g" in proc.stderr
    assert "Traceback" not in proc.stderr and workspace.runs() == []
