"""An in-page message (error, warning or info) with a hint: how user errors are shown, never a dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from gui.workers import user_message

_COLORS = {"error": ("#fdecea", "#b3261e"), "warning": ("#fff4e5", "#8a5300"), "info": ("#e8f1fb", "#0b4f8a"),
           "ok": ("#e9f6ec", "#1e6b34")}


class Banner(QFrame):
    """A dismissable message bar; hidden until :meth:`show_message` is called."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("banner")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setText("×")
        close.setAutoRaise(True)
        close.clicked.connect(self.hide)
        text = QVBoxLayout()
        text.setContentsMargins(0, 0, 0, 0)
        text.addWidget(self.message)
        text.addWidget(self.hint)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 6, 6)
        row.addLayout(text, 1)
        self.actions_row = QHBoxLayout()  # buttons a page offers with a message (e.g. "Run on CPU instead")
        row.addLayout(self.actions_row)
        row.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.level = ""
        self.hide()

    def add_action(self, button: QWidget) -> None:
        """Put ``button`` in the banner; the page shows it only with the messages it belongs to."""
        self.actions_row.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)

    def show_message(self, message: str, hint: str = "", level: str = "error") -> None:
        """Show ``message`` (and a hint line) in the colours of ``level``."""
        bg, fg = _COLORS.get(level, _COLORS["info"])
        self.level = level
        self.setStyleSheet(f"QFrame#banner {{ background: {bg}; border: 1px solid {fg}; border-radius: 4px; }}"
                           f" QLabel {{ color: {fg}; }}")
        self.message.setText(message)
        self.hint.setText(self.tr("Hint: %1").replace("%1", hint) if hint else "")
        self.hint.setVisible(bool(hint))
        self.show()

    def show_error(self, exc: BaseException) -> None:
        """Show an exception from core as a message with its hint (no traceback)."""
        message, hint = user_message(exc)
        self.show_message(message, hint, "error")

    def text(self) -> str:
        """Everything the banner says (tests read it)."""
        return self.message.text() + ("\n" + self.hint.text() if self.hint.isVisible() else "")
