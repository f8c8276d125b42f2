"""Format ▸ Italic / Bold: wrap the selection in `*…*` / `**…**`, or unwrap it.

A feature in the shell's terms only: two declared actions and an edit cursor asked of
the session (refused while read-only).
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QTextCursor

from studio.errors import StudioError
from studio.ui.session import StorySession
from studio.ui.shell import ActionSpec, Shell


def toggle_marks(text: str, mark: str) -> str:
    """`text` wrapped in `mark`, or unwrapped when it already is (bold inside italic
    and the reverse are told apart: `***x***` is both)."""
    n = len(mark)
    stars = len(text) - len(text.lstrip("*"))
    ends = len(text) - len(text.rstrip("*"))
    wrapped = text.startswith(mark) and text.endswith(mark) and len(text) > 2 * n
    if wrapped and (stars in (n, 3) and ends in (n, 3)):
        return text[n:-n]
    return f"{mark}{text}{mark}"


def _apply(shell: Shell, session: StorySession, mark: str) -> None:
    editor = shell.focused_editor()
    if editor is None:
        return
    selected = editor.textCursor()
    if not selected.hasSelection():
        selected.select(QTextCursor.SelectionType.WordUnderCursor)
    start, end = selected.selectionStart(), selected.selectionEnd()
    if start == end:
        return
    text = selected.selectedText()
    if "\u2029" in text:
        shell.say("Italic and bold work within one paragraph")
        return
    # Marks just outside the selection count as the selection's own.
    block = selected.block()
    line = block.text()
    left, right = start - block.position(), end - block.position()
    n = len(mark)
    if line[max(0, left - n) : left] == mark and line[right : right + n] == mark:
        start, end, text = start - n, end + n, mark + text + mark
    try:
        cursor = session.edit_cursor(editor.document())
    except StudioError as error:
        shell.say(str(error))
        return
    new = toggle_marks(text, mark)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    cursor.beginEditBlock()
    cursor.insertText(new)
    cursor.endEditBlock()
    inner = n if new.startswith(mark) and len(new) > len(text) else 0
    cursor.setPosition(start + inner)
    cursor.setPosition(start + len(new) - inner, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def install(shell: Shell, session: StorySession) -> None:
    for action_id, text, key, mark in (
        ("format.italic", "&Italic", QKeySequence.StandardKey.Italic, "*"),
        ("format.bold", "&Bold", QKeySequence.StandardKey.Bold, "**"),
    ):
        shell.add_action(
            ActionSpec(
                action_id,
                text,
                "format/inline",
                lambda m=mark: _apply(shell, session, m),
                key,
                changes_story=True,
                tip=f"Wrap the selection in {mark}…{mark}, or unwrap it",
            )
        )
