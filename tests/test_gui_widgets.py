"""GUI building blocks with real widgets (offscreen): log console, charts, preview model, Data page."""

from __future__ import annotations

import time

import pytest
import pytestqt  # noqa: F401 - the GUI tests need pytest-qt: without it they fail, never skip
from PySide6.QtCore import Qt

from core.events import Event, RunHistory
from tests.helpers.gui import open_main_window
from tests.helpers.runs import run_folder


@pytest.fixture(autouse=True)
def _settings(tmp_path, monkeypatch):
    monkeypatch.setenv("PADDLEDESK_SETTINGS", str(tmp_path / "settings.ini"))


def _write_reviews(path, rows=60, bad=()):
    """A small TSV of Chinese reviews; line numbers in ``bad`` get an empty text (a rejected row)."""
    pos = ["服务很好，菜也好吃", "质量不错，物流很快", "房间干净，环境安静", "性价比高，推荐购买"]
    neg = ["太差了，再也不来", "质量很差，退货了", "房间又小又脏", "等了一个小时才上菜"]
    lines = ["text\tlabel"]
    for i in range(rows):
        line_no = len(lines) + 1
        text = "" if line_no in bad else (pos if i % 2 == 0 else neg)[i % 4] + f" {i}"
        lines.append(f"{text}\t{'正面' if i % 2 == 0 else '负面'}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_log_console_keeps_only_the_newest_lines_and_finds_text(qtbot):
    from gui.widgets.log_console import LogConsole

    console = LogConsole(max_lines=1000)
    qtbot.addWidget(console)
    for batch in range(100):
        console.append_lines([f"batch {batch} line {i}" for i in range(1000)])
    text = console.text()
    assert len(console.lines()) == 1000
    assert "batch 99 line 999" in text and "batch 0 line 0" not in text
    console.search.setText("batch 99 line 500")
    assert console.find_next()
    assert console.selected_text() == "batch 99 line 500"
    console.search.setText("no such line")
    assert not console.find_next()
    assert console.found.text()
    console.copy_all()
    from PySide6.QtWidgets import QApplication

    assert QApplication.clipboard().text().endswith("batch 99 line 999")


def test_log_console_says_how_many_lines_were_skipped(qtbot):
    from gui.widgets.log_console import LogConsole

    console = LogConsole(max_lines=100)
    qtbot.addWidget(console)
    console.append_lines(["last line"], skipped=12345)
    assert "12345" in console.text() and "last line" in console.text()


def _history(run_steps=50, evals=(10, 20, 30, 40, 50), loss0=1.0):
    events = [Event("start", {"seq": 1, "labels": ["负面", "正面"], "total_steps": run_steps})]
    seq = 2
    for s in range(1, run_steps + 1):
        events.append(Event("step", {"seq": seq, "step": s, "loss": loss0 / s, "lr": 1e-3,
                                     "samples_per_s": 100.0 + s}))
        seq += 1
        if s in evals:
            events.append(Event("eval", {"seq": seq, "step": s, "loss": loss0 / s + 0.1, "accuracy": 0.5 + s / 200,
                                         "macro_f1": 0.4 + s / 200, "split": "dev",
                                         "per_class": {"负面": {"precision": 0.8, "recall": 0.7, "f1": 0.75,
                                                              "support": 10},
                                                       "正面": {"precision": 0.7, "recall": 0.8, "f1": 0.75,
                                                              "support": 10}},
                                         "confusion": [[7, 3], [2, 8]]}))
            seq += 1
    return RunHistory.from_events(events)


def test_charts_draw_train_and_eval_loss_and_overlay_runs(qtbot):
    from gui.widgets.charts import TrainingCharts

    charts = TrainingCharts()
    qtbot.addWidget(charts)
    charts.show_history(_history())
    assert charts.point_count("train_loss") == 50
    assert charts.point_count("eval_loss") == 5
    assert charts.point_count("accuracy") == 5
    assert charts.point_count("lr") == 50
    assert charts.point_count("samples_per_s") == 50
    charts.overlay([("run A", _history()), ("run B", _history(30, (15, 30), 2.0))])
    assert set(charts.runs) == {"run A", "run B"}
    assert charts.point_count("train_loss", "run A") == 50
    assert charts.point_count("train_loss", "run B") == 30
    legend_names = [label.text for _item, label in charts.plots["loss"].legend.items]
    assert legend_names == ["run A", "run B"]  # one entry per run; solid/dashed explained in the title


def test_charts_only_redraw_on_refresh(qtbot):
    from gui.widgets.charts import TrainingCharts

    charts = TrainingCharts()
    qtbot.addWidget(charts)
    charts.add_events([Event("step", {"step": i, "loss": 1.0}) for i in range(1, 101)])
    assert charts.point_count("train_loss") == 0  # nothing drawn per event
    charts.refresh()
    assert charts.point_count("train_loss") == 100


def test_report_shows_per_class_table_and_confusion_matrix(qtbot):
    from gui.widgets.report import EvalReport

    report = EvalReport()
    qtbot.addWidget(report)
    report.show_eval(_history().evals[-1], ["负面", "正面"])
    assert report.per_class.rowCount() == 2
    assert report.per_class.verticalHeaderItem(0).text() == "负面"
    assert report.confusion.item(1, 1).text() == "8"
    assert "0.7500" in report.summary.text()  # accuracy 0.5 + 50/200


@pytest.mark.perf
def test_the_log_console_appends_100k_lines_in_under_5_s(qtbot):
    from gui.widgets.log_console import LogConsole

    console = LogConsole(max_lines=1000)
    qtbot.addWidget(console)
    start = time.perf_counter()
    for batch in range(100):
        console.append_lines([f"batch {batch} line {i}" for i in range(1000)])
    elapsed = time.perf_counter() - start
    assert elapsed < 5.0, f"100k lines took {elapsed:.2f} s to append"


def _preview_100k(qtbot):
    from PySide6.QtWidgets import QApplication, QTableView

    from gui.widgets.table_model import PreviewModel

    rows = [[f"第{i}条评论，内容还不错", "正面" if i % 2 else "负面"] for i in range(100_000)]
    lines = list(range(2, 100_002))
    model = PreviewModel()
    view = QTableView()
    qtbot.addWidget(view)
    view.verticalHeader().setSectionResizeMode(view.verticalHeader().ResizeMode.Fixed)
    view.setModel(model)
    view.resize(800, 600)
    view.show()
    start = time.perf_counter()
    model.set_table(["text", "label"], rows, lines)
    view.scrollToBottom()
    QApplication.processEvents()
    return model, time.perf_counter() - start


@pytest.mark.perf
def test_the_preview_shows_100k_rows_in_under_a_second(qtbot):
    _model, elapsed = _preview_100k(qtbot)
    assert elapsed < 1.0, f"showing 100k rows took {elapsed:.2f} s"


def test_preview_model_shows_100k_rows_without_touching_them(qtbot):
    model, _elapsed = _preview_100k(qtbot)
    assert model.rowCount() == 100_000
    assert model.headerData(99_999, Qt.Orientation.Vertical) == 100_001
    assert model.row_of_line(50_001) == 49_999


def test_data_page_reads_a_file_and_lists_problems_that_jump_to_their_row(qtbot, tmp_path):
    from gui.pages.data_page import DataPage

    path = _write_reviews(tmp_path / "reviews.tsv", rows=60, bad=(7, 30))
    page = DataPage()
    qtbot.addWidget(page)
    got = []
    page.dataset_ready.connect(lambda spec, summary: got.append((spec, summary)))
    page.open_path(str(path))
    qtbot.waitUntil(lambda: bool(got), timeout=10000)
    spec, summary = got[-1]
    assert spec.train == str(path) and spec.text_column == "text" and spec.label_column == "label"
    assert page.model.rowCount() == 60
    assert sorted(page.label_chart.values) == [29, 29]  # two rejected rows
    assert page.problems.count() == 2
    first = page.problems.item(0)
    assert "reviews.tsv:7" in first.text()
    page._jump(first)
    assert page.preview.selectionModel().selectedRows()[0].row() == page.model.row_of_line(7)
    assert page.model.headerData(page.model.row_of_line(7), Qt.Orientation.Vertical) == 7
    assert sum(page.length_chart.values) == 58


def test_data_page_shows_a_bad_file_as_a_message_with_a_hint(qtbot, tmp_path):
    from PySide6.QtWidgets import QApplication

    from gui.pages.data_page import DataPage

    bad = tmp_path / "model.xlsx"
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    page = DataPage()
    qtbot.addWidget(page)
    page.show()
    page.open_path(str(bad))
    qtbot.waitUntil(lambda: page.banner.isVisible(), timeout=10000)
    assert "model.xlsx" in page.banner.text()
    assert "Hint" in page.banner.text()
    assert QApplication.activeModalWidget() is None  # no dialog, no traceback


def test_data_page_one_label_only_is_explained(qtbot, tmp_path):
    from gui.pages.data_page import DataPage

    path = tmp_path / "one.csv"
    path.write_text("text,label\n" + "".join(f"好评{i},正面\n" for i in range(30)), encoding="utf-8")
    page = DataPage()
    qtbot.addWidget(page)
    page.show()
    page.open_path(str(path))
    qtbot.waitUntil(lambda: page.banner.isVisible(), timeout=10000)
    assert "one.csv" in page.banner.text()
    assert not page.train_button.isEnabled()


def test_the_ui_speaks_chinese_when_chosen_and_switches_back(qtbot, tmp_path, monkeypatch):
    from gui import i18n
    from gui.app import AppController, make_app

    monkeypatch.setenv("PADDLEDESK_WORKSPACE", str(tmp_path / "ws"))
    make_app()
    controller = AppController(tmp_path / "ws")
    assert i18n.install("en") == "en"
    window = controller.open()
    qtbot.addWidget(window)
    assert window.nav.item(1).text() == "Train"
    window.settings_page.language.setCurrentIndex(window.settings_page.language.findData("zh_CN"))
    chinese = controller.window
    qtbot.addWidget(chinese)
    try:
        assert chinese is not window
        assert [chinese.nav.item(i).text() for i in range(6)] == ["数据", "训练", "监控", "预测", "运行记录", "设置"]
        assert chinese.train_page.start_button.text() == "开始训练"
        assert chinese.current_page() == "settings"
        assert chinese.settings.value("language") == "zh_CN"
    finally:
        i18n.install("en")
        chinese.close()


def test_a_chinese_locale_picks_chinese(monkeypatch):
    from PySide6.QtCore import QLocale

    from gui import i18n

    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale(QLocale.Language.Chinese,
                                                                        QLocale.Country.China)))
    assert i18n.resolve("system") == "zh_CN"
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale(QLocale.Language.German,
                                                                        QLocale.Country.Germany)))
    assert i18n.resolve("system") == "en"


def _window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("PADDLEDESK_WORKSPACE", str(tmp_path / "ws"))
    return open_main_window(qtbot, tmp_path / "ws")


def test_keyboard_shortcuts_switch_pages(qtbot, tmp_path, monkeypatch):
    from PySide6.QtTest import QTest

    window = _window(qtbot, tmp_path, monkeypatch)
    with qtbot.waitActive(window):  # window shortcuts fire only in the active window
        window.activateWindow()
    for key, page in ((Qt.Key.Key_2, "train"), (Qt.Key.Key_5, "runs"), (Qt.Key.Key_1, "data")):
        QTest.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.current_page() == page


def test_starting_without_a_dataset_says_what_to_do_in_the_page(qtbot, tmp_path, monkeypatch):
    window = _window(qtbot, tmp_path, monkeypatch)
    window.go_to("train")
    window.train_page.start()
    assert window.train_page.banner.isVisible()
    assert "dataset" in window.train_page.banner.text().lower()
    assert window.train_page.state == "idle"


def _fake_run(ws, run_id, events):
    """A run folder as a trainer that failed leaves it (job.json, runner.json, events.jsonl)."""
    return run_folder(ws, run_id, events, {"kind": "local", "pid": 0, "state": "exited", "exit_code": 2})


def test_a_trainer_error_is_shown_in_the_page_with_its_hint(qtbot, tmp_path, monkeypatch):
    window = _window(qtbot, tmp_path, monkeypatch)
    run = _fake_run(tmp_path / "ws", "2026-01-01-000000", [
        {"v": 1, "type": "start", "ts": 1.0, "seq": 1, "labels": ["a", "b"], "total_steps": 10},
        {"v": 1, "type": "error", "ts": 2.0, "seq": 2, "kind": "oom", "message": "out of memory at batch 64",
         "hint": "choose a smaller batch size"}])
    window.go_to("train")
    window.train_page.attach(run)
    qtbot.waitUntil(lambda: window.train_page.state == "failed" and not window.train_page.following,
                    timeout=10000)
    assert "out of memory" in window.train_page.banner.text()
    assert "smaller batch" in window.train_page.banner.text()
    assert window.train_page.resume_button.isEnabled()


def test_runs_page_deletes_only_after_confirmation(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    window = _window(qtbot, tmp_path, monkeypatch)
    done = [{"v": 1, "type": "start", "ts": 1.0, "seq": 1, "total_steps": 2},
            {"v": 1, "type": "step", "ts": 2.0, "seq": 2, "step": 1, "loss": 0.5},
            {"v": 1, "type": "done", "ts": 3.0, "seq": 3, "step": 2, "duration_s": 2.0,
             "best": {"metric": "accuracy", "value": 0.9, "step": 2}}]
    keep = _fake_run(tmp_path / "ws", "2026-01-01-000001", done)
    gone = _fake_run(tmp_path / "ws", "2026-01-01-000002", done)
    runs = window.runs_page
    window.go_to("runs")
    qtbot.waitUntil(lambda: len(runs.row_ids()) == 2, timeout=10000)
    assert [r.best for r in runs.model.rows] == ["accuracy 0.9000", "accuracy 0.9000"]
    runs.select_ids([gone.id])
    runs.delete_selected()  # the question is a window-modal box, answered like a user would
    qtbot.waitUntil(lambda: runs.deleter.dialog is not None, timeout=10000)
    runs.deleter.dialog.button(QMessageBox.StandardButton.No).click()
    assert gone.path.exists() and runs.deleter.dialog is None
    runs.delete_selected()
    qtbot.waitUntil(lambda: runs.deleter.dialog is not None, timeout=10000)
    runs.deleter.dialog.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: runs.row_ids() == [keep.id], timeout=10000)
    assert not gone.path.exists() and keep.path.exists()


def test_the_window_opens_without_importing_paddle(tmp_path):
    import subprocess
    import sys

    code = ("import sys, time; t = time.perf_counter()\n"
            "from gui.app import create_window, make_app\n"
            "app = make_app(); w = create_window(); w.show(); app.processEvents()\n"
            "print(w.isVisible(), 'paddle' in sys.modules, 'paddlenlp' in sys.modules, 'docker' in sys.modules)\n")
    env = dict(__import__("os").environ, QT_QPA_PLATFORM="offscreen", PADDLEDESK_SETTINGS=str(tmp_path / "s.ini"),
               PADDLEDESK_WORKSPACE=str(tmp_path / "ws"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60,
                         cwd=str(__import__("pathlib").Path(__file__).resolve().parents[1]))
    assert out.stdout.split() == ["True", "False", "False", "False"], out.stderr[-2000:]


def test_replayed_gpus_reach_the_status_bar_the_picker_and_the_job(qtbot, tmp_path, monkeypatch):
    """The real two-H200 recording replayed: GPU count, the Train page's GPU choice, the dashboard."""
    from pathlib import Path

    from gui.app import create_window, make_app

    trace = Path(__file__).parent / "fixtures" / "gpu" / "h200x2-load-recording.json"
    monkeypatch.setenv("PADDLEDESK_WORKSPACE", str(tmp_path / "ws"))
    make_app()
    window = create_window(tmp_path / "ws", gpu_trace=str(trace))
    qtbot.addWidget(window)
    window.show()
    try:
        qtbot.waitUntil(lambda: window.status_gpus.text().endswith("2"), timeout=20000)
        picker = window.train_page.picker
        qtbot.waitUntil(lambda: picker.list.count() == 2, timeout=10000)
        assert "H200" in picker.list.item(1).text()
        picker.set_selected([1])
        assert window.train_page.job().runner.devices == [1]
        window.go_to("monitor")
        dashboard = window.monitor_dashboard
        qtbot.waitUntil(lambda: len(dashboard.cards) == 2, timeout=10000)
    finally:
        window.close()
