"""The Trainer's checkpoints: its position and best-so-far state, saving last/best, restoring.

A mixin of ``loop.Trainer`` (it shares the Trainer's attributes); the folder format and the
atomic save are ``checkpoint.py``'s.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import paddle

from . import checkpoint as ckpt


class CheckpointsMixin:
    """Trainer state, checkpoints/last and checkpoints/best."""

    # -- state --------------------------------------------------------------------------------
    def _fresh_state(self) -> dict[str, Any]:
        return {"global_step": 0, "epoch": 0, "batch": 0, "best_value": None, "best_step": 0,
                "best_metrics": None, "bad_evals": 0, "loss_sum": 0.0, "loss_count": 0,
                "last_eval_step": -1, "stopped_early": False}

    def _load(self, folder: Path) -> None:
        """Restore weights, optimizer, scheduler, scaler and position from a checkpoint (no RNG: see seeds)."""
        self.net.set_state_dict(paddle.load(str(folder / ckpt.MODEL_FILE)))
        self.optimizer.set_state_dict(paddle.load(str(folder / ckpt.OPTIMIZER_FILE)))
        extra = paddle.load(str(folder / ckpt.EXTRA_FILE))
        self.scheduler.set_state_dict(extra["scheduler"])
        if self.scaler is not None and extra.get("scaler"):
            self.scaler.load_state_dict(extra["scaler"])
        saved = ckpt.read_state(folder) or {}
        self.state.update({k: saved[k] for k in self.state if k in saved})

    def _save_last(self) -> None:
        """Write checkpoints/last (rank 0) and report it."""
        step = self.state["global_step"]
        state = self._state_now()  # collective under data parallel: every rank calls it
        if self.world.is_main:
            def fill(tmp: Path) -> None:
                paddle.save(self.net.state_dict(), str(tmp / ckpt.MODEL_FILE))
                paddle.save(self.optimizer.state_dict(), str(tmp / ckpt.OPTIMIZER_FILE))
                extra = {"scheduler": self.scheduler.state_dict(),
                         "scaler": self.scaler.state_dict() if self.scaler is not None else None}
                paddle.save(extra, str(tmp / ckpt.EXTRA_FILE))
                entry = self.tokenizer.save(tmp / "tokenizer")
                ckpt.write_state(tmp, {**state, "tokenizer": entry, "model": self.cfg.model})

            ckpt.save_atomic(self.ckpt_dir, "last", fill, keep=max(1, self.cfg.save_total_limit))
            self.ev.emit("checkpoint", step=step, path="checkpoints/last", best=False)
        self.saved_step = step

    def _save_best(self, metrics: dict[str, Any]) -> None:
        if not self.world.is_main:
            return

        def fill(tmp: Path) -> None:
            paddle.save(self.net.state_dict(), str(tmp / ckpt.MODEL_FILE))
            ckpt.write_state(tmp, {"global_step": self.state["global_step"], "metrics": metrics,
                                   "model": self.cfg.model})

        ckpt.save_atomic(self.ckpt_dir, "best", fill)
        self.ev.emit("checkpoint", step=self.state["global_step"], path="checkpoints/best", best=True)

    def _state_now(self) -> dict[str, Any]:
        """The trainer state to checkpoint; the unlogged loss sum is the mean over ranks, so that
        every rank can restore it and the next logged loss (summed over ranks) is unchanged."""
        state = dict(self.state)
        window = self._window_sum()
        state["loss_sum"] = float(self._rank_mean(window)) if window is not None else 0.0
        return state

    def _window_sum(self) -> paddle.Tensor | None:
        """Sum of the losses since the last step event (None when there are none)."""
        if not self._losses:
            return paddle.to_tensor(self._loss_carry, dtype="float32") if self._loss_carry else None
        total = paddle.add_n(self._losses) if len(self._losses) > 1 else self._losses[0]
        return total + self._loss_carry if self._loss_carry else total

    def _rank_mean(self, value: paddle.Tensor) -> paddle.Tensor:
        if self.world.size == 1:
            return value
        total = value.clone()
        paddle.distributed.all_reduce(total)
        return total / self.world.size
