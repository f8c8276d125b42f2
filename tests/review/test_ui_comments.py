"""Comments in the real window: add one to a selection, reply, resolve; it follows its
words while the author types around it, and it is saved beside the chapter."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from studio.review import load_review, set_reviewer_name, sidecar_path
from studio.story import Project
from studio.ui.main_window import MainWindow
from tests.review.ui_review_support import (
    CH1,
    answer_next_dialog,
    feature_of,
    review_of,
    select_words,
)
from tests.ui_helpers import chapter_text, open_window


def _saved_review(story: Path):  # type: ignore[no-untyped-def]
    project = Project.load(story)
    return load_review(project, CH1)


def _comment_by_shortcut(qtbot: QtBot, window: MainWindow, words: str, body: str) -> None:
    editor = window.focused_pane().editor
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    editor.setFocus()
    select_words(editor, words)
    answer_next_dialog(body)
    qtbot.keyClick(
        editor, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )


def test_comment_on_a_selection_reply_and_resolve(qtbot: QtBot, sample_copy: Path) -> None:
    set_reviewer_name("Ada Beta")
    window = open_window(qtbot, sample_copy)
    feature = feature_of(window)
    _comment_by_shortcut(qtbot, window, "ninety years", "Too long?")
    review = review_of(window)
    assert len(review.comments) == 1
    comment = review.comments[0]
    assert (comment.author, comment.text, comment.anchor.exact) == (
        "Ada Beta",
        "Too long?",
        "ninety years",
    )
    # saved beside the chapter at once, the chapter untouched
    assert sidecar_path(Project.load(sample_copy), CH1).is_file()
    saved = _saved_review(sample_copy)
    assert [c.text for c in saved.comments] == ["Too long?"]
    assert chapter_text(sample_copy, "01-the-signal.md") == (sample_copy / CH1).read_text(
        encoding="utf-8"
    )
    # tinted in the editor: the layer marks the words' block
    layer_runs = [
        run
        for layer in window.focused_pane().editor.highlighter().layers  # type: ignore[union-attr]
        if hasattr(layer, "runs")
        for runs in layer.runs.values()
        for run in runs
    ]
    assert len(layer_runs) == 1 and layer_runs[0][1] == len("ninety years")
    # the panel lists it and shows the thread; reply and resolve there
    panel = feature.panel
    assert feature.dock.isVisible()
    assert panel.selected() == (CH1, comment.id)
    assert "Too long?" in panel.thread_view.toPlainText()
    qtbot.keyClicks(panel.reply, "It's a lighthouse, they last.")
    qtbot.keyClick(panel.reply, Qt.Key.Key_Return)
    assert [r.text for r in comment.replies] == ["It's a lighthouse, they last."]
    assert "they last" in panel.thread_view.toPlainText()
    qtbot.mouseClick(panel.buttons["resolve"], Qt.MouseButton.LeftButton)
    assert comment.resolved
    saved = _saved_review(sample_copy)
    assert saved.comments[0].resolved
    assert [r.text for r in saved.comments[0].replies] == ["It's a lighthouse, they last."]
    assert panel.buttons["reopen"].isEnabled() and not panel.buttons["resolve"].isEnabled()
    qtbot.mouseClick(panel.buttons["reopen"], Qt.MouseButton.LeftButton)
    assert not _saved_review(sample_copy).comments[0].resolved


def test_the_comment_stays_on_its_words_while_typing_around_it(
    qtbot: QtBot, sample_copy: Path
) -> None:
    set_reviewer_name("Ada Beta")
    window = open_window(qtbot, sample_copy)
    _comment_by_shortcut(qtbot, window, "ninety years", "Too long?")
    editor = window.focused_pane().editor
    comment = review_of(window).comments[0]
    # type before it, inside the paragraph after it, and delete a word before it
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(editor, "Once more: ")
    select_words(editor, "Nobody")
    qtbot.keyClicks(editor, "No one at all")
    select_words(editor, "above her head ")
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    text = editor.toPlainText()
    assert text[comment.anchor.start : comment.anchor.end] == "ninety years"
    assert not comment.anchor.detached
    # the edits are saved, and the saved anchor is on the same words of the saved text
    qtbot.waitUntil(lambda: "Once more: " in (sample_copy / CH1).read_text(encoding="utf-8"))
    qtbot.waitUntil(
        lambda: _saved_review(sample_copy).comments[0].anchor.start == comment.anchor.start
    )
    saved_text = (sample_copy / CH1).read_text(encoding="utf-8")
    anchor = _saved_review(sample_copy).comments[0].anchor
    assert saved_text[anchor.start : anchor.end] == "ninety years"


def test_a_comment_made_after_typing_in_an_unreviewed_chapter_sits_on_its_words(
    qtbot: QtBot, sample_copy: Path
) -> None:
    """Typing in a chapter with nothing anchored is not tracked keystroke by keystroke
    (the review state reads the text again only when asked): a comment made after it
    must still land on, and stay on, the words selected."""
    set_reviewer_name("Ada Beta")
    window = open_window(qtbot, sample_copy)
    editor = window.focused_pane().editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(editor, "Typed before any comment. ")
    _comment_by_shortcut(qtbot, window, "ninety years", "Too long?")
    comment = review_of(window).comments[0]
    text = editor.toPlainText()
    assert text[comment.anchor.start : comment.anchor.end] == "ninety years"
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(editor, "And after. ")
    text = editor.toPlainText()
    assert text[comment.anchor.start : comment.anchor.end] == "ninety years"
    assert not comment.anchor.detached


def test_hovering_commented_words_shows_the_thread(qtbot: QtBot, sample_copy: Path) -> None:
    set_reviewer_name("Ada Beta")
    window = open_window(qtbot, sample_copy)
    _comment_by_shortcut(qtbot, window, "ninety years", "Too long?")
    editor = window.focused_pane().editor
    cursor = select_words(editor, "ninety years")
    cursor.setPosition(cursor.selectionStart() + 3)
    point = editor.cursorRect(cursor).center()
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    event = QHelpEvent(QEvent.Type.ToolTip, point, editor.viewport().mapToGlobal(point))
    QApplication.sendEvent(editor.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible)
    assert "Too long?" in QToolTip.text() and "Ada Beta" in QToolTip.text()
    # and the context menu there offers the thread's actions
    menu = editor.build_context_menu(editor.cursorRect(cursor).center() + QPoint(0, 0))
    labels = [a.text() for a in menu.actions()]
    assert "Comment by Ada Beta" in labels


def test_the_thread_popup_replies_and_resolves(qtbot: QtBot, sample_copy: Path) -> None:
    set_reviewer_name("Ada Beta")
    window = open_window(qtbot, sample_copy)
    _comment_by_shortcut(qtbot, window, "ninety years", "Too long?")
    editor = window.focused_pane().editor
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    editor.setFocus()
    cursor = select_words(editor, "ninety years")
    cursor.setPosition(cursor.selectionStart() + 2)
    menu = editor.build_context_menu(editor.cursorRect(cursor).center())
    opener = next(a for a in menu.actions() if a.text().startswith("Open Thread"))
    opener.trigger()
    popup = window.findChild(QWidget, "reviewThreadPopup")
    assert popup is not None and popup.isVisible()
    assert "Too long?" in popup.label.text()  # type: ignore[attr-defined]
    qtbot.keyClicks(popup.reply, "Keeping it.")  # type: ignore[attr-defined]
    qtbot.keyClick(popup.reply, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    comment = review_of(window).comments[0]
    assert [r.text for r in comment.replies] == ["Keeping it."]
    opener.trigger()
    popup = next(p for p in window.findChildren(QWidget, "reviewThreadPopup") if p.isVisible())
    qtbot.mouseClick(popup.buttons["resolve"], Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert comment.resolved
    assert _saved_review(sample_copy).comments[0].resolved


def test_the_comment_box_posts_with_ctrl_enter_and_keeps_new_lines(
    qtbot: QtBot, sample_copy: Path
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from studio.ui.review.comment_dialog import CommentDialog

    set_reviewer_name("Ada Beta")
    window = open_window(qtbot, sample_copy)
    editor = window.focused_pane().editor
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    editor.setFocus()
    select_words(editor, "ninety years")
    typed: list[bool] = []

    def type_into() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, CommentDialog):
            QTimer.singleShot(20, type_into)
            return
        qtbot.keyClicks(dialog.edit, "Too long?")
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.edit, "Or is it the point?")
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Tab)  # Tab leaves the text for the buttons
        typed.append(not dialog.edit.hasFocus() or "\t" not in dialog.edit.toPlainText())
        dialog.edit.setFocus()
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    QTimer.singleShot(0, type_into)
    qtbot.keyClick(
        editor, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    assert typed == [True]
    (comment,) = review_of(window).comments
    assert comment.text == "Too long?\nOr is it the point?"
