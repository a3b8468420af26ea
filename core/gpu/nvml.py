"""The NVML source (nvidia-ml-py): about 0.1 ms for a full sample of two GPUs."""

from __future__ import annotations

import time

from core.gpu.model import GpuProcess, GpuSample, Snapshot
from core.gpu.source import NoGpuError

_LIBRARY_HINT = "install the NVIDIA driver (it ships libnvidia-ml.so), or train on the CPU"


def _text(value: object) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


class NvmlSource:
    """Reads every GPU through NVML; readings a GPU does not support are probed once, then skipped."""

    name = "nvml"

    def __init__(self) -> None:
        try:
            import pynvml
        except ImportError as exc:
            raise NoGpuError("the nvidia-ml-py package is not installed", "pip install nvidia-ml-py") from exc
        self._nv = pynvml
        try:
            pynvml.nvmlInit()
        except pynvml.NVMLError as exc:
            raise NoGpuError(_init_reason(pynvml, exc), _LIBRARY_HINT) from exc
        try:
            count = pynvml.nvmlDeviceGetCount()
            self._handles = [pynvml.nvmlDeviceGetHandleByIndex(i) for i in range(count)]
            self._static = [self._read_static(i, h) for i, h in enumerate(self._handles)]
        except pynvml.NVMLError as exc:
            pynvml.nvmlShutdown()
            raise NoGpuError(f"NVML could not list the GPUs: {exc}", _LIBRARY_HINT) from exc
        if not self._handles:
            pynvml.nvmlShutdown()
            raise NoGpuError("the NVIDIA driver is loaded but reports no GPU", "check `nvidia-smi`")
        # per GPU: readings that raised NotSupported once are not asked again (saves a call each)
        self._unsupported: list[set[str]] = [set() for _ in self._handles]
        self._closed = False
        self._mem_v2 = hasattr(pynvml, "nvmlMemory_v2")

    def _read_static(self, index: int, handle: object) -> dict:
        nv = self._nv
        limit = None
        try:
            limit = nv.nvmlDeviceGetEnforcedPowerLimit(handle) / 1000.0
        except nv.NVMLError:
            pass
        return {
            "index": index,
            "uuid": _text(nv.nvmlDeviceGetUUID(handle)),
            "name": _text(nv.nvmlDeviceGetName(handle)),
            "power_limit_w": limit,
        }

    def _read(self, i: int, key: str, call, *args):
        """One NVML reading; NotSupported becomes None + a marker, other errors just None."""
        if key in self._unsupported[i]:
            return None
        try:
            return call(self._handles[i], *args)
        except self._nv.NVMLError_NotSupported:
            self._unsupported[i].add(key)
        except self._nv.NVMLError:
            pass
        return None

    def _memory(self, i: int):
        """Memory info v2 (used excludes the driver's reserve, as nvidia-smi shows it), else v1."""
        if self._mem_v2:
            try:
                return self._nv.nvmlDeviceGetMemoryInfo(self._handles[i], version=self._nv.nvmlMemory_v2)
            except self._nv.NVMLError:
                self._mem_v2 = False  # older driver: v1 counts the reserve as used
        return self._read(i, "mem_used_bytes", self._nv.nvmlDeviceGetMemoryInfo)

    def sample(self) -> Snapshot:
        """Read every GPU and the compute processes on it."""
        nv = self._nv
        gpus: list[GpuSample] = []
        procs: list[GpuProcess] = []
        ts = time.time()
        for i in range(len(self._handles)):
            util = self._read(i, "util_pct", nv.nvmlDeviceGetUtilizationRates)
            mem = self._memory(i)
            power = self._read(i, "power_w", nv.nvmlDeviceGetPowerUsage)
            fan = self._read(i, "fan_pct", nv.nvmlDeviceGetFanSpeed)
            pstate = self._read(i, "pstate", nv.nvmlDeviceGetPerformanceState)
            s = self._static[i]
            gpus.append(
                GpuSample(
                    index=i,
                    uuid=s["uuid"],
                    name=s["name"],
                    util_pct=None if util is None else float(util.gpu),
                    mem_util_pct=None if util is None else float(util.memory),
                    mem_used_bytes=None if mem is None else int(mem.used),
                    mem_total_bytes=None if mem is None else int(mem.total),
                    temp_c=self._read(i, "temp_c", nv.nvmlDeviceGetTemperature, nv.NVML_TEMPERATURE_GPU),
                    power_w=None if power is None else power / 1000.0,
                    power_limit_w=s["power_limit_w"],
                    sm_clock_mhz=self._read(i, "sm_clock_mhz", nv.nvmlDeviceGetClockInfo, nv.NVML_CLOCK_SM),
                    mem_clock_mhz=self._read(i, "mem_clock_mhz", nv.nvmlDeviceGetClockInfo, nv.NVML_CLOCK_MEM),
                    fan_pct=None if fan is None else float(fan),
                    pstate=None if pstate is None else f"P{int(pstate)}",
                    unsupported=frozenset(self._unsupported[i]),
                )
            )
            for p in self._read(i, "processes", nv.nvmlDeviceGetComputeRunningProcesses) or ():
                used = p.usedGpuMemory
                # NVML marks an unknown amount (no permission, MIG) with a huge sentinel value
                procs.append(GpuProcess(pid=int(p.pid), gpu=i, used_bytes=used if used and used < 1 << 60 else None))
        return Snapshot(ts=ts, gpus=gpus, processes=procs, source=self.name)

    def close(self) -> None:
        """Shut NVML down (once)."""
        if not self._closed:
            self._closed = True
            try:
                self._nv.nvmlShutdown()
            except self._nv.NVMLError:
                pass


def _init_reason(nv, exc: Exception) -> str:
    if isinstance(exc, nv.NVMLError_LibraryNotFound):
        return "the NVIDIA driver library (libnvidia-ml.so) is not installed"
    if isinstance(exc, nv.NVMLError_DriverNotLoaded):
        return "the NVIDIA kernel driver is not loaded"
    if isinstance(exc, nv.NVMLError_NoPermission):
        return "no permission to talk to the NVIDIA driver"
    return f"NVML failed to start: {exc}"
