"""The whole app with real widgets and real local training on the sample dataset (offscreen).

One user session: load the sample, start training, watch the loss chart fill, stop, resume,
finish, try a sentence, find the run in Runs, overlay two runs, close and reopen the window.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
import pytestqt  # noqa: F401 - the GUI tests need pytest-qt: without it they fail, never skip
from PySide6.QtCore import QElapsedTimer, QTimer

from tests.helpers.gui import open_main_window, predict_a_sentence

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("no_dialogs")]

FLOOD = """
import sys, time
with open(sys.argv[1], "a", encoding="utf-8") as fh:
    for i in range(100_000):
        fh.write(f"[flood] line {i} 训练日志 loss=0.{i % 997:03d}\\n")
        if i % 2000 == 0:
            fh.flush()
            time.sleep(0.005)
"""


def _window(qtbot, workspace):
    return open_main_window(qtbot, workspace.root)


def _reviews():
    from core.datasets import sample_datasets

    return next(s for s in sample_datasets() if s.name == "reviews_zh")


def _load_sample(qtbot, window):
    sample = _reviews()
    window.go_to("data")
    window.data_page.open_sample(sample)
    qtbot.waitUntil(lambda: window.train_page.dataset is not None, timeout=20000)
    return sample


def _quick_job(page, max_steps, logging_every=2):
    page.select_model("bow")
    page.apply_preset("quick")
    page.advanced_toggle.setChecked(True)
    page.max_steps.setValue(max_steps)
    page.logging_every.setValue(logging_every)
    page.batch_size.setValue(16)
    page.eval_every.setValue(20)


def test_a_user_trains_stops_resumes_predicts_and_finds_the_history(qtbot, app_env):
    window = _window(qtbot, app_env)
    sample = _load_sample(qtbot, window)
    assert window.data_page.model.rowCount() == 1640
    assert sorted(window.data_page.label_chart.values) == [820, 820]

    page = window.train_page
    window.go_to("train")
    _quick_job(page, max_steps=400)
    page.epochs.setValue(20)
    page.start()
    # points arrive in the loss chart while it trains
    qtbot.waitUntil(lambda: page.charts.point_count("train_loss") >= 3, timeout=60000)
    assert page.state in ("preparing", "training", "evaluating", "running")
    assert page.progress.value() > 0
    assert "ETA" in page.eta.text()

    page.stop()
    qtbot.waitUntil(lambda: page.state == "stopped", timeout=60000)
    stopped_at = page.history.last_step
    qtbot.waitUntil(page.resume_button.isEnabled, timeout=30000)  # once the trainer has exited
    run = page.run
    assert run.has_checkpoint()

    page.resume()
    # finished, and the trainer gone: every event is in (the charts redraw at most 4 times a second)
    qtbot.waitUntil(lambda: page.state == "finished" and not page.following, timeout=120000)
    assert page.history.start.get("resumed_from_step") is not None
    assert page.history.last_step == 400 > stopped_at
    assert page.charts.point_count("train_loss") == 200  # logged every 2 steps, no step twice
    assert page.charts.point_count("eval_loss") >= 2
    assert page.report.per_class.rowCount() == 2
    assert page.report.confusion.rowCount() == 2
    assert page.progress.value() == 1000
    assert "step 400/400" in page.console.text()  # the trainer's own progress lines
    assert page.banner.isHidden()

    # try a sentence with the exported model
    window.go_to("predict")
    predict = window.predict_page
    predict_a_sentence(qtbot, window, run.export_dir)
    assert set(predict.bars.bars) == {"正面", "负面"}
    assert "ms" in predict.latency.text()
    # a whole file into the table, saved as CSV
    predict.predict_path(str(sample.test))
    qtbot.waitUntil(lambda: predict.save_button.isEnabled(), timeout=60000)
    assert predict.file_model.rowCount() == 200
    out = app_env.root / "predictions.csv"
    predict.save_csv(str(out))
    assert out.read_text(encoding="utf-8-sig").count("\n") >= 151

    # a second, short run; both in Runs; overlay them
    window.go_to("train")
    _quick_job(page, max_steps=20)
    page.start()
    qtbot.waitUntil(lambda: page.state == "finished" and page.run.id != run.id and not page.following, timeout=120000)
    second = page.run
    window.go_to("runs")
    runs = window.runs_page
    # the table refreshes by itself when the trainer process has ended
    qtbot.waitUntil(lambda: {r.run.id: r.status for r in runs.model.rows}
                    == {run.id: "finished", second.id: "finished"}, timeout=30000)
    runs.select_ids([run.id, second.id])
    assert runs.overlay_button.isEnabled()
    runs.overlay_selected()
    # curves are named by run id and the model's display name (what the table shows)
    assert runs.charts.point_count("train_loss", f"{run.id} (Bag of words)") == 200
    assert runs.charts.point_count("train_loss", f"{second.id} (Bag of words)") == 10

    # close and reopen: the history is intact and the choices are remembered
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible())
    again = _window(qtbot, app_env)
    again.go_to("runs")
    qtbot.waitUntil(lambda: set(again.runs_page.row_ids()) == {run.id, second.id}, timeout=20000)
    again.runs_page.select_ids([run.id])
    again.runs_page.open_selected()
    assert again.runs_page.charts.point_count("train_loss") == 200
    assert again.runs_page.charts.point_count("accuracy") >= 2
    assert again.train_page.model_name() == "bow"
    assert again.train_page.max_steps.value() == 20
    qtbot.waitUntil(lambda: again.data_page.path == str(sample.path), timeout=20000)
    again.close()


def test_a_run_still_going_reattaches_in_a_new_window(qtbot, app_env):
    window, page, run = _start_long_run(qtbot, app_env, points=2)
    window.close()  # the training goes on without the window
    qtbot.waitUntil(lambda: not window.isVisible())
    from core.runs import run_status

    assert run_status(run) == "running"
    again = _window(qtbot, app_env)
    try:
        qtbot.waitUntil(lambda: again.train_page.run is not None and again.train_page.run.id == run.id,
                        timeout=20000)
        seen = again.train_page.charts.point_count("train_loss")
        qtbot.waitUntil(lambda: again.train_page.charts.point_count("train_loss") > seen + 2, timeout=60000)
        again.go_to("runs")
        qtbot.waitUntil(lambda: again.runs_page.row_ids() == [run.id], timeout=20000)
        assert again.runs_page.model.rows[0].status == "running"
    finally:
        again.train_page.stop()
        qtbot.waitUntil(lambda: again.train_page.state == "stopped", timeout=60000)
        again.close()


@pytest.mark.perf
def test_the_gui_never_blocks_while_training_and_a_log_flood_arrive(qtbot, app_env):
    window, page, run = _start_long_run(qtbot, app_env, points=1)
    page.tabs.setCurrentWidget(page.console)  # the console visible: the worst case for the GUI

    # The trainer and the flood run at background priority, as a desktop runs batch work; the
    # machine these tests run on is shared, and the point is what the GUI's own code costs.
    os.setpriority(os.PRIO_PGRP, int(run.runner_info()["pgid"]), 10)
    # 100k extra lines into the run's log from another process, as a chatty trainer prints them
    flood = subprocess.Popen([sys.executable, "-c", FLOOD, str(run.log_file)], preexec_fn=lambda: os.nice(10))

    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    steps_before = page.history.last_step
    deadline = time.monotonic() + 60
    while (flood.poll() is None or "line 99999 " not in page.console.text()) and time.monotonic() < deadline:
        qtbot.wait(20)
    timer.stop()
    flood.wait(10)
    try:
        assert "[flood] line 99999 " in page.console.text()
        assert page.history.last_step > steps_before  # training kept going and the charts kept up
        worst = max(gaps[1:])
        assert worst < 50, f"the event loop was blocked for {worst} ms; slowest gaps {sorted(gaps)[-10:]}"
    finally:
        page.stop()
        qtbot.waitUntil(lambda: page.state == "stopped", timeout=60000)
        window.close()


def _start_long_run(qtbot, workspace, points: int):
    """A window training a run far longer than the test, once ``points`` loss points are charted."""
    window = _window(qtbot, workspace)
    _load_sample(qtbot, window)
    page = window.train_page
    window.go_to("train")
    _quick_job(page, max_steps=3000, logging_every=5)
    page.epochs.setValue(100)
    page.start()
    qtbot.waitUntil(lambda: page.charts.point_count("train_loss") >= points, timeout=60000)
    return window, page, page.run


def test_docker_without_an_engine_is_explained_in_the_train_page(qtbot, app_env, tmp_path, monkeypatch):
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
    window = _window(qtbot, app_env)
    window.settings_page.engine_url.setText(f"unix://{tmp_path}/no-engine.sock")
    window.settings_page._save_docker()
    _load_sample(qtbot, window)
    page = window.train_page
    window.go_to("train")
    page.runner.setCurrentIndex(page.runner.findData("docker"))
    assert "Docker" in window.status_runner.text()
    page.start()
    qtbot.waitUntil(lambda: page.banner.isVisible(), timeout=30000)
    text = page.banner.text()
    assert "no-engine.sock" in text and "Hint" in text
    assert page.state in ("idle", "failed") and page.start_button.isEnabled()
    window.close()
