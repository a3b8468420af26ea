"""A log console that stays fast under a flood: bounded, appended in batches, searchable, copyable.

The lines live in a C++ string-list model shown by a QListView with uniform row heights: drawing
never re-enters Python (no wait for the GIL while worker threads parse), and trimming the oldest
lines is one call, where a text document re-lays-out every removed block (0.3 s per 5,000 lines).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QStringListModel
from PySide6.QtGui import QFont, QFontDatabase, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

MONO_CJK = ("WenQuanYi Micro Hei Mono", "Noto Sans Mono CJK SC", "Sarasa Mono SC", "NSimSun")


def console_font() -> QFont:
    """A monospace font that also has Chinese glyphs (no per-glyph fallback when painting)."""
    families = set(QFontDatabase.families())
    for name in MONO_CJK:
        if name in families:
            font = QFont(name)
            font.setStyleHint(QFont.StyleHint.Monospace)
            return font
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.Monospace)
    return font


class LogModel(QStringListModel):
    """The newest ``max_lines`` lines; a C++ string list so the view never calls into Python to draw."""

    BULK = 200  # batches this large replace the list in one call instead of row by row

    def __init__(self, max_lines: int, parent: Any = None):
        super().__init__(parent)
        self.max_lines = max_lines
        self.lines: list[str] = []  # the same lines on the Python side (search, copy)

    def append(self, lines: list[str]) -> tuple[int, bool]:
        """Add lines at the end, dropping the oldest beyond the limit.

        Returns how many rows the lines already shown moved up by, and whether the model was reset
        (a reset forgets the view's selection; the console puts it back).
        """
        lines = lines[-self.max_lines:]
        self.lines.extend(lines)
        overflow = max(0, len(self.lines) - self.max_lines)
        if overflow > 0:
            del self.lines[:overflow]
        if len(lines) >= self.BULK:
            self.setStringList(self.lines)
            return overflow, True
        if overflow > 0:
            self.removeRows(0, overflow)
        start = self.rowCount()
        self.insertRows(start, len(lines))
        for i, line in enumerate(lines):
            self.setData(self.index(start + i), line)
        return overflow, False

    def clear(self) -> None:
        self.lines = []
        self.setStringList([])


class LogConsole(QWidget):
    """Read-only log view keeping the last ``max_lines`` lines; feed it with :meth:`append_lines`."""

    def __init__(self, max_lines: int = 5000, parent: QWidget | None = None):
        super().__init__(parent)
        self.max_lines = max_lines
        self.model = LogModel(max_lines, self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setUniformItemSizes(True)  # row heights never measured: O(visible rows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setFont(console_font())
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search the log (Enter: next)"))
        self.search.returnPressed.connect(self.find_next)
        self.found = QLabel()
        copy = QPushButton(self.tr("Copy all"))
        copy.clicked.connect(self.copy_all)
        clear = QPushButton(self.tr("Clear"))
        clear.clicked.connect(self.clear)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.found)
        bar.addWidget(copy)
        bar.addWidget(clear)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        QShortcut(QKeySequence.StandardKey.Copy, self.view, self.copy_selected)
        self.skipped = 0
        self._match = -1

    def append_lines(self, lines: list[str], skipped: int = 0) -> None:
        """Append a batch at once; ``skipped`` lines that never reached the view are mentioned."""
        if skipped:
            self.skipped += skipped
            lines = [self.tr("… %n earlier line(s) not shown (the full log is train.log in the run folder)",
                             "", skipped), *lines]
        if not lines:
            return
        bar = self.view.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() - 2
        top = self.view.indexAt(self.view.viewport().rect().topLeft()).row()
        ranges = [(r.top(), r.bottom()) for r in self.view.selectionModel().selection()]
        current = self.view.currentIndex().row()
        shift, reset = self.model.append(lines)
        self._match = self._match - shift if self._match >= shift else -1
        if reset and (ranges or current >= 0):  # a bulk batch reset the model: keep what the user selected
            self._restore_selection(ranges, current, shift)
        if at_end:
            self.view.scrollToBottom()
        elif top >= 0 and shift:  # the user scrolled up: the line they read stays put while old ones go
            self.view.scrollTo(self.model.index(max(0, top - shift)), QAbstractItemView.ScrollHint.PositionAtTop)

    def _restore_selection(self, ranges: list[tuple[int, int]], current: int, shift: int) -> None:
        selection = QItemSelection()
        for first, last in ranges:
            first, last = max(0, first - shift), last - shift
            if last >= first:
                selection.select(self.model.index(first), self.model.index(last))
        model = self.view.selectionModel()
        if current - shift >= 0:
            model.setCurrentIndex(self.model.index(current - shift), QItemSelectionModel.SelectionFlag.NoUpdate)
        model.select(selection, QItemSelectionModel.SelectionFlag.Select)

    def lines(self) -> list[str]:
        return list(self.model.lines)

    def text(self) -> str:
        """Everything shown, one line per row."""
        return "\n".join(self.model.lines)

    def clear(self) -> None:
        self.model.clear()
        self.skipped = 0
        self._match = -1

    def copy_all(self) -> None:
        """Copy the whole visible log to the clipboard."""
        QApplication.clipboard().setText(self.text())

    def copy_selected(self) -> None:
        """Copy the selected lines (Ctrl+C)."""
        rows = sorted(i.row() for i in self.view.selectionModel().selectedRows())
        QApplication.clipboard().setText("\n".join(self.model.lines[r] for r in rows))

    def selected_text(self) -> str:
        rows = sorted(i.row() for i in self.view.selectionModel().selectedRows())
        return "\n".join(self.model.lines[r] for r in rows)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def find_next(self) -> bool:
        """Select the next line containing the search text (wrapping around); False when none does."""
        needle = self.search.text().lower()
        lines = self.model.lines
        if not needle or not lines:
            return False
        n = len(lines)
        start = self._match + 1 if 0 <= self._match < n else 0
        for k in range(n):
            row = (start + k) % n
            if needle in lines[row].lower():
                self._match = row
                index = self.model.index(row, 0)
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
                self.found.setText("")
                return True
        self.found.setText(self.tr("not found"))
        return False
