"""LocalRunner: the trainer as a subprocess of this machine (the embedded default).

The trainer gets its own process group (so stop reaches every data-parallel worker) and writes
its output straight into ``train.log``: if the app dies the training goes on, and the app finds
it again through the pid recorded in ``runner.json``.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from core.runners.base import Runner, RunnerError, record_missing_outcome, run_end_lock
from core.runs import Run, Workspace, local_trainer_alive, process_start_time

CORE_DIR = Path(__file__).resolve().parents[1]  # holds the `trainer` package
NICE = shutil.which("nice")  # exec's the command: the pid stays the trainer's
# pids of our own children whose end a reaper thread is about to record (with the exit code a
# listing cannot know): core.runners.reconcile leaves those runs to it
REAPING_PIDS: set[int] = set()


def trainer_command(run: Run, resume: bool, python: str = sys.executable, export_only: bool = False) -> list[str]:
    """The command line that starts the trainer for ``run`` (data parallel when asked)."""
    from core.trainer.dist import launch_command  # no paddle import: cheap

    job = run.job()
    if export_only:  # one process on the CPU: a few forward passes and paddle.jit.save
        return _frozen_aware(launch_command(str(run.job_file), extra=["--run-dir", str(run.path), "--export-only"],
                                            python=python))
    extra = ["--run-dir", str(run.path), *(["--resume"] if resume else [])]
    # CUDA_VISIBLE_DEVICES (trainer_env) renumbers the chosen GPUs from 0
    gpus = list(range(len(job.runner.devices)))
    return _frozen_aware(launch_command(str(run.job_file), nproc=job.runner.nproc, gpus=gpus, extra=extra,
                                        log_dir=str(run.path / "dist_logs"), python=python))


def _frozen_aware(command: list[str]) -> list[str]:
    """In the frozen bundle ``sys.executable`` is the paddledesk program, which has no ``-m``:
    it starts the trainer as ``paddledesk --run-trainer`` (see paddledesk/frozen.py)."""
    if getattr(sys, "frozen", False) and command[1:3] == ["-m", "trainer"]:
        return [command[0], "--run-trainer", *command[3:]]
    return command


def trainer_env(run: Run, cache_dir: Path | None = None, export_only: bool = False) -> dict[str, str]:
    """Environment for the trainer: our package on the path, unbuffered output, caches in the workspace."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(CORE_DIR), env.get("PYTHONPATH", "")) if p)
    env["PYTHONUNBUFFERED"] = "1"
    cache = cache_dir or run.path.parent.parent / "cache"
    env.setdefault("PPNLP_HOME", str(cache / "paddlenlp"))
    env.setdefault("HF_HOME", str(cache / "huggingface"))
    devices = [] if export_only else run.job().runner.devices
    if devices:
        env["CUDA_VISIBLE_DEVICES"] = ",".join(str(i) for i in devices)
    else:
        # the trainer picks the CPU itself; an empty value breaks paddle.distributed.launch on CPU
        env.pop("CUDA_VISIBLE_DEVICES", None)
    return env


class LocalRunner(Runner):
    """Runs the trainer as a local subprocess in its own process group."""

    kind = "local"

    def __init__(self, python: str = sys.executable):
        self.python = python
        self._procs: dict[Path, subprocess.Popen] = {}

    def start(self, run: Run, resume: bool = False, export_only: bool = False) -> None:
        if self.is_running(run):
            raise RunnerError(f"run {run.id} is already running", "stop it first, or wait for it to end",
                              kind="busy")
        command = trainer_command(run, resume, self.python, export_only=export_only)
        if NICE:  # a lower priority keeps the desktop (and the app's charts) responsive while training
            command = [NICE, "-n", "5", *command]
        log = open(run.log_file, "ab")  # noqa: SIM115 - handed to the child, closed below
        try:
            proc = subprocess.Popen(command, cwd=run.path, env=trainer_env(run, export_only=export_only), stdout=log,
                                    stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                    start_new_session=True)
        except OSError as exc:
            raise RunnerError(f"could not start the trainer: {exc}",
                              "check that Python and PaddlePaddle are installed", kind="start") from None
        finally:
            log.close()
        self._procs[run.path] = proc
        REAPING_PIDS.add(proc.pid)
        run.write_runner_info({"kind": self.kind, "pid": proc.pid, "pgid": proc.pid, "started": time.time(),
                               "proc_start": process_start_time(proc.pid),
                               "resume": resume, "export_only": export_only, "command": command,
                               "state": "running"})
        threading.Thread(target=self._reap, args=(run, proc), daemon=True,
                         name=f"reap-{run.id}").start()

    def _reap(self, run: Run, proc: subprocess.Popen) -> None:
        """When the trainer ends, record its exit and turn a silent death into an error event."""
        code = proc.wait()
        try:
            with run_end_lock(run):
                info = run.runner_info()
                info.update(state="exited", exit_code=code, ended=time.time())
                run.write_runner_info(info)
                if info.get("stop_requested") and code != 0 and not info.get("export_only"):
                    # Stop came before the trainer could handle it (still importing Paddle, say):
                    # the user asked for this end, so it is a stop, never a crash
                    record_missing_outcome(run, code, gone=stopped_message(run))
                elif not (info.get("export_only") and code == 0):  # a clean re-export reports no outcome
                    record_missing_outcome(run, code, killed=code == -signal.SIGKILL)
        finally:
            REAPING_PIDS.discard(proc.pid)

    def stop(self, run: Run, timeout: float = 15.0) -> None:
        pgid = int(run.runner_info().get("pgid", 0) or 0)
        if not pgid or not self.is_running(run):
            return
        with run_end_lock(run):  # the reaper reads this flag under the same lock
            info = run.runner_info()
            if info.get("state") == "running":
                info["stop_requested"] = time.time()
                run.write_runner_info(info)
        _signal_group(pgid, signal.SIGTERM)
        if self.wait(run, timeout) is None:
            _signal_group(pgid, signal.SIGKILL)
            self.wait(run, 5.0)

    def is_running(self, run: Run) -> bool:
        proc = self._procs.get(run.path)
        if proc is not None:
            return proc.poll() is None
        return local_trainer_alive(run.runner_info())

    def wait(self, run: Run, timeout: float | None = None) -> int | None:
        proc = self._procs.get(run.path)
        if proc is not None:
            try:
                code = proc.wait(timeout)
            except subprocess.TimeoutExpired:
                return None
            # let the reaper write runner.json and then any missing outcome before callers read them:
            # runner.json alone is not enough, the error event comes after it (seen under load)
            deadline = time.monotonic() + 5
            while proc.pid in REAPING_PIDS and time.monotonic() < deadline:
                time.sleep(0.02)
            return code
        # not our child (the app restarted): poll the pid
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.is_running(run):
            if deadline is not None and time.monotonic() > deadline:
                return None
            time.sleep(0.1)
        return run.runner_info().get("exit_code")

    def find_running(self, workspace: Workspace) -> list[Run]:
        return [r for r in workspace.runs()
                if r.runner_info().get("kind") == self.kind and self.is_running(r)]


def stopped_message(run: Run) -> str:
    """What a run stopped by the user before it reported anything says, and what Resume will do."""
    if run.has_checkpoint():
        return "stopped by the user; Resume continues from the last checkpoint"
    return "stopped by the user before the first checkpoint; Resume starts the run from the beginning"


def _signal_group(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass
