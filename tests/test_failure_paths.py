"""What goes wrong, on the CPU, for real: a predictor asked for a GPU this computer lacks, a trainer
that ignores Stop (SIGTERM, then SIGKILL), and a loss that stops being a number."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys

import pytest

from core.jobs import JobSpec
from core.predict import Predictor, PredictorError
from core.runners.local import LocalRunner
from core.runs import run_status
from tests.helpers import wait_for
from tests.helpers.exports import SAMPLES, make_export
from tests.helpers.trainer import events, make_run, of_type, trainer_env


def test_a_predictor_asked_for_a_gpu_on_a_computer_without_one_says_so(tmp_path):
    export = make_export(tmp_path / "export", "bow")
    with pytest.raises(PredictorError) as err:
        Predictor(export, device="gpu")
    assert "no usable GPU" in str(err.value) and err.value.hint == "predict on the CPU instead"
    auto = Predictor(export, device="auto")  # "auto" quietly takes the CPU
    cpu = Predictor(export, device="cpu")
    assert auto.device == "cpu"
    assert [p.probs for p in auto.predict(SAMPLES)] == [p.probs for p in cpu.predict(SAMPLES)]


STUCK_TRAINER = """#!/bin/sh
# a trainer stuck where it cannot handle Stop (a native call, say): SIGTERM is ignored
trap '' TERM
echo "stuck: ignoring SIGTERM"
exec sleep 300
"""


def test_a_trainer_that_ignores_stop_is_killed_after_the_timeout_and_the_run_is_stopped(workspace, tmp_path):
    stuck = tmp_path / "stuck-python"
    stuck.write_text(STUCK_TRAINER, encoding="utf-8")
    stuck.chmod(stuck.stat().st_mode | stat.S_IXUSR)
    run = workspace.new_run(JobSpec())
    runner = LocalRunner(python=str(stuck))
    runner.start(run)
    wait_for(lambda: "ignoring SIGTERM" in run.log_file.read_text(encoding="utf-8"), timeout=30)
    pid = run.runner_info()["pid"]
    runner.stop(run, timeout=1.0)  # SIGTERM, one second, then SIGKILL
    info = wait_for(lambda: (i := run.runner_info()).get("state") == "exited" and i, timeout=30)
    assert info["exit_code"] == -signal.SIGKILL and info.get("stop_requested")
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    error = wait_for(lambda: run.history().error, timeout=30)  # the reaper records the end after runner.json
    assert error["kind"] == "interrupted" and "stopped by the user" in error["message"]
    assert run_status(run) == "stopped"  # the user asked for this end: a stop, not a crash


POISONED_WEIGHTS = """
import runpy, sys
import numpy as np
import trainer.nets as nets

built = nets.build_network

def poisoned(*args, **kwargs):
    net = built(*args, **kwargs)
    for p in net.parameters():  # weights damaged on disk or by an overflow: every output is NaN
        p.set_value(np.full(p.shape, np.nan, dtype="float32"))
    return net

nets.build_network = poisoned
sys.argv = ["trainer", *sys.argv[1:]]
runpy.run_module("trainer", run_name="__main__", alter_sys=True)
"""


def test_a_loss_that_is_no_longer_a_number_stops_the_run_with_a_data_error_and_a_hint(tmp_path):
    run = make_run(tmp_path / "run", model="bow", train={"logging_every": 1})
    proc = subprocess.run([sys.executable, "-c", POISONED_WEIGHTS, "--job", str(run / "job.json")],
                          env=trainer_env(), capture_output=True, text=True, timeout=300, cwd=run)
    assert proc.returncode == 2, proc.stdout[-2000:] + proc.stderr[-2000:]  # EXIT_DATA, not a crash
    (error,) = of_type(events(run), "error")
    assert error["kind"] == "data" and "training diverged" in error["message"]
    assert "lower the learning rate" in error["hint"]
    assert not of_type(events(run), "step")  # no NaN reached the charts
    assert not of_type(events(run), "done")
