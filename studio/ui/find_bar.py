"""Find and replace in the chapter shown in a pane: match case, whole words, regex."""

from __future__ import annotations

import re

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)


class FindBar(QWidget):
    """The bar under an editor. Enter finds the next match, Shift+Enter the previous.

    Esc (the window's shortcut) closes it.
    """

    closed = Signal()

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.setObjectName("findBar")
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText("Find in chapter")
        self.find_edit.setClearButtonEnabled(True)
        self.replace_edit = QLineEdit()
        self.replace_edit.setPlaceholderText("Replace with")
        self.case = QCheckBox("Case")
        self.case.setToolTip("Match upper and lower case exactly")
        self.whole = QCheckBox("Words")
        self.whole.setToolTip("Match whole words only")
        self.regex = QCheckBox("Regex")
        self.regex.setToolTip("The text is a regular expression (\\1 in the replacement)")
        self.find_edit.setMinimumWidth(140)
        self.status = QLabel()
        self.status.setMinimumWidth(90)
        previous = _button(
            "↑", "Previous match (Shift+Enter)", lambda: self.find_next(backward=True)
        )
        following = _button("↓", "Next match (Enter)", self._next)
        self.replace_button = _button("Replace", "Replace this match", self.replace_one)
        self.replace_all_button = _button("Replace all", "Replace every match", self.replace_all)
        close = _button("✕", "Close (Esc)", self.close_bar)

        grid = QGridLayout(self)
        grid.setContentsMargins(10, 6, 10, 6)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.find_edit, 0, 0)
        grid.addWidget(previous, 0, 1)
        grid.addWidget(following, 0, 2)
        grid.addWidget(self.status, 0, 3)
        grid.addWidget(close, 0, 4)
        options = QHBoxLayout()
        options.setContentsMargins(0, 0, 0, 0)
        for box in (self.case, self.whole, self.regex):
            options.addWidget(box)
        options.addStretch(1)
        grid.addLayout(options, 1, 0, 1, 5)
        grid.addWidget(self.replace_edit, 2, 0)
        grid.addWidget(self.replace_button, 2, 1, 1, 2)
        grid.addWidget(self.replace_all_button, 2, 3, 1, 2)
        grid.setColumnStretch(0, 1)
        self._replace_row = (self.replace_edit, self.replace_button, self.replace_all_button)

        self.find_edit.returnPressed.connect(self.find_next)
        self.replace_edit.returnPressed.connect(self.replace_one)
        self.find_edit.textChanged.connect(self._search_as_typed)
        QShortcut(
            QKeySequence("Shift+Return"), self.find_edit, lambda: self.find_next(backward=True)
        )

    # -- opening ---------------------------------------------------------------------

    def open(self, replace: bool = False) -> None:
        """Show the bar (with the replace row when `replace`), seeded with the selection."""
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_edit.setText(selected)
        for widget in self._replace_row:
            widget.setVisible(replace)
        self.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.editor.setFocus()
        self.closed.emit()

    # -- finding ---------------------------------------------------------------------

    def _flags(self, backward: bool = False) -> QTextDocument.FindFlag:
        flags = QTextDocument.FindFlag(0)
        if self.case.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        if self.whole.isChecked() and not self.regex.isChecked():
            flags |= QTextDocument.FindFlag.FindWholeWords
        if backward:
            flags |= QTextDocument.FindFlag.FindBackward
        return flags

    def _pattern(self) -> QRegularExpression | str | None:
        text = self.find_edit.text()
        if not text:
            return None
        if not self.regex.isChecked():
            return text
        pattern = rf"\b(?:{text})\b" if self.whole.isChecked() else text
        expression = QRegularExpression(pattern)
        if not self.case.isChecked():
            expression.setPatternOptions(QRegularExpression.PatternOption.CaseInsensitiveOption)
        if not expression.isValid():
            self._say(f"Bad pattern: {expression.errorString()}", error=True)
            return None
        return expression

    def _find_from(self, cursor: QTextCursor, backward: bool) -> QTextCursor:
        pattern = self._pattern()
        document = self.editor.document()
        if pattern is None:
            return QTextCursor()
        found = document.find(pattern, cursor, self._flags(backward))
        if found.isNull():  # wrap around
            start = QTextCursor(document)
            if backward:
                start.movePosition(QTextCursor.MoveOperation.End)
            found = document.find(pattern, start, self._flags(backward))
        if found.hasSelection():
            return found
        return QTextCursor()

    def find_next(self, backward: bool = False) -> bool:
        """Select the next (or previous) match, wrapping around; False when there is none."""
        if self._pattern() is None:
            return False
        found = self._find_from(self.editor.textCursor(), backward)
        if found.isNull():
            self._say("No matches", error=True)
            return False
        self.editor.setTextCursor(found)
        self.editor.centerCursor()
        self._say(f"{self.count()} matches")
        return True

    def _next(self) -> None:
        self.find_next()

    def count(self) -> int:
        pattern = self._pattern()
        if pattern is None or not self._may_replace():
            return 0
        document = self.editor.document()
        cursor = QTextCursor(document)
        n = 0
        while True:
            cursor = document.find(pattern, cursor, self._flags())
            if cursor.isNull() or not cursor.hasSelection():
                return n
            n += 1

    def _search_as_typed(self) -> None:
        cursor = self.editor.textCursor()
        cursor.setPosition(cursor.selectionStart())
        self.editor.setTextCursor(cursor)
        if self.find_edit.text():
            self.find_next()
        else:
            self._say("")

    # -- replacing -------------------------------------------------------------------

    def _replacement_for(self, matched: str) -> str:
        replacement = self.replace_edit.text()
        if not self.regex.isChecked():
            return replacement
        flags = 0 if self.case.isChecked() else re.IGNORECASE
        try:
            match = re.fullmatch(self.find_edit.text(), matched, flags)
            return match.expand(replacement) if match else replacement
        except (re.error, IndexError):
            return replacement

    def _selection_matches(self) -> bool:
        cursor = self.editor.textCursor()
        if not cursor.hasSelection():
            return False
        start = QTextCursor(self.editor.document())
        start.setPosition(cursor.selectionStart())
        found = self._find_from(start, backward=False)
        return (
            not found.isNull()
            and found.selectionStart() == cursor.selectionStart()
            and found.selectionEnd() == cursor.selectionEnd()
        )

    def _may_replace(self) -> bool:
        """Replacing edits through the code, which a read-only editor does not stop."""
        if self.editor.isReadOnly():
            self._say("This chapter is open read-only: nothing replaced", error=True)
            return False
        return True

    def replace_one(self) -> bool:
        """Replace the selected match and select the next one."""
        if not self._may_replace():
            return False
        if not self._selection_matches():
            return self.find_next()
        cursor = self.editor.textCursor()
        cursor.insertText(self._replacement_for(cursor.selectedText()))
        self.editor.setTextCursor(cursor)
        self.find_next()
        return True

    def replace_all(self) -> int:
        """Replace every match in the chapter as one undo step; the number replaced."""
        pattern = self._pattern()
        if pattern is None or not self._may_replace():
            return 0
        document = self.editor.document()
        cursor = QTextCursor(document)
        edit = QTextCursor(document)
        edit.beginEditBlock()
        n = 0
        while True:
            cursor = document.find(pattern, cursor, self._flags())
            if cursor.isNull() or not cursor.hasSelection():
                break
            cursor.insertText(self._replacement_for(cursor.selectedText()))
            n += 1
        edit.endEditBlock()
        self._say(f"Replaced {n}")
        return n

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #c0392b;" if error else "")


def _button(text: str, tip: str, slot: object) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setAutoRaise(True)
    button.clicked.connect(slot)
    return button
