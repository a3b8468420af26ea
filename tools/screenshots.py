"""The app's screenshots: the scripted walk (tools/walk.py) makes them, in both languages.

    python tools/screenshots.py                  # English and Chinese, into docs/screenshots/
    python tools/screenshots.py --lang zh_CN --out /tmp/shots

Kept as the name ``./dev screenshots`` used before; every option is tools/walk.py's.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from walk import main

    sys.exit(main())
