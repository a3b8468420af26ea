"""What a training container runs: the mount points inside it and the trainer's command line."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from core.jobs import JobSpec
from core.runs import Run
from core.trainer.dist import launch_command

TRAINER_DIR = Path(__file__).resolve().parents[1] / "trainer"
C_ROOT = "/opt/paddledesk"  # on PYTHONPATH, so `python -m trainer` finds the mounted code
C_TRAINER = f"{C_ROOT}/trainer"
C_CACHE = f"{C_ROOT}/cache"
C_RUN = "/workspace/run"


def container_command(run: Run, resume: bool, export_only: bool = False, trainer_dir: str = C_TRAINER) -> list[str]:
    """The command run inside the container; its output goes into the run folder's train.log.

    ``trainer_dir``: where the trainer code is inside the container (a remote run has it in its volume).
    """
    job = run.job()
    extra = ["--run-dir", C_RUN, "--data-dir", f"{C_RUN}/data"]
    if resume:
        extra.append("--resume")
    if export_only:  # one process on the CPU
        cmd = launch_command(f"{C_RUN}/job.json", extra=[*extra, "--export-only"], python="python",
                             entry=f"{trainer_dir}/__main__.py")
    else:  # the engine hands the chosen GPUs to the container numbered from 0
        cmd = launch_command(f"{C_RUN}/job.json", nproc=job.runner.nproc, extra=extra, python="python",
                             gpus=list(range(len(job.runner.devices))), log_dir=f"{C_RUN}/dist_logs",
                             entry=f"{trainer_dir}/__main__.py")  # launch wants a script path
    # sh only sets up the redirection, then becomes the trainer (exec): no extra process to signal
    return ["sh", "-c", f'exec "$@" >>{C_RUN}/train.log 2>&1', "paddledesk-trainer", *cmd]


def job_on_cpu(job: JobSpec) -> JobSpec:
    """A copy of ``job`` without GPUs: what to offer when the engine has no NVIDIA runtime."""
    return replace(job, runner=replace(job.runner, devices=[]))
