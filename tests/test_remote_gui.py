"""GUI for remote engines (pytest-qt, real widgets, the real second engine): the Engines list with
the doctor's results, the Train page's engine choice, and the Monitor for a remote engine playing
a recorded sampler stream back (real nvidia-smi CSV of an H200 host, tests/fixtures/gpu)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.jobs import JobSpec, RunnerSpec
from tests.helpers import remote as remote_support
from tests.helpers.remote import SSH_URL, TLS_URL

pytestmark = [pytest.mark.docker]
remote_env = remote_support.remote_env  # the fixture
FIXTURES = Path(__file__).parent / "fixtures" / "gpu"


def test_the_engines_list_shows_each_engine_refuses_plain_tcp_and_checks_with_the_doctor(qtbot, remote_env):
    from gui.pages.docker_engines import EnginesSection

    section = EnginesSection()
    qtbot.addWidget(section)
    cells = lambda row, col: section.table.item(row, col).text()  # noqa: E731
    assert section.table.rowCount() == 3
    assert [cells(r, 1) for r in range(3)][1:] == [TLS_URL, SSH_URL]
    assert [cells(r, 2) for r in range(1, 3)] == ["TLS", "ssh"]
    section.name.setText("open port")
    section.url.setText("tcp://198.51.100.7:2375")
    section.add()
    assert "is root there" in section.message.text() and section.table.rowCount() == 3
    section.table.selectRow(2)
    assert section.selected_entry().url == SSH_URL  # one engine selected: the one clicked last
    with qtbot.waitSignal(section.checked, timeout=60000) as got:
        section.check_selected()
    assert got.args == [SSH_URL]
    text = section.doctor.plain_text()
    assert "OK — Docker engine: Docker" in text and SSH_URL in text
    assert "cannot give GPUs to containers" in text  # that host has no NVIDIA runtime
    assert cells(2, 3) != "not checked" and "problem" in cells(2, 3)
    with qtbot.waitSignal(section.engines_changed):
        section.remove_selected()
    assert section.table.rowCount() == 2


def test_the_train_page_sends_a_docker_run_to_the_chosen_engine_and_shows_its_gpus(qtbot, remote_env, tmp_path):
    from core.runs import Workspace
    from gui.pages.train_page import TrainPage

    page = TrainPage(Workspace(tmp_path / "ws"))
    qtbot.addWidget(page)
    choice = page.engine_choice
    assert [choice.combo.itemData(i) for i in range(choice.combo.count())] == ["", TLS_URL, SSH_URL]
    page.runner.setCurrentIndex(page.runner.findData("docker"))
    assert not choice.isHidden()
    with qtbot.waitSignal(choice.gpus_changed, timeout=60000) as got:
        choice.choose(TLS_URL)
    gpus, reason = got.args
    assert gpus == [] and "cannot give GPUs to containers" in reason  # read on that engine's host
    assert choice.apply(JobSpec(runner=RunnerSpec(kind="docker"))).runner.engines == [TLS_URL]
    assert choice.apply(JobSpec(runner=RunnerSpec(kind="local"))).runner.engines == []
    page.runner.setCurrentIndex(page.runner.findData("local"))
    assert choice.isHidden()


def test_the_monitor_shows_a_remote_engines_gpus_from_a_recorded_sampler_stream(qtbot):
    from core.gpu.remote import StreamReplaySource
    from gui.monitor.controller import SamplerController
    from gui.monitor.page import MonitorPage

    stream = "".join((FIXTURES / name).read_text() for name in (
        "query-gpu-static-h200x1.csv", "query-gpu-idle.csv", "query-gpu-load.csv", "query-apps-load.csv"))
    source = StreamReplaySource(stream, name="nvidia-smi on gpu-server (ssh)")
    controller = SamplerController(source=source, rate_hz=10)
    page = MonitorPage(controller=controller)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: 1 in page.cards and "Util 91" in page.cards[1].text(), timeout=10000)
    card = page.cards[1].text()
    assert "NVIDIA H200" in card and "19.6 GiB / 140.4 GiB" in card  # 20085 / 143771 MiB of the capture
    assert "gpu-server" in page.source_label.text()
    qtbot.waitUntil(lambda: "Util 0" in page.cards[1].text(), timeout=10000)  # the idle sample comes round again
    page.stop()
