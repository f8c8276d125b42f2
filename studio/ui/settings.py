"""The window's remembered state and preferences, in an INI file in the user's config folder.

The folder comes from platformdirs (`studio.recent.config_dir`), so XDG_CONFIG_HOME
moves it, which is how tests keep away from the real user's settings.
"""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

from PySide6.QtCore import QSettings

from studio.recent import config_dir


def settings_file() -> Path:
    return config_dir() / "window.ini"


def open_settings() -> QSettings:
    return QSettings(str(settings_file()), QSettings.Format.IniFormat)


def project_key(root: Path) -> str:
    """A settings group for one project folder (its layout, open chapters, cursors)."""
    digest = hashlib.sha1(str(root.resolve()).encode(), usedforsecurity=False).hexdigest()
    return f"projects/{digest[:16]}"


def read_bool(settings: QSettings, key: str, default: bool) -> bool:
    value = settings.value(key, default)
    if isinstance(value, str):
        return value.lower() in ("true", "1", "yes")
    return bool(value)


def read_int(settings: QSettings, key: str, default: int) -> int:
    try:
        return int(str(settings.value(key, default)))
    except ValueError:
        return default


def read_float(settings: QSettings, key: str, default: float) -> float:
    try:
        value = float(str(settings.value(key, default)))
    except ValueError:
        return default
    return value if math.isfinite(value) else default  # NaN or inf is no setting
