"""The table models of the Data, Predict and Runs pages share one base: headers, rows, row numbers."""

from __future__ import annotations

import pytestqt  # noqa: F401 - the GUI tests need pytest-qt: without it they fail, never skip
from PySide6.QtCore import Qt

from gui.pages.predict_file_tab import CsvModel
from gui.pages.runs_table import RunsModel
from gui.widgets.table_model import PreviewModel, RowsModel


def test_the_three_tables_are_one_model_kind(qtbot):
    assert all(issubclass(m, RowsModel) for m in (PreviewModel, CsvModel, RunsModel))


def test_rows_and_headers_show_as_given_and_rows_are_numbered_from_one(qtbot):
    model = CsvModel()
    model.set_rows([["好评", "正面"], ["差评"]], ["text", "label"])
    assert (model.rowCount(), model.columnCount()) == (2, 2)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(2)] == ["text", "label"]
    assert [model.headerData(r, Qt.Orientation.Vertical) for r in range(2)] == [1, 2]
    assert model.data(model.index(0, 1)) == "正面" and model.data(model.index(1, 1)) == ""  # a short row
    assert model.headerData(5, Qt.Orientation.Horizontal) is None


def test_the_preview_numbers_rows_by_their_line_in_the_file(qtbot):
    model = PreviewModel()
    model.set_table(["text", "label"], [["a" * 400, "1"], ["b", None]], [2, 5])
    assert [model.headerData(r, Qt.Orientation.Vertical) for r in range(2)] == [2, 5]
    assert model.data(model.index(0, 0)).endswith("…") and len(model.data(model.index(0, 0))) == 301
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole) == "a" * 400  # the whole text
    assert model.data(model.index(1, 1)) is None and model.row_of_line(4) == 1


def test_refreshing_a_column_redraws_only_that_column(qtbot):
    model = CsvModel()
    model.set_rows([["x", "1 s"], ["y", "2 s"]], ["run", "duration"])
    changed = []
    model.dataChanged.connect(lambda a, b, _roles: changed.append((a.row(), a.column(), b.row(), b.column())))
    model.refresh_column(1)
    assert changed == [(0, 1, 1, 1)]
