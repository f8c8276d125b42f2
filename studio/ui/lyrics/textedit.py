"""Applying core text edits to a QPlainTextEdit as one undoable change, touching only
the lines that change (so the undo stack, the spelling marks and the cursor of the
lines around stay as they were).
"""

from __future__ import annotations

from difflib import SequenceMatcher

from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit

from studio.lyrics.markup import LineEdit


def document_lines(document: QTextDocument) -> list[str]:
    """The document's lines as the chapter file has them (non-breaking spaces kept)."""
    lines = []
    block = document.firstBlock()
    while block.isValid():
        lines.append(block.text())
        block = block.next()
    return lines


def editor_text(editor: QPlainTextEdit) -> str:
    return "\n".join(document_lines(editor.document()))


def selected_lines(editor: QPlainTextEdit) -> tuple[int, int]:
    """1-based first and last line of the selection (a selection ending at the very start
    of a line does not take that line); without a selection, the paragraph at the cursor.
    """
    cursor = editor.textCursor()
    document = editor.document()
    if cursor.hasSelection():
        first = document.findBlock(cursor.selectionStart()).blockNumber()
        end_block = document.findBlock(cursor.selectionEnd())
        last = end_block.blockNumber()
        if last > first and cursor.selectionEnd() == end_block.position():
            last -= 1
        return first + 1, last + 1
    block = cursor.block()
    if not block.text().strip():
        return block.blockNumber() + 1, block.blockNumber() + 1
    first_block = last_block = block
    while first_block.previous().isValid() and first_block.previous().text().strip():
        first_block = first_block.previous()
    while last_block.next().isValid() and last_block.next().text().strip():
        last_block = last_block.next()
    return first_block.blockNumber() + 1, last_block.blockNumber() + 1


def apply_line_edit(cursor: QTextCursor, edit: LineEdit) -> None:
    """Apply `edit` to the text of `cursor`'s document as one undo step.

    The cursor is the one the story session gave for an edit made by code (refused
    while the story is read-only), so this never edits a text it may not.
    """
    document = cursor.document()
    old = document_lines(document)[edit.start : edit.end]
    new = list(edit.lines)
    opcodes = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    cursor.beginEditBlock()
    try:
        for tag, i1, i2, j1, j2 in reversed(opcodes):
            if tag != "equal":
                _replace_lines(document, cursor, edit.start + i1, edit.start + i2, new[j1:j2])
    finally:
        cursor.endEditBlock()


def _replace_lines(
    document: QTextDocument, cursor: QTextCursor, start: int, end: int, lines: list[str]
) -> None:
    """Replace document lines [start, end) (0-based) with `lines`."""
    count = document.blockCount()
    if start == end:  # insert before line `start`
        if start < count:
            cursor.setPosition(document.findBlockByNumber(start).position())
            cursor.insertText("\n".join(lines) + "\n")
        else:
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertText("\n" + "\n".join(lines))
        return
    first = document.findBlockByNumber(start)
    last = document.findBlockByNumber(end - 1)
    if lines:
        cursor.setPosition(first.position())
        cursor.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText("\n".join(lines))
    elif end < count:  # drop whole lines with the line break after them
        cursor.setPosition(first.position())
        cursor.setPosition(
            document.findBlockByNumber(end).position(), QTextCursor.MoveMode.KeepAnchor
        )
        cursor.removeSelectedText()
    elif start > 0:  # the last lines: drop the line break before them
        before = document.findBlockByNumber(start - 1)
        cursor.setPosition(before.position() + before.length() - 1)
        cursor.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
    else:
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.removeSelectedText()


def move_to_line(editor: QPlainTextEdit, line: int) -> None:
    """Put the cursor at the start of 1-based `line` and show it."""
    block = editor.document().findBlockByNumber(max(0, line - 1))
    if not block.isValid():
        block = editor.document().lastBlock()
    cursor = editor.textCursor()
    cursor.setPosition(block.position())
    editor.setTextCursor(cursor)
    editor.centerCursor()
