"""The editor's right-click menu, with spelling help on top when the word is misspelt:
suggestions, Add to Story Dictionary, Add to My Dictionary, Ignore."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction, QFont, QTextCursor
from PySide6.QtWidgets import QMenu, QPlainTextEdit

from studio.errors import StudioError
from studio.spelling import Token, line_tokens
from studio.ui.editor.chapter_editor import ChapterEditor
from studio.ui.spelling.session import SpellingSession

MAX_SUGGESTIONS = 7


def word_at(editor: QPlainTextEdit, pos: QPoint) -> tuple[QTextCursor, Token] | None:
    """The word under viewport point `pos`, and a cursor that selects it."""
    cursor = editor.cursorForPosition(pos)
    block = cursor.block()
    text = block.text()
    in_block = cursor.positionInBlock()
    index = len(text.encode("utf-16-le")[: 2 * in_block].decode("utf-16-le", "ignore"))
    for token in line_tokens(text, block.blockNumber()):
        if token.start <= index <= token.end:
            start = len(text[: token.start].encode("utf-16-le")) // 2
            end = len(text[: token.end].encode("utf-16-le")) // 2
            selection = QTextCursor(block)
            selection.setPosition(block.position() + start)
            selection.setPosition(block.position() + end, QTextCursor.MoveMode.KeepAnchor)
            return selection, token
    return None


def build_menu(
    editor: QPlainTextEdit,
    pos: QPoint,
    session: SpellingSession | None,
    report: Callable[[str], None] = lambda message: None,
) -> QMenu:
    """The menu for a right-click at viewport point `pos` (not shown yet)."""
    # The chapter editor's own menu runs the window's menu hooks (Mark as Lyrics…, …).
    # Both take viewport coordinates, as `pos` is.
    standard = (
        editor.build_context_menu(pos)
        if isinstance(editor, ChapterEditor)
        else editor.createStandardContextMenu(pos)
    )
    found = word_at(editor, pos) if session is not None and session.enabled else None
    if session is None or found is None or not session.is_misspelled_now(found[1].word):
        return standard
    selection, token = found
    word = token.word
    menu = QMenu(editor)
    standard.setParent(menu, standard.windowFlags())  # deleted with the menu
    suggestions = session.suggestions(word)[:MAX_SUGGESTIONS]
    bold = QFont(menu.font())
    bold.setBold(True)
    for suggestion in suggestions:
        action = menu.addAction(suggestion)
        action.setFont(bold)
        action.triggered.connect(lambda _=False, s=suggestion: _replace(editor, selection, s))
    if not suggestions:
        menu.addAction("No suggestions").setEnabled(False)
    menu.addSeparator()

    def act(title: str, change: Callable[[str], None], done: str) -> QAction:
        action = menu.addAction(title)

        def run() -> None:
            try:
                change(word)
            except StudioError as error:
                report(str(error))
            else:
                report(done)

        action.triggered.connect(run)
        return action

    act("Add to Story Dictionary", session.add_to_story, f"“{word}” added to this story’s words")
    act("Add to My Dictionary", session.add_to_mine, f"“{word}” added to your own words")
    act("Ignore", session.ignore, f"“{word}” ignored until the story is closed")
    menu.addSeparator()
    for action in standard.actions():
        menu.addAction(action)
    return menu


def _replace(editor: QPlainTextEdit, selection: QTextCursor, text: str) -> None:
    if editor.isReadOnly():  # a read-only story: the text is not to be changed
        return
    cursor = QTextCursor(selection)
    cursor.beginEditBlock()
    cursor.insertText(text)
    cursor.endEditBlock()
    editor.setTextCursor(cursor)
