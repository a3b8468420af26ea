"""Bounded history of GPU readings: one numpy ring buffer per GPU and metric.

The default holds 1 h at 4 Hz (14,400 samples): 8 GPUs x 6 metrics take 2.8 MB and never grow.
Writes come from the sampling thread, reads from the GUI: a lock guards both, each a short copy.
"""

from __future__ import annotations

import operator
import threading

import numpy as np

from core.gpu.model import METRICS, Snapshot

DEFAULT_CAPACITY = 3600 * 4


BLOCK = 16  # samples per pre-computed min/max block (4 s at 4 Hz)


class History:
    """Ring buffers of every metric of every GPU, with the time of each sample.

    Beside the raw samples it keeps the min and max of every block of 16, updated as blocks
    fill, so a chart of the whole hour reduces 900 blocks instead of 14,400 samples per frame.
    """

    def __init__(self, capacity: int = DEFAULT_CAPACITY, metrics: tuple[str, ...] = METRICS):
        self.capacity = -(-int(capacity) // BLOCK) * BLOCK  # whole blocks: a block never wraps
        self.metrics = metrics
        self._get = operator.attrgetter(*metrics) if len(metrics) > 1 else (lambda g: (getattr(g, metrics[0]),))
        self._lock = threading.Lock()
        m, nb = len(metrics), self.capacity // BLOCK
        self._t = np.zeros(self.capacity, dtype=np.float64)
        self._v = np.full((0, m, self.capacity), np.nan, dtype=np.float32)
        self._bt = np.zeros((2, nb), dtype=np.float64)  # first and last time of each block
        self._blo = np.full((0, m, nb), np.nan, dtype=np.float32)
        self._bhi = np.full((0, m, nb), np.nan, dtype=np.float32)
        self._rows: dict[int, int] = {}  # GPU index -> row in the arrays
        self._total = 0  # samples ever added

    def __len__(self) -> int:
        return min(self._total, self.capacity)

    @property
    def _count(self) -> int:
        return len(self)

    @property
    def _head(self) -> int:
        return self._total % self.capacity

    @property
    def gpu_indices(self) -> list[int]:
        return sorted(self._rows)

    @property
    def nbytes(self) -> int:
        return self._t.nbytes + self._v.nbytes + self._bt.nbytes + self._blo.nbytes + self._bhi.nbytes

    def _row(self, index: int) -> int:
        row = self._rows.get(index)
        if row is None:  # a GPU seen for the first time: its past is unknown (NaN)
            row = len(self._rows)
            grow = [np.full((1, *a.shape[1:]), np.nan, dtype=np.float32) for a in (self._v, self._blo, self._bhi)]
            self._v = np.concatenate([self._v, grow[0]])
            self._blo = np.concatenate([self._blo, grow[1]])
            self._bhi = np.concatenate([self._bhi, grow[2]])
            self._rows[index] = row
        return row

    def _store(self, ts: float, rows: list[int], values) -> None:
        """One sample (lock held): values[i] belongs to rows[i]."""
        h = self._head
        self._t[h] = ts
        if len(rows) == self._v.shape[0] and rows == sorted(rows):  # every GPU, in row order
            self._v[:, :, h] = values
        else:
            self._v[:, :, h] = np.nan
            if rows:
                self._v[rows, :, h] = values
        self._total += 1
        if self._total % BLOCK == 0:  # a block just filled: summarise it once
            s, b = h + 1 - BLOCK, (h + 1 - BLOCK) // BLOCK
            block = self._v[:, :, s : h + 1]
            self._blo[:, :, b] = np.fmin.reduce(block, axis=-1)
            self._bhi[:, :, b] = np.fmax.reduce(block, axis=-1)
            self._bt[:, b] = self._t[s], self._t[h]

    def append(self, snap: Snapshot) -> None:
        """Add one snapshot (overwrites the oldest once full)."""
        # None (no reading) becomes NaN in a float array: a gap in the chart
        values = np.array([self._get(g) for g in snap.gpus], dtype=np.float32).reshape(-1, len(self.metrics))
        with self._lock:
            rows = [self._rows.get(g.index) for g in snap.gpus]
            if None in rows:
                rows = [self._row(g.index) for g in snap.gpus]  # grows the arrays: before indexing them
            self._store(snap.ts, rows, values)

    def extend_array(self, t: np.ndarray, values: np.ndarray, indices: list[int]) -> None:
        """Bulk-load samples: t (n,), values (gpus, metrics, n) in `self.metrics` order."""
        with self._lock:
            rows = [self._row(i) for i in indices]
            for k in range(len(t)):
                self._store(float(t[k]), rows, values[:, :, k])

    def _order(self) -> np.ndarray:
        start = (self._head - self._count) % self.capacity
        return (start + np.arange(self._count)) % self.capacity

    def window(self, seconds: float | None = None, metrics: list[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Times (n,) and values (gpus, metrics, n) of the last `seconds`, oldest first (copies).

        `metrics` picks and orders the metric axis (default: all of `self.metrics`).
        """
        pick = None if metrics is None else [self.metrics.index(m) for m in metrics]
        with self._lock:
            if self._count == 0:
                return np.zeros(0), np.zeros((len(self._rows), len(pick or self.metrics), 0), dtype=np.float32)
            start = (self._head - self._count) % self.capacity
            if start + self._count <= self.capacity:  # contiguous: views, copied once below
                t = self._t[start : start + self._count]
                v = self._v[:, :, start : start + self._count]
            else:
                idx = self._order()
                t, v = self._t[idx], self._v[:, :, idx]
            if seconds is not None:
                first = int(np.searchsorted(t, t[-1] - seconds, side="left"))
                t, v = t[first:], v[:, :, first:]
            return t.copy(), (v.copy() if pick is None else v[:, pick])

    def peaks(self, seconds: float, metrics: list[str], bins: int) -> tuple[np.ndarray, np.ndarray]:
        """The last `seconds` as at most 2*bins (min, max) points per curve, for charts.

        Times (k,) and values (gpus, len(metrics), k). Short windows reduce the raw samples; long
        ones reduce the pre-computed blocks plus the samples of the block still filling.
        """
        with self._lock:
            n = self._count
            if n == 0:
                return np.zeros(0), np.zeros((len(self._rows), len(metrics), 0), dtype=np.float32)
            newest = self._t[(self._total - 1) % self.capacity]
            oldest = self._t[(self._total - n) % self.capacity]
            interval = (newest - oldest) / (n - 1) if n > 1 else 0.0
            span = min(n, seconds / interval) if interval > 0 else n  # samples in the window
            # blocks only where there are at least `bins` of them: short windows keep full detail
            use_blocks = span >= bins * BLOCK
        if not use_blocks:
            t, v = self.window(seconds, metrics)
            return peak_decimate_block(t, v, bins)
        pick = [self.metrics.index(m) for m in metrics]
        with self._lock:
            first_abs = self._total - self._count  # oldest sample still held
            done = self._total // BLOCK  # complete blocks so far
            nb = self.capacity // BLOCK
            blocks = np.arange(max(-(-first_abs // BLOCK), done - nb), done)
            ring = blocks % nb
            keep = self._bt[1, ring] >= newest - seconds
            ring = ring[keep]
            lo, hi = self._blo[:, :, ring][:, pick], self._bhi[:, :, ring][:, pick]
            t_lo, t_hi = self._bt[0, ring], self._bt[1, ring]
            tail = np.arange(done * BLOCK, self._total) % self.capacity  # the block still filling
            if len(tail):
                part = self._v[:, :, tail][:, pick]
                lo = np.concatenate([lo, np.fmin.reduce(part, axis=-1)[..., None]], axis=-1)
                hi = np.concatenate([hi, np.fmax.reduce(part, axis=-1)[..., None]], axis=-1)
                t_lo = np.append(t_lo, self._t[tail[0]])
                t_hi = np.append(t_hi, self._t[tail[-1]])
        k = lo.shape[-1]
        per = max(1, -(-k // bins))
        pad = (-k) % per  # NaN at the old end so groups are whole; fmin/fmax skip it
        if pad:
            lo = np.concatenate([np.full((*lo.shape[:-1], pad), np.nan, np.float32), lo], axis=-1)
            hi = np.concatenate([np.full((*hi.shape[:-1], pad), np.nan, np.float32), hi], axis=-1)
            t_lo = np.concatenate([np.full(pad, t_lo[0]), t_lo])
            t_hi = np.concatenate([np.full(pad, t_hi[0]), t_hi])
        g = lo.shape[-1] // per
        out_t = np.empty(2 * g)
        out_t[0::2] = t_lo.reshape(g, per)[:, 0]
        out_t[1::2] = t_hi.reshape(g, per)[:, -1]
        out_v = np.empty((*lo.shape[:-1], 2 * g), dtype=np.float32)
        out_v[..., 0::2] = np.fmin.reduce(lo.reshape(*lo.shape[:-1], g, per), axis=-1)
        out_v[..., 1::2] = np.fmax.reduce(hi.reshape(*hi.shape[:-1], g, per), axis=-1)
        return out_t, out_v

    def series(self, gpu: int, metric: str, seconds: float | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Times and values of one metric of one GPU (by GPU index)."""
        t, v = self.window(seconds)
        row = self._rows.get(gpu)
        if row is None:
            return t[:0], np.zeros(0, dtype=np.float32)
        return t, v[row, self.metrics.index(metric)]

    def row_of(self, gpu: int) -> int | None:
        """Row of a GPU index in the arrays `window` and `peaks` return."""
        return self._rows.get(gpu)


def peak_decimate(t: np.ndarray, y: np.ndarray, bins: int) -> tuple[np.ndarray, np.ndarray]:
    """At most 2*bins points keeping each bin's min and max, so spikes survive zooming out."""
    xd, yd = peak_decimate_block(t, y[np.newaxis], bins)
    return xd, yd[0]


def peak_decimate_block(t: np.ndarray, v: np.ndarray, bins: int) -> tuple[np.ndarray, np.ndarray]:
    """Min/max per bin along the last axis of v (..., n) at once; NaN (no reading) is skipped."""
    n = len(t)
    if n <= 2 * bins or bins <= 0:
        return t, v
    per = -(-n // bins)
    bins = n // per
    m = per * bins  # fewer than `per` of the oldest samples are left out
    # bins end at the newest sample, so the right edge of the chart is always exact
    blocks = v[..., n - m :].reshape(*v.shape[:-1], bins, per)
    tb = t[n - m :].reshape(bins, per)
    out_t = np.empty(2 * bins)
    out_t[0::2] = tb[:, 0]
    out_t[1::2] = tb[:, -1]
    out_v = np.empty((*v.shape[:-1], 2 * bins), dtype=v.dtype)
    out_v[..., 0::2] = np.fmin.reduce(blocks, axis=-1)  # fmin/fmax ignore NaN without copying
    out_v[..., 1::2] = np.fmax.reduce(blocks, axis=-1)
    return out_t, out_v
