"""File ▸ Import Review… and the reviewer's name, in the real window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from studio.review import reviewer_name
from studio.ui.main_window import MainWindow
from tests.review.review_support import add_review
from tests.review.test_import_review import clear_reviews, export_review, review_state
from tests.review.ui_review_support import (  # noqa: F401 (app_window: a fixture)
    CH1,
    answer_next_dialog,
    app_window,
    feature_of,
    review_of,
    select_words,
)
from tests.ui_helpers import open_window


def test_import_review_brings_the_editors_comments_into_the_open_story(
    qtbot: QtBot, sample_copy: Path, tmp_path: Path
) -> None:
    add_review(sample_copy)
    expected = review_state(sample_copy)
    sent = export_review(sample_copy, tmp_path / "back.docx")
    clear_reviews(sample_copy)
    window = open_window(qtbot, sample_copy)
    feature = feature_of(window)
    assert not review_of(window).comments
    assert window.shell.action("review.import").isEnabled()
    message = feature.import_review(sent)
    assert message.startswith("Imported ")
    assert review_state(sample_copy) == expected
    # the open window shows them at once: in the panel and on the words
    shown = sum(
        feature.panel.tree.topLevelItem(n).childCount()  # type: ignore[union-attr]
        for n in range(feature.panel.tree.topLevelItemCount())
    )
    everything = sum(len(r.comments) + len(r.suggestions) for r in feature.state.reviews.values())
    assert shown == everything == len(expected)
    assert review_of(window).comments


def test_bad_review_file_is_a_clear_message_and_nothing_changes(
    qtbot: QtBot, sample_copy: Path, tmp_path: Path
) -> None:
    window = open_window(qtbot, sample_copy)
    bad = tmp_path / "not-a-review.docx"
    bad.write_text("this is not a zip file", encoding="utf-8")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.accept()
        else:
            QTimer.singleShot(20, close_box)

    QTimer.singleShot(0, close_box)
    message = feature_of(window).import_review(bad)
    assert "not-a-review.docx" in message or "DOCX" in message or "docx" in message
    assert not (sample_copy / "reviews").exists()


def test_the_reviewer_is_asked_their_name_once(qtbot: QtBot, sample_copy: Path) -> None:
    assert reviewer_name() is None
    window = open_window(qtbot, sample_copy)
    editor = window.focused_pane().editor
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    editor.setFocus()
    select_words(editor, "ninety years")
    asked = answer_next_dialog("  Quill   Beta ", "Too long?")
    qtbot.keyClick(
        editor, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    assert len(asked) == 2 and "name" in asked[0].lower()
    assert reviewer_name() == "Quill Beta"
    assert review_of(window).comments[0].author == "Quill Beta"
    # the second comment asks only for the comment
    window.activateWindow()  # the dialog had the focus (offscreen gives it no way back)
    qtbot.waitUntil(window.isActiveWindow)
    editor.setFocus()
    select_words(editor, "the radio")
    asked = answer_next_dialog("Which radio?")
    qtbot.keyClick(
        editor, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    assert asked == ["Comment:"]
    assert [c.author for c in review_of(window).comments] == ["Quill Beta", "Quill Beta"]
    assert isinstance(window, MainWindow)
