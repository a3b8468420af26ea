"""Numbers as people read them: counts, bytes, durations and time left. Used by core, the CLI and the app.

Bytes are binary units (KiB, MiB, GiB), the way nvidia-smi and Docker count memory, so a size the
Train page quotes can be compared with the Monitor's and `docker stats`'s figures.
The clock form lives in ``core/trainer/durations.py`` (the trainer, which imports nothing from
core, prints it in its log lines) and is re-exported here.
"""

from __future__ import annotations

from core.trainer.durations import format_clock  # noqa: F401 - re-exported: one implementation

KIB, MIB, GIB = 1 << 10, 1 << 20, 1 << 30


def format_count(n: int | float) -> str:
    """1234567 -> '1.2M', 5300 -> '5.3K', 812 -> '812'."""
    for div, unit in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if n >= div:
            return f"{n / div:.1f}{unit}"
    return str(int(n))


def format_bytes(n: int | float | None, unknown: str = "?") -> str:
    """'21.1 GiB', '64 MiB', '48.8 KiB', '812 B'; ``unknown`` when ``n`` is None."""
    if n is None:
        return unknown
    if n >= GIB:
        return f"{n / GIB:.1f} GiB"
    if n >= MIB:
        return f"{n / MIB:.0f} MiB"
    if n >= KIB:
        return f"{n / KIB:.1f} KiB"
    return f"{int(n)} B"


def format_duration(seconds: float | None) -> str:
    """In words, for sentences and labels: 42 -> '42 s', 75 -> '1 min 15 s', 7500 -> '2 h 05 min'; '—' unknown."""
    if seconds is None or seconds < 0:
        return "—"
    s = int(round(seconds))
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60:02d} s"
    return f"{s // 3600} h {s % 3600 // 60:02d} min"


def eta_seconds(done: float, total: float, elapsed_s: float) -> float | None:
    """Seconds left at the pace so far; None before any progress (no pace to go by)."""
    if done <= 0 or total <= 0:
        return None
    return max(0.0, elapsed_s / done * (total - done))
