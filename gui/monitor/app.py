"""`paddledesk monitor`: just the GPU dashboard in its own window."""

from __future__ import annotations

import argparse
import sys


def build_parser() -> argparse.ArgumentParser:
    """Options of `paddledesk monitor`."""
    ap = argparse.ArgumentParser(prog="paddledesk monitor", description="Live GPU dashboard.")
    ap.add_argument("--source", choices=("auto", "nvml", "smi"), default="auto",
                    help="where readings come from (auto: NVML, else nvidia-smi)")
    ap.add_argument("--replay", metavar="TRACE", help="play a recorded trace (.json) instead of live GPUs")
    ap.add_argument("--rate", type=float, default=2.0, help="samples per second, 0.5-10 (default 2)")
    ap.add_argument("--workspace", help="workspace whose runs own GPU processes (default: the app's)")
    ap.add_argument("--screenshot", metavar="PNG", help="save a picture of the window after --seconds and quit")
    ap.add_argument("--seconds", type=float, default=3.0, help="how long to sample before --screenshot")
    return ap


def main(argv: list[str] | None = None) -> int:
    """Open the dashboard window; returns the exit status."""
    args = build_parser().parse_args(argv)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    from core.runs import Workspace
    from gui.monitor.controller import SamplerController
    from gui.monitor.page import MonitorPage

    app = QApplication.instance() or QApplication(sys.argv[:1])
    # container runs are attributed where an engine answers; the controller connects on its worker
    controller = SamplerController(kind="replay" if args.replay else args.source, trace=args.replay,
                                   rate_hz=args.rate, workspace=Workspace(args.workspace), docker_engine=True)
    window = QMainWindow()
    window.setWindowTitle("PaddleDesk — GPU monitor")
    page = MonitorPage(controller)
    page.alertRaised.connect(lambda text: window.statusBar().showMessage(text))
    window.setCentralWidget(page)
    window.resize(1280, 800)
    window.show()
    if args.screenshot:
        def shoot() -> None:
            window.grab().save(args.screenshot)
            app.quit()

        QTimer.singleShot(int(args.seconds * 1000), shoot)
    status = app.exec()
    page.stop()
    return status


if __name__ == "__main__":
    raise SystemExit(main())
