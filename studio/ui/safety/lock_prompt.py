"""Told that another Studio holds the project: open read-only, take over, or cancel."""

from __future__ import annotations

import html
from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from studio.safety import ProjectLockedError


class LockAnswer(Enum):
    READ_ONLY = "read-only"
    TAKE_OVER = "take-over"
    CANCEL = "cancel"


def lock_message_box(error: ProjectLockedError, parent: QWidget | None = None) -> QMessageBox:
    holder = error.holder
    since = holder.since.astimezone().strftime("%A %d %B at %H:%M")
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("This story is open elsewhere")
    box.setText(
        f"<b>This story is already open in Studio</b><br>"
        f"by {html.escape(holder.user or 'someone')} on {html.escape(holder.host)},"
        f" since {since}."  # the lock file's words are data, never markup
    )
    box.setInformativeText(
        "You can read it here without changing anything. Take over only if that Studio"
        " has stopped (for example the other computer crashed): two Studios editing one"
        " story would overwrite each other's work."
    )
    box.read_only_button = box.addButton("Open read-only", QMessageBox.ButtonRole.AcceptRole)  # type: ignore[attr-defined]
    box.take_over_button = box.addButton("Take over", QMessageBox.ButtonRole.DestructiveRole)  # type: ignore[attr-defined]
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(box.read_only_button)  # type: ignore[attr-defined]
    return box


def ask_about_lock(error: ProjectLockedError, parent: QWidget | None = None) -> LockAnswer:
    box = lock_message_box(error, parent)
    box.exec()
    clicked = box.clickedButton()
    if clicked is box.read_only_button:  # type: ignore[attr-defined]
        return LockAnswer.READ_ONLY
    if clicked is box.take_over_button:  # type: ignore[attr-defined]
        return LockAnswer.TAKE_OVER
    return LockAnswer.CANCEL
