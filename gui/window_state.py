"""Where the main window was: its own rectangle, maximized or not, and the page; written as they
change so that a killed app reopens as the user left it."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtWidgets import QApplication, QMainWindow

from gui.settings import get_bool

DEFAULT_SIZE = (1280, 800)


def saved_rect(settings: QSettings) -> QRect | None:
    """The saved rectangle, or None when there is none (or it is damaged)."""
    value = settings.value("window/rect")
    try:
        rect = QRect(*(int(v) for v in value)) if isinstance(value, (list, tuple)) and len(value) == 4 else None
    except (TypeError, ValueError):
        return None
    return rect if rect is not None and rect.isValid() else None


def restore_geometry(window: QMainWindow, settings: QSettings) -> None:
    """Put ``window`` where it was. Its own rectangle (geometry()), not restoreGeometry's frame
    rectangle: that one came back 25 px lower under a window manager and was squeezed to fit the
    screen's free area."""
    rect = saved_rect(settings)
    screens = [screen.availableGeometry() for screen in QApplication.screens()]
    if rect is not None and any(rect.intersects(area) for area in screens):
        window.setGeometry(rect)
    else:  # first start, or the screen it was on is gone
        window.resize(*DEFAULT_SIZE)
    if get_bool(settings, "window/maximized", False):
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def save_window(window: QMainWindow, settings: QSettings, page: int) -> None:
    """Write the window's rectangle (its normal one when maximized) and page, now."""
    maximized = window.isMaximized()
    rect = window.normalGeometry() if maximized else window.geometry()
    settings.setValue("window/rect", [rect.x(), rect.y(), rect.width(), rect.height()])
    settings.setValue("window/maximized", maximized)
    settings.setValue("window/page", page)
    settings.sync()
