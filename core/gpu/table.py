"""`paddledesk gpus`: a one-shot table of every GPU and the runs using them."""

from __future__ import annotations

from core.gpu.attribution import AttributedProcess, Attributor
from core.gpu.model import NOT_SUPPORTED, GpuSample, Snapshot, format_bytes
from core.gpu.source import GpuSource, NoGpuError, open_source


def _num(value: float | None, unit: str, digits: int = 0) -> str:
    return NOT_SUPPORTED if value is None else f"{value:.{digits}f}{unit}"


def gpu_row(g: GpuSample) -> list[str]:
    """The table cells of one GPU."""
    power = _num(g.power_w, "") + " / " + _num(g.power_limit_w, " W")
    mem = format_bytes(g.mem_used_bytes) + " / " + format_bytes(g.mem_total_bytes)
    clocks = _num(g.sm_clock_mhz, "") + " / " + _num(g.mem_clock_mhz, " MHz")
    return [str(g.index), g.name or "?", g.compute_capability or NOT_SUPPORTED, _num(g.util_pct, " %"), mem,
            _num(g.temp_c, " °C"), power, clocks, _num(g.fan_pct, " %"), g.pstate or NOT_SUPPORTED]


HEADER = ["GPU", "Name", "CC", "Util", "Memory", "Temp", "Power", "SM / mem clock", "Fan", "Perf"]


def driver_line(snap: Snapshot) -> str:
    """'Driver 580.159.04, CUDA 13.0' (what limits the images that can run), '' when unknown."""
    first = snap.gpus[0] if snap.gpus else None
    if first is None or not (first.driver_version or first.cuda_driver_version):
        return ""
    return f"Driver {first.driver_version or NOT_SUPPORTED}, CUDA {first.cuda_driver_version or NOT_SUPPORTED}"


def render_table(snap: Snapshot, processes: list[AttributedProcess] | None = None) -> str:
    """Aligned text of a snapshot: one line per GPU, then one per GPU process."""
    rows = [HEADER] + [gpu_row(g) for g in snap.gpus]
    widths = [max(len(r[c]) for r in rows) for c in range(len(HEADER))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() for r in rows]
    if driver_line(snap):
        lines.append(driver_line(snap) + " (CC: compute capability)")
    if processes is None:
        processes = [AttributedProcess(p, None) for p in snap.processes]
    lines.append("")
    if processes:
        lines.append("Processes:")
        lines.extend("  " + ap.describe() for ap in processes)
    else:
        lines.append("No process is using a GPU.")
    return "\n".join(lines)


def format_table(source: GpuSource | None = None, workspace=None, docker_client=None) -> str:
    """Sample once (NVML, else nvidia-smi) and return the table; a clear line when there is no GPU."""
    try:
        src = source or open_source()
    except NoGpuError as exc:
        return f"No NVIDIA GPU: {exc.reason}.\nHint: {exc.hint}."
    try:
        snap = src.sample()
    finally:
        if source is None:
            src.close()
    attributor = Attributor(workspace, docker_client) if (workspace is not None or docker_client is not None) else None
    procs = attributor.attribute(snap) if attributor else None
    return render_table(snap, procs)
