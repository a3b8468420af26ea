"""Start, resume, stop and export runs again: the one path from a JobSpec to a running trainer.

The CLI and the GUI both call these functions (the GUI from a worker thread).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core.events import Event
from core.jobs import JobSpec
from core.runners.base import Runner, RunnerError
from core.runs import Run, Workspace

Progress = Callable[[str], None]


def runner_for(kind: str, engines: list[str] | tuple[str, ...] = ()) -> Runner:
    """The runner for a JobSpec.runner.kind (docker: on the job's engines, else the app's)."""
    if kind == "local":
        from core.runners.local import LocalRunner

        return LocalRunner()
    if kind == "docker":
        from core.runners.docker_remote import docker_runner

        if len(engines) > 1:
            from core.runners.docker_multinode import MultiNodeRunner

            return MultiNodeRunner(list(engines))
        return docker_runner(engines[0] if engines else None)
    raise RunnerError(f"unknown runner {kind!r}", "choose local or docker", kind="config")


def runner_of(run: Run) -> Runner:
    """The runner that started ``run`` (from runner.json), else the one its job asks for."""
    info = run.runner_info()
    kind = info.get("kind") or run.job().runner.kind
    engines = info.get("engines") or ([info["engine"]] if info.get("engine") else run.job().runner.engines)
    return runner_for(kind, engines)


def launch(job: JobSpec, workspace: Workspace | None = None, runner: Runner | None = None,
           progress: Progress | None = None) -> Run:
    """Validate ``job``, create its run folder, prepare the data and start the trainer."""
    from core.datasets import prepare_run_data

    say = progress or (lambda _msg: None)
    job.validate()
    workspace = workspace or Workspace()
    runner = runner or runner_for(job.runner.kind, job.runner.engines)
    say("checking the dataset")
    use_stored_weights(job, workspace)
    # a dataset that fails to prepare leaves no half-made run behind
    run = workspace.new_run(job)
    try:
        prepared = prepare_run_data(job.dataset, run.data_dir, seed=job.train.seed)
    except Exception:
        workspace.delete(run)
        raise
    for warning in prepared.warnings:
        say(f"warning: {warning}")
    if prepared.problems:
        say(f"{len(prepared.problems)} rows skipped (all listed in {run.data_dir / 'summary.json'}):")
        for problem in prepared.problems[:10]:
            say(f"  {problem}")
    counts = prepared.counts
    say(f"{counts.get('train', 0)} train / {counts.get('dev', 0)} dev / {counts.get('test', 0)} test examples, "
        f"labels: {', '.join(prepared.labels)}")
    say(f"starting the trainer ({runner.kind})")
    try:
        runner.start(run)
    except Exception:
        workspace.delete(run)  # nothing ran: no run to list (the runner left no process behind)
        raise
    return run


def use_stored_weights(job: JobSpec, workspace: Workspace) -> None:
    """An ERNIE job with no weights folder gets the store's imported copy (the trainer, which must not
    import core, reads the path from job.json). Containers do not see the store: they use the hub."""
    from core.model_store import stored_model
    from core.models import get_model

    if job.model.pretrained or job.runner.kind != "local" or get_model(job.model.name).family != "ernie":
        return
    stored = stored_model(job.model.name, workspace)
    if stored is not None:
        job.model.pretrained = str(stored.path)


def resume(run: Run, runner: Runner | None = None) -> Run:
    """Start ``run`` again from its last checkpoint (or from the beginning when it has none)."""
    runner = runner or runner_of(run)
    if runner.is_running(run):
        raise RunnerError(f"run {run.id} is still running", "stop it before resuming", kind="busy")
    runner.start(run, resume=run.has_checkpoint())
    return run


def stop(run: Run, runner: Runner | None = None, timeout: float = 15.0) -> None:
    """Ask the trainer to checkpoint and exit; kill it after ``timeout`` seconds."""
    (runner or runner_of(run)).stop(run, timeout)


def export_again(run: Run, runner: Runner | None = None) -> Run:
    """Start the trainer in export-only mode: ``<run>/export`` is written again from the best
    checkpoint, without training and without changing the run's outcome."""
    runner = runner or runner_of(run)
    if runner.is_running(run):
        raise RunnerError(f"run {run.id} is still running", "wait for it to end, or stop it, then export",
                          kind="busy")
    runner.start(run, export_only=True)
    return run


def export_again_and_wait(run: Run, runner: Runner | None = None,
                          on_event: Callable[[Event], None] | None = None) -> dict[str, Any]:
    """``export_again`` and follow it to its end: the ``export`` event's fields, or RunnerError
    (kind "export-failed") carrying the trainer's message and hint."""
    from core.runs import RunFollower

    runner = runner or runner_of(run)
    follower = RunFollower(run, after_seq=run.history().last_seq)  # only this process's events
    export_again(run, runner)
    exported: dict[str, Any] | None = None
    error: dict[str, Any] | None = None
    for event in follower.follow(lambda: runner.is_running(run)):
        if on_event is not None:
            on_event(event)
        if event.type == "export":
            exported = event.data
        elif event.type == "error":
            error = event.data
    code = runner.wait(run, 30)
    if exported is not None and error is None:
        return exported
    if error is not None:
        raise RunnerError(f"exporting run {run.id} failed: {error.get('message', '')}",
                          str(error.get("hint", "")), kind="export-failed")
    raise RunnerError(f"exporting run {run.id} failed: the trainer exited with code {code}",
                      f"see {run.log_file}", kind="export-failed")
