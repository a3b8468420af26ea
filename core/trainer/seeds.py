"""Every random draw of training derived from (seed, epoch, step), so nothing random is saved.

Paddle 2.6 cannot save its generator state (an unpickled state keeps only the seed), so instead of
restoring a stream the trainer re-seeds Paddle before each step from (seed, step, rank) and shuffles
each epoch with a NumPy generator seeded from (seed, epoch). A resumed run then draws exactly what an
uninterrupted run drew at the same step (dropout masks, data order), on every Paddle version.
"""

from __future__ import annotations

_PRIME = 2**31 - 1  # a seed every Paddle version and device generator accepts


def epoch_seed(seed: int, epoch: int) -> int:
    """The seed of epoch ``epoch``'s shuffle (0-based)."""
    return (seed + 1000003 * epoch) % (2**32)


def step_seed(seed: int, step: int, rank: int = 0) -> int:
    """The seed of global step ``step`` (0-based) on data-parallel rank ``rank``."""
    return (seed * 1000003 + step * 7919 + rank * 104729 + 1) % _PRIME


def seed_step(seed: int, step: int, rank: int = 0) -> None:
    """Re-seed Paddle's generators (CPU and GPU) for one step: its dropout depends on nothing else."""
    import paddle

    paddle.seed(step_seed(seed, step, rank))
