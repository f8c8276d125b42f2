"""Suggest mode in the real window, the parts beyond typing: Ctrl+Z takes back the last
proposal, text dropped in from outside becomes an insertion, a pending insertion is
drawn inline in a gap (the chapter file stays the author's)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, QRect, Qt
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QTextCursor,
)
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studio.review import Kind, load_review, set_reviewer_name
from studio.story import Project
from studio.ui.editor.chapter_editor import ChapterEditor
from studio.ui.main_window import MainWindow
from studio.ui.review.inline import INSERT_INK, InsertionOverlay
from studio.ui.review.positions import Positions
from tests.review.ui_review_support import CH1, feature_of, review_of, select_words
from tests.ui_helpers import open_window


def _suggesting(qtbot: QtBot, window: MainWindow) -> ChapterEditor:
    editor = window.focused_pane().editor
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    editor.setFocus()
    window.shell.action("review.suggest").setChecked(True)
    assert feature_of(window).suggesting
    assert feature_of(window).mode_label.isVisible()  # the status bar says so throughout
    return editor


def _caret_after(editor: ChapterEditor, words: str) -> None:
    cursor = select_words(editor, words)
    cursor.setPosition(cursor.selectionEnd())
    editor.setTextCursor(cursor)


def _disk(story: Path) -> bytes:
    return (story / CH1).read_bytes()


def test_ctrl_z_in_suggest_mode_takes_back_the_last_proposal_whole(
    qtbot: QtBot, sample_copy: Path
) -> None:
    set_reviewer_name("Ada Beta")
    window = open_window(qtbot, sample_copy)
    editor = _suggesting(qtbot, window)
    shown = editor.toPlainText()
    undo_steps = editor.document().availableUndoSteps()
    # three proposals: an insertion typed in a run, a replacement, a run of Backspaces
    _caret_after(editor, "the radio")
    qtbot.keyClicks(editor, " set")
    select_words(editor, "her self")
    qtbot.keyClicks(editor, "herself")
    _caret_after(editor, "Still, ")
    for _ in range(len("Still, ")):
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    review = review_of(window)
    assert [s.kind for s in review.pending_suggestions()] == [
        Kind.INSERT,
        Kind.REPLACE,
        Kind.DELETE,
    ]
    # each Ctrl+Z takes one whole proposal back, the newest first
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [s.kind for s in review.pending_suggestions()] == [Kind.INSERT, Kind.REPLACE]
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    (left,) = review.pending_suggestions()
    assert (left.kind, left.text) == (Kind.INSERT, " set")
    # the author's text and her own undo history were never touched
    assert editor.toPlainText() == shown
    assert editor.document().availableUndoSteps() == undo_steps
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not review.pending_suggestions()
    # nothing more to undo: a message, and still the author's text
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "no suggestion" in window.statusBar().currentMessage()
    assert editor.toPlainText() == shown
    window.shell.action("review.suggest").setChecked(False)
    assert not feature_of(window).mode_label.isVisible()
    # the sidecar follows: no suggestion left on disk
    project = Project.load(sample_copy)
    qtbot.waitUntil(lambda: not load_review(project, CH1).suggestions)


def test_text_dropped_from_outside_in_suggest_mode_becomes_an_insertion(
    qtbot: QtBot, sample_copy: Path
) -> None:
    set_reviewer_name("Ada Beta")
    before = _disk(sample_copy)
    window = open_window(qtbot, sample_copy)
    editor = _suggesting(qtbot, window)
    shown = editor.toPlainText()
    target = editor.document().find("radio hissing")
    assert not target.isNull()
    point = QTextCursor(editor.document())
    point.setPosition(target.selectionStart())
    at = QPointF(editor.cursorRect(point).center())
    mime = QMimeData()
    mime.setText("crackling ")
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    # as a real drag does: it enters, moves, drops (Qt delivers a drop only after that)
    viewport = editor.viewport()
    QApplication.sendEvent(viewport, QDragEnterEvent(at.toPoint(), actions, mime, left, none))
    QApplication.sendEvent(viewport, QDragMoveEvent(at.toPoint(), actions, mime, left, none))
    QApplication.sendEvent(viewport, QDropEvent(at, actions, mime, left, none))
    assert editor.toPlainText() == shown
    (made,) = review_of(window).pending_suggestions()
    assert (made.kind, made.text, made.author) == (Kind.INSERT, "crackling ", "Ada Beta")
    text = editor.toPlainText()
    # the drop point is the cursor position nearest the drop, at "radio" or beside it
    assert abs(made.anchor.start - text.index("radio hissing")) <= 1
    window.save_all()
    qtbot.waitUntil(lambda: len(load_review(Project.load(sample_copy), CH1).suggestions) == 1)
    assert _disk(sample_copy) == before


def _ink_pixels(overlay: InsertionOverlay, line: QRect) -> int:
    """How many pixels of the overlay's `line` are painted in the insertion's green ink."""
    image = overlay.grab(QRect(0, line.top(), overlay.width(), line.height())).toImage()
    ink = INSERT_INK
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = QColor(image.pixel(x, y))
            if (
                abs(pixel.red() - ink.red()) < 40
                and abs(pixel.green() - ink.green()) < 40
                and abs(pixel.blue() - ink.blue()) < 40
            ):
                count += 1
    return count


def test_a_pending_insertion_is_drawn_inline_and_the_file_stays_the_authors(
    qtbot: QtBot, sample_copy: Path
) -> None:
    set_reviewer_name("Ada Beta")
    before = _disk(sample_copy)
    window = open_window(qtbot, sample_copy)
    editor = _suggesting(qtbot, window)
    overlay = editor.viewport().findChild(InsertionOverlay)
    assert isinstance(overlay, InsertionOverlay)
    _caret_after(editor, "the radio")
    line = editor.cursorRect()
    qtbot.wait(50)
    assert _ink_pixels(overlay, line) == 0  # nothing proposed: nothing green
    qtbot.keyClicks(editor, " set")
    (made,) = review_of(window).pending_suggestions()
    # the character before the point is widened by the shown words' width
    (shown,) = overlay.current()
    positions = Positions(editor.toPlainText())
    point = positions.to_qt(made.anchor.start)
    assert (shown.point, shown.gap_at, shown.shown) == (point, point - 1, " set")
    block = editor.document().findBlock(point)
    gap = point - 1 - block.position()

    def widened() -> list[float]:
        return [
            r.format.fontLetterSpacing()
            for r in block.layout().formats()
            if r.start <= gap < r.start + r.length
            and r.format.fontLetterSpacingType() == QFont.SpacingType.AbsoluteSpacing
        ]

    qtbot.waitUntil(lambda: widened() == [shown.width])
    # the gap pushes the rest of the line right by that much
    after = QTextCursor(editor.document())
    after.setPosition(point)
    left_before_gap = editor.cursorRect(after).left()
    assert left_before_gap - editor.cursorRect(_at(editor, point - 1)).left() > shown.width
    # and the overlay paints the proposed words in green
    qtbot.waitUntil(lambda: _ink_pixels(overlay, line) > 20)
    # the text is the author's in the editor and on disk after a save
    assert " set" not in editor.toPlainText().split("the radio", 1)[1][:4]
    window.save_all()
    qtbot.waitUntil(lambda: len(load_review(Project.load(sample_copy), CH1).suggestions) == 1)
    assert _disk(sample_copy) == before
    # rejected: the gap closes and the green goes
    feature_of(window).act("reject", CH1, made.id)
    qtbot.waitUntil(lambda: not widened())
    qtbot.waitUntil(lambda: _ink_pixels(overlay, line) == 0)


def _at(editor: ChapterEditor, position: int) -> QTextCursor:
    cursor = QTextCursor(editor.document())
    cursor.setPosition(position)
    return cursor
