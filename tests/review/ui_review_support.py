"""Shared by the review window tests: the feature of a window, answering its dialogs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from studio.review import ChapterReview
from studio.ui.app import create_window
from studio.ui.editor.chapter_editor import ChapterEditor
from studio.ui.main_window import MainWindow
from studio.ui.review.comment_dialog import CommentDialog
from studio.ui.review.feature import ReviewFeature

CH1 = "chapters/01-the-signal.md"


@pytest.fixture
def app_window(qtbot: QtBot, sample_copy: Path) -> Iterator[MainWindow]:
    """The application's window (the safety feature watches the folder)."""
    window = create_window()
    qtbot.addWidget(window)
    window.prefs.autosave_ms = 150
    assert window.open_project(sample_copy)
    window.show()
    qtbot.waitExposed(window)
    try:
        yield window
    finally:
        window.close_project()


def feature_of(window: MainWindow) -> ReviewFeature:
    found = window.findChild(ReviewFeature)
    assert isinstance(found, ReviewFeature)
    return found


def answer_next_dialog(*texts: str) -> list[str]:
    """Type each of `texts` into the next input dialogs in turn and press OK; returns
    the dialogs' labels as they were asked."""
    asked: list[str] = []
    queue = list(texts)
    seen: list[QInputDialog] = []

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if (
            isinstance(dialog, QInputDialog | CommentDialog)
            and dialog not in seen
            and dialog.isVisible()
        ):
            seen.append(dialog)
            asked.append(dialog.labelText())
            dialog.setTextValue(queue.pop(0))
            dialog.accept()
        if queue:
            QTimer.singleShot(20, attempt)

    QTimer.singleShot(0, attempt)
    return asked


def select_words(editor: ChapterEditor, words: str) -> QTextCursor:
    found = editor.document().find(words)
    assert not found.isNull(), words
    editor.setTextCursor(found)
    return found


def review_of(window: MainWindow, file: str = CH1) -> ChapterReview:
    return feature_of(window).state.review(file)
