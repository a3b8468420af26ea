"""Run plain functions off the GUI thread and get their result back through Qt signals.

A page hands a function to :func:`run_task`; the function never touches widgets. When it accepts
a ``progress`` keyword it gets a callable that forwards values to the GUI thread; when it accepts
``cancelled`` it gets a callable saying whether the task was cancelled, to stop early.

Stale results are dropped here, not in each page: a task started with ``owner=widget, slot="name"``
cancels the owner's previous task of that slot, and a cancelled task (or one whose owner widget was
destroyed) never calls back. The checks run on the GUI thread, when a result is about to be delivered.
"""

from __future__ import annotations

import gc
import inspect
import threading
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

_live: set[Task] = set()  # keeps running tasks (and their signal objects) alive
_slots: dict[tuple[int, str], Task] = {}  # (id of the owner, slot) -> its latest task


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(object)


def _accepts(fn: Callable[..., Any], name: str) -> bool:
    try:
        return name in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


class Task(QRunnable):
    """One call of ``fn`` on a thread pool; :meth:`cancel` makes sure nobody hears of its result."""

    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any):
        super().__init__()
        self.setAutoDelete(False)
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = _Signals()  # created on the GUI thread, so its slots run there
        self._cancel = threading.Event()
        self.pool: QThreadPool | None = None
        self.owner: QObject | None = None
        self.slot_key: tuple[int, str] | None = None
        self.finished = False  # set on the GUI thread once the task is over, answered or dropped
        if _accepts(fn, "progress"):
            self.kwargs.setdefault("progress", self._progress)
        if _accepts(fn, "cancelled"):
            self.kwargs.setdefault("cancelled", self._cancel.is_set)

    @property
    def cancelled(self) -> bool:
        """Whether :meth:`cancel` was called (or the owner widget is gone): no callback will run."""
        return self._cancel.is_set() or (self.owner is not None and not shiboken6.isValid(self.owner))

    def cancel(self) -> None:
        """Drop the result: the callbacks never run; a task not started yet never runs at all."""
        self._cancel.set()
        if self.pool is not None and self.pool.tryTake(self):
            self._forget()

    def run(self) -> None:
        if self._cancel.is_set():  # cancelled before it started: the GUI end only forgets it
            self._emit(self.signals.done, None)
            return
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:  # noqa: BLE001 - every failure goes to the page, never a crash
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self._emit(self.signals.failed, exc)
        else:
            self._emit(self.signals.done, result)

    def _progress(self, value: Any) -> None:
        if not self._cancel.is_set():
            self._emit(self.signals.progress, value)

    def _emit(self, signal: Any, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the app quit while this ran: nobody is left to tell
            _live.discard(self)

    def _forget(self) -> None:
        self.finished = True
        _live.discard(self)
        if self.slot_key is not None and _slots.get(self.slot_key) is self:
            del _slots[self.slot_key]


_serial: QThreadPool | None = None


def serial_pool() -> QThreadPool:
    """A one-thread pool: Paddle work (import, predictors) runs there, one call at a time.

    Two threads importing Paddle or initialising its numpy bindings at once can crash the process
    (pybind11's one-time numpy set-up), and a predictor is not meant to be shared across threads.
    Paddle's dynamic-graph mode is per thread too: the pool's first task switches it on for the
    thread that imported Paddle, and the thread is kept so the switch holds for every later task.
    """
    global _serial
    if _serial is None:
        _serial = QThreadPool()
        _serial.setMaxThreadCount(1)
        _serial.setExpiryTimeout(-1)  # keep the thread: Paddle's thread-local state lives there
    return _serial


def _deliver(task: Task, callback: Callable[[Any], None] | None, final: bool) -> Callable[[Any], None]:
    """The GUI-thread end of a signal: forget a finished task, call back unless it was cancelled."""

    def on(value: Any) -> None:
        if final:
            task._forget()
            if task.pool is _serial:  # it may have imported Paddle: this thread needs its mode too
                from core.predict import paddle_dynamic_mode_here

                paddle_dynamic_mode_here()
        if callback is not None and not task.cancelled:
            callback(value)

    return on


def _widget_of(callback: Any) -> QObject | None:
    target = getattr(callback, "__self__", None)
    return target if isinstance(target, QObject) else None


def run_task(fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException], None] | None = None,
             on_progress: Callable[[Any], None] | None = None, pool: QThreadPool | None = None,
             owner: QObject | None = None, slot: str = "", **kwargs: Any) -> Task:
    """Start ``fn(*args, **kwargs)`` on a thread pool (the global one by default); callbacks run
    on the GUI thread, only while ``owner`` (when given) exists. A ``slot`` name cancels the owner's
    earlier task of the same name: only the latest request of a kind is answered."""
    task = Task(fn, *args, **kwargs)
    # a bound method of a widget makes that widget the owner: no answer reaches a destroyed one
    task.owner = owner if owner is not None else _widget_of(on_done) or _widget_of(on_error)
    if slot:
        task.slot_key = (id(owner), slot)
        older = _slots.get(task.slot_key)
        if older is not None:
            older.cancel()
        _slots[task.slot_key] = task
    _live.add(task)
    task.signals.done.connect(_deliver(task, on_done, final=True))
    task.signals.failed.connect(_deliver(task, on_error, final=True))
    if on_progress:
        task.signals.progress.connect(_deliver(task, on_progress, final=False))
    task.pool = pool or QThreadPool.globalInstance()
    task.pool.start(task)
    return task


def cancel_slot(owner: QObject | None, slot: str) -> None:
    """Cancel ``owner``'s task of ``slot``, if one is on its way (its answer no longer matters)."""
    task = _slots.get((id(owner), slot))
    if task is not None:
        task.cancel()


def wait_all(timeout_ms: int = 30000) -> bool:
    """Wait for every pool task (used when the app quits and in tests)."""
    done = QThreadPool.globalInstance().waitForDone(timeout_ms)
    return (_serial.waitForDone(timeout_ms) if _serial is not None else True) and done


def user_message(exc: BaseException) -> tuple[str, str]:
    """The message and hint a user sees for an exception raised by core, in the UI's language.

    Core's errors (``core.errors.UserFacingError``) carry their message, hint and place as fields:
    they are rendered, never taken apart from ``str(exc)``.
    """
    from core.errors import UserFacingError, located
    from gui.core_texts import render

    if isinstance(exc, UserFacingError):
        problems = exc.problems
        message = ("\n".join(render(p) for p in problems) if problems
                   else located(exc.where, render(exc.message)))
        hint = render(exc.hint) if exc.hint else ""
    else:  # Python's own errors, or a library's: its first argument is the message
        raw = getattr(exc, "message", None) or (exc.args[0] if exc.args else exc.__class__.__name__)
        message = render(raw)
        hint = render(getattr(exc, "hint", "") or "")
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
