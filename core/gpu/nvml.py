"""The NVML source (nvidia-ml-py): about 0.1 ms for a full sample of two GPUs."""

from __future__ import annotations

import time

from core.gpu.model import GpuProcess, GpuSample, Snapshot
from core.gpu.source import NoGpuError
from core.messages import say

_LIBRARY_HINT = say("gpu.hint-install-driver",
                    "install the NVIDIA driver (it ships libnvidia-ml.so), or train on the CPU")


# reading key -> the GpuSample field marked unsupported when the GPU cannot give it
_FIELD = {"util": "util_pct", "mem": "mem_used_bytes"}
_PSTATES = {n: f"P{n}" for n in range(16)}


def _text(value: object) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


class NvmlSource:
    """Reads every GPU through NVML; readings a GPU does not support are probed once, then skipped."""

    name = "nvml"

    def __init__(self) -> None:
        try:
            import pynvml
        except ImportError as exc:
            raise NoGpuError(say("gpu.no-pynvml", "the nvidia-ml-py package is not installed"),
                             "pip install nvidia-ml-py") from exc
        self._nv = pynvml
        try:
            pynvml.nvmlInit()
        except pynvml.NVMLError as exc:
            raise NoGpuError(_init_reason(pynvml, exc), _LIBRARY_HINT) from exc
        try:
            count = pynvml.nvmlDeviceGetCount()
            self._handles = [pynvml.nvmlDeviceGetHandleByIndex(i) for i in range(count)]
            system = read_driver(pynvml)
            self._static = [{**self._read_static(i, h), **system} for i, h in enumerate(self._handles)]
        except pynvml.NVMLError as exc:
            pynvml.nvmlShutdown()
            raise NoGpuError(say("gpu.nvml-list-failed", "NVML could not list the GPUs: {error}", error=str(exc)),
                             _LIBRARY_HINT) from exc
        if not self._handles:
            pynvml.nvmlShutdown()
            raise NoGpuError(say("gpu.driver-no-gpu", "the NVIDIA driver is loaded but reports no GPU"),
                             say("gpu.hint-check-smi", "check `nvidia-smi`"))
        # per GPU: readings that raised NotSupported once are not asked again (saves a call each)
        self._unsupported: list[set[str]] = [set() for _ in self._handles]
        self._marks: list[frozenset[str]] = [frozenset() for _ in self._handles]
        self._closed = False
        # memory info v2: "used" leaves out the driver's reserve, as nvidia-smi shows it
        self._mem_v2 = hasattr(pynvml, "nvmlMemory_v2")
        self._plan = [self._readers() for _ in self._handles]

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
            "compute_capability": read_compute_capability(nv, handle),
        }

    def _readers(self) -> list[tuple[str, object, tuple]]:
        """(key, NVML call, extra args) of every reading, in the order a sample takes them."""
        nv = self._nv
        memory = (nv.nvmlDeviceGetMemoryInfo, (nv.nvmlMemory_v2,)) if self._mem_v2 else \
            (nv.nvmlDeviceGetMemoryInfo, ())
        return [
            ("util", nv.nvmlDeviceGetUtilizationRates, ()),
            ("mem", *memory),
            ("temp_c", nv.nvmlDeviceGetTemperature, (nv.NVML_TEMPERATURE_GPU,)),
            ("power_w", nv.nvmlDeviceGetPowerUsage, ()),
            ("sm_clock_mhz", nv.nvmlDeviceGetClockInfo, (nv.NVML_CLOCK_SM,)),
            ("mem_clock_mhz", nv.nvmlDeviceGetClockInfo, (nv.NVML_CLOCK_MEM,)),
            ("fan_pct", nv.nvmlDeviceGetFanSpeed, ()),
            ("pstate", nv.nvmlDeviceGetPerformanceState, ()),
            ("processes", nv.nvmlDeviceGetComputeRunningProcesses, ()),
        ]

    def _read_all(self, i: int) -> dict[str, object]:
        """Every supported reading of GPU i: one try around plain calls, the careful path on error."""
        h = self._handles[i]
        values: dict[str, object] = {}
        try:
            for key, call, args in self._plan[i]:
                values[key] = call(h, *args)
            return values
        except self._nv.NVMLError:
            pass
        values = {}
        for key, call, args in list(self._plan[i]):
            try:
                values[key] = call(h, *args)
            except self._nv.NVMLError_NotSupported:
                self._unsupported[i].add(_FIELD.get(key, key))
                self._plan[i] = [r for r in self._plan[i] if r[0] != key]  # not asked again
                self._marks[i] = frozenset(self._unsupported[i])
            except self._nv.NVMLError:
                if key == "mem" and self._mem_v2:  # older driver: v1 counts the reserve as used
                    self._mem_v2 = False
                    self._plan = [[r if r[0] != "mem" else ("mem", r[1], ()) for r in plan] for plan in self._plan]
                    try:
                        values[key] = self._nv.nvmlDeviceGetMemoryInfo(h)
                    except self._nv.NVMLError:
                        pass
        return values

    def sample(self) -> Snapshot:
        """Read every GPU and the compute processes on it."""
        gpus: list[GpuSample] = []
        procs: list[GpuProcess] = []
        ts = time.time()
        for i in range(len(self._handles)):
            v = self._read_all(i)
            util, mem, power = v.get("util"), v.get("mem"), v.get("power_w")
            fan, pstate = v.get("fan_pct"), v.get("pstate")
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
                    temp_c=v.get("temp_c"),
                    power_w=None if power is None else power / 1000.0,
                    power_limit_w=s["power_limit_w"],
                    sm_clock_mhz=v.get("sm_clock_mhz"),
                    mem_clock_mhz=v.get("mem_clock_mhz"),
                    fan_pct=None if fan is None else float(fan),
                    pstate=None if pstate is None else _PSTATES.get(pstate, f"P{pstate}"),
                    compute_capability=s["compute_capability"],
                    driver_version=s["driver_version"],
                    cuda_driver_version=s["cuda_driver_version"],
                    unsupported=self._marks[i],
                )
            )
            for p in v.get("processes") or ():
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


def read_compute_capability(nv, handle: object) -> str | None:
    """"9.0" for a Hopper GPU; None when the driver cannot say."""
    try:
        major, minor = nv.nvmlDeviceGetCudaComputeCapability(handle)
    except nv.NVMLError:
        return None
    return f"{major}.{minor}"


def cuda_version_text(value: int) -> str:
    """NVML's CUDA version integer (13000) as "13.0"."""
    return f"{value // 1000}.{value % 1000 // 10}"


def read_driver(nv) -> dict[str, str | None]:
    """The driver's version and the highest CUDA it runs: what limits the images a user can run."""
    facts: dict[str, str | None] = {"driver_version": None, "cuda_driver_version": None}
    try:
        facts["driver_version"] = _text(nv.nvmlSystemGetDriverVersion())
    except nv.NVMLError:
        pass
    # _v2 is the newer call; older bindings only have the plain one (same number)
    for name in ("nvmlSystemGetCudaDriverVersion_v2", "nvmlSystemGetCudaDriverVersion"):
        call = getattr(nv, name, None)
        if call is None:
            continue
        try:
            facts["cuda_driver_version"] = cuda_version_text(int(call()))
            break
        except nv.NVMLError:
            continue
    return facts


def _init_reason(nv, exc: Exception) -> str:
    if isinstance(exc, nv.NVMLError_LibraryNotFound):
        return say("gpu.no-library", "the NVIDIA driver library (libnvidia-ml.so) is not installed")
    if isinstance(exc, nv.NVMLError_DriverNotLoaded):
        return say("gpu.driver-not-loaded", "the NVIDIA kernel driver is not loaded")
    if isinstance(exc, nv.NVMLError_NoPermission):
        return say("gpu.no-permission", "no permission to talk to the NVIDIA driver")
    return say("gpu.nvml-failed", "NVML failed to start: {error}", error=str(exc))
