"""Predict page a newcomer can trust: notes on unknown and cut texts, no silent empty input, Cancel, the file's
own labels and accuracy, Save beside the input, no stray dash (issue 14, items 10 and 11)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import pytestqt  # noqa: F401 - the GUI tests need pytest-qt: without it they fail, never skip
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QProgressBar

from tests.helpers.exports import make_export

ENGLISH = "The delivery was quick and the staff were friendly"


@pytest.fixture(autouse=True)
def _settings(tmp_path, monkeypatch):
    monkeypatch.setenv("PADDLEDESK_SETTINGS", str(tmp_path / "settings.ini"))


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    return make_export(tmp_path_factory.mktemp("export") / "bow", "bow")


def _page(qtbot, tmp_path):
    from core.runs import Workspace
    from gui.pages.predict_page import PredictPage

    page = PredictPage(Workspace(tmp_path / "ws"))
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


@pytest.fixture
def page(qtbot, tmp_path, export):
    page = _page(qtbot, tmp_path)
    page.use_export(str(export))
    qtbot.waitUntil(lambda: page.model_info.text().startswith("Ready") and page.export_dir == str(export),
                    timeout=60000)
    return page


def _visible_texts(widget) -> list[str]:
    return [w.text() for w in widget.findChildren(QLabel) if w.isVisible() and w.text()]


def _predict(qtbot, page, text: str) -> None:
    count = page.history.rowCount()
    page.input.setText(text)
    qtbot.mouseClick(page.predict_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.history.rowCount() == count + 1, timeout=30000)


def _read(path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_the_empty_result_shows_a_hint_and_no_stray_dash_or_empty_bar(qtbot, tmp_path):
    page = _page(qtbot, tmp_path)
    texts = _visible_texts(page)
    assert not any(t.strip() in ("—", "-", "–") for t in texts), texts
    assert not page.result_label.isVisible()
    assert not [b for b in page.findChildren(QProgressBar) if b.isVisible()]
    assert any("Type a sentence and press Predict" in t for t in texts)


def test_empty_input_disables_predict_and_enter_says_type_a_sentence_first(qtbot, page):
    assert not page.predict_button.isEnabled()
    qtbot.keyClick(page.input, Qt.Key.Key_Return)
    assert "Type a sentence first." in _visible_texts(page)
    page.input.setText("   ")
    assert not page.predict_button.isEnabled()  # spaces are not a sentence
    page.input.setText("服务很好")
    assert page.predict_button.isEnabled()


def test_english_text_is_called_a_guess_and_a_long_text_says_how_much_was_read(qtbot, page):
    _predict(qtbot, page, ENGLISH)
    assert page.result_label.isVisible() and page.result_label.text() in ("正面", "负面")
    assert any("unknown to this model: the label is a guess" in t for t in _visible_texts(page))
    assert "guess" in page.history.item(0, 0).toolTip()
    _predict(qtbot, page, ("这家餐厅的服务非常好" * 500)[:5000])
    notes = [t for t in _visible_texts(page) if "characters were read" in t]
    assert notes == ["Only the first 32 of 5,000 characters were read; the rest did not count."]
    _predict(qtbot, page, "这家餐厅的服务非常好")
    assert not page.result.note.isVisible()  # a text the model knows, read whole: no note


def test_a_file_with_its_own_labels_shows_them_beside_the_prediction_and_the_accuracy(qtbot, page, tmp_path):
    pairs = [("服务非常好，推荐", "正面"), ("太差了，再也不来", "负面"), ("房间很脏 差评", "负面"),
             ("电影剧情感人", "正面")] * 10
    src = tmp_path / "labelled.tsv"
    src.write_text("text\tlabel\n" + "".join(f"{t}\t{lb}\n" for t, lb in pairs), encoding="utf-8")
    page.predict_path(str(src))
    qtbot.waitUntil(lambda: page.save_button.isEnabled(), timeout=60000)
    header = page.file_model.header
    assert "true_label" in header
    true_col, label_col = header.index("true_label"), header.index("label")
    rows = page.file_model.rows
    assert [r[true_col] for r in rows] == [lb for _t, lb in pairs]
    right = sum(r[label_col] == r[true_col] for r in rows)
    assert f"{right * 100 / 40:.1f} % ({right} of 40 rows right)" in page.file_label.text()
    assert "column label" in page.file_label.text()


def test_a_whole_file_prediction_can_be_cancelled_and_then_nothing_is_saved(qtbot, page, tmp_path):
    page.tabs.setCurrentIndex(1)  # Whole file
    small = tmp_path / "small.txt"
    small.write_text("".join(f"好评 {i}\n" for i in range(10)), encoding="utf-8")
    page.predict_path(str(small))
    qtbot.waitUntil(lambda: page.save_button.isEnabled(), timeout=60000)
    assert page.file_model.rowCount() == 10
    big = tmp_path / "big.txt"
    big.write_text("".join(f"这家店的服务很好，菜也好吃 {i}\n" for i in range(20000)), encoding="utf-8")
    page.predict_path(str(big))
    assert page.cancel_button.isVisible() and page.cancel_button.isEnabled()
    assert not page.save_button.isEnabled() and not page.predict_button.isEnabled()
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy, timeout=60000)
    assert page.file_label.text().startswith("Cancelled after") and "of 20,000 rows: nothing was saved" in \
        page.file_label.text()
    assert page.file_model.rowCount() == 0 and not page.save_button.isEnabled()
    assert not page.cancel_button.isVisible() and page.file_button.isEnabled()
    assert not page.banner.isVisible()  # a cancel is not an error


def test_save_as_csv_proposes_a_name_beside_the_input_file(qtbot, page, tmp_path, monkeypatch):
    folder = tmp_path / "reviews folder"
    folder.mkdir()
    src = folder / "new reviews.tsv"
    src.write_text("text\n" + "".join(f"好评 {i}\n" for i in range(5)), encoding="utf-8")
    page.predict_path(str(src))
    qtbot.waitUntil(lambda: page.save_button.isEnabled(), timeout=60000)
    asked = []
    target = folder / "chosen.csv"

    def fake_dialog(parent, caption, start, filters):  # the OS dialog: record where it opens, answer a file
        asked.append(start)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_dialog))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert [Path(a) for a in asked] == [folder / "new reviews.predictions.csv"]
    assert len(_read(target)) == 6 and "Saved" in page.banner.text()
