"""Text from core (model catalogue, sample datasets, run states) in the Chinese UI."""

from __future__ import annotations

import pytest
import pytestqt  # noqa: F401 - the GUI tests need pytest-qt: without it they fail, never skip


def _core_strings() -> set[str]:
    from core.datasets import sample_datasets
    from core.models import list_models

    out = set()
    for m in list_models(include_hidden=True):
        out |= {m.display_name, m.description, m.speed_hint}
    for s in sample_datasets():
        out |= {s.title, s.description}
    return out


def test_every_string_core_shows_is_listed_for_translation():
    from gui.core_texts import ALL

    missing = _core_strings() - set(ALL)
    assert not missing, f"add these to gui/core_texts.py and run tools/translations.py: {sorted(missing)}"


@pytest.fixture
def chinese(qapp):
    from gui import i18n

    assert i18n.install("zh_CN") == "zh_CN"
    yield
    i18n.install("en")


def test_every_core_string_has_a_chinese_translation(chinese):
    from gui.core_texts import ALL, tr_core

    same = {t for t in ALL if tr_core(t) == t}
    # only brand names stay as they are
    assert same == {"BiLSTM", "ERNIE 3.0 Nano", "ERNIE 3.0 Micro", "ERNIE 3.0 Mini", "ERNIE 3.0 Medium",
                    "ERNIE 3.0 Base", "ERNIE 1.0"}


def test_the_chinese_ui_shows_models_samples_and_states_in_chinese(qtbot, tmp_path, monkeypatch, chinese):
    from gui.app import create_window

    monkeypatch.setenv("PADDLEDESK_SETTINGS", str(tmp_path / "settings.ini"))
    monkeypatch.setenv("PADDLEDESK_WORKSPACE", str(tmp_path / "ws"))
    window = create_window(tmp_path / "ws")
    qtbot.addWidget(window)
    window.show()
    try:
        page = window.train_page
        assert page.start_button.text() == "开始训练"
        page.select_model("bow")
        assert page.model_hint.text() == "对字向量取平均；最简单的基线模型。"
        card = page.models.item(0).text()
        assert card.startswith("词袋模型") and "CPU 上每轮只需几秒" in card
        assert "Bag of words" not in card and "seconds per epoch" not in card
        assert page.state_text("created") == "已创建"
        window.go_to("data")
        qtbot.waitUntil(lambda: len(window.data_page.findChildren(type(page.start_button), "link")) == 2,
                        timeout=10000)
        buttons = window.data_page.findChildren(type(page.start_button), "link")
        assert sorted(b.text() for b in buttons) == sorted(["中文评论情感", "中文新闻标题分类"])
        assert any(b.toolTip().startswith("餐馆、酒店、网购和电影的中文短评") for b in buttons)
    finally:
        window.close()


def test_the_monitor_page_titles_headers_and_windows_are_chinese(qtbot, chinese):
    from gui.monitor.charts import HistoryCharts
    from gui.monitor.tables import ProcessTable
    from gui.workers import user_message

    charts = HistoryCharts()
    qtbot.addWidget(charts)
    titles = [plot.getPlotItem().titleLabel.text for plot in charts.plots.values()]
    assert any("利用率" in t for t in titles) and not any("Utilization" in t for t in titles)
    table = ProcessTable()
    qtbot.addWidget(table)
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert "显存" in headers and "Memory" not in headers
    assert "UTF-8" in user_message(UnicodeDecodeError("utf-8", b"\xff", 0, 1, "bad"))[1]
    assert "文本" in user_message(UnicodeDecodeError("utf-8", b"\xff", 0, 1, "bad"))[0]
