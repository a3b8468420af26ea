"""One prediction shown: the label, the latency, notes on what the model could read, one bar per class.

Before the first prediction only a hint is shown: an empty big label or an empty bar would read as a
stray mark.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

NOTE_STYLE = "color: #8a5300;"  # the amber of warnings elsewhere in the app


class ProbabilityBars(QWidget):
    """One labelled bar per class."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setColumnStretch(1, 1)
        self.bars: dict[str, QProgressBar] = {}

    def show_probs(self, probs: dict[str, float], winner: str) -> None:
        self.clear()
        for row, (label, p) in enumerate(probs.items()):
            name = QLabel(label)
            bar = QProgressBar()
            bar.setRange(0, 1000)
            bar.setValue(int(round(p * 1000)))
            bar.setFormat(f"{p * 100:.1f} %")
            bar.setProperty("winner", label == winner)
            self.grid.addWidget(name, row, 0)
            self.grid.addWidget(bar, row, 1)
            self.bars[label] = bar

    def clear(self) -> None:
        """Remove every bar."""
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.bars.clear()


class PredictionResult(QWidget):
    """The result panel of the Predict page."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel()
        self.label.setObjectName("bigLabel")
        self.latency = QLabel()
        self.latency.setObjectName("hint")
        self.empty_hint = QLabel(self.tr("Type a sentence and press Predict: the label and the score of every "
                                         "class appear here."))
        self.empty_hint.setObjectName("hint")
        self.empty_hint.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        self.bars = ProbabilityBars()
        top = QHBoxLayout()
        top.addWidget(self.label)
        top.addStretch(1)
        top.addWidget(self.latency)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty_hint)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.bars)
        layout.addStretch(1)
        self.clear()

    def clear(self, note: str = "") -> None:
        """Back to the empty state (with ``note``, e.g. why nothing was predicted)."""
        self.label.clear()
        self.latency.clear()
        self.bars.clear()
        for widget in (self.label, self.latency, self.bars):
            widget.setVisible(False)
        self.empty_hint.setVisible(not note)
        self._set_note(note)

    def show_prediction(self, prediction: Any, ms: float, notes: Any = None) -> None:
        """Show ``prediction`` (label, probs), its latency, and ``notes`` (core.predict_notes.InputNotes)."""
        self.empty_hint.setVisible(False)
        self.label.setText(str(prediction.label))
        self.latency.setText(self.tr("%1 ms").replace("%1", f"{ms:.1f}"))
        self.bars.show_probs(dict(prediction.probs), prediction.label)
        for widget in (self.label, self.latency, self.bars):
            widget.setVisible(True)
        self._set_note("\n".join(self.note_lines(notes)) if notes is not None else "")

    def note_lines(self, notes: Any) -> list[str]:
        """The sentences that qualify a prediction: mostly unknown characters, a text read only in part."""
        lines = []
        if notes.mostly_unknown:
            lines.append(self.tr("Most characters (%1) are unknown to this model: the label is a guess.")
                         .replace("%1", f"{notes.unknown_share:.0%}"))
        if notes.truncated:
            lines.append(self.tr("Only the first %1 of %2 characters were read; the rest did not count.")
                         .replace("%1", f"{notes.read_chars:,}").replace("%2", f"{notes.text_chars:,}"))
        return lines

    def _set_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))
