"""Pasting several lines into a lyrics block keeps them verse lines of that block."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from studio.lyrics.markup import lyrics_block_at, verse_lines
from studio.ui.lyrics.textedit import editor_text


def cursor_in_lyrics(editor: QPlainTextEdit) -> bool:
    """Whether the cursor is on a verse line of a lyrics block (not on a fence)."""
    line = editor.textCursor().blockNumber() + 1
    block = lyrics_block_at(editor_text(editor), line)
    closing = block is not None and block.end - block.content_start > len(block.lines)
    return block is not None and line > block.start + 1 and not (closing and line == block.end)


def paste_verse(editor: QPlainTextEdit, text: str) -> None:
    """Insert clipboard text as verse lines at the cursor, as one undo step.

    Pasted into the middle or end of a line, the verses start on a line of their own;
    pasted at the start of a line, that line stays a line of its own after them.
    """
    cursor = editor.textCursor()
    cursor.beginEditBlock()
    cursor.removeSelectedText()
    verses = verse_lines(text)
    if verses:
        # Qt counts positions in UTF-16 units: let a cursor find the text either side.
        probe = QTextCursor(cursor)
        probe.movePosition(QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor)
        before = probe.selectedText()
        probe = QTextCursor(cursor)
        probe.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        after = probe.selectedText()
        if before.strip():
            verses = "\n" + verses
        if after.strip():
            verses += "\n"
    cursor.insertText(verses)
    cursor.endEditBlock()
    editor.setTextCursor(cursor)


class VersePaste(QObject):
    """Event filter for a chapter editor: Paste inside a lyrics block pastes verse lines.

    Elsewhere paste is left to the editor. (An event filter, not a subclass, so it plugs
    into the window's own ChapterEditor.)
    """

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor)
        self.editor = editor
        editor.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (
            watched is self.editor
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Paste)
            and not self.editor.isReadOnly()
            and cursor_in_lyrics(self.editor)
        ):
            text = QGuiApplication.clipboard().text()
            if "\n" in text.strip() or "\r" in text or "\u2029" in text:
                paste_verse(self.editor, text)
                return True
        return super().eventFilter(watched, event)
