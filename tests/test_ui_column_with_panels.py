"""At 1280×800 every line of the text ends inside the editor, side panel or not.

The text column is the line width in characters, narrowed to the pane; a side panel
(Proofreading) or split view narrows the pane. Here the end of each line's visible
text, where the caret stands after its last letter, is measured in the viewport
against the viewport's width, in the application's own window (every feature), in
one pane and in split view. (The lines once ran past the column when a chapter first
showed and were cut around x ≈ 855 at 1280 px; see tests/test_ui_text_column.py.)
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDockWidget
from pytestqt.exceptions import TimeoutError as WaitTimeout
from pytestqt.qtbot import QtBot

from studio.ui.app import create_window
from studio.ui.editor.chapter_editor import ChapterEditor
from studio.ui.main_window import MainWindow


def _app_window(qtbot: QtBot, story: Path, size: tuple[int, int]) -> MainWindow:
    window = create_window()
    qtbot.addWidget(window)
    window.resize(*size)
    assert window.open_project(story)
    window.show()
    qtbot.waitExposed(window)
    return window


def _lines_past_the_edge(editor: ChapterEditor) -> list[str]:
    """Lines whose last letter ends right of the viewport (block:line at x > width)."""
    room = editor.viewport().width()
    offset = editor.contentOffset()
    past = []
    block = editor.document().firstBlock()
    while block.isValid():
        left = editor.blockBoundingGeometry(block).translated(offset).left()
        layout = block.layout()
        text = block.text()
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            end = line.textStart() + len(
                text[line.textStart() : line.textStart() + line.textLength()].rstrip()
            )
            x, _ = line.cursorToX(end)
            right = left + line.x() + x
            if right > room + 0.5:
                past.append(f"{block.blockNumber()}:{number} at {right:.0f} > {room}")
        block = block.next()
    return past


def _fits(editor: ChapterEditor) -> bool:
    """No line past the edge, no sideways scrolling, and a column that is not a sliver."""
    bar = editor.horizontalScrollBar()
    return (
        not _lines_past_the_edge(editor)
        and bar.maximum() == 0
        and not bar.isVisible()
        and editor.viewport().width() >= 250
    )


def _check(window: MainWindow, qtbot: QtBot) -> None:
    """Once the layout settles (a pane's width changes in steps while it shows)."""
    editors = [pane.editor for pane in window.all_panes if pane.editor.isVisible()]
    assert editors
    with contextlib.suppress(WaitTimeout):
        qtbot.waitUntil(lambda: all(_fits(e) for e in editors), timeout=3000)
    assert all(_fits(e) for e in editors), [
        (e.viewport().width(), e.horizontalScrollBar().maximum(), _lines_past_the_edge(e)[:3])
        for e in editors
    ]


@pytest.mark.parametrize("split", [False, True])
@pytest.mark.parametrize("panel", [False, True])
@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_every_line_ends_inside_the_editor(
    qtbot: QtBot, sample_copy: Path, size: tuple[int, int], panel: bool, split: bool
) -> None:
    window = _app_window(qtbot, sample_copy, size)
    assert window.project is not None
    if panel:
        window.shell.action("tools.proofread").trigger()
        qtbot.waitUntil(
            lambda: any(d.isVisible() for d in window.findChildren(QDockWidget)), timeout=3000
        )
    window.shell.action("view.split").setChecked(split)
    for chapter in window.project.chapters:
        window.show_chapter(chapter.file)
        _check(window, qtbot)
    if split:  # and back to one pane: the pane grows, its lines re-wrap wider
        window.shell.action("view.split").setChecked(False)
        _check(window, qtbot)
