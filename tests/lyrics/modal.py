"""Answering the real modal dialogs of the lyrics UI, as the author would."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

W = TypeVar("W", bound=QWidget)


def answer_modal(kind: type[W], answer: Callable[[W], None]) -> list[str]:
    """Answer the next modal dialog of `kind` once it is open; the titles of those answered."""
    seen: list[str] = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(10, poll)
            return
        seen.append(dialog.windowTitle())
        answer(dialog)

    QTimer.singleShot(0, poll)
    return seen
