"""Closing while an outside change awaits the author: Keep mine, Take the file's, or stay."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from studio.ui.safety.choice_prompt import Answer, choice_box, clicked_answer


class ConflictAnswer(Enum):
    KEEP_MINE = "keep-mine"
    TAKE_FILE = "take-file"
    CANCEL = "cancel"


_ANSWERS = (
    Answer("keep_mine_button", "Keep mine", QMessageBox.ButtonRole.AcceptRole),
    Answer("take_file_button", "Take the file's", QMessageBox.ButtonRole.DestructiveRole),
)
_MEANING = {
    "keep_mine_button": ConflictAnswer.KEEP_MINE,
    "take_file_button": ConflictAnswer.TAKE_FILE,
}


def conflict_message_box(title: str, parent: QWidget | None = None) -> QMessageBox:
    """The question, in plain text (the title is the story's, never markup)."""
    return choice_box(
        name="closeConflict",
        title="Changed outside Studio",
        text=f"“{title}” was changed outside Studio while you have unsaved edits to it.",
        details=(
            "Both texts are kept whatever you choose. Keep mine saves your text and keeps"
            " the outside version in a backup (File ▸ Backups). Take the file's keeps the"
            " outside version and your text in the recovery journal, offered the next time"
            " you open the story."
        ),
        answers=_ANSWERS,
        parent=parent,
    )


def ask_about_conflict(title: str, parent: QWidget | None = None) -> ConflictAnswer:
    clicked = clicked_answer(conflict_message_box(title, parent), _ANSWERS)
    return _MEANING.get(clicked or "", ConflictAnswer.CANCEL)
