"""Time from process start to the main window shown, vs a bare QMainWindow in the same run.

    python bench/gui_startup.py [--repeat 5]

Each sample is a fresh interpreter (cold imports, as a user starting the app), offscreen; the
figure is the median wall time from spawning the process until the window reports it is shown.
Target: PaddleDesk's window within 1.5 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1280, 800); w.show(); app.processEvents()
print("SHOWN" if w.isVisible() else "HIDDEN", flush=True)
"""

APP = """
import sys
sys.path.insert(0, %r)
from gui.app import create_window, make_app
app = make_app()
w = create_window(); w.show(); app.processEvents()
print("SHOWN" if w.isVisible() else "HIDDEN", flush=True)
"""


def time_to_shown(code: str, env: dict[str, str]) -> float:
    """Seconds from spawning ``python -c code`` until it prints SHOWN."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env=env, text=True)
    line = proc.stdout.readline().strip()
    elapsed = time.perf_counter() - start
    proc.kill()
    proc.wait()
    if line != "SHOWN":
        raise SystemExit(f"the window was not shown ({line!r})")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="pdk-bench-"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PADDLEDESK_SETTINGS=str(tmp / "settings.ini"),
               PADDLEDESK_WORKSPACE=str(tmp / "workspace"))
    bare, ours = [], []
    for _ in range(args.repeat):  # interleaved so both see the same machine load
        bare.append(time_to_shown(BARE, env))
        ours.append(time_to_shown(APP % str(REPO), env))
    b, o = statistics.median(bare), statistics.median(ours)
    print(f"bare QMainWindow shown:   median {b:.3f} s  (runs: {', '.join(f'{x:.2f}' for x in bare)})")
    print(f"PaddleDesk window shown:  median {o:.3f} s  (runs: {', '.join(f'{x:.2f}' for x in ours)})")
    print(f"ratio PaddleDesk / bare: {o / b:.2f}x; target <= 1.5 s: {'met' if o <= 1.5 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
