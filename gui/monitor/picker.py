"""GPU picker for the Train page: each GPU's free memory, live, and a warning when a model won't fit."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from core.gpu import Frame, format_bytes
from gui.core_texts import no_gpu_sentence
from gui.monitor.controller import SamplerController


class GpuPicker(QWidget):
    """Checkable list of GPUs with free memory; `selectionChanged` gives the chosen indices."""

    selectionChanged = Signal(list)

    def __init__(self, controller: SamplerController, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.required_bytes = 0
        self.snapshot = None
        self._free: dict[int, int | None] = {}
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.itemChanged.connect(self._changed)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b00020")
        self.warning.hide()
        box.addWidget(self.list)
        box.addWidget(self.warning)
        controller.frame.connect(self.show_frame)
        controller.noGpu.connect(self._no_gpu)
        if controller.latest is not None:
            self.show_frame(controller.latest)
        elif controller.no_gpu_reason:
            self._no_gpu(controller.no_gpu_reason)

    def _no_gpu(self, reason: str) -> None:
        self.list.clear()
        self.warning.setText(no_gpu_sentence())
        self.warning.setToolTip(reason)  # the technical reasons
        self.warning.setStyleSheet("color: #555")
        self.warning.show()

    def set_required_bytes(self, n: int) -> None:
        """The model's memory estimate per GPU; GPUs with less free memory are flagged."""
        self.required_bytes = int(n)
        self._refresh_warning()

    def selected_indices(self) -> list[int]:
        """GPU indices that are ticked."""
        out = []
        for r in range(self.list.count()):
            item = self.list.item(r)
            if item.checkState() == Qt.Checked:
                out.append(item.data(Qt.UserRole))
        return out

    def set_selected(self, indices: list[int]) -> None:
        """Tick exactly these GPUs."""
        for r in range(self.list.count()):
            item = self.list.item(r)
            item.setCheckState(Qt.Checked if item.data(Qt.UserRole) in indices else Qt.Unchecked)

    def show_frame(self, frame: Frame) -> None:
        """Update each GPU's line with its free memory."""
        self.snapshot = frame.snapshot  # the facts (compute capability, driver) a Docker start is checked with
        self.list.blockSignals(True)
        for g in frame.snapshot.gpus:
            self._free[g.index] = g.mem_free_bytes
            item = self._item(g.index)
            cc = (" · " + self.tr("CC %1").replace("%1", g.compute_capability)) if g.compute_capability else ""
            item.setText(f"GPU {g.index} · {g.name or '?'}{cc} · " +
                         self.tr("%1 free of %2").replace("%1", format_bytes(g.mem_free_bytes))
                         .replace("%2", format_bytes(g.mem_total_bytes)))
        self.list.blockSignals(False)
        self._refresh_warning()

    def _item(self, index: int) -> QListWidgetItem:
        for r in range(self.list.count()):
            if self.list.item(r).data(Qt.UserRole) == index:
                return self.list.item(r)
        item = QListWidgetItem()
        item.setData(Qt.UserRole, index)
        item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
        item.setCheckState(Qt.Unchecked)
        self.list.addItem(item)
        return item

    def too_small(self) -> list[int]:
        """Chosen GPUs (or all, when none is chosen) whose free memory is below the estimate."""
        chosen = self.selected_indices() or list(self._free)
        return [i for i in chosen if self.required_bytes and (self._free.get(i) or 0) < self.required_bytes]

    def _refresh_warning(self) -> None:
        small = set(self.too_small())
        for r in range(self.list.count()):
            item = self.list.item(r)
            item.setForeground(QColor("#b00020") if item.data(Qt.UserRole) in small else QColor("#000"))
        if not small:
            self.warning.hide()
            return
        need = format_bytes(self.required_bytes)
        parts = [self.tr("GPU %1 has %2 free").replace("%1", str(i)).replace("%2", format_bytes(self._free.get(i)))
                 for i in sorted(small)]
        self.warning.setStyleSheet("color: #b00020")
        self.warning.setText(self.tr("The model needs about %1 per GPU: ").replace("%1", need) + ", ".join(parts) +
                             ". " + self.tr("Choose another GPU, a smaller batch or a shorter max length."))
        self.warning.show()

    def _changed(self, _item: QListWidgetItem) -> None:
        self._refresh_warning()
        self.selectionChanged.emit(self.selected_indices())
