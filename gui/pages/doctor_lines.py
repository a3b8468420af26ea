""""Check this computer" in Settings → Docker: the doctor's checks, one line each, with a status mark."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QWidget

from gui.core_texts import render

# status -> (mark, colour); the words are translated in DoctorLines.status_word
STATUS_LOOK = {"ok": ("✓", "#1e6b34"), "problem": ("✗", "#b3261e"), "unknown": ("?", "#5f6368")}


class WrapLabel(QLabel):
    """A word-wrapped label as tall as its text at its real width.

    A scroll area ignores height-for-width, so a plain wrapped label asks for the height of a
    narrow guess and stands in a band of empty space; this one asks again once it knows its width.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._height = -1

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.heightForWidth(self.width()) if self.width() > 50 else hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(50, self.sizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        height = self.heightForWidth(self.width())
        if height != self._height:  # only then: each call re-lays the form out
            self._height = height
            self.updateGeometry()


class DoctorLines(WrapLabel):
    """One row per check: a coloured mark and word (OK / problem / cannot tell), the title and
    detail, and the fix under lines that are not OK (one rich-text table, so it wraps as one)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("", parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.rows: list[tuple[str, str]] = []  # (status, plain text) of what is shown
        self.hide()

    def status_word(self, status: str) -> str:
        return {"ok": self.tr("OK"), "problem": self.tr("problem"), "unknown": self.tr("cannot tell")}[status]

    def show_checks(self, checks: list[Any], next_step: dict[str, str] | None = None) -> None:
        """Show ``checks`` (core.docker.doctor.Check); ``next_step`` replaces a check's fix by key
        with what to press in this section."""
        next_step = next_step or {}
        self.rows = []
        html = []
        for check in checks:
            status = check.status if check.status in STATUS_LOOK else "unknown"
            mark, colour = STATUS_LOOK[status]
            word = self.status_word(status)
            fix = "" if status == "ok" else render(next_step.get(check.key) or check.fix)
            fix_text = self.tr("Fix: %1").replace("%1", fix) if fix else ""
            title, detail = render(check.title), render(check.detail)  # core's words, in the UI's language
            cell = f"<b>{escape(title)}</b>: {escape(detail)}"
            if fix_text:
                cell += f"<br><span style='color: {colour}'>{escape(fix_text)}</span>"
            html.append(f"<tr><td style='color: {colour}; font-weight: bold; white-space: nowrap; "
                        f"padding-right: 8px'>{mark} {escape(word)}</td><td>{cell}</td></tr>")
            self.rows.append((status, f"{word} — {title}: {detail}" + (f"\n{fix_text}" if fix else "")))
        self.setText("<table cellspacing='3'>" + "".join(html) + "</table>")
        self.show()

    def show_note(self, text: str) -> None:
        """A single grey line instead of the checks (e.g. "Checking…")."""
        self.rows = []
        self.setText(f"<span style='color: {STATUS_LOOK['unknown'][1]}'>{escape(text)}</span>")
        self.show()

    def plain_text(self) -> str:
        """Every line as shown, as plain text (QLabel.text is the HTML; tests read this)."""
        return "\n".join(plain for _s, plain in self.rows)
