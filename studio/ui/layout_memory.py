"""Remembering the window between runs: geometry, panels, and per story the open
chapters and cursor positions (an INI file in the user's config folder, see settings).

Only the reading and writing of the settings: the shell takes and shows the layouts
(`Shell.window_layout`, `Shell.story_layout`), and features/layout.py decides when.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QByteArray

from studio.ui.settings import open_settings, project_key, read_bool, read_int


@dataclass
class WindowLayout:
    """The window's geometry, dock and splitter state, and which panels show."""

    geometry: QByteArray | None = None
    state: QByteArray | None = None
    splitter: QByteArray | None = None
    chapters_visible: bool = True
    metadata_visible: bool = True


@dataclass
class StoryLayout:
    """Per story: split or not, which pane had the keyboard, each pane's chapter
    ("" for none) and cursor, and the cursor last used in each chapter."""

    split: bool = False
    focused: int = 0
    panes: QByteArray | None = None
    files: tuple[str, str] = ("", "")
    cursors_at: tuple[int, int] = (0, 0)
    cursors: dict[str, int] = field(default_factory=dict)


def _bytes(value: object) -> QByteArray | None:
    return value if isinstance(value, QByteArray) else None


def save_window(layout: WindowLayout) -> None:
    settings = open_settings()
    if layout.geometry is not None:
        settings.setValue("window/geometry", layout.geometry)
    if layout.state is not None:
        settings.setValue("window/state", layout.state)
    if layout.splitter is not None:
        settings.setValue("window/splitter", layout.splitter)
    settings.setValue("window/chapters_visible", layout.chapters_visible)
    settings.setValue("window/metadata_visible", layout.metadata_visible)
    settings.sync()


def load_window() -> WindowLayout:
    settings = open_settings()
    return WindowLayout(
        geometry=_bytes(settings.value("window/geometry")),
        state=_bytes(settings.value("window/state")),
        splitter=_bytes(settings.value("window/splitter")),
        chapters_visible=read_bool(settings, "window/chapters_visible", True),
        metadata_visible=read_bool(settings, "window/metadata_visible", True),
    )


def save_story(root: Path, layout: StoryLayout) -> None:
    settings = open_settings()
    settings.beginGroup(project_key(root))
    settings.setValue("split", layout.split)
    settings.setValue("focused", layout.focused)
    if layout.panes is not None:
        settings.setValue("panes", layout.panes)
    for index, (file, cursor) in enumerate(zip(layout.files, layout.cursors_at, strict=True)):
        settings.setValue(f"pane{index}/file", file)
        settings.setValue(f"pane{index}/cursor", cursor)
    settings.beginGroup("cursors")
    for file, position in layout.cursors.items():
        settings.setValue(file.replace("/", "|"), position)
    settings.endGroup()
    settings.endGroup()
    settings.sync()


def load_story(root: Path) -> StoryLayout:
    """What `save_story` kept for the story at `root` (the defaults when nothing was)."""
    settings = open_settings()
    settings.beginGroup(project_key(root))
    settings.beginGroup("cursors")
    cursors = {key.replace("|", "/"): read_int(settings, key, 0) for key in settings.childKeys()}
    settings.endGroup()
    files = (
        str(settings.value("pane0/file", "") or ""),
        str(settings.value("pane1/file", "") or ""),
    )
    at = (read_int(settings, "pane0/cursor", 0), read_int(settings, "pane1/cursor", 0))
    layout = StoryLayout(
        split=read_bool(settings, "split", False),
        focused=read_int(settings, "focused", 0),
        panes=_bytes(settings.value("panes")),
        files=files,
        cursors_at=at,
        cursors=cursors,
    )
    settings.endGroup()
    return layout
