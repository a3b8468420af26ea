"""Regressions from the GUI review: stale predictors, state after failed start/stop, stale reads."""

from __future__ import annotations

import json
import os

import pytest
import pytestqt  # noqa: F401 - the GUI tests need pytest-qt: without it they fail, never skip

from tests.helpers.gui import open_main_window
from tests.helpers.runs import run_folder


@pytest.fixture(autouse=True)
def _settings(tmp_path, monkeypatch):
    monkeypatch.setenv("PADDLEDESK_SETTINGS", str(tmp_path / "settings.ini"))


def test_predict_uses_the_new_export_after_the_folder_is_written_again(tmp_path):
    from gui.pages.predict_page import load_predictor, predict_texts
    from tests.helpers.exports import make_export

    folder = make_export(tmp_path / "export", "bow")
    first = load_predictor(str(folder))
    assert load_predictor(str(folder)) is first  # cached while the export stays the same
    # "Export again" rewrites the folder in place: new labels in a newer manifest
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["labels"] = ["bad", "good"]
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    stat = manifest_path.stat()
    os.utime(manifest_path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    results, _ms, _notes = predict_texts(str(folder), ["服务非常好，推荐"])
    assert results[0].label in ("bad", "good")
    assert load_predictor(str(folder)).labels == ["bad", "good"]


def _finished_run(ws, run_id, steps):
    """A run folder as a finished local trainer leaves it, with ``steps`` step events."""
    events = [{"v": 1, "type": "start", "ts": 1.0, "seq": 1, "labels": ["a", "b"], "total_steps": steps}]
    events += [{"v": 1, "type": "step", "ts": 1.0 + i, "seq": 1 + i, "step": i, "loss": 1.0 / i}
               for i in range(1, steps + 1)]
    events.append({"v": 1, "type": "done", "ts": 9e9, "seq": steps + 2, "step": steps, "duration_s": 1.0,
                   "best": {"metric": "accuracy", "value": 0.5, "step": steps}})
    return run_folder(ws, run_id, events)


def test_the_end_of_a_followed_run_does_not_read_its_history_on_the_gui_thread(qtbot, tmp_path, monkeypatch):
    import threading

    from core.runs import Run
    from gui.live import RunWatcher

    read_on = []
    whole_read = Run.history

    def history(self, *args, **kwargs):
        read_on.append(threading.current_thread())
        return whole_read(self, *args, **kwargs)

    monkeypatch.setattr(Run, "history", history)
    run = _finished_run(tmp_path / "ws", "2026-01-01-000000", 30000)
    watcher = RunWatcher(run)
    ended = []
    watcher.ended.connect(ended.append)
    watcher.start()
    watcher.timer.stop()  # this test hands out the batches itself
    watcher._thread.join(30)
    watcher.flush()
    assert ended == ["finished"]
    assert threading.main_thread() not in read_on  # the 30,000 events were never read again on the GUI thread


def _window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("PADDLEDESK_WORKSPACE", str(tmp_path / "ws"))
    return open_main_window(qtbot, tmp_path / "ws")




@pytest.fixture
def live_process():
    """A real process standing in for a trainer that is still going (the run's runner.json names it)."""
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    yield proc
    proc.kill()
    proc.wait()


def test_resume_or_watch_from_runs_does_not_take_over_a_live_run(qtbot, tmp_path, monkeypatch, live_process):
    ws = tmp_path / "ws"
    start = {"v": 1, "type": "start", "ts": 1.0, "seq": 1, "labels": ["a", "b"], "total_steps": 100}
    live = run_folder(ws, "2026-01-01-000001", [start],
                       {"kind": "local", "pid": live_process.pid, "state": "running"})
    other = run_folder(ws, "2026-01-01-000002", [start],
                        {"kind": "local", "pid": live_process.pid, "state": "running"})
    stopped = run_folder(ws, "2026-01-01-000003", [start, {"v": 1, "type": "error", "ts": 2.0, "seq": 2,
                                                            "kind": "interrupted", "message": "stopped"}],
                          {"kind": "local", "pid": 0, "state": "exited", "exit_code": 0})
    window = _window(qtbot, tmp_path, monkeypatch)
    page = window.train_page
    window.watch(live)
    qtbot.waitUntil(lambda: page.state == "running" and page.following, timeout=10000)
    window._resume(stopped)
    assert "Stop or finish the current run first" in page.banner.text()
    assert page.run.path == live.path and page.state == "running" and page.following
    page.banner.hide()
    window.watch(other)
    assert page.banner.isVisible() and page.run.path == live.path and page.following
    window.watch(live)  # the run it already follows: nothing changes
    assert page.run.path == live.path and page.following


def _finished_events():
    return [{"v": 1, "type": "start", "ts": 1.0, "seq": 1, "labels": ["a", "b"], "total_steps": 2},
            {"v": 1, "type": "step", "ts": 2.0, "seq": 2, "step": 1, "loss": 0.5},
            {"v": 1, "type": "done", "ts": 3.0, "seq": 3, "step": 2, "duration_s": 2.0,
             "best": {"metric": "accuracy", "value": 0.9, "step": 2}}]


def test_a_failed_start_after_a_finished_run_leaves_that_run_finished(qtbot, tmp_path, monkeypatch):
    from core.jobs import DatasetSpec

    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/no-engine.sock")
    done = run_folder(tmp_path / "ws", "2026-01-01-000001", _finished_events(),
                       {"kind": "local", "pid": 0, "state": "exited", "exit_code": 0})
    window = _window(qtbot, tmp_path, monkeypatch)
    page = window.train_page
    window.go_to("train")
    page.attach(done)
    qtbot.waitUntil(lambda: page.state == "finished" and not page.following, timeout=10000)
    data = tmp_path / "reviews.tsv"
    data.write_text("text\tlabel\n" + "".join(f"好评 {i}\t正面\n差评 {i}\t负面\n" for i in range(20)),
                    encoding="utf-8")
    page.dataset = DatasetSpec(train=str(data))
    page.runner.setCurrentIndex(page.runner.findData("docker"))
    page.start()  # no Docker engine here: the start fails
    qtbot.waitUntil(lambda: page.banner.isVisible() and page.state != "starting", timeout=30000)
    assert "no-engine.sock" in page.banner.text()
    assert page.state == "finished" and page.state_label.text() == page.state_text("finished")
    assert not page.resume_button.isEnabled() and page.start_button.isEnabled()


def test_a_stop_that_fails_gives_the_stop_button_back(qtbot, tmp_path, monkeypatch):
    start = {"v": 1, "type": "start", "ts": 1.0, "seq": 1, "labels": ["a", "b"], "total_steps": 100}
    # a runner this app does not know: the folder says running, the stop request fails
    live = run_folder(tmp_path / "ws", "2026-01-01-000001", [start], {"kind": "cloud", "state": "running"})
    window = _window(qtbot, tmp_path, monkeypatch)
    page = window.train_page
    window.go_to("train")
    page.attach(live)
    qtbot.waitUntil(lambda: page.state == "running" and page.stop_button.isEnabled(), timeout=10000)
    page.stop()
    qtbot.waitUntil(lambda: page.banner.isVisible(), timeout=30000)
    assert "unknown runner" in page.banner.text()
    assert page.state == "running" and page.stop_button.isEnabled()
    page.detach()


def test_a_stop_that_never_ends_the_run_offers_stop_again(qtbot, tmp_path, monkeypatch, live_process):
    import gui.pages.train_page as train_page

    monkeypatch.setattr(train_page, "STOP_MARGIN_S", 0.5)
    start = {"v": 1, "type": "start", "ts": 1.0, "seq": 1, "labels": ["a", "b"], "total_steps": 100}
    # runner.json names a live trainer but no process group: Stop signals nothing and the run goes on
    live = run_folder(tmp_path / "ws", "2026-01-01-000001", [start],
                       {"kind": "local", "pid": live_process.pid, "state": "running"})
    window = _window(qtbot, tmp_path, monkeypatch)
    page = window.train_page
    window.go_to("train")
    page.attach(live)
    qtbot.waitUntil(lambda: page.state == "running" and page.stop_button.isEnabled(), timeout=10000)
    page.stop_timeout_s = 0.0
    page.stop()
    assert page.state == "stopping" and not page.stop_button.isEnabled()
    qtbot.waitUntil(lambda: page.state == "running", timeout=10000)
    assert page.stop_button.isEnabled() and "not stopped yet" in page.banner.text()
    page.detach()


def test_data_page_keeps_the_file_opened_last_when_an_older_read_ends_later(qtbot, tmp_path):
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from gui.pages.data_page import DataPage

    big = tmp_path / "big.tsv"
    big.write_text("text\tlabel\n" + "".join(f"这家店的服务很好，菜也好吃 {i}\t正面\n" for i in range(150000)),
                   encoding="utf-8")
    small = tmp_path / "small.tsv"
    small.write_text("text\tlabel\n" + "".join(f"好评 {i}\t正面\n差评 {i}\t负面\n" for i in range(10)),
                     encoding="utf-8")
    page = DataPage()
    qtbot.addWidget(page)
    page.open_path(str(big))
    page.open_path(str(small))  # the user changed their mind: the small file is what they want
    qtbot.waitUntil(lambda: page.path == str(small), timeout=30000)
    QThreadPool.globalInstance().waitForDone(60000)  # the big read is over too
    QApplication.processEvents()  # its answer, queued when it ended, is handed out now
    assert page.path == str(small) and page.model.rowCount() == 20
    assert "small.tsv" in page.file_label.text()


def test_log_console_keeps_the_selection_and_the_line_read_while_lines_flood_in(qtbot):
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtWidgets import QApplication

    from gui.widgets.log_console import LogConsole

    console = LogConsole(max_lines=1000)
    qtbot.addWidget(console)
    console.resize(600, 300)
    console.show()
    qtbot.waitExposed(console)
    console.append_lines([f"line {i}" for i in range(1000)])
    view = console.view
    view.scrollTo(console.model.index(500), view.ScrollHint.PositionAtTop)  # the user scrolled up to read
    sel = view.selectionModel()
    for row in (600, 601, 602):
        sel.select(console.model.index(row), QItemSelectionModel.SelectionFlag.Select)

    def top_line() -> str:
        return console.model.lines[view.indexAt(view.viewport().rect().topLeft()).row()]

    assert top_line() == "line 500" and console.selected_text() == "line 600\nline 601\nline 602"
    n = 1000
    for batch in (200, 10, 250, 5):  # bulk batches (a model reset) and small ones (rows removed)
        console.append_lines([f"line {i}" for i in range(n, n + batch)])
        n += batch
        QApplication.processEvents()  # the view lays the new rows out
        assert console.selected_text() == "line 600\nline 601\nline 602", batch
        assert top_line() == "line 500", batch


def test_opening_a_running_run_reads_it_on_a_worker_and_shows_its_curve(qtbot, tmp_path, monkeypatch,
                                                                         live_process):
    start = {"v": 1, "type": "start", "ts": 1.0, "seq": 1, "labels": ["a", "b"], "total_steps": 5000}
    steps = [{"v": 1, "type": "step", "ts": 1.0 + i, "seq": 1 + i, "step": i, "loss": 1.0 / i}
             for i in range(1, 3001)]
    live = run_folder(tmp_path / "ws", "2026-01-01-000001", [start, *steps],
                       {"kind": "local", "pid": live_process.pid, "state": "running"})
    window = _window(qtbot, tmp_path, monkeypatch)
    runs = window.runs_page
    window.go_to("runs")
    qtbot.waitUntil(lambda: runs.row_ids() == [live.id], timeout=10000)
    runs.select_ids([live.id])
    runs.open_selected()
    assert live.id in runs.detail_title.text() and runs.charts.point_count("train_loss") == 0  # still reading
    qtbot.waitUntil(lambda: runs.charts.point_count("train_loss") == 3000, timeout=20000)
    assert live.id in runs.detail_title.text() and runs.watch_button.isEnabled()
