"""Seeded, stratified train/dev split."""

from __future__ import annotations

import random
from collections.abc import Sequence


def stratified_split(label_ids: Sequence[int], fraction: float, seed: int) -> tuple[list[int], list[int]]:
    """Row indices (train, dev), both ascending: ``fraction`` of each class goes to dev.

    Every class with at least two examples gets at least one dev example and keeps at least one
    for training. The same labels, fraction and seed always give the same split.
    """
    by_class: dict[int, list[int]] = {}
    for i, label in enumerate(label_ids):
        by_class.setdefault(label, []).append(i)
    rng = random.Random(seed)
    dev: list[int] = []
    for label in sorted(by_class):
        idx = by_class[label]
        n = len(idx)
        k = 0 if n < 2 else min(n - 1, max(1, round(n * fraction)))
        dev.extend(rng.sample(idx, k))  # O(k), unlike shuffling the whole class
    dev.sort()
    taken = set(dev)
    train = [i for i in range(len(label_ids)) if i not in taken]
    return train, dev
