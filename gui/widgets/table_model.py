"""Read-only Qt table models over plain Python rows: one base (:class:`RowsModel`) and the Data
page's preview (:class:`PreviewModel`). Qt asks only for the visible cells, so 100k rows are cheap."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

_BAD = QBrush(QColor("#fde2e0"))
_TEXT = QBrush(QColor("#e8f1fb"))
_LABEL = QBrush(QColor("#eef7ea"))
MAX_CELL = 300  # characters shown in a cell; the tooltip has the whole text
_Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """A list of rows under column headers; a subclass says what a cell shows in :meth:`cell`.

    Rows are any objects (lists of strings, dataclasses); the lists are kept, not copied.
    """

    def __init__(self, headers: Sequence[str] = (), parent: Any = None):
        super().__init__(parent)
        self.headers: list[str] = list(headers)
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any], headers: Sequence[str] | None = None) -> None:
        """Show new rows (and, when given, new column headers)."""
        self.beginResetModel()
        if headers is not None:
            self.headers = list(headers)
        self.rows = rows
        self.endResetModel()

    def cell(self, row: Any, r: int, c: int, role: int) -> Any:
        """What cell (``r``, ``c``) of ``row`` shows for ``role``; by default its text, as a list item."""
        if role == Qt.ItemDataRole.DisplayRole:
            return row[c] if c < len(row) else ""
        return None

    def row_header(self, r: int) -> Any:
        """The vertical header of row ``r`` (its number, counted from 1)."""
        return r + 1

    def refresh_column(self, c: int, roles: Sequence[int] = ()) -> None:
        """Ask the views to redraw column ``c`` of every row (a value that changes with time)."""
        if self.rows:
            self.dataChanged.emit(self.index(0, c), self.index(len(self.rows) - 1, c), list(roles))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return self.row_header(section) if 0 <= section < len(self.rows) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = index.row()
        return self.cell(self.rows[r], r, index.column(), role)


class PreviewModel(RowsModel):
    """Rows of string cells; the vertical header shows each row's line in the file."""

    def __init__(self, parent: Any = None):
        super().__init__((), parent)
        self.lines: list[int] = []
        self.bad_lines: set[int] = set()
        self.text_col = -1
        self.label_col = -1

    @property
    def columns(self) -> list[str]:
        return self.headers

    def set_table(self, columns: list[str], rows: list[list[str | None]], lines: list[int]) -> None:
        """Show a new table (the lists are kept, not copied)."""
        self.lines, self.bad_lines = lines, set()
        self.text_col = self.label_col = -1
        self.set_rows(rows, columns)

    def mark(self, text_col: int, label_col: int, bad_lines: set[int]) -> None:
        """Tint the chosen columns and the rejected rows."""
        self.text_col, self.label_col, self.bad_lines = text_col, label_col, bad_lines
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.headers) - 1),
                                  [Qt.ItemDataRole.BackgroundRole])

    def row_header(self, r: int) -> Any:
        return self.lines[r] if r < len(self.lines) else None

    def cell(self, row: Any, r: int, c: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = row[c] if c < len(row) else None
            if value is None:
                return None
            if role == Qt.ItemDataRole.DisplayRole and len(value) > MAX_CELL:
                return value[:MAX_CELL] + "…"
            return value if role == Qt.ItemDataRole.DisplayRole or len(value) > 40 else None
        if role == Qt.ItemDataRole.BackgroundRole:
            if self.bad_lines and self.lines[r] in self.bad_lines:
                return _BAD
            if c == self.text_col:
                return _TEXT
            if c == self.label_col:
                return _LABEL
        return None

    def row_of_line(self, line: int) -> int | None:
        """The row that starts at ``line`` (or the nearest after it)."""
        i = bisect.bisect_left(self.lines, line)
        if i < len(self.lines):
            return i
        return len(self.lines) - 1 if self.lines else None
