"""The scripted walk's hook (tools/walk.py): off unless PADDLEDESK_WALK names a step script.

``PADDLEDESK_WALK=/path/steps.py:session`` makes ``gui.app.main`` call ``session(walk)`` once the
window shows; it returns a generator that does what a person would (clicks through xdotool when
it is installed, else through Qt's test events) and yields ``Wait`` conditions between steps.
``walk.shot(name)`` saves a picture and the visible texts of the window (for the English check);
progress lines go to ``$PADDLEDESK_WALK_OUT/progress.jsonl`` so the walker outside can act (SIGKILL).
Nothing here runs in a normal start.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ENV_SCRIPT = "PADDLEDESK_WALK"
ENV_OUT = "PADDLEDESK_WALK_OUT"
ENV_GPU_TRACE = "PADDLEDESK_WALK_GPU_TRACE"  # a recorded GPU trace the walk's window replays


def gpu_trace() -> str | None:
    """The GPU recording a walk replays (None outside a walk)."""
    return os.environ.get(ENV_GPU_TRACE) or None if os.environ.get(ENV_SCRIPT) else None


class Wait:
    """A condition the walk waits for before its next step."""

    def __init__(self, condition: Callable[[], bool], timeout: float = 60.0, what: str = ""):
        self.condition, self.what = condition, what
        self.deadline = time.monotonic() + timeout


class Walk(QObject):
    """What a step script sees: the window, waits, clicks, typing, pictures, progress."""

    def __init__(self, controller: Any, out: Path, steps: Iterator[Wait]):
        super().__init__()
        self.controller, self.out = controller, out
        self.xdotool = shutil.which("xdotool")
        self.steps = steps
        self.current: Wait | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(30)
        self.timer.timeout.connect(self._tick)

    @property
    def window(self) -> Any:
        return self.controller.window

    # -- what steps yield ----------------------------------------------------------------------
    def until(self, condition: Callable[[], bool], timeout: float = 60.0, what: str = "") -> Wait:
        return Wait(condition, timeout, what)

    def settle(self, seconds: float = 0.5) -> Wait:
        """Time for layouts and charts to paint before a picture (not a wait for an outcome)."""
        end = time.monotonic() + seconds
        return Wait(lambda: time.monotonic() >= end, seconds + 5, "settle")

    def click(self, widget: QWidget, what: str = "", at: QPoint | None = None, ctrl: bool = False) -> Wait:
        """Click ``widget`` (its middle, or ``at``; with Ctrl held: add to a selection) with the X pointer
        (xdotool), or a Qt mouse event without it."""
        at = at if at is not None else QPoint(widget.width() // 2, widget.height() // 2)
        if self.xdotool and os.environ.get("DISPLAY"):
            _activate(widget)
            p = widget.mapToGlobal(at)
            held = (["keydown", "ctrl"], ["keyup", "ctrl"]) if ctrl else ([], [])
            proc = subprocess.Popen([self.xdotool, "mousemove", "--sync", str(p.x()), str(p.y()), *held[0],
                                     "click", "1", *held[1]])
            return Wait(lambda: proc.poll() is not None, 20, what or f"click {widget.objectName()}")
        from PySide6.QtTest import QTest

        mods = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, mods, at)
        return self.settle(0.05)

    def click_row(self, view: Any, row: int, ctrl: bool = False) -> Wait:
        """Click a table row (its first visible column), as a person selects it."""
        rect = view.visualRect(view.model().index(row, 0))
        return self.click(view.viewport(), f"row {row}", at=rect.center(), ctrl=ctrl)

    def key(self, widget: QWidget, keys: str) -> Wait:
        """Press keys (xdotool names: Delete, Return, ctrl+5) with the pointer over ``widget``."""
        if self.xdotool and os.environ.get("DISPLAY"):
            _activate(widget)
            p = widget.mapToGlobal(QPoint(widget.width() // 2, widget.height() // 2))
            proc = subprocess.Popen([self.xdotool, "mousemove", "--sync", str(p.x()), str(p.y()), "key", keys])
            return Wait(lambda: proc.poll() is not None, 20, f"key {keys}")
        from PySide6.QtTest import QTest

        names = {"Delete": Qt.Key.Key_Delete, "Return": Qt.Key.Key_Return, "Escape": Qt.Key.Key_Escape}
        QTest.keyClick(widget, names[keys])
        return self.settle(0.05)

    def type(self, widget: QWidget, text: str) -> Wait:
        """Type ``text`` into ``widget`` as an input method does, one committed character at a time
        (xdotool cannot type Chinese, and Qt's test key clicks are ASCII only)."""
        from PySide6.QtGui import QInputMethodEvent

        _activate(widget)
        widget.setFocus()
        for ch in text:
            event = QInputMethodEvent("", [])
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)
        return self.settle(0.05)

    # -- records -------------------------------------------------------------------------------
    def mark(self, step: str, **extra: Any) -> None:
        with open(self.out / "progress.jsonl", "a", encoding="utf-8") as f:
            f.write(json.dumps({"step": step, "t": time.time(), **extra}, ensure_ascii=False) + "\n")

    def progress(self) -> list[dict[str, Any]]:
        """The marks so far, this session's and the earlier ones' (the walker keeps one file per language)."""
        path = self.out / "progress.jsonl"
        return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()] \
            if path.is_file() else []

    def shot(self, name: str) -> None:
        """The screen (so dialogs show too) as ``<name>.png`` and the visible texts as ``<name>.texts.json``."""
        app = QApplication.instance()
        app.processEvents()
        screen = QApplication.primaryScreen()
        picture = screen.grabWindow(0)
        geo = self.window.frameGeometry()
        picture.copy(geo.intersected(screen.geometry())).save(str(self.out / f"{name}.png"))
        texts = [t for w in app.topLevelWidgets() if w.isVisible() for t in visible_texts(w)]
        if self.window.statusBar().currentMessage():
            texts.append({"kind": "status", "where": "statusBar", "text": self.window.statusBar().currentMessage()})
        (self.out / f"{name}.texts.json").write_text(json.dumps(texts, ensure_ascii=False, indent=1), "utf-8")
        self.mark("shot", name=name)

    # -- driving -------------------------------------------------------------------------------
    def _tick(self) -> None:
        try:
            while True:
                if self.current is not None:
                    if self.current.condition():
                        self.current = None
                    elif time.monotonic() > self.current.deadline:
                        raise TimeoutError(f"waited too long for: {self.current.what}")
                    else:
                        return
                self.current = next(self.steps)
        except StopIteration:
            self._end(0)
        except Exception:  # noqa: BLE001 - the walk reports any failure and ends the app
            self.mark("failed", error=traceback.format_exc())
            try:
                self.shot("failed")
            finally:
                self._end(3)

    def _end(self, code: int) -> None:
        self.timer.stop()
        self.mark("end", code=code)
        if code == 0 and os.environ.get("PADDLEDESK_WALK_STAY"):
            return  # the walker kills this app itself
        QTimer.singleShot(0, lambda: QApplication.instance().exit(code))


def start(controller: Any) -> Walk | None:
    """Start the walk named by $PADDLEDESK_WALK (``file.py:function``); nothing without it."""
    spec = os.environ.get(ENV_SCRIPT)
    if not spec:
        return None
    path, _, func = spec.rpartition(":")
    loader = importlib.util.spec_from_file_location("paddledesk_walk_steps", path)
    module = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(module)
    out = Path(os.environ.get(ENV_OUT) or ".")
    out.mkdir(parents=True, exist_ok=True)
    walk = Walk(controller, out, iter(()))
    walk.steps = iter(getattr(module, func)(walk))
    walk.mark("start", pid=os.getpid())
    walk.timer.start()
    controller.walk = walk  # kept alive with the app
    return walk


def visible_texts(top: QWidget) -> list[dict[str, str]]:
    """Every text a person sees in ``top``: labels, buttons, titles, tabs, table headers and cells, lists,
    combo boxes, line edits, chart labels (the raw log console is data, left out)."""
    from PySide6.QtGui import QTextDocumentFragment
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QGraphicsTextItem,
        QGraphicsView,
        QGroupBox,
        QLabel,
        QLineEdit,
        QTabBar,
    )

    out: list[dict[str, str]] = []

    def add(kind: str, w: QObject, text: Any) -> None:
        text = str(text or "").strip()
        if text:
            if "<" in text and ">" in text:  # rich text: what shows is its plain text
                text = QTextDocumentFragment.fromHtml(text).toPlainText().strip()
            out.append({"kind": kind, "where": f"{type(w).__name__}#{w.objectName()}", "text": text})

    add("title", top, top.windowTitle())
    for w in [top, *top.findChildren(QWidget)]:
        if not w.isVisible() or _inside(w, "LogConsole"):
            continue
        if isinstance(w, QLabel):
            add("label", w, w.text())
        elif isinstance(w, QAbstractButton):
            add("button", w, w.text())
        elif isinstance(w, QGroupBox):
            add("group", w, w.title())
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                add("tab", w, w.tabText(i))
        elif isinstance(w, QComboBox):
            add("combo", w, w.currentText())
        elif isinstance(w, QLineEdit):
            add("edit", w, w.text() or w.placeholderText())
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            _view_texts(w, add)
        elif isinstance(w, QGraphicsView) and w.scene() is not None:
            for item in w.scene().items():
                if not item.isVisible():
                    continue
                if isinstance(item, QGraphicsTextItem):
                    add("chart", w, item.toPlainText())
                elif isinstance(getattr(item, "labelText", None), str) and getattr(item, "showLabel", True):
                    add("chart", w, item.labelText)
    return out


def _view_texts(view: Any, add: Callable[[str, Any, Any], None]) -> None:
    from PySide6.QtCore import QModelIndex

    model, root = view.model(), QModelIndex()
    try:
        columns = model.columnCount(root)
    except TypeError:  # list models keep columnCount private: one column
        columns = 1
    header = getattr(view, "horizontalHeader", None)
    if header is not None and header().isVisible():
        for c in range(columns):
            if not view.isColumnHidden(c):
                add("header", view, model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))
    for r in range(min(model.rowCount(root), 60)):
        for c in range(columns):
            hidden = getattr(view, "isColumnHidden", None)
            if hidden is None or not hidden(c):
                add("cell", view, model.index(r, c).data(Qt.ItemDataRole.DisplayRole))


def _activate(widget: QWidget) -> None:
    """Give the widget's window the keyboard focus: with no window manager (Xvfb) nothing else does."""
    top = widget.window()
    top.raise_()
    top.activateWindow()


def _inside(w: QWidget, class_name: str) -> bool:
    while w is not None:
        if type(w).__name__ == class_name:
            return True
        w = w.parentWidget()
    return False
