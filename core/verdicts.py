"""Verdicts on a finished run that a green "Finished" would hide: accuracy at chance level.

A model that answers the majority class for every text scores that class's share of the dev
set. A best dev accuracy within a small margin of that share means the model learned nothing
useful (ERNIE trained from random weights on a small set does this), however long it trained.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

CHANCE_MARGIN = 0.02  # accuracy points above the majority share that still count as chance


@dataclass(frozen=True)
class ChanceVerdict:
    """A run whose best dev accuracy is no better than always answering the commonest label."""

    best_accuracy: float
    majority_rate: float  # share of the dev set's commonest label
    majority_label: str
    dev_size: int

    @property
    def message(self) -> str:
        """One English line (the CLI prints it; the GUI words its own)."""
        return (f"accuracy at chance level: the model learned nothing useful (best accuracy "
                f"{self.best_accuracy:.3f}; always answering {self.majority_label!r} scores "
                f"{self.majority_rate:.3f})")

    hint = ("an ERNIE model needs its pretrained weights (import them, or connect); otherwise try "
            "fastText, more epochs, a larger learning rate or more examples")


def _supports(ev: dict[str, Any], labels: list[str] | None) -> dict[str, int]:
    """Dev examples per label: the per-class supports, else the confusion matrix's row sums."""
    per_class = ev.get("per_class") or {}
    counts = {str(k): int(v.get("support") or 0) for k, v in per_class.items() if isinstance(v, dict)}
    if sum(counts.values()):
        return counts
    matrix = ev.get("confusion") or []
    names = list(labels or []) if labels and len(labels) == len(matrix) else [str(i) for i in range(len(matrix))]
    return {name: int(sum(row)) for name, row in zip(names, matrix)}


def chance_level(evals: Iterable[dict[str, Any]], labels: list[str] | None = None,
                 margin: float = CHANCE_MARGIN) -> ChanceVerdict | None:
    """The verdict when the best dev accuracy of ``evals`` (eval event fields) is at chance level, else None.

    The margin widens on small dev sets, where one example moves the accuracy by more than it.
    """
    dev = [e for e in evals if e.get("split", "dev") == "dev" and isinstance(e.get("accuracy"), (int, float))]
    if not dev:
        return None
    counts = _supports(dev[-1], labels)
    total = sum(counts.values())
    if total <= 0 or len(counts) < 2:
        return None
    label, top = max(counts.items(), key=lambda kv: kv[1])
    rate = top / total
    best = max(float(e["accuracy"]) for e in dev)
    if best > rate + max(margin, 1.0 / total):
        return None
    return ChanceVerdict(best_accuracy=best, majority_rate=rate, majority_label=label, dev_size=total)
