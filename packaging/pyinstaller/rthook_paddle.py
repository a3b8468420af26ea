# PyInstaller runtime hook: runs in the bundle before the app's code.
# Paddle dlopen()s MKL by name from paddle/libs; in the bundle libpaddle is reached through a
# symlink whose $ORIGIN is _internal/, so point Paddle's own flag at the real folder.
import os
import sys

os.environ.setdefault("FLAGS_mklml_dir", os.path.join(sys._MEIPASS, "paddle", "libs"))
