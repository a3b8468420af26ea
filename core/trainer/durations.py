"""Durations as a clock, for the trainer's log lines and the app's columns and progress bars.

It lives in the trainer because the trainer imports nothing from ``core``; ``core.formatting``
re-exports it, so there is one implementation.
"""

from __future__ import annotations


def format_clock(seconds: float) -> str:
    """As a clock, for table columns and progress bars (fixed shape): 75 -> '1:15', 3723 -> '1:02:03'."""
    s = int(max(0, seconds))
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"
