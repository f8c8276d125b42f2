"""Shared by the review window tests: the feature of a window, answering its dialogs."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QInputDialog

from studio.review import ChapterReview
from studio.ui.editor.chapter_editor import ChapterEditor
from studio.ui.main_window import MainWindow
from studio.ui.review.feature import ReviewFeature

CH1 = "chapters/01-the-signal.md"


def feature_of(window: MainWindow) -> ReviewFeature:
    found = window.findChild(ReviewFeature)
    assert isinstance(found, ReviewFeature)
    return found


def answer_next_dialog(text: str) -> None:
    """Type `text` into the next input dialog and press OK (when it shows)."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QInputDialog):
            dialog.setTextValue(text)
            dialog.accept()
        else:
            QTimer.singleShot(20, attempt)

    QTimer.singleShot(0, attempt)


def select_words(editor: ChapterEditor, words: str) -> QTextCursor:
    found = editor.document().find(words)
    assert not found.isNull(), words
    editor.setTextCursor(found)
    return found


def review_of(window: MainWindow, file: str = CH1) -> ChapterReview:
    return feature_of(window).state.review(file)
