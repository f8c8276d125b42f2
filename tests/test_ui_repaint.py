"""What a keystroke repaints: the paragraph typed in when its height stays, the page
below it when the paragraph grows a line, the whole lyrics block for a verse line
(its indent follows its longest line). In the real window, the highlighter on."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from studio.ui.editor import ChapterEditor
from studio.ui.main_window import MainWindow
from tests.ui_helpers import open_window

TEXT = (
    "The *radio* hissed on the sill while she counted the **boats** coming in.\n"
    "\n"
    "A second paragraph, below the first, that stays where it is.\n"
    "\n"
    '::: {.lyrics song="tide"}\n'
    "Salt on the window, static in the wire\n"
    "Nobody's listening\n"
    ":::\n"
    "\n"
    "A last paragraph.\n"
)


def _editor(qtbot: QtBot, window: MainWindow) -> ChapterEditor:
    editor = window.focused_pane().editor
    cursor = editor.textCursor()
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.insertText(TEXT)
    editor.setFocus()
    qtbot.wait(50)
    return editor


def _type_at_end_of(qtbot: QtBot, editor: ChapterEditor, block: int, keys: str) -> list[QRect]:
    """Put the cursor at the end of `block`, then type `keys`: the areas the editor
    asked to repaint for the keys (after the first, which may repaint everything)."""
    cursor = QTextCursor(editor.document().findBlockByNumber(block))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Space)
    qtbot.wait(20)
    asked: list[QRect] = []
    editor.updateRequest.connect(lambda rect, _dy: asked.append(QRect(rect)))
    for key in keys:
        qtbot.keyClicks(editor, key)
    qtbot.wait(20)
    editor.updateRequest.disconnect()
    return asked


def test_a_keystroke_repaints_its_paragraph_not_the_page(qtbot: QtBot, sample_copy: Path) -> None:
    window = open_window(qtbot, sample_copy)
    editor = _editor(qtbot, window)
    first = editor.document().firstBlock()
    paragraph = editor.blockBoundingGeometry(first).translated(editor.contentOffset())
    below = editor.blockBoundingGeometry(first.next().next()).top()
    asked = _type_at_end_of(qtbot, editor, 0, "abc")
    assert asked
    page = editor.viewport().height()
    assert max(r.height() for r in asked) < page / 2  # the paragraph, not the page
    for rect in asked:
        assert rect.top() >= int(paragraph.top()) - 2
        assert rect.bottom() <= int(paragraph.bottom()) + 2
    assert editor.blockBoundingGeometry(first.next().next()).top() == below
    assert editor.document().firstBlock().text().endswith(" abc")


def test_a_paragraph_that_grows_a_line_repaints_what_moved(qtbot: QtBot, sample_copy: Path) -> None:
    window = open_window(qtbot, sample_copy)
    editor = _editor(qtbot, window)
    document = editor.document()
    first = document.firstBlock()
    lines = first.layout().lineCount()
    second_top = editor.blockBoundingGeometry(first.next().next()).top()
    words = " and more words typed until the paragraph wraps onto another line" * 3
    asked = _type_at_end_of(qtbot, editor, 0, words)
    assert document.firstBlock().layout().lineCount() > lines
    moved_to = editor.blockBoundingGeometry(document.firstBlock().next().next()).top()
    assert moved_to > second_top  # the paragraph below moved down
    page = editor.viewport().rect()
    assert any(r.contains(page) or r.height() >= page.height() for r in asked)


def test_typing_in_a_verse_line_repaints_its_whole_lyrics_block(
    qtbot: QtBot, sample_copy: Path
) -> None:
    window = open_window(qtbot, sample_copy)
    editor = _editor(qtbot, window)
    verse = next(
        n
        for n in range(editor.document().blockCount())
        if editor.document().findBlockByNumber(n).text().startswith("Nobody")
    )
    asked = _type_at_end_of(qtbot, editor, verse, "xy")
    page = editor.viewport().height()
    assert any(r.height() >= page for r in asked)
