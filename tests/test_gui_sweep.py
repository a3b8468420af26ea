"""Find good settings on the Train page of the real app: a time-boxed sweep of real CPU runs shows
which trial of how many is going, each finished trial's run id and dev score, names the best in the
banner; the Runs page lists the trials, marks the best with ★ and overlays them. Stop ends the
current trial (a stop, checkpointed) and the sweep: the next trial never starts."""

from __future__ import annotations

import pytest
import pytestqt  # noqa: F401 - the GUI tests need pytest-qt: without it they fail, never skip
from PySide6.QtCore import Qt

from core.jobs import DatasetSpec
from tests.helpers.gui import open_main_window


@pytest.fixture(autouse=True)
def _settings(tmp_path, monkeypatch):
    monkeypatch.setenv("PADDLEDESK_SETTINGS", str(tmp_path / "settings.ini"))


def _train_page(qtbot, workspace, max_steps):
    from core.datasets import sample_datasets

    window = open_main_window(qtbot, workspace.root)
    window.go_to("train")
    page = window.train_page
    sample = next(s for s in sample_datasets() if s.name == "reviews_zh")
    page.set_dataset(DatasetSpec(train=str(sample.path)))
    page.select_model("bow")
    page.apply_preset("quick")
    page.max_steps.setValue(max_steps)
    page.logging_every.setValue(2)
    page.eval_every.setValue(10)
    return window, page


def test_a_sweep_shows_each_trial_names_the_best_and_the_runs_page_marks_and_overlays_them(
        qtbot, workspace, monkeypatch):
    import core.tune

    window, page = _train_page(qtbot, workspace, max_steps=12)
    assert page.sweep_minutes.value() == 5 and page.sweep_minutes.maximum() == 60
    # the plan of a 4-minute box (two trials: the form's rate, then half of it) in the 60-minute box:
    # on a loaded machine a trial may take over 2 minutes, and the time box (tests/test_tune.py)
    # would then rightly skip the second
    plan = core.tune.plan_trials
    monkeypatch.setattr(core.tune, "plan_trials", lambda job, minutes: plan(job, 4))
    page.sweep_minutes.setValue(60)
    page.sweep_button.click()
    assert page.sweeping and not page.start_button.isEnabled() and not page.sweep_button.isEnabled()
    qtbot.waitUntil(lambda: page.progress.format() == "Trial 1 of 2" and "run " in page.run_label.text(),
                    timeout=60000)
    assert page.stop_button.isEnabled()
    qtbot.waitUntil(lambda: page.progress.format() == "Trial 2 of 2", timeout=300000)  # a loaded machine
    first = page.sweep_trials[1]
    assert first.status == "done" and first.run_id in page.sweep_lines.text()
    assert f"dev accuracy {first.dev_score:.4f}" in page.sweep_lines.text()
    qtbot.waitUntil(lambda: not page.sweeping, timeout=300000)

    result = page.sweep_result
    assert [t.status for t in result.trials] == ["done", "done"]
    best = next(t for t in result.trials if t.best)
    run = workspace.run(best.run_id)
    assert best.dev_score == run.history().done["best"]["value"]  # the trainer's own kept dev score
    assert page.state == "finished" and page.banner.level == "ok"
    assert f"Best settings: trial {best.number} (run {best.run_id})" in page.banner.text()
    assert f"dev accuracy {best.dev_score:.4f}" in page.banner.text()
    lines = page.sweep_lines.text().splitlines()
    assert len(lines) == 2
    assert all(t.run_id in line and "dev accuracy" in line for t, line in zip(result.trials, lines))
    assert page.start_button.isEnabled() and page.sweep_button.isEnabled()

    runs = window.runs_page
    window.go_to("runs")
    ids = {t.run_id for t in result.trials}

    def titles():
        return {runs.model.rows[r].run.id: runs.model.data(runs.model.index(r, 1), Qt.ItemDataRole.DisplayRole)
                for r in range(len(runs.model.rows))}

    # the sweep's end refreshes the Runs page: the best gets its star
    qtbot.waitUntil(lambda: titles().get(best.run_id) == f"★ {best.run_id}", timeout=20000)
    assert ids <= set(runs.row_ids())
    assert [titles()[i] for i in ids - {best.run_id}] == list(ids - {best.run_id})  # no star
    runs.select_ids(sorted(ids))
    runs.overlay_selected()
    for t in result.trials:
        assert runs.charts.point_count("train_loss", f"{t.run_id} (Bag of words)") > 0


def test_stop_ends_the_current_trial_and_the_sweep(qtbot, workspace):
    window, page = _train_page(qtbot, workspace, max_steps=5000)  # far longer than the test waits
    page.sweep_button.click()
    qtbot.waitUntil(lambda: 1 in page.sweep_trials and page.sweep_trials[1].run_id is not None, timeout=60000)
    run = workspace.run(page.sweep_trials[1].run_id)
    qtbot.waitUntil(lambda: len(run.history().steps) > 0, timeout=60000)  # training, not starting up
    page.stop_button.click()
    assert page.state == "stopping"
    qtbot.waitUntil(lambda: not page.sweeping, timeout=60000)

    assert [t.status for t in page.sweep_result.trials] == ["stopped", "skipped"]
    assert page.sweep_result.stopped and page.state == "stopped"
    assert [r.id for r in workspace.runs()] == [run.id]  # the second trial never started
    assert run.history().error["kind"] == "interrupted" and run.has_checkpoint()
    assert page.banner.level == "warning" and "Stopped before a trial finished" in page.banner.text()
    assert page.sweep_button.isEnabled() and page.start_button.isEnabled()


def test_a_late_answer_of_the_start_up_reattach_leaves_a_sweep_alone(qtbot, workspace):
    """The window asks at start-up which runs are still going; on a loaded machine the answer can come
    after a sweep started: it then finds the sweep's own trial, and the page must keep showing the sweep."""
    from core.session import find_running

    window, page = _train_page(qtbot, workspace, max_steps=5000)
    page.sweep_button.click()
    qtbot.waitUntil(lambda: page.progress.format() == "Trial 1 of 2" and "run " in page.run_label.text(),
                    timeout=60000)
    trial_run = page.sweep_trials[1].run_id
    label = page.run_label.text()
    running = find_running(workspace)
    assert [r.id for r in running] == [trial_run]  # what the late answer carries
    window._reattach(running)
    assert not page.following and page.run is None
    assert page.progress.format() == "Trial 1 of 2" and page.run_label.text() == label
    assert page.state == "running" and not page.start_button.isEnabled()
    page.stop_button.click()
    qtbot.waitUntil(lambda: not page.sweeping, timeout=60000)
    assert page.state == "stopped" and [t.status for t in page.sweep_result.trials] == ["stopped", "skipped"]
