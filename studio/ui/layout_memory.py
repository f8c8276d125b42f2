"""Remembering the window between runs: geometry, panels, and per story the open
chapters and cursor positions (an INI file in the user's config folder, see settings).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray

from studio.ui.settings import open_settings, project_key, read_bool, read_int

if TYPE_CHECKING:
    from studio.ui.main_window import MainWindow


def save_window(window: MainWindow) -> None:
    """Window geometry, dock and splitter state, which panels show."""
    settings = open_settings()
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    settings.setValue("window/splitter", window.splitter.saveState())
    settings.setValue("window/chapters_visible", window.chapters_box.isVisibleTo(window))
    settings.setValue("window/metadata_visible", window.metadata.isVisibleTo(window))
    settings.sync()


def restore_window(window: MainWindow) -> None:
    settings = open_settings()
    geometry = settings.value("window/geometry")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    state = settings.value("window/state")
    if isinstance(state, QByteArray):
        window.restoreState(state)
    splitter = settings.value("window/splitter")
    if isinstance(splitter, QByteArray):
        window.splitter.restoreState(splitter)
    window.chapters_action.setChecked(read_bool(settings, "window/chapters_visible", True))
    window.metadata_action.setChecked(read_bool(settings, "window/metadata_visible", True))


def save_project_layout(window: MainWindow) -> None:
    """Per story: split or not, the chapter and cursor of each pane, cursors by chapter."""
    if window.project is None:
        return
    settings = open_settings()
    settings.beginGroup(project_key(window.project.root))
    settings.setValue("split", window.is_split)
    settings.setValue("focused", window.focused_index)
    settings.setValue("panes", window.pane_splitter.saveState())
    cursors: dict[str, int] = {}
    for index, pane in enumerate(window.all_panes):
        chapter = pane.chapter
        settings.setValue(f"pane{index}/file", chapter.file if chapter else "")
        settings.setValue(f"pane{index}/cursor", pane.cursor_position() if chapter else 0)
        cursors.update(pane.remembered_cursors())
    settings.beginGroup("cursors")
    for file, position in cursors.items():
        settings.setValue(file.replace("/", "|"), position)
    settings.endGroup()
    settings.endGroup()
    settings.sync()


def restore_project_layout(window: MainWindow) -> None:
    """Show what `save_project_layout` kept (the first chapter when nothing was)."""
    assert window.project is not None
    settings = open_settings()
    settings.beginGroup(project_key(window.project.root))
    settings.beginGroup("cursors")
    cursors = {key.replace("|", "/"): read_int(settings, key, 0) for key in settings.childKeys()}
    settings.endGroup()
    files = [c.file for c in window.project.chapters]
    for index, pane in enumerate(window.all_panes):
        pane.remember_cursors(cursors)
        file = str(settings.value(f"pane{index}/file", "") or "")
        if file in files:
            cursors_here = {file: read_int(settings, f"pane{index}/cursor", 0)}
            pane.remember_cursors(cursors_here)
            window.show_chapter(file, pane)
    if window.all_panes[0].chapter is None and files:
        window.show_chapter(files[0], window.all_panes[0])
    split = read_bool(settings, "split", False)
    focused = read_int(settings, "focused", 0)
    panes_state = settings.value("panes")
    settings.endGroup()
    window.split_action.setChecked(split)
    if not split:
        window.set_split(False)
    if isinstance(panes_state, QByteArray) and split:
        window.pane_splitter.restoreState(panes_state)
    window.focus_pane(focused if split and focused in (0, 1) else 0)
    window.focused_pane().editor.setFocus()
