"""A Qt model over a ``core.datasets`` Table: only the visible cells are ever touched, so 100k rows are cheap."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

_BAD = QBrush(QColor("#fde2e0"))
_TEXT = QBrush(QColor("#e8f1fb"))
_LABEL = QBrush(QColor("#eef7ea"))
MAX_CELL = 300  # characters shown in a cell; the tooltip has the whole text


class PreviewModel(QAbstractTableModel):
    """Rows of string cells; the vertical header shows each row's line in the file."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.columns: list[str] = []
        self.rows: list[list[str | None]] = []
        self.lines: list[int] = []
        self.bad_lines: set[int] = set()
        self.text_col = -1
        self.label_col = -1

    def set_table(self, columns: list[str], rows: list[list[str | None]], lines: list[int]) -> None:
        """Show a new table (the lists are kept, not copied)."""
        self.beginResetModel()
        self.columns, self.rows, self.lines = list(columns), rows, lines
        self.bad_lines = set()
        self.text_col = self.label_col = -1
        self.endResetModel()

    def mark(self, text_col: int, label_col: int, bad_lines: set[int]) -> None:
        """Tint the chosen columns and the rejected rows."""
        self.text_col, self.label_col, self.bad_lines = text_col, label_col, bad_lines
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1),
                                  [Qt.ItemDataRole.BackgroundRole])

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section] if section < len(self.columns) else None
        return self.lines[section] if section < len(self.lines) else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            row = self.rows[r]
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
        import bisect

        i = bisect.bisect_left(self.lines, line)
        if i < len(self.lines):
            return i
        return len(self.lines) - 1 if self.lines else None
