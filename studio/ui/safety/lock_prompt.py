"""Told that another Studio holds the project: open read-only, take over, or cancel."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from studio.safety import ProjectLockedError
from studio.ui.safety.choice_prompt import Answer, choice_box, clicked_answer


class LockAnswer(Enum):
    READ_ONLY = "read-only"
    TAKE_OVER = "take-over"
    CANCEL = "cancel"


_ANSWERS = (
    Answer("read_only_button", "Open read-only", QMessageBox.ButtonRole.AcceptRole),
    Answer("take_over_button", "Take over", QMessageBox.ButtonRole.DestructiveRole),
)
_MEANING = {"read_only_button": LockAnswer.READ_ONLY, "take_over_button": LockAnswer.TAKE_OVER}


def lock_message_box(error: ProjectLockedError, parent: QWidget | None = None) -> QMessageBox:
    """Who holds the story and since when, in plain text (the lock file's words are data)."""
    holder = error.holder
    since = holder.since.astimezone().strftime("%A %d %B at %H:%M")
    return choice_box(
        name="lockPrompt",
        title="This story is open elsewhere",
        text=(
            "This story is already open in Studio\n"
            f"by {holder.user or 'someone'} on {holder.host}, since {since}."
        ),
        details=(
            "You can read it here without changing anything. Take over only if that Studio"
            " has stopped (for example the other computer crashed): two Studios editing one"
            " story would overwrite each other's work."
        ),
        answers=_ANSWERS,
        default="read_only_button",
        parent=parent,
    )


def ask_about_lock(error: ProjectLockedError, parent: QWidget | None = None) -> LockAnswer:
    clicked = clicked_answer(lock_message_box(error, parent), _ANSWERS)
    return _MEANING.get(clicked or "", LockAnswer.CANCEL)
