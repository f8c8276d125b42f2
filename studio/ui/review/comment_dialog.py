"""The box a comment or a reply is typed in.

Not QInputDialog's multi-line box: there Tab types a tab and Enter a new line, so a
keyboard-only writer cannot finish. Here Tab moves to the buttons, Ctrl+Enter (as in
Word and Google Docs) or the OK button posts, Enter is a new line, Escape cancels.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class CommentDialog(QDialog):
    """One comment or reply (see module docstring)."""

    def __init__(self, parent: QWidget, title: str, label: str, quoted: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("reviewCommentDialog")
        self.setWindowTitle(title)
        self.label = QLabel(label)
        self.edit = QPlainTextEdit()
        self.edit.setObjectName("reviewCommentText")
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumSize(360, 110)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Post  (Ctrl+Enter)")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if quoted:
            words = QLabel(f"On “{quoted if len(quoted) <= 80 else quoted[:79] + '…'}”")
            words.setWordWrap(True)
            layout.addWidget(words)
        layout.addWidget(self.label)
        layout.addWidget(self.edit)
        layout.addWidget(buttons)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self, self.accept)

    def labelText(self) -> str:  # noqa: N802 (as QInputDialog names it)
        return self.label.text()

    def setTextValue(self, text: str) -> None:  # noqa: N802
        self.edit.setPlainText(text)

    def text(self) -> str:
        return self.edit.toPlainText().strip()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.accept()
            return
        super().keyPressEvent(event)


def ask_comment(parent: QWidget, title: str, label: str, quoted: str = "") -> str | None:
    """The typed comment, or None when cancelled or left empty."""
    dialog = CommentDialog(parent, title, label, quoted)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.text() or None
    finally:
        dialog.deleteLater()
