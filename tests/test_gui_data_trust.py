"""Data page a newcomer can trust: a failed load leaves nothing stale, duplicates are named by line,
long Problems lines wrap (issue 14, item 9)."""

from __future__ import annotations

import pytest
import pytestqt  # noqa: F401 - the GUI tests need pytest-qt: without it they fail, never skip

POS = ["服务很好，菜也好吃", "质量不错，物流很快", "房间干净，环境安静", "性价比高，推荐购买"]
NEG = ["太差了，再也不来", "质量很差，退货了", "房间又小又脏", "等了一个小时才上菜"]


@pytest.fixture(autouse=True)
def _settings(tmp_path, monkeypatch):
    monkeypatch.setenv("PADDLEDESK_SETTINGS", str(tmp_path / "settings.ini"))


def _rows(n: int) -> list[tuple[str, str]]:
    return [((POS if i % 2 == 0 else NEG)[i % 4] + f" {i}", "正面" if i % 2 == 0 else "负面") for i in range(n)]


def _write(path, rows: list[tuple[str, str]]):
    path.write_text("text\tlabel\n" + "".join(f"{t}\t{lb}\n" for t, lb in rows), encoding="utf-8")
    return path


def _open(qtbot, page, path) -> None:
    page.open_path(str(path))
    qtbot.waitUntil(lambda: page.analysis is not None and page.path == str(path), timeout=20000)


def _problem_texts(page) -> list[str]:
    return [page.problems.item(i).text() for i in range(page.problems.count())]


def test_stats_count_exact_duplicates_and_name_the_lines_of_conflicting_ones():
    from core.datasets.stats import compute_stats, duplicate_problems

    texts = ["好吃"] * 3 + ["一般"] * 2 + [f"句子{i}" for i in range(20)]
    labels = [1, 1, 1, 0, 1] + [i % 2 for i in range(20)]
    lines = list(range(2, 2 + len(texts)))
    stats = compute_stats(texts, labels, ["负面", "正面"], lines)
    assert stats.exact_duplicates == 2 and stats.exact_duplicate_lines == [[3, 2], [4, 2]]
    assert stats.conflicting_texts == 1
    assert stats.conflicts == [{"text": "一般", "lines": [5, 6], "labels": ["负面", "正面"]}]
    assert any("different labels" in w and "lines 5, 6" in w for w in stats.warnings)
    assert any(w.startswith("2 rows repeat an earlier row exactly") and "lines 3, 4" in w for w in stats.warnings)
    problems = duplicate_problems(stats, "r.tsv")
    assert [str(p).split(": ")[0] for p in problems] == ["r.tsv:3", "r.tsv:4", "r.tsv:5"]
    assert "line 5 '负面', line 6 '正面'" in str(problems[-1])


def test_a_failed_load_clears_the_previous_files_stats_charts_preview_and_problems(qtbot, tmp_path):
    from gui.pages.data_page import DataPage

    rows = _rows(40)
    rows[5] = ("", "正面")  # one rejected row, so the first file has a Problem
    good = _write(tmp_path / "reviews.tsv", rows)
    bad = tmp_path / "broken.csv"
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 200)  # a spreadsheet, not a text table
    page = DataPage()
    qtbot.addWidget(page)
    page.show()
    _open(qtbot, page, good)
    assert page.problems.count() >= 1 and page.model.rowCount() == 40 and page.label_chart.values
    page.open_path(str(bad))
    qtbot.waitUntil(lambda: page.banner.isVisible(), timeout=20000)
    assert "broken.csv" in page.file_label.text() and "reviews.tsv" not in page.file_label.text()
    assert "binary" in page.file_label.text().lower() or ":" in page.file_label.text()  # says why
    assert page.model.rowCount() == 0 and page.problems.count() == 0
    assert page.label_chart.values == [] and page.length_chart.values == []
    assert page.summary.text() == "" and not page.train_button.isEnabled()
    assert page.text_column.count() == 0 and page.path == "" and page.analysis is None
    assert page.tabs.tabText(1) == "Problems"


def test_exact_and_conflicting_duplicates_are_in_the_summary_and_in_problems_by_line(qtbot, tmp_path):
    from gui.pages.data_page import DataPage

    rows = _rows(60)
    rows += [rows[i % 20] for i in range(165)]  # 165 exact repeats (text and label) of the first 20 rows
    rows.append((rows[40][0], "负面"))  # row 40 (line 42) again with the other label: a conflict
    path = _write(tmp_path / "dups.tsv", rows)
    conflict_line = len(rows) + 1  # header is line 1
    page = DataPage()
    qtbot.addWidget(page)
    page.show()
    _open(qtbot, page, path)
    summary = page.summary.text()
    assert "165 rows repeat an earlier row exactly" in summary and "lines 62, 63, 64" in summary
    assert "different labels" in summary and f"lines 42, {conflict_line}" in summary
    texts = _problem_texts(page)
    assert any("dups.tsv:62:" in t and "repeats line 2" in t for t in texts)
    conflict = next(t for t in texts if "different labels" in t)
    assert "dups.tsv:42:" in conflict and f"line {conflict_line} '负面'" in conflict and "line 42 '正面'" in conflict
    assert any("more repeated rows" in t for t in texts)  # 100 listed, the count of the rest said
    assert page.tabs.tabText(1) == f"Problems ({len(texts)})"
    item = next(page.problems.item(i) for i in range(page.problems.count()) if "different labels" in texts[i])
    page._jump(item)
    assert page.preview.selectionModel().selectedRows()[0].row() == page.model.row_of_line(42)


def test_long_problem_lines_wrap_without_horizontal_scrolling_and_show_the_full_text_as_tooltip(qtbot, tmp_path):
    from gui.pages.data_page import DataPage

    rows = _rows(30)
    rows[3] = rows[7] = ("", "正面")  # empty texts: rejected rows with a message and a hint
    path = _write(tmp_path / ("a_rather_long_folder_name_" * 3 + ".tsv"), rows)
    page = DataPage()
    qtbot.addWidget(page)
    page.resize(800, 600)
    page.show()
    qtbot.waitExposed(page)
    _open(qtbot, page, path)
    page.tabs.setCurrentWidget(page.problems)
    qtbot.waitUntil(lambda: page.problems.isVisible())
    assert page.problems.count() == 2
    assert page.problems.horizontalScrollBar().maximum() == 0
    width = page.problems.viewport().width()
    for i in range(page.problems.count()):
        item = page.problems.item(i)
        assert item.toolTip() == item.text()
        assert page.problems.fontMetrics().horizontalAdvance(item.text()) > width  # really a long line
        rect = page.problems.visualItemRect(item)
        assert rect.height() > 1.5 * page.problems.fontMetrics().height()  # wrapped over lines
