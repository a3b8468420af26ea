"""The Train page tells the truth (issue 14): an early Stop is a stop, the form shows the followed
run's own job, a failed start leaves the page as it was, chance-level runs are not "green"."""

from __future__ import annotations

import subprocess
import sys

import pytest
import pytestqt  # noqa: F401 - the GUI tests need pytest-qt: without it they fail, never skip
from PySide6.QtWidgets import QApplication

from core.jobs import DatasetSpec, JobSpec, ModelSpec, TrainSpec
from tests.helpers.runs import run_folder


@pytest.fixture(autouse=True)
def _settings(tmp_path, monkeypatch):
    monkeypatch.setenv("PADDLEDESK_SETTINGS", str(tmp_path / "settings.ini"))


def _sample_train() -> str:
    from core.datasets import sample_datasets

    return str(next(s for s in sample_datasets() if s.name == "reviews_zh").path)


def _page(qtbot, workspace):
    from gui.app import make_app
    from gui.pages.train_page import TrainPage

    make_app()
    page = TrainPage(workspace)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


def _quick(page, max_steps: int) -> None:
    page.select_model("bow")
    page.apply_preset("quick")
    page.max_steps.setValue(max_steps)
    page.logging_every.setValue(2)
    page.eval_every.setValue(10)




def _start(steps=100):
    return {"v": 1, "type": "start", "ts": 1.0, "seq": 1, "labels": ["负面", "正面"], "total_steps": steps}


def _eval(seq, step, accuracy, support=(35, 35)):
    return {"v": 1, "type": "eval", "ts": 2.0, "seq": seq, "step": step, "split": "dev", "accuracy": accuracy,
            "macro_f1": accuracy * 0.66, "loss": 0.69,
            "per_class": {"负面": {"precision": 0.5, "recall": 1.0, "f1": 0.66, "support": support[0]},
                          "正面": {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": support[1]}},
            "confusion": [[support[0], 0], [support[1], 0]]}


def _finished(steps, accuracy=0.9):
    events = [_start(steps)]
    events += [{"v": 1, "type": "step", "ts": 1.0 + i, "seq": 1 + i, "step": i, "loss": 1.0 / i}
               for i in range(1, steps + 1)]
    events.append(_eval(steps + 2, steps, accuracy))
    events.append({"v": 1, "type": "done", "ts": 9.0, "seq": steps + 3, "step": steps, "duration_s": 2.0,
                   "best": {"metric": "accuracy", "value": accuracy, "step": steps}})
    return events


@pytest.fixture
def live_process():
    """A real process standing in for a trainer that is still going (runner.json names it)."""
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    yield proc
    proc.kill()
    proc.wait()


# -- 2: an early Stop is a stop ----------------------------------------------------------------
def test_stop_pressed_right_after_start_is_a_stop_and_resume_finishes_without_a_red_banner(qtbot, workspace):
    page = _page(qtbot, workspace)
    page.set_dataset(DatasetSpec(train=_sample_train()))
    _quick(page, max_steps=12)
    page.start()
    # Stop as soon as the trainer process exists: before Paddle is even imported
    qtbot.waitUntil(lambda: page.run is not None and page.following, timeout=30000)
    page.stop()
    qtbot.waitUntil(lambda: page.state in ("stopped", "failed") and not page.following, timeout=60000)
    assert page.state == "stopped", page.banner.text()
    assert not (page.banner.isVisible() and page.banner.level == "error"), page.banner.text()
    error = page.run.history().error
    assert error["kind"] == "interrupted" and "exited with code" not in error["message"]
    assert "stopped" in error["message"]
    assert page.resume_button.isEnabled()

    page.resume()
    qtbot.waitUntil(lambda: page.state == "finished" and not page.following, timeout=120000)
    assert page.banner.isHidden(), page.banner.text()
    # the model list quotes bow's size for this dataset: the trainer's own count
    params = page.history.start["params"]
    assert f"{params:,}" in page.models.item(0).text().replace("\u202f", ",")
    # harmless Paddle warnings stay in train.log, not in the Log tab
    log = page.run.log_file.read_text(encoding="utf-8")
    assert "No ccache found" in log
    assert "ccache" not in page.console.text() and "warnings.warn" not in page.console.text()


def test_a_failed_run_resumed_to_its_end_shows_no_red_banner_beside_finished(qtbot, workspace, monkeypatch):
    page = _page(qtbot, workspace)
    page.set_dataset(DatasetSpec(train=_sample_train()))
    _quick(page, max_steps=12)
    monkeypatch.setenv("PDK_TEST_OOM_AT_STEP", "3")  # a real allocation failure at step 3
    page.start()
    qtbot.waitUntil(lambda: page.state == "failed" and not page.following, timeout=120000)
    assert page.banner.isVisible() and page.banner.level == "error"
    monkeypatch.delenv("PDK_TEST_OOM_AT_STEP")
    page.resume()
    qtbot.waitUntil(lambda: page.state == "finished" and not page.following, timeout=120000)
    assert page.banner.isHidden(), page.banner.text()


# -- 3: the page shows the followed run's own job --------------------------------------------------
def test_the_form_shows_the_followed_runs_job_read_only_and_keeps_the_next_dataset_apart(
        qtbot, workspace, tmp_path, live_process):
    page = _page(qtbot, workspace)
    job = JobSpec(dataset=DatasetSpec(train=str(tmp_path / "hotel_reviews.tsv")),
                  model=ModelSpec(name="bilstm", max_seq_len=200),
                  train=TrainSpec(epochs=7, batch_size=48, learning_rate=3e-3, max_steps=0))
    run = run_folder(workspace, "2026-01-01-000001", [_start()],
                      {"kind": "local", "pid": live_process.pid, "state": "running"}, job)
    page.attach(run)  # as after an app restart: the form had Bag of words / Balanced / no dataset
    qtbot.waitUntil(lambda: page.state == "running", timeout=10000)
    assert page.model_name() == "bilstm"
    assert (page.epochs.value(), page.batch_size.value(), page.max_seq_len.value()) == (7, 48, 200)
    assert abs(page.lr.value() - 3e-3) < 1e-9
    assert not any(b.isChecked() for b in page.preset_buttons.values())  # these are no preset's values
    assert "hotel_reviews.tsv" in page.dataset_label.text()
    assert not page.models.isEnabled() and not page.epochs.isEnabled() and not page.runner.isEnabled()
    assert not page.start_button.isEnabled()

    # the Data page opens another file in the middle of the run
    page.set_dataset(DatasetSpec(train=str(tmp_path / "news.tsv")), "20 rows")
    assert "hotel_reviews.tsv" in page.dataset_label.text() and "news.tsv" not in page.dataset_label.text()
    assert page.next_dataset_label.isVisible() and "news.tsv" in page.next_dataset_label.text()
    assert "next run" in page.next_dataset_label.text()

    live_process.kill()
    live_process.wait()
    qtbot.waitUntil(lambda: not page.following, timeout=20000)
    assert page.models.isEnabled() and page.epochs.isEnabled() and page.start_button.isEnabled()
    assert page.model_name() == "bilstm" and page.epochs.value() == 7  # the run's values, to edit
    assert page.job().dataset.train.endswith("news.tsv") and "news.tsv" in page.dataset_label.text()
    assert not page.next_dataset_label.isVisible()


def test_a_failed_docker_start_leaves_the_page_exactly_as_it_was(qtbot, workspace, tmp_path, monkeypatch):
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/no-engine.sock")
    page = _page(qtbot, workspace)
    done = run_folder(workspace, "2026-01-01-000001", _finished(30),
                       {"kind": "local", "pid": 0, "state": "exited", "exit_code": 0})
    page.attach(done)
    qtbot.waitUntil(lambda: page.state == "finished" and not page.following, timeout=10000)
    before = (page.run_label.text(), page.eta.text(), page.progress.value(), page.charts.point_count("train_loss"),
              page.state_label.text())
    page.set_dataset(DatasetSpec(train=_sample_train()))
    page.runner.setCurrentIndex(page.runner.findData("docker"))
    page.start()
    qtbot.waitUntil(lambda: page.banner.isVisible() and page.state != "starting", timeout=30000)
    QApplication.processEvents()  # any progress message the failed start sent before its error lands now
    after = (page.run_label.text(), page.eta.text(), page.progress.value(), page.charts.point_count("train_loss"),
             page.state_label.text())
    assert after == before
    assert "starting the trainer" not in page.run_label.text()


def test_choose_a_dataset_first_goes_away_when_a_dataset_arrives(qtbot, workspace):
    page = _page(qtbot, workspace)
    page.start()
    assert page.banner.isVisible() and "Choose a dataset first" in page.banner.text()
    page.set_dataset(DatasetSpec(train=_sample_train()), "700 rows")
    assert page.banner.isHidden()


def test_a_new_run_starts_with_axes_fitted_to_its_own_points(qtbot, workspace):
    page = _page(qtbot, workspace)
    old = run_folder(workspace, "2026-01-01-000001", _finished(300),
                      {"kind": "local", "pid": 0, "state": "exited", "exit_code": 0})
    page.attach(old)
    qtbot.waitUntil(lambda: page.state == "finished" and not page.following, timeout=10000)
    page.charts.plots["loss"].setXRange(100, 300)  # the user zoomed into the old run
    new = run_folder(workspace, "2026-01-01-000002", _finished(4),
                      {"kind": "local", "pid": 0, "state": "exited", "exit_code": 0})
    page.attach(new)
    qtbot.waitUntil(lambda: page.state == "finished" and not page.following, timeout=10000)
    page.charts.refresh()
    QApplication.processEvents()  # the plot applies its auto range
    (x0, x1), _y = page.charts.plots["loss"].viewRange()
    assert x0 < 1.5 and x1 < 10, (x0, x1)


# -- 6: estimates, missing weights, chance level ----------------------------------------------------
def test_a_run_at_chance_level_is_a_warning_in_the_banner_and_the_report(qtbot, workspace):
    page = _page(qtbot, workspace)
    run = run_folder(workspace, "2026-01-01-000001", _finished(10, accuracy=0.5),
                      {"kind": "local", "pid": 0, "state": "exited", "exit_code": 0})
    page.attach(run)
    qtbot.waitUntil(lambda: page.state == "finished" and not page.following, timeout=10000)
    assert page.banner.isVisible() and page.banner.level == "warning"
    assert "chance level" in page.banner.text() and "learned nothing useful" in page.banner.text()
    assert "chance level" in page.report.summary.text()
    good = run_folder(workspace, "2026-01-01-000002", _finished(10, accuracy=0.86),
                       {"kind": "local", "pid": 0, "state": "exited", "exit_code": 0})
    page.attach(good)
    qtbot.waitUntil(lambda: page.state == "finished" and not page.following and page.run.id == good.id,
                    timeout=10000)
    assert page.banner.isHidden() and "chance level" not in page.report.summary.text()


def test_before_start_the_page_estimates_the_time_and_warns_about_missing_ernie_weights(
        qtbot, workspace, tmp_path, monkeypatch):
    monkeypatch.setenv("PPNLP_HOME", str(tmp_path / "ppnlp"))
    page = _page(qtbot, workspace)
    page.set_dataset(DatasetSpec(train=_sample_train()), "700 rows")
    page.select_model("ernie-3.0-mini-zh")
    qtbot.waitUntil(lambda: page.estimate_shown_for == "ernie-3.0-mini-zh" and "≈" in page.estimate_label.text(),
                    timeout=30000)
    assert "CPU" in page.estimate_label.text()
    assert page.weights_warning.isVisible()
    assert "no pretrained weights here" in page.weights_warning.text().lower()
    assert "random weights" in page.weights_warning.text()
    page.select_model("fasttext")
    assert not page.weights_warning.isVisible()
    qtbot.waitUntil(lambda: page.estimate_shown_for == "fasttext", timeout=30000)
    assert not page.weights_warning.isVisible()

    weights = tmp_path / "ppnlp" / "pdk_pretrained" / "ernie-3.0-mini-zh"
    weights.mkdir(parents=True)
    (weights / "vocab.txt").write_text("[PAD]\n", encoding="utf-8")
    (weights / "model_state.pdparams").write_bytes(b"\0")
    page.select_model("ernie-3.0-mini-zh")
    qtbot.waitUntil(lambda: page.estimate_shown_for == "ernie-3.0-mini-zh", timeout=30000)
    assert not page.weights_warning.isVisible()


# -- 11: charts ---------------------------------------------------------------------------------
def test_a_one_point_curve_is_drawn_as_a_marker_and_no_legend_covers_a_curve(qtbot):
    from core.events import Event
    from gui.widgets.charts import TrainingCharts

    charts = TrainingCharts()
    qtbot.addWidget(charts)
    charts.resize(900, 600)
    charts.show()
    qtbot.waitExposed(charts)
    charts.add_events([Event("step", {"step": 5, "loss": 0.7, "lr": 1e-3, "samples_per_s": 100.0})])
    charts.refresh()
    for metric in ("train_loss", "lr", "samples_per_s"):
        curve = charts.runs["live"].curves[metric]
        assert curve.opts["symbol"] is not None and len(curve.scatter.data) == 1, metric

    # curves that fill every corner of their plots: a legend inside a plot would cover some
    xs = list(range(200))
    for metric in ("train_loss", "eval_loss", "accuracy", "macro_f1", "lr", "samples_per_s"):
        charts.add_points(metric, xs, [float(i % 2) for i in xs])
    charts.refresh()
    QApplication.processEvents()  # the legends are laid out
    for key, plot in charts.plots.items():
        legend = plot.legend
        shown = legend is not None and legend.isVisible() and legend.items
        assert not shown or not legend.sceneBoundingRect().intersects(plot.vb.sceneBoundingRect()), key
    assert "train loss" in charts.legend_text() and "eval loss" in charts.legend_text()
