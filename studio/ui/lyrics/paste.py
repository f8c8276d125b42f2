"""Pasting several lines into a lyrics block keeps them verse lines of that block."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QObject
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from studio.lyrics.markup import lyrics_block_at, verse_lines
from studio.ui.editor.chapter_editor import ChapterEditor
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


def paste_as_verses(editor: QPlainTextEdit, source: QMimeData) -> bool:
    """Insert `source` as verse lines when the cursor is in a lyrics block and it holds
    several lines; True when it went in that way (else the editor pastes as usual)."""
    if not source.hasText() or not cursor_in_lyrics(editor):
        return False
    text = source.text()
    if "\n" in text.strip() or "\r" in text or "\u2029" in text:
        paste_verse(editor, text)
        return True
    return False


class VersePaste(QObject):
    """Pasting or dropping several lines inside a lyrics block of one editor inserts
    verse lines (the window's feature does this through the shell for every pane).

    It hooks the chapter editor's `insertFromMimeData`, where every way of pasting
    arrives (keys, the context menu, middle click, drag and drop); elsewhere the
    editor pastes as usual.
    """

    def __init__(self, editor: ChapterEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        editor.paste_hooks.append(self.paste)

    def paste(self, source: QMimeData) -> bool:
        """True when the text went in as verse lines."""
        return paste_as_verses(self.editor, source)
