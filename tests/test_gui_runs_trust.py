"""Issue 14 on the Runs page and the window, with real widgets and real run folders:
Delete always asks (each run and its size), No keeps everything, Yes moves to the trash with Undo;
Predict's model list follows a delete and its Undo; durations add every resumed part and advance
while a run trains; model names, room for the table, Compare's report; the window reopens where
it was."""

from __future__ import annotations

import json
import time

import pytest
import pytestqt  # noqa: F401 - the GUI tests need pytest-qt: without it they fail, never skip
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from core.trash import KEEP_DAYS, move_to_trash, trashed_runs
from tests.helpers.gui import open_main_window
from tests.helpers.runs import fake_run, stopped_then_resumed

pytestmark = pytest.mark.usefixtures("no_dialogs")


def exported_run(workspace, run_id):
    """A finished run with 60 kB of checkpoint and an export folder (its manifest is all Predict lists)."""
    events = stopped_then_resumed(1000.0)
    events.insert(-1, {"type": "eval", "ts": 4607.0, "step": 20, "loss": 0.41, "accuracy": 0.85,
                       "macro_f1": 0.84, "split": "dev"})
    run = fake_run(workspace, run_id, events)
    (run.checkpoints_dir / "best").mkdir(parents=True)
    (run.checkpoints_dir / "best" / "model.pdparams").write_bytes(b"\0" * 60_000)
    run.export_dir.mkdir()
    (run.export_dir / "manifest.json").write_text("{}", encoding="utf-8")
    return run


def open_runs(qtbot, workspace, count):
    window = open_main_window(qtbot, workspace.root)
    window.go_to("runs")
    page = window.runs_page
    qtbot.waitUntil(lambda: len(page.row_ids()) == count, timeout=20000)
    return window, page


def delete_dialog():
    """The visible question box, if any."""
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    return boxes[0] if boxes else None


def wait_for_dialog(qtbot):
    qtbot.waitUntil(lambda: delete_dialog() is not None, timeout=10000)
    return delete_dialog()


def answer(box, button):
    box.button(button).click()


def test_delete_asks_naming_each_run_and_its_size_no_keeps_yes_trashes_and_undo_restores(qtbot, app_env):
    keep = exported_run(app_env, "2026-01-01-000001")
    gone = exported_run(app_env, "2026-01-01-000002")
    window, page = open_runs(qtbot, app_env, 2)
    predict = window.predict_page
    qtbot.waitUntil(lambda: predict.models.findData(str(gone.export_dir)) >= 0, timeout=20000)

    page.select_ids([gone.id])
    page.delete_button.click()  # the button a user presses (it used to pass checked=False as confirm=False)
    box = wait_for_dialog(qtbot)
    text = box.text() + "\n" + box.informativeText()
    assert gone.id in text and "KiB" in text and keep.id not in text
    answer(box, QMessageBox.StandardButton.No)
    qtbot.waitUntil(lambda: delete_dialog() is None, timeout=5000)
    assert gone.path.is_dir() and trashed_runs(app_env) == [] and len(page.row_ids()) == 2

    # the Delete key asks too
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_Delete)
    box = wait_for_dialog(qtbot)
    answer(box, QMessageBox.StandardButton.Yes)
    qtbot.waitUntil(lambda: page.row_ids() == [keep.id], timeout=10000)
    assert not gone.path.exists() and [t.run_id for t in trashed_runs(app_env)] == [gone.id]
    assert "Deleted 1 run" in page.undo_bar.text() and page.undo_button.isVisible()
    # Predict no longer offers the deleted model
    qtbot.waitUntil(lambda: predict.models.findData(str(gone.export_dir)) < 0, timeout=10000)
    assert predict.export_dir != str(gone.export_dir)

    page.undo_button.click()
    qtbot.waitUntil(lambda: sorted(page.row_ids()) == [keep.id, gone.id], timeout=10000)
    assert gone.path.is_dir() and trashed_runs(app_env) == [] and not page.undo_button.isVisible()
    qtbot.waitUntil(lambda: predict.models.findData(str(gone.export_dir)) >= 0, timeout=10000)


def test_deleting_two_runs_lists_both_with_the_total_and_the_last_model_leaves_predict_empty(qtbot, app_env):
    runs = [exported_run(app_env, f"2026-01-01-00000{i}") for i in (1, 2)]
    window, page = open_runs(qtbot, app_env, 2)
    predict = window.predict_page
    qtbot.waitUntil(lambda: predict.models.count() == 2, timeout=20000)
    page.select_ids([r.id for r in runs])
    page.delete_button.click()
    box = wait_for_dialog(qtbot)
    text = box.text() + "\n" + box.informativeText()
    assert all(r.id in text for r in runs) and "Total" in text
    answer(box, QMessageBox.StandardButton.Yes)
    qtbot.waitUntil(lambda: page.row_ids() == [], timeout=10000)
    assert "Deleted 2 run" in page.undo_bar.text()
    qtbot.waitUntil(lambda: predict.models.count() == 0, timeout=10000)
    assert predict.export_dir == "" and not predict.predict_button.isEnabled()


def test_a_running_run_is_refused_without_a_question(qtbot, app_env):
    now = time.time()
    running = fake_run(app_env, "2026-01-01-000003", [{"type": "start", "ts": now - 30, "total_steps": 99}],
                       alive=True)
    _window_, page = open_runs(qtbot, app_env, 1)
    page.select_ids([running.id])
    assert not page.delete_button.isEnabled()
    page.delete_selected()  # e.g. the Delete key
    assert "cannot be deleted" in page.banner.text() and delete_dialog() is None and running.path.is_dir()


def test_durations_add_every_part_and_a_running_one_advances(qtbot, app_env):
    done = exported_run(app_env, "2026-01-01-000001")
    now = time.time()
    running = fake_run(app_env, "2026-01-01-000002", [{"type": "start", "ts": now - 30, "total_steps": 99},
                                                     {"type": "step", "ts": now - 28, "step": 1, "loss": 0.7}],
                       alive=True)
    _window_, page = open_runs(qtbot, app_env, 2)
    column = page.model.headers.index("Duration")

    def shown(run):
        row = page.row_ids().index(run.id)
        return page.model.index(row, column).data()

    assert shown(done) == "20 s"  # 12 s + 8 s, not the last part's 8 s
    first = shown(running)
    assert first.endswith(" s") and int(first.split()[0]) >= 30
    qtbot.waitUntil(lambda: shown(running) != first, timeout=5000)  # it counts on while the page is shown
    assert int(shown(running).split()[0]) > int(first.split()[0])


def test_the_table_names_models_and_gets_the_room(qtbot, app_env):
    for i in range(12):
        exported_run(app_env, f"2026-01-01-0000{i:02d}")
    window, page = open_runs(qtbot, app_env, 12)
    window.resize(1280, 800)
    column = page.model.headers.index("Model")
    assert page.model.index(0, column).data() == "Bag of words"  # not the id "bow"
    qtbot.waitUntil(lambda: page.table.viewport().height() >= 8 * page.table.rowHeight(0), timeout=5000)


def test_compare_report_shows_each_runs_final_metrics_or_says_it_has_none(qtbot, app_env):
    scored = exported_run(app_env, "2026-01-01-000001")
    unscored = fake_run(app_env, "2026-01-01-000002", stopped_then_resumed(1000.0)[:5])  # stopped at step 10
    _window_, page = open_runs(qtbot, app_env, 2)
    page.select_ids([scored.id, unscored.id])
    page.overlay_selected()
    page.detail_tabs.setCurrentIndex(1)
    table = page.compare_table
    assert table.isVisible() and table.rowCount() == 2
    cells = {table.item(r, 0).text(): [table.item(r, c).text() for c in range(table.columnCount())]
             for r in range(2)}
    assert "0.8500" in cells[scored.id]
    assert any("no evaluation" in c for c in cells[unscored.id])
    assert "appears when an evaluation has run" not in page.compare_note.text()


def test_the_window_reopens_with_the_same_geometry_on_the_last_page(qtbot, app_env):
    window = open_main_window(qtbot, app_env.root)
    window.setGeometry(137, 211, 1100, 700)
    qtbot.waitUntil(lambda: window.geometry().topLeft().y() == 211, timeout=5000)
    window.go_to("runs")
    window.close()
    again = open_main_window(qtbot, app_env.root)
    assert again.current_page() == "runs"
    assert again.geometry().getRect() == (137, 211, 1100, 700)
    # Settings is where one visits, not where one works: the app opens on Data then
    again.go_to("settings")
    again.close()
    assert open_main_window(qtbot, app_env.root).current_page() == "data"


def test_a_killed_app_reopens_on_the_page_it_was_on(qtbot, app_env, tmp_path):
    window = open_main_window(qtbot, app_env.root)
    window.go_to("predict")
    settings = tmp_path / "settings.ini"  # what a SIGKILL leaves: only what was written already
    qtbot.waitUntil(lambda: settings.is_file() and "page=3" in settings.read_text(), timeout=5000)


def test_old_trash_is_emptied_when_the_app_starts(qtbot, app_env):
    old = move_to_trash(app_env, exported_run(app_env, "2026-01-01-000001"),
                        now=time.time() - (KEEP_DAYS + 1) * 86400)
    recent = move_to_trash(app_env, exported_run(app_env, "2026-01-01-000002"), now=time.time() - 60)
    open_main_window(qtbot, app_env.root)
    qtbot.waitUntil(lambda: not old.folder.exists(), timeout=10000)
    assert recent.folder.is_dir()
    assert json.loads((recent.folder / "trashed.json").read_text())["run_id"] == recent.run_id
