"""Broken stories for the fault-injection tests, made from a copy of the sample."""

from __future__ import annotations

import os
from pathlib import Path

import tomlkit


def point_first_chapter_at(story: Path, file: str) -> str:
    """Make the first `[[chapters]]` entry name `file`; returns `file`."""
    doc = tomlkit.parse((story / "story.toml").read_text(encoding="utf-8"))
    doc["chapters"][0]["file"] = file
    (story / "story.toml").write_text(tomlkit.dumps(doc), encoding="utf-8")
    return file


def bad_chapter_path(story: Path, kind: str) -> str:
    """Break the first chapter's path in the way `kind` names; returns the entry."""
    chapters = story / "chapters"
    if kind == "nul":
        return point_first_chapter_at(story, "chapters/01-the\0signal.md")
    if kind == "long-name":
        return point_first_chapter_at(story, f"chapters/{'a' * 300}.md")
    if kind == "long-name-multibyte":
        return point_first_chapter_at(story, f"chapters/{'é' * 130}.md")
    if kind == "self-link":
        os.symlink("loop.md", chapters / "loop.md")
        return point_first_chapter_at(story, "chapters/loop.md")
    if kind == "link-loop":
        os.symlink("b.md", chapters / "a.md")
        os.symlink("a.md", chapters / "b.md")
        return point_first_chapter_at(story, "chapters/a.md")
    if kind == "fifo":
        os.mkfifo(chapters / "pipe.md")
        return point_first_chapter_at(story, "chapters/pipe.md")
    if kind == "device":
        os.symlink("/dev/zero", chapters / "zero.md")
        return point_first_chapter_at(story, "chapters/zero.md")
    if kind == "folder":
        (chapters / "folder.md").mkdir()
        return point_first_chapter_at(story, "chapters/folder.md")
    raise ValueError(kind)


BAD_PATHS = ["nul", "long-name", "long-name-multibyte", "self-link", "link-loop"]
SPECIAL_FILES = ["fifo", "device", "folder"]
