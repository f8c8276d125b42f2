"""Recently opened projects, kept in the user's config folder (platformdirs)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from platformdirs import user_config_path

from studio.storage import atomic_write_text

_MAX = 10


def config_dir() -> Path:
    """Studio's per-user config folder (honours XDG_CONFIG_HOME on Linux)."""
    return user_config_path("studio", appauthor=False)


def _recent_file() -> Path:
    return config_dir() / "recent.json"


def recent_projects() -> list[Path]:
    """Most recent first; entries whose folder is gone are left out."""
    try:
        data = json.loads(_recent_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, list):
        return []
    return [Path(p) for p in data if isinstance(p, str) and Path(p, "story.toml").is_file()]


def remember_project(root: Path) -> None:
    root = root.resolve()
    entries = [root, *(p for p in recent_projects() if p != root)][:_MAX]
    atomic_write_text(_recent_file(), json.dumps([str(p) for p in entries], indent=2) + "\n")


def story_title(root: Path) -> str:
    """The story's work title for a list of stories (its folder's name if it has none
    or story.toml cannot be read: a list never fails on one broken story)."""
    try:
        data = tomllib.loads((root / "story.toml").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return root.name
    work = data.get("work")
    title = work.get("title") if isinstance(work, dict) else None
    return title.strip() if isinstance(title, str) and title.strip() else root.name
