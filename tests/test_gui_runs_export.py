"""Runs page "Export again": a real finished local run, its export deleted, rewritten from the page."""

from __future__ import annotations

import shutil

import pytest
import pytestqt  # noqa: F401 - the GUI tests need pytest-qt: without it they fail, never skip

from core.jobs import DatasetSpec, JobSpec, ModelSpec, TrainSpec
from core.launch import launch
from core.runners.local import LocalRunner
from tests.helpers import SAMPLES
from tests.helpers.gui import open_main_window

REVIEWS = SAMPLES / "reviews_zh"
pytestmark = pytest.mark.usefixtures("no_dialogs")


def _finished_run(workspace):
    job = JobSpec(dataset=DatasetSpec(train=str(REVIEWS / "train.tsv"), dev=str(REVIEWS / "dev.tsv")),
                  model=ModelSpec(name="bow", max_seq_len=64),
                  train=TrainSpec(epochs=1, batch_size=32, learning_rate=5e-3, logging_every=5))
    runner = LocalRunner()
    run = launch(job, workspace, runner)
    assert runner.wait(run, 300) == 0
    return run


def _row(page, run_id):
    return next(r for r in page.model.rows if r.run.id == run_id)


def test_export_again_from_the_runs_page_restores_the_model_and_explains_a_failure(qtbot, app_env):
    run = _finished_run(app_env)
    bare = app_env.new_run(run.job())  # created, never trained: nothing to export
    shutil.rmtree(run.export_dir)
    window = open_main_window(qtbot, app_env.root)
    window.go_to("runs")
    page = window.runs_page
    qtbot.waitUntil(lambda: set(page.row_ids()) == {run.id, bare.id}, timeout=20000)

    page.select_ids([bare.id])
    assert not page.export_button.isEnabled()
    page.select_ids([run.id])
    assert page.export_button.isEnabled() and not page.predict_button.isEnabled()

    page.export_button.click()
    assert not page.export_button.isEnabled()  # no second export of the same run meanwhile
    assert not page.delete_button.isEnabled()  # nor a delete under the trainer writing it
    page.delete_selected()  # refused before any question
    assert run.path.exists() and "cannot be deleted" in page.banner.text()
    qtbot.waitUntil(lambda: page.banner.level == "ok", timeout=120000)
    assert str(run.export_dir) in page.banner.text() and run.has_export()
    qtbot.waitUntil(lambda: page.predict_button.isEnabled() and page.export_button.isEnabled(), timeout=20000)
    assert _row(page, run.id).status == "finished"

    # a user error (the run's prepared data went away): one message with the trainer's hint, in the page
    (run.data_dir / "labels.json").unlink()
    page.export_button.click()
    qtbot.waitUntil(lambda: page.banner.level == "error", timeout=120000)
    text = page.banner.text()
    assert "labels.json" in text and "Hint:" in text and "Traceback" not in text
    qtbot.waitUntil(lambda: page.export_button.isEnabled(), timeout=20000)
    assert run.has_export() and _row(page, run.id).status == "finished"  # the old export is untouched
