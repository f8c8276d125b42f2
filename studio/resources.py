"""Where Studio's bundled resources (templates, styles, icons, rule data) live."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """The `resources/` folder: inside an installed wheel, or beside `studio/` in a checkout."""
    installed = _PACKAGE / "_resources"
    return installed if installed.is_dir() else _PACKAGE.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def sample_project() -> Path:
    """The sample story that a first run opens."""
    installed = _PACKAGE / "_projects" / "salt-and-static"
    return installed if installed.is_dir() else _PACKAGE.parent / "projects" / "salt-and-static"
