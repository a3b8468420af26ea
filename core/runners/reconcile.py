"""Reconcile: a run whose trainer is gone reaches its end state, whoever looks at it first.

The trainer's parent (the CLI that followed it, the app) normally records how a run ended. When
that parent is gone too, runner.json would say "running" forever. So every listing of runs (the
CLI's `runs`, the Runs page, the app's start) calls ``reconcile_runs`` first: a local trainer
whose process is gone, or a container that exited or vanished, gets its end recorded (runner.json
"exited", one `error` event when the trainer wrote no outcome) and the exited container removed.
"""

from __future__ import annotations

import time
from typing import Any

from core.runners.base import RunnerError, record_missing_outcome, run_end_lock
from core.runs import Run, Workspace, local_trainer_alive

LOCAL_GONE = "the trainer's process is gone without reporting a result (killed, or the computer restarted)"
CONTAINER_GONE = "the training container is gone without reporting a result (removed, or the engine was reset)"


def reconcile_runs(workspace: Workspace) -> list[Run]:
    """Record the end of every run of ``workspace`` whose trainer is gone; the runs changed."""
    changed = []
    docker_runners: dict[str, Any] = {}  # one client per engine for the whole listing
    for run in workspace.runs():
        if reconcile_run(run, docker_runners):
            changed.append(run)
    return changed


def reconcile_run(run: Run, docker_runners: dict[str, Any] | None = None) -> bool:
    """Record the end of ``run`` when runner.json says running but its trainer is gone.

    True when something was recorded. A Docker run whose engine does not answer is left as it
    is: nobody can tell whether its container still runs.
    """
    info = run.runner_info()
    if info.get("state") != "running":
        return False
    if info.get("kind") == "local":
        return _reconcile_local(run, info)
    if info.get("kind") == "docker":
        return _reconcile_docker(run, info, {} if docker_runners is None else docker_runners)
    return False


def _reconcile_local(run: Run, info: dict[str, Any]) -> bool:
    from core.runners.local import REAPING_PIDS

    if local_trainer_alive(info) or int(info.get("pid", 0) or 0) in REAPING_PIDS:
        return False  # alive, or our own child whose reaper records the exit code
    return _record_gone(run, LOCAL_GONE, lambda now: not local_trainer_alive(now))


def _reconcile_docker(run: Run, info: dict[str, Any], runners: dict[str, Any]) -> bool:
    engine = str(info.get("engine") or "")
    try:
        runner = runners.get(engine)
        if runner is None:
            from core.runners.docker_remote import docker_runner

            runner = runners[engine] = docker_runner(engine or None)
        container = runner.container_of(run)
    except (RunnerError, ImportError):
        return False  # no engine answers (or no docker-py): its containers cannot be seen
    if container is None:
        return _record_gone(run, CONTAINER_GONE, lambda _now: runner.container_of(run) is None)
    if container.status in ("exited", "dead"):
        runner.collect(run, container)
        return True
    if hasattr(runner, "watch"):  # a remote run still going: mirror it again (reattach)
        runner.watch(run)
    return False


def _record_gone(run: Run, message: str, still_gone) -> bool:
    """runner.json "exited" (code unknown) and one `interrupted` event, unless another looker did it."""
    with run_end_lock(run):
        info = run.runner_info()
        if info.get("state") != "running" or not still_gone(info):
            return False
        info.update(state="exited", exit_code=None, ended=time.time(), reconciled=True)
        run.write_runner_info(info)
        if not info.get("export_only"):
            record_missing_outcome(run, None, gone=message)
    return True
