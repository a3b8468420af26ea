"""Where the app's resources live: sample datasets, the trainer Dockerfile, icons, style, translations.

One answer for every way the app is run (no Qt here, so core and gui share it):

- an installed wheel, and the frozen bundle: ``paddledesk/resources`` next to the code (the wheel's
  build step and the PyInstaller recipe both copy ``resources/`` there);
- a frozen bundle made another way: ``<bundle>/resources`` (``sys._MEIPASS``);
- a source checkout or an editable install: ``<repo>/resources``.
"""

from __future__ import annotations

import sys
from functools import cache
from importlib import resources as importlib_resources
from pathlib import Path

CHECKOUT_RESOURCES = Path(__file__).resolve().parents[1] / "resources"
MARKER = Path("docker") / "Dockerfile"  # present in every complete copy of resources/


def candidates() -> list[Path]:
    """The folders that may hold resources/, in the order they are tried."""
    found: list[Path] = []
    try:
        package = importlib_resources.files("paddledesk") / "resources"
        found.append(Path(str(package)))
    except (ModuleNotFoundError, TypeError):  # no paddledesk package (core used alone)
        pass
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        found.append(Path(bundle) / "resources")
    found.append(CHECKOUT_RESOURCES)
    return found


@cache
def resources_root() -> Path:
    """The first complete resources/ folder (the checkout's path when none is: files then read as missing)."""
    for folder in candidates():
        if (folder / MARKER).is_file():
            return folder
    return CHECKOUT_RESOURCES


def resource_path(*parts: str) -> Path:
    """``resources/<parts...>``, wherever resources/ is."""
    return resources_root().joinpath(*parts)


def is_frozen() -> bool:
    """True inside the PyInstaller bundle (no Python interpreter, no source tree)."""
    return bool(getattr(sys, "frozen", False))
