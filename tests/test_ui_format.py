"""Format ▸ Italic / Bold wrap and unwrap the selection, typed with the real keys."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from studio.ui.features.format import toggle_marks
from tests.ui_helpers import open_window


def test_toggle_marks_wraps_and_unwraps() -> None:
    for mark in ("*", "**"):
        for text in ("word", "two words", "a *little* italic", "x"):
            wrapped = toggle_marks(text, mark)
            assert wrapped == f"{mark}{text}{mark}"
            assert toggle_marks(wrapped, mark) == text
    assert toggle_marks("*italic*", "**") == "***italic***"  # bold added to italic
    assert toggle_marks("***both***", "*") == "**both**"  # italic taken off bold
    assert toggle_marks("***both***", "**") == "*both*"


def test_ctrl_i_and_ctrl_b_in_the_editor(qtbot: QtBot, sample_copy: Path) -> None:
    window = open_window(qtbot, sample_copy)
    editor = window.focused_pane().editor
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts go to the active window
    editor.setFocus()
    found = editor.document().find("lamp")
    editor.setTextCursor(found)
    qtbot.keyClick(editor, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText().startswith("The *lamp* turned")
    assert editor.textCursor().selectedText() == "lamp"
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText().startswith("The ***lamp*** turned")
    qtbot.keyClick(editor, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText().startswith("The **lamp** turned")
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText().startswith("The lamp turned")
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    assert window.shell.action("format.bold").isEnabled()


def test_smart_quotes_follow_the_storys_straight_quotes(qtbot: QtBot, sample_copy: Path) -> None:
    text = (sample_copy / "chapters" / "01-the-signal.md").read_text(encoding="utf-8")
    assert text.count('"') > text.count("“")  # the sample is written with straight quotes
    window = open_window(qtbot, sample_copy)
    editor = window.focused_pane().editor
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, 'She said "yes" -- and it\'s done.')
    assert editor.toPlainText().endswith('She said "yes" — and it\'s done.')
    curly = sample_copy / "chapters" / "02-low-tide.md"
    curly.write_text(curly.read_text(encoding="utf-8").replace('"', "“"), encoding="utf-8")
    window.close_project()
    assert window.open_project(sample_copy)
    assert window.show_chapter("chapters/02-low-tide.md")
    editor = window.focused_pane().editor
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, ' "Curly," she said.')
    assert editor.toPlainText().endswith(" “Curly,” she said.")
