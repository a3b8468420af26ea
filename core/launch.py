"""Start, resume and stop runs: the one path from a JobSpec to a running trainer.

The CLI and the GUI both call these functions (the GUI from a worker thread).
"""

from __future__ import annotations

from collections.abc import Callable

from core.jobs import JobSpec
from core.runners.base import Runner, RunnerError
from core.runs import Run, Workspace

Progress = Callable[[str], None]


def runner_for(kind: str) -> Runner:
    """The runner for a JobSpec.runner.kind."""
    if kind == "local":
        from core.runners.local import LocalRunner

        return LocalRunner()
    if kind == "docker":
        from core.runners.docker import DockerRunner

        return DockerRunner()
    raise RunnerError(f"unknown runner {kind!r}", "choose local or docker", kind="config")


def runner_of(run: Run) -> Runner:
    """The runner that started ``run`` (from runner.json), else the one its job asks for."""
    kind = run.runner_info().get("kind") or run.job().runner.kind
    return runner_for(kind)


def launch(job: JobSpec, workspace: Workspace | None = None, runner: Runner | None = None,
           progress: Progress | None = None) -> Run:
    """Validate ``job``, create its run folder, prepare the data and start the trainer."""
    from core.datasets import prepare_run_data

    say = progress or (lambda _msg: None)
    job.validate()
    workspace = workspace or Workspace()
    runner = runner or runner_for(job.runner.kind)
    say("checking the dataset")
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
