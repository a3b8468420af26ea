"""Bounded history of GPU readings: one numpy ring buffer per GPU and metric.

The default holds 1 h at 4 Hz (14,400 samples): 8 GPUs x 6 metrics take 2.8 MB and never grow.
Writes come from the sampling thread, reads from the GUI: a lock guards both, each a short copy.
"""

from __future__ import annotations

import threading

import numpy as np

from core.gpu.model import METRICS, Snapshot

DEFAULT_CAPACITY = 3600 * 4


class History:
    """Ring buffers of every metric of every GPU, with the time of each sample."""

    def __init__(self, capacity: int = DEFAULT_CAPACITY, metrics: tuple[str, ...] = METRICS):
        self.capacity = int(capacity)
        self.metrics = metrics
        self._lock = threading.Lock()
        self._t = np.zeros(self.capacity, dtype=np.float64)
        self._v = np.full((0, len(metrics), self.capacity), np.nan, dtype=np.float32)
        self._rows: dict[int, int] = {}  # GPU index -> row in _v
        self._head = 0  # where the next sample goes
        self._count = 0

    def __len__(self) -> int:
        return self._count

    @property
    def gpu_indices(self) -> list[int]:
        return sorted(self._rows)

    @property
    def nbytes(self) -> int:
        return self._t.nbytes + self._v.nbytes

    def _row(self, index: int) -> int:
        row = self._rows.get(index)
        if row is None:  # a GPU seen for the first time: its past is unknown (NaN)
            row = len(self._rows)
            pad = np.full((1, len(self.metrics), self.capacity), np.nan, dtype=np.float32)
            self._v = np.concatenate([self._v, pad])
            self._rows[index] = row
        return row

    def append(self, snap: Snapshot) -> None:
        """Add one snapshot (overwrites the oldest once full)."""
        with self._lock:
            h = self._head
            self._t[h] = snap.ts
            self._v[:, :, h] = np.nan
            for g in snap.gpus:
                row = self._row(g.index)  # may grow self._v: index it only afterwards
                self._v[row, :, h] = [g.metric(m) for m in self.metrics]
            self._head = (h + 1) % self.capacity
            self._count = min(self._count + 1, self.capacity)

    def extend_array(self, t: np.ndarray, values: np.ndarray, indices: list[int]) -> None:
        """Bulk-load samples: t (n,), values (gpus, metrics, n) in `self.metrics` order."""
        with self._lock:
            for index in indices:
                self._row(index)
            rows = [self._rows[i] for i in indices]
            for k in range(len(t)):
                h = self._head
                self._t[h] = t[k]
                self._v[rows, :, h] = values[:, :, k]
                self._head = (h + 1) % self.capacity
                self._count = min(self._count + 1, self.capacity)

    def _order(self) -> np.ndarray:
        start = (self._head - self._count) % self.capacity
        return (start + np.arange(self._count)) % self.capacity

    def window(self, seconds: float | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Times (n,) and values (gpus, metrics, n) of the last `seconds`, oldest first (copies)."""
        with self._lock:
            if self._count == 0:
                return np.zeros(0), np.zeros((len(self._rows), len(self.metrics), 0), dtype=np.float32)
            start = (self._head - self._count) % self.capacity
            if start + self._count <= self.capacity:  # contiguous: slices, no fancy indexing
                t = self._t[start : start + self._count]
                v = self._v[:, :, start : start + self._count]
            else:
                idx = self._order()
                t, v = self._t[idx], self._v[:, :, idx]
            if seconds is not None:
                first = int(np.searchsorted(t, t[-1] - seconds, side="left"))
                t, v = t[first:], v[:, :, first:]
            return t.copy(), v.copy()

    def series(self, gpu: int, metric: str, seconds: float | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Times and values of one metric of one GPU (by GPU index)."""
        t, v = self.window(seconds)
        row = self._rows.get(gpu)
        if row is None:
            return t[:0], np.zeros(0, dtype=np.float32)
        return t, v[row, self.metrics.index(metric)]

    def row_of(self, gpu: int) -> int | None:
        """Row of a GPU index in the arrays `window` returns."""
        return self._rows.get(gpu)


def peak_decimate(t: np.ndarray, y: np.ndarray, bins: int) -> tuple[np.ndarray, np.ndarray]:
    """At most 2*bins points keeping each bin's min and max, so spikes survive zooming out."""
    n = len(t)
    if n <= 2 * bins or bins <= 0:
        return t, y
    per = n // bins
    m = per * bins
    tb = t[n - m :].reshape(bins, per)
    yb = y[n - m :].reshape(bins, per)
    with np.errstate(invalid="ignore"), _nan_ok():
        lo = np.nanmin(yb, axis=1)
        hi = np.nanmax(yb, axis=1)
    out_t = np.empty(2 * bins)
    out_y = np.empty(2 * bins, dtype=y.dtype)
    out_t[0::2] = tb[:, 0]
    out_t[1::2] = tb[:, -1]
    out_y[0::2] = lo
    out_y[1::2] = hi
    return out_t, out_y


class _nan_ok:
    """Silence numpy's all-NaN-slice warning (a gap in the data is not a problem)."""

    def __enter__(self) -> None:
        import warnings

        self._w = warnings.catch_warnings()
        self._w.__enter__()
        warnings.simplefilter("ignore", RuntimeWarning)

    def __exit__(self, *exc) -> None:
        self._w.__exit__(*exc)
