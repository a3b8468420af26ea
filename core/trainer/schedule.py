"""The learning-rate schedule and which parameters weight decay applies to."""

from __future__ import annotations

import paddle


class WarmupLinearDecay(paddle.optimizer.lr.LRScheduler):
    """Linear warmup over ``warmup`` steps to the base rate, then linear decay towards 0 at ``total``."""

    def __init__(self, learning_rate: float, warmup: int, total: int, last_epoch: int = -1):
        self.warmup = max(0, warmup)
        self.total = max(1, total)
        super().__init__(learning_rate, last_epoch)

    def get_lr(self) -> float:
        i = self.last_epoch  # 0-based index of the step about to run
        if i < self.warmup:
            return self.base_lr * (i + 1) / self.warmup
        return self.base_lr * max(0.0, (self.total - i) / max(1, self.total - self.warmup))


def no_decay(name: str) -> bool:
    return "bias" in name or "norm" in name.lower()
