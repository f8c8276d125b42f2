"""Closing while an outside change awaits the author: Keep mine, Take the file's, or stay."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


class ConflictAnswer(Enum):
    KEEP_MINE = "keep-mine"
    TAKE_FILE = "take-file"
    CANCEL = "cancel"


def conflict_message_box(title: str, parent: QWidget | None = None) -> QMessageBox:
    """The question, in plain text (the title is the story's, never markup)."""
    box = QMessageBox(parent)
    box.setObjectName("closeConflict")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Changed outside Studio")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(f"“{title}” was changed outside Studio while you have unsaved edits to it.")
    box.setInformativeText(
        "Both texts are kept whatever you choose. Keep mine saves your text and keeps the"
        " outside version in a backup (File ▸ Backups). Take the file's keeps the outside"
        " version and your text in the recovery journal, offered the next time you open"
        " the story."
    )
    box.keep_mine_button = box.addButton("Keep mine", QMessageBox.ButtonRole.AcceptRole)  # type: ignore[attr-defined]
    box.take_file_button = box.addButton("Take the file's", QMessageBox.ButtonRole.DestructiveRole)  # type: ignore[attr-defined]
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box


def ask_about_conflict(title: str, parent: QWidget | None = None) -> ConflictAnswer:
    box = conflict_message_box(title, parent)
    box.exec()
    clicked = box.clickedButton()
    if clicked is box.keep_mine_button:  # type: ignore[attr-defined]
        return ConflictAnswer.KEEP_MINE
    if clicked is box.take_file_button:  # type: ignore[attr-defined]
        return ConflictAnswer.TAKE_FILE
    return ConflictAnswer.CANCEL
