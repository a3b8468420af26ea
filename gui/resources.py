"""Where the app's resources (icons, style, translations, sample data) live."""

from __future__ import annotations

from core.resources import resources_root

ROOT = resources_root()  # checkout, wheel or frozen bundle alike
ICONS = ROOT / "icons"
STYLE = ROOT / "style"
TRANSLATIONS = ROOT / "translations"


def icon_path(name: str) -> str:
    """The path of ``resources/icons/<name>.svg``."""
    return str(ICONS / f"{name}.svg")


def style_sheet() -> str:
    """The app's Qt style sheet ('' when missing)."""
    try:
        return (STYLE / "app.qss").read_text(encoding="utf-8")
    except OSError:
        return ""
