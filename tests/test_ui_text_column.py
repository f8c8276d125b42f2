"""The text wraps inside the column the editor shows: no line runs past its right edge.

When a chapter first shows, the editor centres its column with viewport margins; the
text used to stay laid out as wide as the viewport was before them (at 1280 px the
lines were 60 px wider than the column, at 1920 px 700 px), so the end of every line
was cut off until the window was resized.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from studio.ui.editor.chapter_editor import ChapterEditor
from tests.ui_helpers import open_window


def _too_wide(editor: ChapterEditor) -> list[str]:
    """Lines laid out wider than the viewport shows (block number: widths)."""
    room = editor.viewport().width()
    found = []
    block = editor.document().firstBlock()
    while block.isValid():
        layout = block.layout()
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            if line.x() + line.naturalTextWidth() > room + 0.5 or line.width() > room:
                found.append(f"{block.blockNumber()}: {line.naturalTextWidth():.0f} > {room}")
        block = block.next()
    return found


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080), (1024, 700)])
def test_lines_wrap_inside_the_column(
    qtbot: QtBot, sample_copy: Path, size: tuple[int, int]
) -> None:
    window = open_window(qtbot, sample_copy, size)
    assert window.project is not None
    for chapter in window.project.chapters:
        window.show_chapter(chapter.file)
        editor = window.focused_pane().editor
        assert editor.horizontalScrollBar().maximum() == 0
        assert not _too_wide(editor), (chapter.file, _too_wide(editor)[:3])
    window.shell.action("view.split").setChecked(True)
    panes = window.all_panes
    qtbot.waitUntil(lambda: all(p.editor.isVisible() and not _too_wide(p.editor) for p in panes))
