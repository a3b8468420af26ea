"""The app's persistent choices (QSettings): geometry, language, workspace, last dataset, choices."""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QSettings

ENV_SETTINGS = "PADDLEDESK_SETTINGS"  # an .ini path; tests point it into a temp folder


def open_settings() -> QSettings:
    """The settings store: the file in $PADDLEDESK_SETTINGS, else the platform's usual place."""
    path = os.environ.get(ENV_SETTINGS)
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "PaddleDesk", "PaddleDesk")


def get_str(settings: QSettings, key: str, default: str = "") -> str:
    """A string value (QSettings returns None or other types for missing/odd entries)."""
    value = settings.value(key, default)
    return default if value is None else str(value)


def get_int(settings: QSettings, key: str, default: int = 0) -> int:
    try:
        return int(settings.value(key, default))
    except (TypeError, ValueError):
        return default


def get_float(settings: QSettings, key: str, default: float = 0.0) -> float:
    try:
        return float(settings.value(key, default))
    except (TypeError, ValueError):
        return default


def get_bool(settings: QSettings, key: str, default: bool = False) -> bool:
    value: Any = settings.value(key, default)
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)
