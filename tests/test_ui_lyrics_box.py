"""A lyrics block's tinted box ends with its last verse line: no blank row at its end.

The closing `:::` is hidden while the cursor is away (as the opening fence is, under
the song's name); hidden but full height it left an empty tinted row under every song.
Measured in the real window, at full width and in the narrow panes of a split, on the
sample's songs and on a block of our own with two stanzas.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage, QTextBlock, QTextCursor
from pytestqt.qtbot import QtBot

from studio.ui.editor.chapter_editor import ChapterEditor
from studio.ui.editor.highlighter import BlockState, block_state
from studio.ui.main_window import MainWindow
from studio.ui.theme import editor_colors
from tests.ui_helpers import open_window

OUR_SONG = """Prose before the song, long enough to wrap in a narrow pane of the split view.

::: {.lyrics song="harbour-lights"}
Salt on the rope and salt on the sill,
the kettle is singing, the harbour is still.

Lantern and lantern, the long way round,
the boats coming home without a sound.
:::

Prose after the song.
"""


def _closing_fences(editor: ChapterEditor) -> list[QTextBlock]:
    found = []
    block = editor.document().firstBlock()
    while block.isValid():
        if block_state(block) == BlockState.LYRICS_CLOSE:
            found.append(block)
        block = block.next()
    return found


def _tinted_rows_below(editor: ChapterEditor, image: QImage, y: int) -> int:
    """How many pixel rows from `y` down are the lyrics tint, at the box's right edge
    (where no text reaches)."""
    tint = editor_colors(False).lyrics_tint.rgb()
    x = editor.viewport().width() - 3
    rows = 0
    while y + rows < image.height() and image.pixel(x, y + rows) == tint:
        rows += 1
    return rows


def _check_every_song(qtbot: QtBot, window: MainWindow, editor: ChapterEditor) -> int:
    """For each lyrics block: the tint under its last verse line is less than a third
    of a line; returns how many blocks were measured."""
    fences = _closing_fences(editor)
    assert fences, "the chapter has lyrics"
    measured = 0
    for fence in fences:
        last_verse = fence.previous()
        cursor = QTextCursor(last_verse)
        editor.setTextCursor(cursor)  # on the last verse line, away from the fence
        editor.centerCursor()
        qtbot.wait(30)
        verse = editor.blockBoundingGeometry(last_verse).translated(editor.contentOffset())
        line_height = verse.height()
        image = editor.viewport().grab().toImage()
        bottom = round(verse.bottom())
        assert 0 < bottom < image.height()
        below = _tinted_rows_below(editor, image, bottom + 1)
        assert below < line_height / 3, (
            f"{window.focused_pane().chapter.file}: {below} px of empty lyrics box below "
            f"the last verse line (a line is {line_height:.0f} px)"
        )
        measured += 1
    return measured


@pytest.mark.parametrize("width", [1280, 1920])
@pytest.mark.parametrize("split", [False, True])
def test_lyrics_boxes_have_no_blank_row_at_their_end(
    qtbot: QtBot, sample_copy: Path, width: int, split: bool
) -> None:
    (sample_copy / "chapters" / "02-low-tide.md").write_text(OUR_SONG, encoding="utf-8")
    window = open_window(qtbot, sample_copy, (width, 800))
    window.shell.action("view.split").setChecked(split)
    assert window.project is not None
    measured = 0
    for chapter in window.project.chapters:
        window.show_chapter(chapter.file)
        qtbot.wait(30)
        measured += _check_every_song(qtbot, window, window.focused_pane().editor)
    assert measured >= len(window.project.chapters)


def test_the_closing_fence_shows_as_typed_when_the_cursor_is_on_it(
    qtbot: QtBot, sample_copy: Path
) -> None:
    window = open_window(qtbot, sample_copy)
    editor = window.focused_pane().editor
    fence = _closing_fences(editor)[0]
    verse_height = editor.blockBoundingGeometry(fence.previous()).height()
    assert editor.blockBoundingGeometry(fence).height() < verse_height / 3
    cursor = editor.textCursor()
    cursor.setPosition(fence.position())
    editor.setTextCursor(cursor)  # on the fence: it shows full height, to be edited
    qtbot.waitUntil(lambda: editor.blockBoundingGeometry(fence).height() >= verse_height * 0.9)
    qtbot.keyClicks(editor, "x")
    assert fence.text() == "x:::"  # typed where the cursor is, as on any line
