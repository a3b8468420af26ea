""""Check this computer" in Settings → Docker: the doctor's checks, one line each, with a status mark."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

# status -> (mark, colour); the words are translated in DoctorLines.status_word
STATUS_LOOK = {"ok": ("✓", "#1e6b34"), "problem": ("✗", "#b3261e"), "unknown": ("?", "#5f6368")}


class DoctorLines(QWidget):
    """One row per check: a coloured mark and word (OK / problem / cannot tell), the title and
    detail, and the fix under lines that are not OK."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 4, 0, 4)
        self.grid.setColumnStretch(1, 1)
        self.rows: list[tuple[str, str]] = []  # (status, plain text) of what is shown
        self.hide()

    def status_word(self, status: str) -> str:
        return {"ok": self.tr("OK"), "problem": self.tr("problem"), "unknown": self.tr("cannot tell")}[status]

    def clear(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.rows = []

    def show_checks(self, checks: list[Any], next_step: dict[str, str] | None = None) -> None:
        """Show ``checks`` (core.docker.doctor.Check); ``next_step`` replaces a check's fix by key
        with what to press in this section."""
        self.clear()
        next_step = next_step or {}
        for row, check in enumerate(checks):
            mark, colour = STATUS_LOOK.get(check.status, STATUS_LOOK["unknown"])
            word = self.status_word(check.status if check.status in STATUS_LOOK else "unknown")
            status = QLabel(f"{mark} {word}")
            status.setStyleSheet(f"color: {colour}; font-weight: bold")
            status.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            fix = "" if check.status == "ok" else (next_step.get(check.key) or check.fix)
            html = f"<b>{escape(check.title)}</b>: {escape(check.detail)}"
            plain = f"{word} — {check.title}: {check.detail}"
            if fix:
                html += f"<br><span style='color: {colour}'>{escape(self.tr('Fix: %1').replace('%1', fix))}</span>"
                plain += "\n" + self.tr("Fix: %1").replace("%1", fix)
            text = QLabel(html)
            text.setTextFormat(Qt.TextFormat.RichText)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.grid.addWidget(status, row, 0)
            self.grid.addWidget(text, row, 1)
            self.rows.append((check.status, plain))
        self.show()

    def show_note(self, text: str) -> None:
        """A single grey line instead of the checks (e.g. "Checking…")."""
        self.clear()
        note = QLabel(text)
        note.setStyleSheet(f"color: {STATUS_LOOK['unknown'][1]}")
        self.grid.addWidget(note, 0, 0, 1, 2)
        self.show()

    def text(self) -> str:
        """Every line as shown (tests and copy-paste read it)."""
        return "\n".join(plain for _s, plain in self.rows)
