"""Starting a new, empty story folder."""

from __future__ import annotations

from pathlib import Path

import tomlkit

from studio.errors import StudioError, printable
from studio.resources import resource_path
from studio.storage import atomic_write_text
from studio.story import paths
from studio.story.project import Project

_ELSEWHERE = "Choose a folder you may write to, with a shorter, plain name"


def create_project(
    root: Path, *, title: str, author: str = "", dictionary: str = "en_US"
) -> Project:
    """Make `root` a story with one empty chapter; refuses a folder that has files in it,
    and a place no folder can be made (a NUL, a name too long, a file on the way, no
    permission) with a StudioError saying why."""
    if not title.strip():
        raise StudioError("a story needs a title", hint='Give one with --title "…"')
    if "\0" in str(root):
        raise StudioError(
            "has a NUL character in its name", path=printable(str(root)), hint=_ELSEWHERE
        )
    try:
        if root.exists() and (not root.is_dir() or any(root.iterdir())):
            raise StudioError(
                "already exists and is not an empty folder",
                path=root,
                hint="Choose a new folder name for the story",
            )
        (root / paths.CHAPTERS_DIR).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StudioError(
            f"cannot be made into a story folder ({exc.strerror or exc})",
            path=root,
            hint=_ELSEWHERE,
        ) from None
    template = resource_path("templates", "story.toml").read_text(encoding="utf-8")
    doc = tomlkit.parse(template)
    doc["work"]["title"] = title.strip()
    if author:
        doc["work"]["authors"] = [author]
    doc["spelling"]["dictionary"] = dictionary
    atomic_write_text(root / paths.STORY_FILE, tomlkit.dumps(doc))
    atomic_write_text(root / paths.WORD_LIST_FILE, "")
    project = Project.load(root)
    project.add_chapter("Chapter 1")
    project.save()
    return project
