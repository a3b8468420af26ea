"""A growable pair of numpy arrays: appending is amortised O(1), reading is a view (no copy)."""

from __future__ import annotations

import numpy as np


class Series:
    """x/y values of one curve."""

    def __init__(self, capacity: int = 1024):
        self._x = np.empty(capacity, dtype=np.float64)
        self._y = np.empty(capacity, dtype=np.float64)
        self.size = 0

    def extend(self, xs: list[float], ys: list[float]) -> None:
        """Append points (same length lists)."""
        n = len(xs)
        if not n:
            return
        need = self.size + n
        if need > len(self._x):
            cap = max(need, 2 * len(self._x))
            self._x = np.resize(self._x, cap)
            self._y = np.resize(self._y, cap)
        self._x[self.size:need] = xs
        self._y[self.size:need] = ys
        self.size = need

    def clear(self) -> None:
        self.size = 0

    @property
    def x(self) -> np.ndarray:
        return self._x[: self.size]

    @property
    def y(self) -> np.ndarray:
        return self._y[: self.size]
