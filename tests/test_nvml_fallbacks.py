"""NvmlSource on the answers real H200s gave (tests/helpers/fake_nvml.py replays them; no GPU here):
"Not Supported" is a normal state (N/A, asked once), and a driver without the v2 memory call falls
back to v1 for good."""

from __future__ import annotations

import sys

import pytest

from core.gpu.nvml import NvmlSource
from tests.helpers.fake_nvml import fake_pynvml, recorded_h200, recorded_v1_memory


@pytest.fixture
def nvml(monkeypatch):
    def install(**kw):
        module = fake_pynvml(**kw)
        monkeypatch.setitem(sys.modules, "pynvml", module)
        return module

    return install


def test_the_recorded_h200_answers_give_the_recorded_snapshot(nvml):
    nvml()
    source = NvmlSource()
    try:
        got = source.sample().to_dict()["gpus"]
    finally:
        source.close()
    assert got == recorded_h200()["snapshot"]["gpus"]  # field for field, "unsupported": ["fan_pct"] included


def test_a_reading_the_gpu_does_not_support_is_na_and_never_asked_again(nvml):
    module = nvml()
    source = NvmlSource()
    try:
        source.sample()
        asked_first = module.calls["nvmlDeviceGetFanSpeed"]
        temps_first = module.calls["nvmlDeviceGetTemperature"]
        gpu = [source.sample() for _ in range(2)][-1].gpu(0)
    finally:
        source.close()
    assert gpu.fan_pct is None and not gpu.is_supported("fan_pct") and gpu.is_supported("temp_c")
    assert gpu.temp_c == 40 and gpu.power_w == pytest.approx(81.985)  # the other readings still come
    assert asked_first >= 1 and module.calls["nvmlDeviceGetFanSpeed"] == asked_first  # never asked again
    assert module.calls["nvmlDeviceGetTemperature"] == temps_first + 2


def test_a_driver_without_the_v2_memory_call_falls_back_to_v1_for_every_later_sample(nvml):
    module = nvml(memory_v2=False)
    used, total = recorded_v1_memory()
    source = NvmlSource()
    try:
        samples = [source.sample()]
        v2_first, v1_first = module.calls["nvmlDeviceGetMemoryInfo_v2"], module.calls["nvmlDeviceGetMemoryInfo"]
        samples += [source.sample() for _ in range(2)]
    finally:
        source.close()
    for snapshot in samples:
        gpu = snapshot.gpu(0)
        assert (gpu.mem_used_bytes, gpu.mem_total_bytes) == (used, total)  # v1: the reserve counts as used
        assert gpu.is_supported("mem_used_bytes")  # a fallback, not a missing reading
    assert v2_first >= 1 and module.calls["nvmlDeviceGetMemoryInfo_v2"] == v2_first  # v2 not tried again
    assert module.calls["nvmlDeviceGetMemoryInfo"] == v1_first + 2
    assert module.calls["nvmlShutdown"] == 1
