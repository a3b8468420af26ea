"""GPU monitoring without Qt: sources (NVML, nvidia-smi, replay), history, attribution, alerts.

    source = open_source()            # NvmlSource, else SmiSource; NoGpuError says why not
    sampler = Sampler(source, rate_hz=4, attributor=Attributor(workspace, docker_client))
    sampler.start(); ...; sampler.history.window(60)
"""

from core.gpu.alerts import Alert, AlertMonitor, AlertRules, training_runs_by_gpu
from core.gpu.attribution import RUN_LABEL, AttributedProcess, Attributor, RunOwner
from core.gpu.history import History, peak_decimate
from core.gpu.model import METRICS, NOT_SUPPORTED, GpuProcess, GpuSample, Snapshot, format_bytes
from core.gpu.replay import ReplaySource, TraceError, load_trace, save_trace
from core.gpu.sampler import Frame, Sampler, clamp_rate
from core.gpu.source import GpuSource, NoGpuError, open_source
from core.gpu.table import format_table, render_table

__all__ = [
    "Alert", "AlertMonitor", "AlertRules", "AttributedProcess", "Attributor", "Frame", "GpuProcess",
    "GpuSample", "GpuSource", "History", "METRICS", "NOT_SUPPORTED", "NoGpuError", "RUN_LABEL",
    "ReplaySource", "RunOwner", "Sampler", "Snapshot", "TraceError", "clamp_rate", "format_bytes",
    "format_table", "load_trace", "open_source", "peak_decimate", "render_table", "save_trace",
    "training_runs_by_gpu",
]
