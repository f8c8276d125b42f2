"""Spell checking the metadata panel's text fields as the author types: the work's
title, summary, notes, end notes and tags, and the open chapter's title, summary,
notes and end notes (what a reader sees besides the chapters, as `studio check` reads
them from story.toml).

The same red wavy underline and the same right-click section as in the chapters,
from the same verdicts (`SpellingSession`: unknown words are checked on its worker
thread, so typing never waits). A multi-line field (QPlainTextEdit) gets a small
highlighter; a one-line field (QLineEdit) has no character formats of its own, so its
underlines are handed to it the way an input method marks text it is composing
(`QInputMethodEvent` text-format attributes), which QLineEdit draws and scrolls with
the text. The word the cursor is typing is judged once the cursor leaves it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer
from PySide6.QtGui import (
    QContextMenuEvent,
    QInputMethodEvent,
    QSyntaxHighlighter,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit, QWidget

from studio.ui.spelling.layer import misspelt_format, utf16_offsets, word_places
from studio.ui.spelling.menu import spelling_section
from studio.ui.spelling.session import SpellingSession

Runs = list[tuple[int, int]]  # UTF-16 start and length of each misspelt word


def misspelt_runs(
    session: SpellingSession | None, text: str, typing_at: int | None = None
) -> tuple[Runs, bool]:
    """(the misspelt words of one line of `text`, whether some wait for a verdict).

    `typing_at`: the cursor's UTF-16 column while a word is typed there; the word
    ending at it is left alone until the cursor leaves it.
    """
    if session is None or not session.enabled or not text:
        return [], False
    position = utf16_offsets(text)
    runs: Runs = []
    waiting = False
    for word, places in word_places(text).items():
        ok = session.verdict(word)
        if ok is None:
            waiting = True
        elif not ok:
            for start, end in places:
                first, last = position(start), position(end)
                if last != typing_at:
                    runs.append((first, last - first))
    return sorted(runs), waiting


class _TextHighlighter(QSyntaxHighlighter):
    """The underlines of a multi-line field."""

    def __init__(self, field: QPlainTextEdit, checker: FieldSpelling) -> None:
        super().__init__(field.document())
        self.field = field
        self.checker = checker
        self._format = misspelt_format()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        block = self.currentBlock()
        cursor = self.field.textCursor()
        typing = (
            cursor.positionInBlock()
            if self.field.hasFocus()
            and cursor.blockNumber() == block.blockNumber()
            and not cursor.hasSelection()
            else None
        )
        runs, _waiting = misspelt_runs(self.checker.session, text, typing)
        for start, length in runs:
            self.setFormat(start, length, self._format)


class FieldSpelling(QObject):
    """Underlines and right-click help for every text field of the metadata panel."""

    def __init__(
        self,
        fields: dict[str, QWidget],
        replace_allowed: Callable[[], bool],
        report: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.fields = fields
        self.session: SpellingSession | None = None
        self._replace_allowed = replace_allowed
        self._report = report
        self._highlighters: dict[str, _TextHighlighter] = {}
        self._line_runs: dict[str, Runs] = {}  # what each one-line field was given
        self._cursor_block: dict[str, int] = {}  # where each multi-line field's cursor was
        for key, field in fields.items():
            if isinstance(field, QPlainTextEdit):
                self._highlighters[key] = _TextHighlighter(field, self)
                field.installEventFilter(self)  # focus: the word typed last is judged
                field.viewport().installEventFilter(self)  # the right-click
                field.cursorPositionChanged.connect(lambda k=key: self._moved_in(k))
            elif isinstance(field, QLineEdit):
                field.installEventFilter(self)
                field.textChanged.connect(lambda _t="", k=key: self.underline_line(k))
                field.cursorPositionChanged.connect(
                    lambda _old=0, _new=0, k=key: self.underline_line(k)
                )

    def attach(self, session: SpellingSession | None) -> None:
        """Check with `session` (the open story's), or stop (None: no story)."""
        if self.session is not None:
            self.session.updated.disconnect(self.refresh)
            self.session.words_changed.disconnect(self.refresh)
        self.session = session
        if session is not None:
            session.updated.connect(self.refresh)
            session.words_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Draw every field's underlines again (verdicts arrived, words changed)."""
        for highlighter in self._highlighters.values():
            highlighter.rehighlight()
        for key, field in self.fields.items():
            if isinstance(field, QLineEdit):
                self.underline_line(key)

    def misspelt(self, key: str) -> list[str]:
        """The words `key`'s field underlines now (what the author sees, for tests)."""
        field = self.fields[key]
        if isinstance(field, QLineEdit):
            text = field.text()
            return [_utf16_slice(text, s, n) for s, n in self._line_runs.get(key, [])]
        words = []
        block = field.document().begin() if isinstance(field, QPlainTextEdit) else None
        while block is not None and block.isValid():
            for fmt in block.layout().formats():
                words.append(_utf16_slice(block.text(), fmt.start, fmt.length))
            block = block.next()
        return words

    # -- one-line fields -----------------------------------------------------------------

    def underline_line(self, key: str) -> None:
        field = self.fields[key]
        assert isinstance(field, QLineEdit)
        text = field.text()
        focused = field.hasFocus() and not field.hasSelectedText()
        typing = field.cursorPosition() if focused else None
        runs, _waiting = misspelt_runs(self.session, text, typing)
        if not runs and not self._line_runs.get(key):
            return  # nothing to draw, nothing to take away
        self._line_runs[key] = runs
        at = field.cursorPosition()
        fmt = misspelt_format()
        attributes = [
            QInputMethodEvent.Attribute(
                QInputMethodEvent.AttributeType.TextFormat, start - at, length, fmt
            )
            for start, length in runs
        ]
        event = QInputMethodEvent("", attributes)
        field.inputMethodEvent(event)

    def _moved_in(self, key: str) -> None:
        """The cursor moved: the word it left may be judged now."""
        field = self.fields[key]
        assert isinstance(field, QPlainTextEdit)
        number = field.textCursor().blockNumber()
        previous = self._cursor_block.get(key, number)
        self._cursor_block[key] = number
        if self.session is None:
            return
        for n in {number, previous}:
            block = field.document().findBlockByNumber(n)
            if block.isValid():
                self._highlighters[key].rehighlightBlock(block)

    # -- right-click ---------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            QTimer.singleShot(0, lambda w=watched: self._focus_changed(w))
            return False
        if event.type() != QEvent.Type.ContextMenu or not isinstance(event, QContextMenuEvent):
            return False
        if isinstance(watched, QLineEdit):
            return self._line_menu(watched, event)
        parent = watched.parent()
        if isinstance(parent, QPlainTextEdit):
            return self._text_menu(parent, event)
        return False

    def _focus_changed(self, field: QObject) -> None:
        """The author left a field (or came back): the word at the cursor is judged
        (or left alone again while typed)."""
        key = next((k for k, f in self.fields.items() if f is field), None)
        if key is None or self.session is None:
            return
        if isinstance(field, QLineEdit):
            self.underline_line(key)
        elif isinstance(field, QPlainTextEdit):
            self._highlighters[key].rehighlightBlock(field.textCursor().block())

    def _text_menu(self, field: QPlainTextEdit, event: QContextMenuEvent) -> bool:
        menu = field.createStandardContextMenu(event.pos())
        cursor = field.cursorForPosition(event.pos())

        def replace(selection: QTextCursor, text: str) -> None:
            if not self._replace_allowed():
                return
            field.setTextCursor(selection)
            field.insertPlainText(text)

        return self._show(menu, cursor, replace, event.globalPos())

    def _line_menu(self, field: QLineEdit, event: QContextMenuEvent) -> bool:
        menu = field.createStandardContextMenu()
        document = QTextDocument(field.text(), menu)  # the line, to find its words
        cursor = QTextCursor(document)
        cursor.setPosition(field.cursorPositionAt(event.pos()))

        def replace(selection: QTextCursor, text: str) -> None:
            if not self._replace_allowed():
                return
            field.setSelection(selection.selectionStart(), len(selection.selectedText()))
            field.insert(text)  # as typed: the field saves it

        return self._show(menu, cursor, replace, event.globalPos())

    def _show(
        self,
        menu: QMenu,
        cursor: QTextCursor,
        replace: Callable[[QTextCursor, str], None],
        at: QPoint,
    ) -> bool:
        """Show `menu` with the spelling section when the word is misspelt (True);
        otherwise leave the field its own menu (False)."""
        if not spelling_section(menu, cursor, self.session, replace, self._report):
            menu.deleteLater()
            return False
        menu.exec(at)
        menu.deleteLater()
        return True


def _utf16_slice(text: str, start: int, length: int) -> str:
    units = text.encode("utf-16-le")
    return units[2 * start : 2 * (start + length)].decode("utf-16-le", "ignore")
