"""Run plain functions off the GUI thread and get their result back through Qt signals.

A page hands a function to :func:`run_task`; the function never touches widgets. When it accepts
a ``progress`` keyword it gets a callable that forwards values to the GUI thread.
"""

from __future__ import annotations

import gc
import inspect
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

_live: set[Task] = set()  # keeps running tasks (and their signal objects) alive


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(object)


class Task(QRunnable):
    """One call of ``fn`` on the thread pool."""

    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any):
        super().__init__()
        self.setAutoDelete(False)
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = _Signals()  # created on the GUI thread, so its slots run there
        self.cancelled = False
        try:
            wants_progress = "progress" in inspect.signature(fn).parameters
        except (TypeError, ValueError):
            wants_progress = False
        if wants_progress:
            self.kwargs.setdefault("progress", self.signals.progress.emit)

    def run(self) -> None:
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:  # noqa: BLE001 - every failure goes to the page, never a crash
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self._emit(self.signals.failed, exc)
        else:
            self._emit(self.signals.done, result)

    def _emit(self, signal: Any, value: Any) -> None:
        if self.cancelled:
            return
        try:
            signal.emit(value)
        except RuntimeError:  # the app quit while this ran: nobody is left to tell
            _live.discard(self)


_serial: QThreadPool | None = None


def serial_pool() -> QThreadPool:
    """A one-thread pool: Paddle work (import, predictors) runs there, one call at a time.

    Two threads importing Paddle or initialising its numpy bindings at once can crash the process
    (pybind11's one-time numpy set-up), and a predictor is not meant to be shared across threads.
    """
    global _serial
    if _serial is None:
        _serial = QThreadPool()
        _serial.setMaxThreadCount(1)
        _serial.setExpiryTimeout(-1)  # keep the thread: Paddle's thread-local state lives there
    return _serial


def run_task(fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException], None] | None = None,
             on_progress: Callable[[Any], None] | None = None, pool: QThreadPool | None = None,
             **kwargs: Any) -> Task:
    """Start ``fn(*args, **kwargs)`` on a thread pool (the global one by default); callbacks run
    on the GUI thread."""
    task = Task(fn, *args, **kwargs)
    _live.add(task)

    def finish(_value: Any = None) -> None:
        _live.discard(task)

    if on_done:
        task.signals.done.connect(on_done)
    if on_error:
        task.signals.failed.connect(on_error)
    if on_progress:
        task.signals.progress.connect(on_progress)
    task.signals.done.connect(finish)
    task.signals.failed.connect(finish)
    (pool or QThreadPool.globalInstance()).start(task)
    return task


def wait_all(timeout_ms: int = 30000) -> bool:
    """Wait for every pool task (used when the app quits and in tests)."""
    done = QThreadPool.globalInstance().waitForDone(timeout_ms)
    return (_serial.waitForDone(timeout_ms) if _serial is not None else True) and done


def user_message(exc: BaseException) -> tuple[str, str]:
    """The message and hint a user sees for an exception raised by core, in the UI's language."""
    from gui.core_texts import render, render_problem

    raw_hint = getattr(exc, "hint", "") or ""
    hint = render(raw_hint)
    problems = getattr(exc, "problems", None)
    if problems:
        message = "\n".join(render_problem(p) for p in problems)
    else:
        raw = exc.args[0] if exc.args else exc.__class__.__name__
        message = render(raw)
        if hasattr(exc, "file") and hasattr(exc, "message"):  # core.datasets.DatasetError
            line = getattr(exc, "line", None)
            text = render(exc.message)
            message = f"{exc.file}:{line}: {text}" if line else f"{exc.file}: {text}"
        elif raw_hint and str(raw).endswith(str(raw_hint)):
            message = str(raw)[: -len(str(raw_hint))].rstrip(" —-\n")
        if message.startswith("Hint:"):
            message = message[5:].strip()
    if isinstance(exc, MemoryError):
        hint = hint or QCoreApplication.translate("workers", "close other programs or choose a smaller batch size")
    elif isinstance(exc, (FileNotFoundError, PermissionError, IsADirectoryError)):
        hint = hint or QCoreApplication.translate("workers", "check the path and that you may read it")
    elif isinstance(exc, UnicodeDecodeError):
        message = QCoreApplication.translate("workers", "the file is not readable as text (%1)").replace(
            "%1", str(exc.encoding))
        hint = hint or QCoreApplication.translate("workers", "save it as UTF-8 (or GB18030) text")
    return message, hint


def settle_heap() -> None:
    """Move every object alive now out of the garbage collector's reach (gc.freeze, O(1)).

    A full collection walks every tracked object: after pyqtgraph or Paddle are loaded that takes
    50-100 ms, and when a worker thread triggers it the GUI thread waits on the interpreter lock.
    Long-lived objects created at start-up never become garbage, so they need not be walked.
    """
    gc.freeze()
