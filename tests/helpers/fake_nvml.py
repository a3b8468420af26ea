"""A stand-in for ``pynvml`` that answers with what real H200s answered (no GPU here).

It is the real ``pynvml`` module's namespace (error classes, constants, ctypes structs) with the
calls that would reach the driver replaced by replays of recorded answers:

- ``tests/fixtures/gpu/h200x1-gpu-facts.json``: a one-H200 host (driver 580.159.04, CUDA 13.0):
  the raw NVML facts and the snapshot NvmlSource read there; its fan speed was "Not Supported".
- ``tests/fixtures/gpu/nvml-trace-load.json``: pynvml's memory answers on a two-H200 host with the
  same driver, read with the v1 call (``used`` counts the driver's reserve).

Nothing is invented: a value the recordings do not hold is answered with the error NVML gives.
"""

from __future__ import annotations

import json
import types
from collections import Counter
from pathlib import Path
from typing import Any

import pynvml

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "gpu"


def _error(code: int) -> pynvml.NVMLError:
    return pynvml.NVMLError(code)  # pynvml maps the code to its subclass (NVMLError_NotSupported, ...)


def recorded_h200() -> dict[str, Any]:
    """The one-H200 host's recorded facts and snapshot."""
    return json.loads((FIXTURES / "h200x1-gpu-facts.json").read_text(encoding="utf-8"))


def recorded_v1_memory() -> tuple[int, int]:
    """(used, total) bytes of GPU 0 in the first sample of the v1 trace."""
    first = json.loads((FIXTURES / "nvml-trace-load.json").read_text(encoding="utf-8"))[0]["gpus"][0]
    return int(first["used"]), int(first["total"])


def fake_pynvml(memory_v2: bool = True) -> types.ModuleType:
    """``pynvml`` replaying the H200 host; ``memory_v2=False``: a driver without the v2 memory call,
    whose v1 answer is the trace's. ``module.calls`` counts the calls by name."""
    facts = recorded_h200()
    raw, gpu = facts["nvml_raw"], facts["snapshot"]["gpus"][0]
    v1_used, v1_total = recorded_v1_memory()
    nv = types.ModuleType("pynvml")
    nv.__dict__.update({k: v for k, v in vars(pynvml).items() if not k.startswith("__")})
    calls: Counter[str] = Counter()
    nv.calls = calls
    handle = object()

    def answer(name: str, value: Any = None, error: int | None = None):
        def call(*_args: Any) -> Any:
            calls[name] += 1
            if error is not None:
                raise _error(error)
            return value
        return call

    def memory_info(_handle: Any, version: Any = None) -> Any:
        calls["nvmlDeviceGetMemoryInfo_v2" if version else "nvmlDeviceGetMemoryInfo"] += 1
        if version:
            if not memory_v2:  # what pynvml raises when the driver's library lacks the _v2 entry point
                raise _error(pynvml.NVML_ERROR_FUNCTION_NOT_FOUND)
            return pynvml.c_nvmlMemory_v2_t(used=gpu["mem_used_bytes"], total=gpu["mem_total_bytes"])
        return pynvml.c_nvmlMemory_t(used=v1_used, total=v1_total)

    not_supported = pynvml.NVML_ERROR_NOT_SUPPORTED
    nv.__dict__.update(
        nvmlInit=answer("nvmlInit"),
        nvmlShutdown=answer("nvmlShutdown"),
        nvmlDeviceGetCount=answer("nvmlDeviceGetCount", len(raw["gpus"])),
        nvmlDeviceGetHandleByIndex=answer("nvmlDeviceGetHandleByIndex", handle),
        nvmlDeviceGetUUID=answer("nvmlDeviceGetUUID", gpu["uuid"]),
        nvmlDeviceGetName=answer("nvmlDeviceGetName", raw["gpus"][0]["name"]),
        nvmlDeviceGetEnforcedPowerLimit=answer("nvmlDeviceGetEnforcedPowerLimit", round(gpu["power_limit_w"] * 1000)),
        nvmlDeviceGetCudaComputeCapability=answer("nvmlDeviceGetCudaComputeCapability",
                                                  tuple(raw["gpus"][0]["cuda_compute_capability"])),
        nvmlSystemGetDriverVersion=answer("nvmlSystemGetDriverVersion", raw["driver"]),
        nvmlSystemGetCudaDriverVersion_v2=answer("nvmlSystemGetCudaDriverVersion_v2",
                                                 raw["nvmlSystemGetCudaDriverVersion_v2"]),
        nvmlSystemGetCudaDriverVersion=answer("nvmlSystemGetCudaDriverVersion", raw["nvmlSystemGetCudaDriverVersion"]),
        nvmlDeviceGetUtilizationRates=answer("nvmlDeviceGetUtilizationRates", pynvml.c_nvmlUtilization_t(
            gpu=int(gpu["util_pct"]), memory=int(gpu["mem_util_pct"]))),
        nvmlDeviceGetMemoryInfo=memory_info,
        nvmlDeviceGetTemperature=answer("nvmlDeviceGetTemperature", gpu["temp_c"]),
        nvmlDeviceGetPowerUsage=answer("nvmlDeviceGetPowerUsage", round(gpu["power_w"] * 1000)),
        nvmlDeviceGetClockInfo=lambda _h, clock: answer(
            "nvmlDeviceGetClockInfo", gpu["sm_clock_mhz"] if clock == pynvml.NVML_CLOCK_SM else gpu["mem_clock_mhz"])(),
        nvmlDeviceGetFanSpeed=answer("nvmlDeviceGetFanSpeed", error=not_supported),  # "Not Supported" on the H200
        nvmlDeviceGetPerformanceState=answer("nvmlDeviceGetPerformanceState", int(gpu["pstate"][1:])),
        nvmlDeviceGetComputeRunningProcesses=answer("nvmlDeviceGetComputeRunningProcesses", []),
    )
    return nv
