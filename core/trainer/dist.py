"""Data parallelism through ``paddle.distributed`` (GPU: NCCL, CPU: gloo under ``launch``).

The trainer itself is started once per rank by ``python -m paddle.distributed.launch`` with the
script ``core/trainer/__main__.py``; ``launch_command`` builds that command for every runner
(local, container, multi-node). Ranks learn who they are from the environment launch sets.
Rank 0 alone writes events, checkpoints and the export.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

ENTRY_SCRIPT = Path(__file__).resolve().parent / "__main__.py"


@dataclass(frozen=True)
class World:
    """This process's place among the data-parallel ranks."""

    rank: int = 0
    size: int = 1

    @property
    def is_main(self) -> bool:
        return self.rank == 0


def detect() -> World:
    """Rank and world size from the variables ``paddle.distributed.launch`` sets (1 process otherwise)."""
    size = int(os.environ.get("PADDLE_TRAINERS_NUM", "1") or 1)
    rank = int(os.environ.get("PADDLE_TRAINER_ID", "0") or 0)
    return World(rank, size) if size > 1 else World()


def init(world: World) -> None:
    """Join the process group (no-op for a single process)."""
    if world.size > 1:
        import paddle.distributed as dist

        dist.init_parallel_env()


def any_rank(flag: bool, world: World) -> bool:
    """True when ``flag`` is set on any rank (all ranks must stop at the same step)."""
    if world.size == 1:
        return flag
    import paddle
    import paddle.distributed as dist

    t = paddle.to_tensor([1 if flag else 0], dtype="int32")
    dist.all_reduce(t, op=dist.ReduceOp.MAX)
    return bool(int(t.numpy()[0]))


def wrap(model, world: World):
    """The model wrapped for gradient all-reduce when there are several ranks."""
    if world.size == 1:
        return model
    import paddle

    return paddle.DataParallel(model)


def launch_command(job_file: str, nproc: int = 1, gpus: list[int] | None = None,
                   extra: list[str] | None = None, log_dir: str | None = None,
                   python: str = sys.executable, entry: str = str(ENTRY_SCRIPT),
                   nnodes: int = 1, rank: int = 0, master: str = "") -> list[str]:
    """The one command line that starts the trainer, for every runner.

    One process (``python -m trainer``) for one GPU or one CPU process on one node, else Paddle's
    launcher on ``nproc`` CPU processes or the given GPUs; with ``nnodes`` > 1 this is node
    ``rank``'s part, meeting the others at ``master`` (host:port of node 0). Callers pass only what
    differs: the python, where ``entry`` (this package's ``__main__.py``) and the files are.
    """
    args = ["--job", job_file, *(extra or [])]
    if nnodes <= 1 and ((gpus and len(gpus) == 1) or (not gpus and nproc <= 1)):
        return [python, "-m", "trainer", *args]
    launch = [python, "-m", "paddle.distributed.launch"]
    if nnodes > 1:
        launch += ["--nnodes", str(nnodes), "--rank", str(rank), "--master", master]
    # max_restart 0: a crashed worker is a failed run, not one to start again behind the user's back
    launch += ["--max_restart", "0"]
    # CPU: --nproc_per_node (an empty CUDA_VISIBLE_DEVICES or --devices breaks launch without a GPU)
    launch += ["--devices", ",".join(map(str, gpus))] if gpus else ["--nproc_per_node", str(max(1, nproc))]
    if log_dir:
        launch += ["--log_dir", log_dir]
    return [*launch, entry, *args]
