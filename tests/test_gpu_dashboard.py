"""The Monitor page and GPU picker, fed by replays of real H200 traces (pytest-qt, offscreen)."""

from __future__ import annotations

import ctypes.util
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from core.gpu import AlertRules, ReplaySource, load_trace
from core.gpu.model import GIB as GIB_BYTES
from gui.monitor import GpuPicker, GpuUtilStrip, MonitorPage, SamplerController
from tests.helpers.runs import write_events

FIX = Path(__file__).parent / "fixtures" / "gpu"
HAS_NVML = ctypes.util.find_library("nvidia-ml") is not None


def replay(name: str, start: int = 0, rate: float = 10.0, **kw) -> SamplerController:
    snaps = load_trace(FIX / name)[start:]
    return SamplerController(source=ReplaySource(snaps, loop=False), rate_hz=rate, **kw)


@pytest.fixture
def page_of(qtbot):
    pages = []

    def make(controller: SamplerController) -> MonitorPage:
        page = MonitorPage(controller)
        qtbot.addWidget(page)
        page.resize(1280, 800)
        page.show()
        pages.append(page)
        return page

    yield make
    for p in pages:
        p.stop()


def test_real_nvml_trace_through_the_dashboard(qtbot, page_of):
    """The trace's load on GPU 0 shows in the cards, the charts and a temperature alert."""
    page = page_of(replay("nvml-trace-load.json", rate=10, rules=AlertRules(temp_c=50)))
    statuses = []
    page.alertRaised.connect(statuses.append)
    qtbot.waitUntil(lambda: page.frames_shown >= 45, timeout=15000)
    assert sorted(page.cards) == [0, 1]
    assert re.search(r"Util (9\d|100) %", page.cards[0].text()) and "Util 0 %" in page.cards[1].text()
    assert "fan=N/A" in page.cards[0].text()  # the trace has no fan reading
    x, util0 = page.charts.curve_data("util_pct", 0)
    _, util1 = page.charts.curve_data("util_pct", 1)
    assert util0.max() == 100 and util0[0] == 0 and np.nanmax(util1) == 0
    assert x[-1] == 0 and x[0] < -10  # seconds before the newest sample, trace time
    _, mem0 = page.charts.curve_data("mem_used_pct", 0)
    assert 14 < mem0.max() < 16  # 21.7 GiB of 140.4 GiB
    _, power0 = page.charts.curve_data("power_w", 0)
    assert power0.max() > 650
    kinds = [(a.kind, a.gpu) for a in page.alert_list.alerts]
    assert kinds == [("temperature", 0)]
    assert "GPU 0 at 5" in page.alert_list.item(0).text()
    assert statuses and statuses[-1].startswith("⚠ GPU 0 at")
    assert page.processes.rowCount() == 1 and page.processes.item(0, 1).text() == "614"


def test_window_choice_limits_the_charts(qtbot, page_of):
    page = page_of(replay("h200x2-load-recording.json", rate=10))
    qtbot.waitUntil(lambda: page.frames_shown >= 20, timeout=10000)
    page.window_box.setCurrentText("1 min")
    assert page.charts.plots["util_pct"].viewRange()[0] == pytest.approx([-60, 0])
    page.window_box.setCurrentText("1 h")
    assert page.charts.plots["temp_c"].viewRange()[0] == pytest.approx([-3600, 0])


@pytest.fixture
def training_run(workspace):
    from core.jobs import JobSpec

    job = JobSpec()
    job.model.name = "ernie-3.0-mini-zh"
    run = workspace.new_run(job)
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], start_new_session=True)
    run.write_runner_info({"kind": "local", "pid": proc.pid, "pgid": proc.pid})
    write_events(run, [{"type": "phase", "phase": "training"}])
    yield run, proc.pid
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def test_idle_training_gpu_and_owning_run_on_the_real_h200_recording(qtbot, page_of, workspace, training_run):
    """Recorded on two H200s; the recorded PID is mapped to a real local process of a training run."""
    run, pid = training_run
    snaps = load_trace(FIX / "h200x2-load-recording.json")[40:]  # from the middle of the first busy phase
    for s in snaps:
        for p in s.processes:
            p.pid = pid
    controller = SamplerController(source=ReplaySource(snaps, loop=False), rate_hz=10, workspace=workspace,
                                   rules=AlertRules(idle_s=2.0))
    page = page_of(controller)
    statuses = []
    page.alertRaised.connect(statuses.append)
    qtbot.waitUntil(lambda: page.processes.rowCount() == 1, timeout=5000)
    assert page.processes.item(0, 3).text() == run.id and page.processes.item(0, 4).text() == "ernie-3.0-mini-zh"
    assert page.processes.descriptions() == [
        f"run {run.id} (ernie-3.0-mini-zh, local pid {pid}) uses 19.6 GiB on GPU 1"]
    assert not page.alert_list.alerts  # busy: no alert
    qtbot.waitUntil(lambda: any(a.kind == "idle" for a in page.alert_list.alerts), timeout=8000)
    alert = page.alert_list.alerts[0]
    assert (alert.gpu, alert.run_id) == (1, run.id) and "data loading" in alert.message
    assert statuses[-1].startswith("⚠ GPU 1 idle")
    util_now = controller.latest.snapshot.gpu(1).util_pct
    assert util_now < 10
    qtbot.waitUntil(lambda: not page.alert_list.alerts, timeout=8000)  # busy again: cleared
    assert statuses[-1] == "" and page.alert_list.item(0).text() == "No alerts."


@pytest.mark.skipif(HAS_NVML, reason="this machine has an NVIDIA driver")
def test_no_gpu_page_says_why(qtbot, page_of):
    page = page_of(SamplerController())  # NVML, then nvidia-smi: both really missing here
    qtbot.waitUntil(lambda: page.no_gpu_label.isVisible(), timeout=5000)
    text = page.no_gpu_label.text()  # plain words; the technical reasons are the Details tooltip
    assert "No NVIDIA GPU found on this computer: training runs on the CPU." in text and "libnvidia" not in text
    details = page.no_gpu_label.toolTip()
    assert "libnvidia-ml.so" in details and "nvidia-smi" in details and "install the NVIDIA driver" in details
    assert not page.cards_area.isVisible() and not page.charts.isVisible()
    assert not page.record_button.isEnabled() and "no NVIDIA GPU" in page.record_button.toolTip()
    picker = GpuPicker(page.controller)
    qtbot.addWidget(picker)
    assert picker.list.count() == 0 and "training runs on the CPU." in picker.warning.text()


def test_picker_shows_free_memory_and_warns_when_the_model_does_not_fit(qtbot, page_of):
    page = page_of(replay("h200x2-load-recording.json", start=40, rate=10))
    picker = GpuPicker(page.controller)
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitUntil(lambda: picker.list.count() == 2, timeout=5000)
    qtbot.waitUntil(lambda: "120.8 GiB free" in picker.list.item(1).text(), timeout=5000)
    assert "140.4 GiB free of 140.4 GiB" in picker.list.item(0).text()
    picker.set_required_bytes(130 * GIB_BYTES)
    assert picker.too_small() == [1] and picker.warning.isVisible()
    assert "GPU 1 has 120.8 GiB free" in picker.warning.text() and "GPU 0" not in picker.warning.text()
    chosen = []
    picker.selectionChanged.connect(chosen.append)
    picker.set_selected([0])
    assert picker.selected_indices() == [0] and chosen[-1] == [0]
    assert not picker.warning.isVisible()  # GPU 0 has room
    picker.set_required_bytes(10 * GIB_BYTES)
    picker.set_selected([0, 1])
    assert not picker.warning.isVisible()


def test_recording_from_the_dashboard_replays(qtbot, page_of, tmp_path):
    page = page_of(replay("nvml-trace-load.json", rate=10))
    qtbot.waitUntil(lambda: page.controller.sampler is not None, timeout=5000)
    page.controller.set_recording(True)
    start = page.frames_shown
    qtbot.waitUntil(lambda: page.frames_shown >= start + 10, timeout=5000)
    page.controller.set_recording(False)
    n = page.controller.save_recording(tmp_path / "rec.json")
    assert n >= 8  # a frame sampled before recording began may still be on its way
    again = load_trace(tmp_path / "rec.json")
    assert len(again) == n and {g.index for g in again[0].gpus} == {0, 1}


def _sched_ms() -> tuple[float, float]:
    """(CPU time, time waiting for a CPU) of the calling thread, from Linux's schedstat."""
    import threading

    fields = Path(f"/proc/self/task/{threading.get_native_id()}/schedstat").read_text().split()
    return int(fields[0]) / 1e6, int(fields[1]) / 1e6


class _SlowSource(ReplaySource):
    """A source as slow as nvidia-smi under load (0.2 s a sample); it notes the threads it ran on."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sampled_on: set[int] = set()

    def sample(self):
        import threading

        self.sampled_on.add(threading.get_ident())
        time.sleep(0.2)  # the slowness being simulated, not a wait of the test
        return super().sample()


def test_a_slow_source_is_sampled_off_the_gui_thread_and_frames_keep_coming(qtbot, page_of):
    import threading

    source = _SlowSource(load_trace(FIX / "nvml-trace-load.json"))
    page = page_of(SamplerController(source=source, rate_hz=10))
    qtbot.waitUntil(lambda: page.frames_shown >= 4, timeout=20000)
    assert source.sampled_on and threading.get_ident() not in source.sampled_on


@pytest.mark.perf
def test_gui_thread_never_blocked_by_a_slow_source(qtbot, page_of):
    """A source as slow as nvidia-smi under load (0.2 s a sample) at 10 Hz: the GUI keeps ticking.

    This machine is shared, so time the GUI thread spent waiting for a CPU (other programs) is
    taken out of each gap: what remains is time the GUI thread itself was busy or blocked.
    """
    import threading

    from PySide6.QtCore import QTimer

    sampled_on = set()

    class Slow(ReplaySource):
        def sample(self):
            sampled_on.add(threading.get_ident())
            time.sleep(0.2)
            return super().sample()

    page = page_of(SamplerController(source=Slow(load_trace(FIX / "nvml-trace-load.json")), rate_hz=10))
    qtbot.waitUntil(lambda: page.frames_shown >= 2, timeout=5000)  # first paint and card creation done
    gaps, last = [], [time.perf_counter(), *_sched_ms()]

    def tick():
        now, (cpu, waited) = time.perf_counter(), _sched_ms()
        gaps.append(((now - last[0]) * 1e3 - (waited - last[2]), (now - last[0]) * 1e3))
        last[:] = [now, cpu, waited]

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(5)
    qtbot.wait(2000)
    timer.stop()
    assert page.frames_shown >= 8
    assert threading.get_ident() not in sampled_on
    worst = max(gaps)
    assert worst[0] < 50, f"GUI thread blocked {worst[0]:.0f} ms (gap {worst[1]:.0f} ms)"


def test_monitor_command_opens_the_dashboard_on_a_replay(tmp_path):
    """`paddledesk monitor --replay trace` (gui.monitor.main): a window with the trace's GPUs."""
    shot = tmp_path / "monitor.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PADDLEDESK_WORKSPACE=str(tmp_path / "ws"))
    code = "import sys, gui.monitor as m; sys.exit(m.main(sys.argv[1:]))"
    done = subprocess.run([sys.executable, "-c", code, "--replay", str(FIX / "h200x2-load-recording.json"),
                           "--rate", "10", "--screenshot", str(shot), "--seconds", "1.5"],
                          env=env, capture_output=True, text=True, timeout=60, cwd=Path(__file__).parents[1])
    assert done.returncode == 0, done.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1280, 800)


def test_monitor_command_rejects_a_bad_trace_with_a_message(qtbot, tmp_path):
    bad = tmp_path / "trace.json"
    bad.write_text("{not json", encoding="utf-8")
    page = MonitorPage(SamplerController(kind="replay", trace=str(bad)))
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.no_gpu_label.text() != "", timeout=5000)
    assert "trace.json: not JSON" in page.no_gpu_label.text()
    page.stop()


def test_train_page_strip_shows_only_the_runs_gpus(qtbot, page_of):
    page = page_of(replay("nvml-trace-load.json", rate=10))
    strip = GpuUtilStrip(page.controller, gpus=[0])
    qtbot.addWidget(strip)
    strip.show()
    qtbot.waitUntil(lambda: page.frames_shown >= 35, timeout=10000)
    assert list(strip.curves) == [0]
    _, y = strip.curves[0].getData()
    assert y.max() >= 99
    strip.set_gpus([1])
    assert list(strip.curves) == [1] and np.nanmax(strip.curves[1].getData()[1]) == 0


@pytest.mark.docker
def test_the_docker_engine_for_container_runs_is_connected_off_the_gui_thread(qtbot, page_of, workspace,
                                                                              monkeypatch):
    """`paddledesk monitor` asks the controller for the engine: connecting (seconds, when it hangs)
    runs on a worker, and the attributor gets the real engine's client once it answers."""
    import threading

    import core.docker.engine as engine_module
    from tests.helpers.docker import start_engine

    monkeypatch.setenv("DOCKER_HOST", start_engine().url)
    real_connect, threads = engine_module.connect, []

    def connect(*args, **kwargs):
        threads.append(threading.current_thread())
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(engine_module, "connect", connect)
    controller = replay("h200x2-load-recording.json", workspace=workspace, docker_engine=True)
    page_of(controller)
    qtbot.waitUntil(lambda: controller.attributor.docker is not None, timeout=20000)
    assert controller.attributor.docker.ping() is True
    assert threads and threading.main_thread() not in threads
