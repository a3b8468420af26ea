"""A log console that stays fast under a flood: bounded, appended in batches, searchable, copyable."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class LogConsole(QWidget):
    """Read-only text view keeping the last ``max_lines`` lines; feed it with :meth:`append_lines`."""

    def __init__(self, max_lines: int = 5000, parent: QWidget | None = None):
        super().__init__(parent)
        self.max_lines = max_lines
        self.view = QPlainTextEdit()
        self.view.setReadOnly(True)
        self.view.setUndoRedoEnabled(False)
        self.view.setMaximumBlockCount(max_lines)
        self.view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.view.setFont(font)
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
        self.skipped = 0

    def append_lines(self, lines: list[str], skipped: int = 0) -> None:
        """Append a batch at once (one document edit per batch keeps floods cheap)."""
        if skipped:
            self.skipped += skipped
            lines = [self.tr("… %n earlier line(s) not shown (the full log is train.log in the run folder)",
                             "", skipped), *lines]
        if not lines:
            return
        lines = lines[-self.max_lines:]  # older ones would be dropped by the block limit anyway
        bar = self.view.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() - 4
        self.view.appendPlainText("\n".join(lines))
        if at_end:
            bar.setValue(bar.maximum())

    def text(self) -> str:
        """Everything shown (tests and copy use it)."""
        return self.view.toPlainText()

    def clear(self) -> None:
        self.view.clear()
        self.skipped = 0

    def copy_all(self) -> None:
        """Copy the whole visible log to the clipboard."""
        QApplication.clipboard().setText(self.text())

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def find_next(self) -> bool:
        """Select the next match of the search text (wrapping around); False when there is none."""
        needle = self.search.text()
        if not needle:
            return False
        if self.view.find(needle):
            self.found.setText("")
            return True
        cursor = self.view.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        self.view.setTextCursor(cursor)
        ok = self.view.find(needle, QTextDocument.FindFlag(0))
        self.found.setText("" if ok else self.tr("not found"))
        return ok
