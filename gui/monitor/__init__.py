"""The GPU dashboard (Monitor page), its sampler controller, and the Train page's GPU picker."""

from __future__ import annotations

from gui.monitor.controller import SamplerController
from gui.monitor.page import MonitorPage
from gui.monitor.picker import GpuPicker
from gui.monitor.strip import GpuUtilStrip

__all__ = ["GpuPicker", "GpuUtilStrip", "MonitorPage", "SamplerController", "main"]


def main(argv: list[str] | None = None) -> int:
    """`paddledesk monitor [--replay TRACE] [--rate HZ] ...`: just the dashboard window."""
    from gui.monitor.app import main as run

    return run(argv)
