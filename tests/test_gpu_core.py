"""core.gpu on real H200 captures, real processes and this machine's real lack of a GPU."""

from __future__ import annotations

import ctypes.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from core.gpu import (
    AlertMonitor,
    AlertRules,
    History,
    NoGpuError,
    ReplaySource,
    Sampler,
    clamp_rate,
    format_table,
    load_trace,
    open_source,
    peak_decimate,
    render_table,
)
from core.gpu.nvml import NvmlSource
from core.gpu.replay import TraceError
from core.gpu.smi import (
    SmiParseError,
    parse_compute_apps_csv,
    parse_query_gpu_csv,
    parse_smi_xml,
)
from tests.helpers import wait_for

FIX = Path(__file__).parent / "fixtures" / "gpu"
MIB = 1024 * 1024
HAS_NVML = ctypes.util.find_library("nvidia-ml") is not None


def read(name: str) -> str:
    return (FIX / name).read_text(encoding="utf-8")


# ---- parsers of real nvidia-smi output -------------------------------------------------------

def test_idle_csv_gives_both_h200s_with_units_and_fan_not_supported():
    gpus = parse_query_gpu_csv(read("query-gpu-idle.csv"))
    assert [g.index for g in gpus] == [0, 1]
    g = gpus[1]
    assert g.name == "NVIDIA H200"
    assert g.uuid == "GPU-a4ca70f0-118b-38bf-d355-efda4da5df82"
    assert g.mem_total_bytes == 143771 * MIB and g.mem_used_bytes == 0
    assert (g.util_pct, g.temp_c, g.power_w, g.power_limit_w) == (0, 35, 79.49, 700.0)
    assert (g.sm_clock_mhz, g.mem_clock_mhz, g.pstate) == (345, 3201, "P0")
    # [N/A] is a value: None plus a marker, not an error
    assert g.fan_pct is None and not g.is_supported("fan_pct") and g.is_supported("temp_c")


def test_busy_csv_and_apps_put_the_process_on_the_gpu_that_runs_it():
    gpus = parse_query_gpu_csv(read("query-gpu-load.csv"))
    procs = parse_compute_apps_csv(read("query-apps-load.csv"), {g.uuid: g.index for g in gpus})
    assert gpus[1].util_pct == 91 and gpus[1].mem_used_bytes == 20085 * MIB
    assert gpus[0].util_pct == 0
    assert [(p.pid, p.gpu, p.used_bytes) for p in procs] == [(631, 1, 20076 * MIB)]
    shared = parse_compute_apps_csv(read("query-apps-busy.csv"),
                                    {g.uuid: g.index for g in parse_query_gpu_csv(read("query-gpu-idle.csv"))})
    assert [(p.pid, p.gpu, p.used_bytes, p.name) for p in shared] == [(664, 1, 21610 * MIB, "python3")]


def test_xml_idle_and_busy():
    idle = parse_smi_xml(read("nvidia-smi-q.xml"))
    busy = parse_smi_xml(read("nvidia-smi-q-busy.xml"))
    assert [g.util_pct for g in idle.gpus] == [0, 0] and idle.processes == []
    g1 = busy.gpu(1)
    assert (g1.util_pct, g1.mem_util_pct, g1.temp_c) == (100, 25, 56)
    assert g1.mem_used_bytes == 21619 * MIB and g1.power_w == 723.59 and g1.power_limit_w == 700.0
    assert g1.sm_clock_mhz == 1485 and g1.fan_pct is None and "fan_pct" in g1.unsupported
    assert [(p.pid, p.gpu, p.used_bytes) for p in busy.processes] == [(664, 1, 21610 * MIB)]


def test_xml_of_our_h200_load_capture_agrees_with_the_csv_of_the_same_moment():
    snap = parse_smi_xml(read("nvidia-smi-q-load.xml"))
    csv_gpus = parse_query_gpu_csv(read("query-gpu-load.csv"))
    g = snap.gpu(1)
    assert g.uuid == csv_gpus[1].uuid and g.util_pct > 50 and g.pstate == "P0"
    assert abs(g.mem_used_bytes - csv_gpus[1].mem_used_bytes) <= 64 * MIB
    assert [(p.pid, p.gpu) for p in snap.processes] == [(631, 1)]


def test_core_gpu_imports_neither_qt_nor_paddle():
    code = "import sys, core.gpu; print(sorted(m for m in ('PySide6', 'paddle', 'pynvml') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).parents[1])
    assert out.stdout.strip() == "[]"  # NVML itself loads only when a source opens


def test_one_shot_table_from_a_given_source():
    table = format_table(ReplaySource.from_file(FIX / "h200x2-load-recording.json"))
    assert "NVIDIA H200" in table.splitlines()[1] and "No process is using a GPU." in table


def test_garbled_csv_names_the_line():
    text = read("query-gpu-idle.csv").splitlines()
    text[2] = text[2].rsplit(",", 3)[0]
    with pytest.raises(SmiParseError, match="line 3"):
        parse_query_gpu_csv("\n".join(text))
    with pytest.raises(SmiParseError, match="index"):
        parse_query_gpu_csv("0 %, 1 %\n")


# ---- the no-GPU state, for real -----------------------------------------------------------

@pytest.mark.skipif(HAS_NVML, reason="this machine has an NVIDIA driver")
def test_no_gpu_here_is_a_clear_state_with_every_reason():
    with pytest.raises(NoGpuError) as info:
        NvmlSource()
    assert "libnvidia-ml.so" in info.value.reason and "not installed" in info.value.reason
    with pytest.raises(NoGpuError) as info:
        open_source()
    text = str(info.value)
    assert "NVML" in text and "nvidia-smi is not on the PATH" in text and "train on the CPU" in text
    table = format_table()
    assert table.startswith("No NVIDIA GPU:") and "Hint:" in table and "Traceback" not in table


def test_smi_fallback_when_nvml_cannot_load(tmp_path, monkeypatch):
    """NVML fails for real here; a nvidia-smi that prints the real H200 capture is then used."""
    exe = tmp_path / "nvidia-smi"
    exe.write_text(
        "#!/bin/sh\n"
        f'case "$1" in --query-gpu*) cat "{FIX / "query-gpu-load.csv"}";;\n'
        f'  --query-compute-apps*) cat "{FIX / "query-apps-load.csv"}";;\n'
        '  -L) echo "GPU 0: NVIDIA H200";; *) exit 9;; esac\n'
    )
    exe.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    source = open_source("smi" if HAS_NVML else "auto")
    assert source.name == "nvidia-smi"
    snap = source.sample()
    assert snap.gpu(1).util_pct == 91 and snap.processes[0].pid == 631
    table = render_table(snap)
    assert "NVIDIA H200" in table and "19.6 GiB / 140.4 GiB" in table and "pid 631" in table
    assert table.splitlines()[1].split()[-2] == "N/A"  # the fan column of GPU 0


def test_broken_nvidia_smi_is_a_no_gpu_reason(tmp_path, monkeypatch):
    exe = tmp_path / "nvidia-smi"
    exe.write_text("#!/bin/sh\necho 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.'\n"
                   "exit 9\n")
    exe.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(NoGpuError, match="could not communicate"):
        open_source("smi")


# ---- replay and recording -------------------------------------------------------------------

def test_real_nvml_trace_replays_the_load_on_gpu0():
    snaps = load_trace(FIX / "nvml-trace-load.json")
    assert len(snaps) == 64
    busy = [s for s in snaps if s.gpu(0).util_pct == 100]
    assert busy and busy[0].ts > 6.0 and all(s.gpu(1).util_pct == 0 for s in snaps)
    assert busy[0].processes[0].pid == 614 and busy[0].processes[0].gpu == 0
    assert max(s.gpu(0).power_w for s in busy) > 600  # mW in the trace, W here (H200 limit 700 W)
    src = ReplaySource(snaps, base_ts=1000.0)
    stamps = [src.sample().ts for _ in range(130)]  # two rounds and a bit: time keeps going forward
    assert all(b > a for a, b in zip(stamps, stamps[1:]))
    assert stamps[64] - stamps[0] == pytest.approx(src.duration)


def test_recording_saves_and_replays_the_same_readings(tmp_path):
    sampler = Sampler(ReplaySource.from_file(FIX / "h200x2-load-recording.json", loop=False))
    sampler.recording_enabled = True
    seen = [sampler.sample_once().snapshot for _ in range(40)]
    assert sampler.save_recording(tmp_path / "rec.json") == 40
    again = load_trace(tmp_path / "rec.json")
    assert [s.to_dict() for s in again] == [s.to_dict() for s in seen]
    g = again[30].gpu(1)
    assert g.name == "NVIDIA H200" and g.power_limit_w == 700.0 and not g.is_supported("fan_pct")


def test_bad_trace_says_which_file_and_snapshot(tmp_path):
    bad = tmp_path / "t.json"
    bad.write_text(json.dumps([{"t": 0, "gpus": [{"i": 0}]}, {"gpus": []}]))
    with pytest.raises(TraceError, match=r"t\.json: snapshot 1"):
        load_trace(bad)
    bad.write_text("{nope")
    with pytest.raises(TraceError, match="not JSON"):
        load_trace(bad)


# ---- history ------------------------------------------------------------------------------------

def test_history_is_bounded_and_ordered():
    h = History(capacity=3600 * 4)
    src = ReplaySource.from_file(FIX / "nvml-trace-load.json")
    for _ in range(20000):  # more than an hour at 4 Hz
        h.append(src.sample())
    size = h.nbytes
    assert len(h) == 14400 and h.gpu_indices == [0, 1]
    t, util = h.series(0, "util_pct")
    assert len(t) == 14400 and np.all(np.diff(t) > 0)
    t60, _ = h.series(0, "util_pct", seconds=60)
    assert 230 <= len(t60) <= 242  # 60 s of a 0.25 s trace
    assert util.min() == 0.0 and util.max() == 100.0
    for _ in range(1000):
        h.append(src.sample())
    assert h.nbytes == size


def test_peak_decimation_keeps_a_one_sample_spike():
    t = np.arange(14400, dtype=float)
    y = np.zeros(14400, dtype=np.float32)
    y[7777] = 99.0
    dt, dy = peak_decimate(t, y, 300)
    assert len(dt) == 600 and dy.max() == 99.0


def test_hour_chart_from_blocks_matches_the_raw_extremes_and_keeps_the_newest_sample():
    h = History()
    src = ReplaySource.from_file(FIX / "nvml-trace-load.json", loop=True)
    for _ in range(14400 + 7):  # an hour and a block still filling
        h.append(src.sample())
    spike = src.sample()
    spike.gpus[1].temp_c = 99.0  # one hot reading on the idle GPU must survive zooming out
    h.append(spike)
    t, v = h.window(3600, ["util_pct", "temp_c"])
    tp, vp = h.peaks(3600, ["util_pct", "temp_c"], bins=200)
    assert len(tp) <= 400 and tp[-1] == t[-1] and tp[0] - t[0] < 16 * 0.26
    row = h.row_of(1)
    assert vp[row, 1].max() == 99.0 and np.nanmin(vp[row, 1]) == np.nanmin(v[row, 1])
    assert np.nanmax(vp[h.row_of(0), 0]) == 100.0
    t5, v5 = h.window(300)
    tp5, _ = h.peaks(300, ["util_pct"], bins=200)  # a short window keeps sample detail
    assert tp5[-1] == t5[-1] and tp5[0] - t5[0] < 2.0 and len(tp5) >= 350


# ---- sampler thread ---------------------------------------------------------------------------

def test_rate_is_clamped_and_every_frame_goes_to_the_history():
    assert clamp_rate(0.1) == 0.5 and clamp_rate(50) == 10.0
    frames = []
    sampler = Sampler(ReplaySource.from_file(FIX / "nvml-trace-load.json"), rate_hz=10, on_frame=frames.append)
    sampler.start()
    wait_for(lambda: len(frames) >= 5, timeout=30)
    sampler.stop()
    assert not sampler.running and len(sampler.history) == len(frames)


@pytest.mark.perf
def test_the_sampler_thread_keeps_its_rate():
    """10 Hz for about a second gives about 10 frames (a clock on an idle machine: `pytest -m perf`)."""
    frames = []
    sampler = Sampler(ReplaySource.from_file(FIX / "nvml-trace-load.json"), rate_hz=10, on_frame=frames.append)
    sampler.start()
    time.sleep(1.05)
    sampler.stop()
    assert 8 <= len(frames) <= 13


def test_source_errors_are_reported_and_sampling_continues():
    class Flaky:
        name = "flaky"

        def __init__(self):
            self.n = 0
            self.inner = ReplaySource.from_file(FIX / "nvml-trace-load.json")

        def sample(self):
            self.n += 1
            if self.n == 2:
                raise NoGpuError("GPU has fallen off the bus")
            return self.inner.sample()

        def close(self):
            pass

    errors, frames = [], []
    sampler = Sampler(Flaky(), rate_hz=10, on_frame=frames.append, on_error=errors.append)
    sampler.start()
    wait_for(lambda: errors and len(frames) >= 3, timeout=30)
    sampler.stop()
    assert errors == ["GPU has fallen off the bus"]


def test_sampling_stops_when_nobody_receives_frames():
    def gone(_frame):
        raise RuntimeError("Internal C++ object already deleted.")

    sampler = Sampler(ReplaySource.from_file(FIX / "nvml-trace-load.json"), rate_hz=10, on_frame=gone)
    sampler.start()
    wait_for(lambda: not sampler.running, timeout=30)
    assert len(sampler.history) == 1


# ---- alerts on real traces ------------------------------------------------------------------

def test_temperature_alert_follows_the_real_load():
    mon = AlertMonitor(AlertRules(temp_c=50))
    states = [(s.ts, mon.update(s)) for s in load_trace(FIX / "nvml-trace-load.json")]
    assert not states[0][1]
    hot = [ts for ts, alerts in states if any(a.kind == "temperature" and a.gpu == 0 for a in alerts)]
    assert hot and hot[0] > 6.5 and not any(a.gpu == 1 for _, al in states for a in al)
    default = AlertMonitor()  # 95 % memory, 85 °C: nothing on this healthy run
    assert not any(default.update(s) for s in load_trace(FIX / "nvml-trace-load.json"))


def test_memory_alert_names_the_gpu():
    snaps = load_trace(FIX / "h200x2-load-recording.json")
    busy = max(snaps, key=lambda s: s.gpu(1).mem_used_bytes)
    alerts = AlertMonitor(AlertRules(mem_pct=10)).update(busy)
    assert [(a.kind, a.gpu) for a in alerts] == [("memory", 1)]
    assert "GPU 1 memory 14 % full" in alerts[0].message


def test_idle_alert_only_in_the_real_idle_gap_of_a_training_run():
    """Recorded on two H200s: GPU 1 busy ~8 s, idle 6 s with the process alive, busy 10 s."""
    mon = AlertMonitor(AlertRules(idle_s=2.0))
    snaps = load_trace(FIX / "h200x2-load-recording.json")
    t0 = snaps[0].ts
    timeline = []
    for s in snaps:
        training = {1: "run-a"} if s.processes else {}
        alerts = mon.update(s, training)
        timeline.append((s.ts - t0, s.gpu(1).util_pct, [a for a in alerts if a.kind == "idle"]))
    idle_times = [t for t, _, al in timeline if al]
    assert idle_times, "the idle gap must raise the alert"
    busy_after = [t for t, util, _ in timeline if util and util > 90]
    gap_start = max(t for t in busy_after if t < idle_times[0])
    assert 2.0 <= idle_times[0] - gap_start <= 3.0  # raised once the gap lasted idle_s
    assert all(not al for t, util, al in timeline if util and util > 90)  # never while busy
    assert "data loading" in next(al for _, _, al in timeline if al)[0].message


@pytest.mark.gpu  # a hardware check, run on the H200 host with `pytest -m gpu` (not collected elsewhere)
def test_live_nvml_agrees_with_nvidia_smi():
    nvml, smi = NvmlSource(), open_source("smi")
    try:
        a, b = nvml.sample(), smi.sample()
    finally:
        nvml.close()
    assert [(g.index, g.uuid, g.mem_total_bytes // MIB) for g in a.gpus] == \
        [(g.index, g.uuid, g.mem_total_bytes // MIB) for g in b.gpus]
    for x, y in zip(a.gpus, b.gpus):
        assert x.is_supported("fan_pct") == y.is_supported("fan_pct") and x.pstate == y.pstate
        assert abs(x.mem_used_bytes - y.mem_used_bytes) < 64 * MIB and abs(x.temp_c - y.temp_c) <= 2
