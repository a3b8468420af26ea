"""The steps of the scripted walk (tools/walk.py), run inside the real app by gui/walk_hook.py.

Each session is a generator: it acts as a person would (xdotool clicks and keys, typing) and
yields what it waits for; ``walk.shot(name)`` photographs the screen and records the visible texts.
Sessions: ``first`` (welcome, Data, Train with Stop and Resume (fastText), a second run (CNN) the walker kills),
``second`` (the reopened app: reattached run, Predict, Runs with Compare and Delete, Settings →
Docker's doctor, the Monitor card) and ``monitor`` (the Monitor charts replaying a GPU load).
"""

from __future__ import annotations

import os
import time

SENTENCES = ["菜很好吃，服务也很周到，下次还来", "房间又小又脏，隔音太差", "物流很快，包装完好，质量不错"]
FIRST_EPOCHS = int(os.environ.get("PADDLEDESK_WALK_EPOCHS", "10"))  # long enough to press Stop mid-run
SECOND_EPOCHS = int(os.environ.get("PADDLEDESK_WALK_SECOND_EPOCHS", "5"))  # still training after the reopen


def _nav(walk, page: str):
    """Go to a page with its keyboard shortcut (Ctrl+1 … Ctrl+6), as the side bar's tooltips say."""
    from gui.main_window import PAGES

    window = walk.window
    yield walk.key(window.stack, f"ctrl+{PAGES.index(page) + 1}")
    yield walk.until(lambda: window.current_page() == page, 10, f"the {page} page")


def _train_state(walk, *states: str, timeout: float = 300):
    page = walk.window.train_page
    return walk.until(lambda: page.state in states and not page.following, timeout, f"Train state {states}")


def first(walk):
    """Welcome → Data (the sample) → Train (Start, Stop, Resume, finish) → a second run, left running."""
    window = walk.window
    window.setGeometry(0, 0, 1280, 800)
    welcome = getattr(walk.controller, "welcome", None)
    if welcome is not None:  # the first start's welcome, with the doctor's summary
        yield walk.until(lambda: welcome.doctor.text() != welcome.tr("Checking Docker and GPUs…"), 60,
                         "the welcome's doctor summary")
        yield walk.settle()
        walk.shot("welcome")
        yield walk.click(welcome.sample_button)  # "Try the sample dataset"
    else:
        yield from _nav(walk, "data")
        from core.datasets import sample_datasets

        window.data_page.open_sample(next(s for s in sample_datasets() if s.name == "reviews_zh"))
    data = window.data_page
    yield walk.until(lambda: data.analysis is not None and window.current_page() == "data", 60, "the dataset's stats")
    yield walk.settle(1.0)
    walk.shot("data")

    yield walk.click(data.train_button)  # "Train with this dataset →"
    page = window.train_page
    yield walk.until(lambda: window.current_page() == "train" and page.dataset is not None, 10, "the Train page")
    page.select_model("fasttext")  # about a second per epoch of the sample here: Stop lands mid-run
    page.epochs.setValue(FIRST_EPOCHS)
    page.eval_every.setValue(20)
    yield walk.settle()
    walk.shot("train-form")
    yield walk.click(page.start_button)
    yield walk.until(lambda: page.following and len(page.history.steps) >= 8, 120, "the first steps")
    yield walk.settle(1.0)
    walk.shot("train-running")
    yield walk.click(page.stop_button)
    yield _train_state(walk, "stopped", timeout=60)
    stopped_at = len(page.history.steps)
    yield walk.settle(0.8)
    walk.shot("train-stopped")
    walk.mark("stopped", run=page.run.id, steps=stopped_at)
    yield walk.click(page.resume_button)
    yield _train_state(walk, "finished")
    walk.mark("finished", run=page.run.id, steps=len(page.history.steps), error_banner=page.banner.isVisible()
              and page.banner.level == "error")
    yield walk.settle(1.0)
    walk.shot("train")
    page.tabs.setCurrentWidget(page.report)
    yield walk.settle(0.5)
    walk.shot("train-report")
    page.tabs.setCurrentIndex(0)

    # the second run: a character CNN (about 5 s per epoch here), killed with the app mid-run by the walker
    page.select_model("cnn")
    page.epochs.setValue(SECOND_EPOCHS)
    page.eval_every.setValue(10)
    yield walk.click(page.start_button)
    yield walk.until(lambda: page.following and page.state in ("training", "evaluating")
                     and len(page.history.steps) >= 6, 180, "the second run's first steps")
    yield walk.settle(0.5)
    walk.shot("train-second")
    walk.mark("kill-me", run=page.run.id, steps=len(page.history.steps))
    yield walk.until(lambda: False, 600, "the walker's SIGKILL")


def second(walk):
    """The reopened app: the run reattached with its whole curve, then Predict, Runs, Settings, Monitor."""
    window = walk.window
    page = window.train_page
    killed = [m["run"] for m in walk.progress() if m.get("step") == "kill-me"][-1]
    yield walk.until(lambda: page.run is not None and page.run.id == killed, 60, f"run {killed} reattached")
    walk.mark("reattached", run=page.run.id, following=page.following, page=window.current_page(),
              geometry=[window.x(), window.y(), window.width(), window.height()])
    yield from _nav(walk, "train")
    yield walk.settle(1.0)
    walk.shot("train-reattached")
    yield _train_state(walk, "finished", timeout=400)
    steps = [s.get("step") for s in page.history.steps]
    walk.mark("reattached-finished", run=page.run.id, first_step=min(steps), last_step=max(steps), points=len(steps))
    yield walk.settle(1.0)
    walk.shot("train-reattached-finished")

    yield from _predict(walk)
    yield from _runs(walk)
    yield from _settings(walk)

    yield from _nav(walk, "monitor")
    controller = window.gpu_controller
    yield walk.until(lambda: controller is not None and controller.latest is not None
                     and hasattr(window, "monitor_dashboard"), 30, "the replayed GPU facts")
    yield walk.settle(1.5)
    walk.shot("monitor-card")


def _predict(walk):
    window = walk.window
    predict = window.predict_page
    yield from _nav(walk, "predict")
    yield walk.until(lambda: predict.ready, 90, "a model loaded on Predict")
    for text in SENTENCES:
        rows = predict.history.rowCount()
        predict.input.clear()
        yield walk.type(predict.input, text)
        yield walk.click(predict.predict_button)
        yield walk.until(lambda r=rows: predict.history.rowCount() > r, 60, "the sentence's label")
    yield walk.settle(0.8)
    walk.shot("predict")
    bar = predict.tabs.tabBar()
    yield walk.click(bar, "the Whole file tab", at=bar.tabRect(1).center())
    yield walk.until(lambda: predict.tabs.currentIndex() == 1, 10, "the Whole file tab")
    from core.datasets import sample_datasets

    sample = next(s for s in sample_datasets() if s.name == "reviews_zh")
    predict.predict_path(str(sample.test))  # what the file dialog would hand over
    yield walk.until(lambda: predict.save_button.isEnabled(), 120, "the whole-file prediction")
    yield walk.settle(0.8)
    walk.shot("predict-file")
    predict.tabs.setCurrentIndex(0)


def _runs(walk):
    window = walk.window
    runs = window.runs_page
    yield from _nav(walk, "runs")
    yield walk.until(lambda: len(runs.row_ids()) >= 2 and not runs.loading, 30, "two runs listed")
    ids = runs.row_ids()[:2]
    yield walk.click_row(runs.table, 0)
    yield walk.click_row(runs.table, 1, ctrl=True)
    yield walk.until(lambda: sorted(r.run.id for r in runs.selected_rows()) == sorted(ids), 10, "two runs selected")
    yield walk.click(runs.overlay_button)  # Compare
    yield walk.until(lambda: runs.report_stack.currentWidget() is runs.compare, 10, "the comparison")
    yield walk.settle(1.0)
    walk.shot("runs")

    victim = ids[-1]  # the older run (the first, fastText)
    deleter = runs.deleter
    yield walk.click_row(runs.table, runs.row_ids().index(victim))
    yield walk.until(lambda: [r.run.id for r in runs.selected_rows()] == [victim], 10, "the old run selected")
    yield walk.key(runs.table, "Delete")
    yield walk.until(lambda: deleter.dialog is not None and deleter.dialog.isVisible(), 20, "the Delete question")
    yield walk.settle(0.6)
    walk.shot("runs-delete-dialog")
    from PySide6.QtWidgets import QMessageBox

    yield walk.click(deleter.dialog.button(QMessageBox.StandardButton.No))
    yield walk.until(lambda: deleter.dialog is None and not deleter.busy, 10, "the question closed")
    yield walk.settle(0.5)
    kept = victim in runs.row_ids() and (window.workspace.runs_dir / victim).is_dir()
    walk.mark("delete-no", run=victim, still_there=kept)
    walk.shot("runs-delete-no")
    yield walk.click_row(runs.table, runs.row_ids().index(victim))
    yield walk.click(runs.delete_button)
    yield walk.until(lambda: deleter.dialog is not None and deleter.dialog.isVisible(), 20, "the Delete question")
    yield walk.settle(0.3)
    yield walk.click(deleter.dialog.button(QMessageBox.StandardButton.Yes))
    yield walk.until(lambda: victim not in runs.row_ids() and deleter.undo_button.isVisible(), 30, "the run gone")
    from core.trash import trash_dir

    trash = trash_dir(window.workspace)
    walk.mark("delete-yes", run=victim, gone=not (window.workspace.runs_dir / victim).exists(),
              undo_visible=deleter.undo_button.isVisible(), trash=sorted(p.name for p in trash.glob("*"))
              if trash.is_dir() else [])
    yield walk.settle(0.6)
    walk.shot("runs-deleted-undo")


def _settings(walk):
    window = walk.window
    settings = window.settings_page
    yield from _nav(walk, "settings")
    from PySide6.QtWidgets import QScrollArea

    docker = settings.docker
    # a click while another check runs is ignored by the page: each click waits for the one before
    yield walk.until(lambda: not settings.busy, 90, "Settings idle")
    yield walk.click(docker.check_button)  # "Check engine": the engine's status line
    yield walk.until(lambda: not settings.busy, 90, "the engine check")
    scroll = settings.findChild(QScrollArea)

    def doctor_started() -> bool:
        return docker.doctor.isVisible() and (settings.busy or bool(docker.doctor.rows))

    # the engine check's status lines re-lay the page out after it is idle: let the layout settle
    # and bring the button into view before pointing at it. A click that still lands beside the
    # button (seen under stress --cpu 2) is clicked again, as a person would
    for _attempt in range(3):
        yield walk.settle(0.5)
        if scroll is not None:
            scroll.ensureWidgetVisible(docker.doctor_button)
        yield walk.click(docker.doctor_button)  # "Check this computer"
        clicked = time.monotonic()
        yield walk.until(lambda clicked=clicked: doctor_started() or time.monotonic() - clicked > 30, 45,
                         "the doctor started")
        if doctor_started():
            break
    # a loaded machine (CI, other builds) can take long to start the worker: wait for it generously
    yield walk.until(doctor_started, 90, "the doctor started")
    yield walk.until(lambda: not settings.busy and bool(docker.doctor.rows), 150, "the doctor's lines")
    if scroll is not None:
        scroll.ensureWidgetVisible(docker.doctor, 0, 0)
    yield walk.settle(1.0)
    walk.shot("settings-docker")


def monitor(walk):
    """The Monitor charts replaying the two-H200 load recording (its busy phase)."""
    window = walk.window
    window.setGeometry(0, 0, 1280, 800)
    yield from _nav(walk, "monitor")
    yield walk.until(lambda: hasattr(window, "monitor_dashboard"), 20, "the dashboard")
    window.monitor_dashboard.window_box.setCurrentIndex(0)  # the shortest window: the recording is 33 s

    def busy() -> bool:  # the recording's load phase (GPU 1 at ~100 %)
        latest = getattr(window.gpu_controller, "latest", None)
        return latest is not None and any((g.util_pct or 0) > 50 for g in latest.snapshot.gpus)

    yield walk.until(busy, 60, "the recording's busy phase")
    yield walk.settle(2.5)
    walk.shot("monitor")
