"""Spelling help on top of the editor's right-click menu when the word under the click
is misspelt: suggestions, Add to Story Dictionary, Add to My Dictionary, Ignore.

A context section (`shell.add_context_section`): it gets the menu and a cursor at the
click, which Qt places from viewport coordinates, the ones the event already has.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction, QFont, QTextCursor
from PySide6.QtWidgets import QMenu, QPlainTextEdit

from studio.errors import StudioError
from studio.spelling import Token, line_tokens
from studio.ui.spelling.session import SpellingSession

MAX_SUGGESTIONS = 7


def word_at_cursor(cursor: QTextCursor) -> tuple[QTextCursor, Token] | None:
    """The word `cursor` stands in (or touches), and a cursor that selects it."""
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


def word_at(editor: QPlainTextEdit, pos: QPoint) -> tuple[QTextCursor, Token] | None:
    """The word under viewport point `pos`, and a cursor that selects it."""
    return word_at_cursor(editor.cursorForPosition(pos))


def put_on_top(menu: QMenu, actions: Sequence[QAction | None]) -> None:
    """Insert `actions` (None: a separator) above what `menu` holds, then a separator."""
    first = menu.actions()[0] if menu.actions() else None
    for given in actions:
        action = given if given is not None else QAction(menu)
        action.setSeparator(given is None)
        if first is not None:
            menu.insertAction(first, action)
        else:
            menu.addAction(action)
    if first is not None:
        menu.insertSeparator(first)


def bold_action(menu: QMenu, text: str, slot: Callable[[], None]) -> QAction:
    action = QAction(text, menu)
    font = QFont(menu.font())
    font.setBold(True)
    action.setFont(font)
    action.triggered.connect(lambda _=False: slot())
    return action


def _replacing(
    replace: Callable[[QTextCursor, str], None], selection: QTextCursor, text: str
) -> Callable[[], None]:
    return lambda: replace(selection, text)


def spelling_section(
    menu: QMenu,
    cursor: QTextCursor,
    session: SpellingSession | None,
    replace: Callable[[QTextCursor, str], None],
    report: Callable[[str], None],
) -> bool:
    """Add spelling help to `menu` when the word at `cursor` is misspelt (True then)."""
    found = word_at_cursor(cursor) if session is not None and session.enabled else None
    if session is None or found is None or not session.is_misspelled_now(found[1].word):
        return False
    selection, token = found
    word = token.word
    actions: list[QAction | None] = [
        bold_action(menu, s, _replacing(replace, selection, s))
        for s in session.suggestions(word)[:MAX_SUGGESTIONS]
    ]
    if not actions:
        none = QAction("No suggestions", menu)
        none.setEnabled(False)
        actions.append(none)
    actions.append(None)

    def act(title: str, change: Callable[[str], None], done: str) -> QAction:
        action = QAction(title, menu)

        def run() -> None:
            try:
                change(word)
            except StudioError as error:
                report(str(error))
            else:
                report(done)

        action.triggered.connect(lambda _=False: run())
        return action

    actions += [
        act(
            "Add to Story Dictionary", session.add_to_story, f"“{word}” added to this story’s words"
        ),
        act("Add to My Dictionary", session.add_to_mine, f"“{word}” added to your own words"),
        act("Ignore", session.ignore, f"“{word}” ignored until the story is closed"),
    ]
    put_on_top(menu, actions)
    return True
