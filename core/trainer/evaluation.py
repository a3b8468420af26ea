"""The Trainer's evaluation: metrics of the current weights on a split, and the dev evaluation
that decides the best checkpoint and early stopping.

A mixin of ``loop.Trainer`` (it shares the Trainer's attributes).
"""

from __future__ import annotations

import contextlib
from typing import Any

import numpy as np
import paddle
import paddle.nn.functional as F

from .data import RunData, Split, collate
from .metrics import classification_report


class EvaluationMixin:
    """evaluate(), the AMP context and the dev eval with its best/early-stopping bookkeeping."""

    def evaluate(self, split: Split, encoded: list[np.ndarray]) -> dict[str, Any]:
        """Loss and every classification metric of the current weights on ``split``."""
        self.net.eval()
        order = np.argsort([len(e) for e in encoded], kind="stable")  # similar lengths pad less
        preds = np.zeros(len(split), dtype=np.int64)
        labels = np.asarray(split.labels, dtype=np.int64)
        loss_sum = 0.0
        bs = max(self.cfg.batch_size, 32) * 2
        with paddle.no_grad():
            for start in range(0, len(order), bs):
                idx = order[start: start + bs]
                with self._autocast():
                    logits = self.net(paddle.to_tensor(collate(encoded, idx, self.tokenizer.pad_id)))
                logits = logits.astype("float32")
                y = paddle.to_tensor(labels[idx])
                loss_sum += float(F.cross_entropy(logits, y, reduction="sum"))
                preds[idx] = logits.argmax(axis=-1).numpy()
        self.net.train()
        report = classification_report(labels, preds, self.labels)
        report["loss"] = loss_sum / max(1, len(split))
        return report

    def _autocast(self):
        if not self.use_amp:
            return contextlib.nullcontext()
        return paddle.amp.auto_cast(enable=True, level="O1", dtype="float16")

    def _eval_and_save(self, data: RunData) -> bool:
        """Dev eval, best/early-stopping bookkeeping, checkpoints; True when training should stop."""
        self.ev.emit("phase", phase="evaluating")
        st = self.state
        report = self.evaluate(data.dev, self.encoded["dev"])
        value = report[self.cfg.metric]
        # ngrams: a tie on the metric goes to the lower dev loss (the same decisions, more confident)
        tie = self.loss_breaks_ties and st["best_value"] is not None and value == st["best_value"] and \
            st["best_metrics"] and report["loss"] < st["best_metrics"]["loss"]
        is_best = st["best_value"] is None or value > st["best_value"] or bool(tie)
        step = st["global_step"]
        self.ev.emit("eval", step=step, epoch=round(step / self.plan.steps_per_epoch, 4), split="dev",
                     best=is_best, **report)
        self.ev.say(f"eval  step {step}: accuracy {report['accuracy']:.4f}  macro-F1 {report['macro_f1']:.4f}"
                    f"  loss {report['loss']:.4f}" + ("  (best)" if is_best else ""))
        st["last_eval_step"] = step
        if is_best:
            st.update(best_value=value, best_step=step, bad_evals=0,
                      best_metrics={"accuracy": report["accuracy"], "macro_f1": report["macro_f1"],
                                    "loss": report["loss"], "step": step})
            self._save_best(st["best_metrics"])
        else:
            st["bad_evals"] += 1
        patience = self.cfg.early_stopping_patience
        stop = patience > 0 and st["bad_evals"] >= patience
        st["stopped_early"] = stop
        self._save_last()
        if not stop and step < self.total_steps:
            self.ev.emit("phase", phase="training")
        return stop
