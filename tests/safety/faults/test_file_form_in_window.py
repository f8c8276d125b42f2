"""Issue 14 item 13, through the real window: a chapter with a BOM, mixed CRLF and LF,
a lone CR and U+2028/U+2029 keeps every byte the author did not change when an
unrelated edit is saved."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from studio.story.file_form import decode_text
from studio.ui.main_window import MainWindow
from tests.safety.windows import with_safety

CH1 = "chapters/01-the-signal.md"
ORIGINAL = (
    "\ufeff# The Signal\r\n"
    "\r\n"
    "First line, CRLF.\r\n"
    "Second line, LF.\n"
    "Third, a lone CR.\r"
    "Fourth, a line separator.\u2028"
    "Fifth, a paragraph separator.\u2029"
    "Last line, no ending."
).encode()


def test_an_unrelated_edit_keeps_the_bom_and_every_line_ending(qtbot: QtBot, story: Path) -> None:
    (story / CH1).write_bytes(ORIGINAL)
    window = MainWindow()
    qtbot.addWidget(window)
    safety = with_safety(window)
    try:
        assert window.open_project(story)
        window.show()
        qtbot.waitExposed(window)
        editor = window.all_panes[0].editor
        assert "\ufeff" not in editor.toPlainText()
        assert editor.toPlainText().splitlines()[3] == "Second line, LF."
        cursor = editor.textCursor()
        cursor.setPosition(editor.toPlainText().index("Second line, LF.") + len("Second line"))
        editor.setTextCursor(cursor)
        editor.setFocus()
        qtbot.keyClicks(editor, " (edited)")
        editor.moveCursor(QTextCursor.MoveOperation.End)
        window.save_all()
        expected = ORIGINAL.replace(b"Second line, LF.", b"Second line (edited), LF.")
        assert (story / CH1).read_bytes() == expected
        # A second edit, after the first save, still keeps them.
        qtbot.keyClicks(editor, " More.")
        window.save_all()
        # the last line was touched, so the file now ends with its usual line ending
        usual = decode_text(ORIGINAL)[1].usual_end.encode()
        assert (story / CH1).read_bytes() == expected + b" More." + usual
    finally:
        safety.finish()
