"""Who the reviewer is: the name written on comments, suggestions and DOCX authorship.

Kept per user (not per story) in `reviewer.toml` in Studio's config folder
(platformdirs, so XDG_CONFIG_HOME moves it). The window asks once and stores it with
`set_reviewer_name`; until then `reviewer_name()` is None and `author_name()` falls back
to the login name, so nothing is ever anonymous.
"""

from __future__ import annotations

import getpass
import tomllib
from pathlib import Path

import tomlkit

from studio.recent import config_dir
from studio.storage import atomic_write_text


def reviewer_file() -> Path:
    return config_dir() / "reviewer.toml"


def reviewer_name() -> str | None:
    """The name the user chose, or None when they have not been asked yet."""
    try:
        data = tomllib.loads(reviewer_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    name = data.get("name")
    return " ".join(name.split()) if isinstance(name, str) and name.strip() else None


def set_reviewer_name(name: str) -> None:
    name = " ".join(name.split())
    if not name:
        raise ValueError("a reviewer name cannot be empty")
    doc = tomlkit.document()
    doc["name"] = name
    atomic_write_text(reviewer_file(), tomlkit.dumps(doc))


def author_name() -> str:
    """The chosen name, else the login name, else "Reviewer"."""
    chosen = reviewer_name()
    if chosen:
        return chosen
    try:
        return getpass.getuser() or "Reviewer"
    except (OSError, KeyError):
        return "Reviewer"
