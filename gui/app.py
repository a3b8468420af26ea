"""The app's entry point: ``python -m gui`` or ``gui.app.main(argv)``.

Only Qt and the small core modules load before the window shows; pyqtgraph-heavy pages and
Paddle load later (pages on first view, Paddle in workers).
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from gui import i18n
from gui.resources import style_sheet
from gui.settings import get_str, open_settings

CJK_FONTS = ("Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", "Source Han Sans SC")


def make_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once), styled, with the language chosen in Settings installed."""
    # worker threads (run follower, Paddle loading) hand the interpreter back to the GUI thread
    # within 1 ms instead of the default 5 ms: smoother under load, same throughput for us
    sys.setswitchinterval(0.001)
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        app = QApplication(list(argv or sys.argv[:1]))
    app.setOrganizationName("PaddleDesk")
    app.setApplicationName("PaddleDesk")
    app.setApplicationDisplayName("PaddleDesk")
    _pick_font(app)
    app.setStyleSheet(style_sheet())
    i18n.install(get_str(open_settings(), "language", "system"))
    return app


def _pick_font(app: QApplication) -> None:
    """Prefer a font with Chinese glyphs so Chinese text never shows as boxes."""
    families = set(QFontDatabase.families())
    for name in CJK_FONTS:
        if name in families:
            font = QFont(name)
            font.setPointSizeF(max(9.0, app.font().pointSizeF()))
            app.setFont(font)
            return


def create_window(workspace: str | os.PathLike | None = None, gpu_trace: str | None = None):
    """Build (not show) the main window; tests use this with a temporary workspace."""
    from gui.main_window import MainWindow

    return MainWindow(workspace=workspace, gpu_trace=gpu_trace)


class AppController:
    """Owns the main window; rebuilds it when the language changes."""

    def __init__(self, workspace: str | os.PathLike | None = None, gpu_trace: str | None = None):
        self.workspace = workspace
        self.gpu_trace = gpu_trace  # a recorded GPU trace to replay (the scripted walk's Monitor)
        self.window = None

    def open(self):
        """Create and show the main window."""
        self.window = create_window(self.workspace, gpu_trace=self.gpu_trace)
        self.window.language_changed.connect(self.relanguage)
        self.window.show()
        return self.window

    def relanguage(self, choice: str) -> None:
        """Install the new translator and rebuild the window (running runs reattach by themselves)."""
        old = self.window
        i18n.install(choice)
        old.save_state()
        old.detach_all()
        self.window = create_window(self.workspace, gpu_trace=self.gpu_trace)
        self.window.language_changed.connect(self.relanguage)
        self.window.setGeometry(old.geometry())
        self.window.show()
        self.window.go_to("settings")
        old.close_quietly()


def main(argv: list[str] | None = None) -> int:
    """Start the desktop app and run its event loop; returns the exit code."""
    argv = list(argv if argv is not None else sys.argv)
    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY") \
            and not os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("QT_QPA_PLATFORM"):
        print("PaddleDesk needs a screen: no DISPLAY is set.\nHint: run it on a desktop, under "
              "`xvfb-run`, or use the command line (`paddledesk demo`, `paddledesk train`).", file=sys.stderr)
        return 2
    app = make_app(argv)
    import pyqtgraph as pg  # after QApplication so pyqtgraph uses it

    pg.setConfigOptions(background="w", foreground="#333", antialias=False)
    from gui import walk_hook

    controller = AppController(gpu_trace=walk_hook.gpu_trace())
    controller.open()
    from gui.welcome import should_welcome, show_welcome

    if should_welcome(controller.window.settings):  # the first start only; never modal
        show_welcome(controller)
    walk_hook.start(controller)  # tools/walk.py's scripted walk; nothing without $PADDLEDESK_WALK
    return int(app.exec())


def self_test(workspace: str | os.PathLike | None = None) -> int:
    """Open the main window, visit every page, close: 0 when each page showed (``paddledesk --self-test``).

    Prints one line per check, so a failure in a bundle or a clean container says what broke."""
    from PySide6.QtGui import QIcon

    from gui.main_window import PAGES
    from gui.resources import ROOT, icon_path
    from gui.workers import wait_all

    app = make_app(sys.argv[:1])
    problems = []
    print(f"resources: {ROOT}", flush=True)
    if QIcon(icon_path("app")).isNull():
        problems.append(f"the app icon did not load from {icon_path('app')}")
    window = create_window(workspace)
    window.show()
    app.processEvents()
    at_open = [name for name in ("paddle", "paddlenlp", "docker") if name in sys.modules]
    if at_open:  # the window must open without them: they load in workers when a page needs them
        problems.append(f"opening the window imported {', '.join(at_open)}")
    for key in PAGES:
        window.go_to(key)
        app.processEvents()
        shown = window.stack.currentWidget() is window.page(key) and window.page(key).isVisible()
        print(f"page {key}: {'ok' if shown else 'NOT SHOWN'}", flush=True)
        if not shown:
            problems.append(f"the {key} page did not show")
    heavy = [name for name in ("paddle", "paddlenlp") if name in sys.modules]
    if heavy:  # looking at a page must not load Paddle either (only training, predicting do)
        problems.append(f"visiting the pages imported {', '.join(heavy)}")
    window.close_quietly()  # the user's saved window state stays as it was
    app.processEvents()
    wait_all(20000)
    for problem in problems:
        print(f"self-test: {problem}", file=sys.stderr)
    print("self-test: " + ("ok" if not problems else "FAILED"), flush=True)
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
