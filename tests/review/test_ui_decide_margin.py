"""The Review menu's and panel's Accept All / Reject All for a chapter, and the comment
markers in the editor's margin (a click opens the thread), in the real window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studio.review import Status, load_review, set_reviewer_name
from studio.story import Project
from studio.ui.editor.chapter_editor import ChapterEditor
from studio.ui.main_window import MainWindow
from studio.ui.review.margin import BUBBLE, CommentMargin
from studio.ui.review.popup import ThreadPopup
from tests.review.ui_review_support import CH1, feature_of, review_of, select_words
from tests.ui_helpers import as_shown, open_window


def _propose(qtbot: QtBot, window: MainWindow, edits: list[tuple[str, str]]) -> ChapterEditor:
    """In Suggest mode, select each of the words and type the new ones over them."""
    editor = window.focused_pane().editor
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    editor.setFocus()
    window.shell.action("review.suggest").setChecked(True)
    for old, new in edits:
        select_words(editor, old)
        qtbot.keyClicks(editor, new)
    window.shell.action("review.suggest").setChecked(False)
    return editor


def test_the_review_menu_holds_the_review_actions(qtbot: QtBot, sample_copy: Path) -> None:
    window = open_window(qtbot, sample_copy)
    menu = window.shell.menu("review")
    ids = {a.objectName() for a in menu.actions() if not a.isSeparator()}
    assert {
        "review.comment",
        "review.suggest",
        "review.accept_all",
        "review.reject_all",
        "review.panel",
    } <= ids
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("&Review") == titles.index("&Help") - 1


def test_accept_all_in_the_chapter_applies_every_pending_suggestion_as_one_step(
    qtbot: QtBot, sample_copy: Path
) -> None:
    set_reviewer_name("Ada Beta")
    window = open_window(qtbot, sample_copy)
    edits = [("her self", "herself"), ("with out", "without"), ("the the dark", "the dark")]
    editor = _propose(qtbot, window, edits)
    author_text = editor.toPlainText()
    review = review_of(window)
    assert len(review.pending_suggestions()) == len(edits)
    editor.setFocus()
    window.shell.action("review.accept_all").trigger()
    text = editor.toPlainText()
    expected = author_text
    for old, new in edits:
        expected = expected.replace(old, new, 1)
    assert text == expected
    assert not review.pending_suggestions()
    assert {s.status for s in review.suggestions} == {Status.ACCEPTED}
    assert "Accepted 3 suggestions" in window.statusBar().currentMessage()
    # one undo step takes the whole acceptance back
    editor.undo()
    assert editor.toPlainText() == author_text
    editor.redo()
    qtbot.waitUntil(lambda: as_shown((sample_copy / CH1).read_text(encoding="utf-8")) == expected)
    saved = load_review(Project.load(sample_copy), CH1)
    assert {s.status for s in saved.suggestions} == {Status.ACCEPTED}


def test_reject_all_from_the_panel_leaves_the_text_and_decides_that_chapter_only(
    qtbot: QtBot, sample_copy: Path
) -> None:
    set_reviewer_name("Ada Beta")
    window = open_window(qtbot, sample_copy)
    editor = _propose(qtbot, window, [("her self", "herself"), ("with out", "without")])
    author_text = editor.toPlainText()
    feature = feature_of(window)
    # a pending suggestion in another chapter stays pending
    other = window.project.chapters[1].file  # type: ignore[union-attr]
    other_text = feature.state.text_of(other)
    elsewhere = feature.state.review(other).add_suggestion(other_text, 0, 0, "Then ", "Ada Beta")
    feature.state.touch(other)
    feature.show_panel()
    panel = feature.panel
    panel.refresh()
    reject_all = panel.buttons["reject_all"]
    assert not reject_all.isEnabled()  # nothing selected: no chapter
    first = review_of(window).pending_suggestions()[0]
    panel.select(CH1, first.id)
    assert reject_all.isEnabled()
    qtbot.mouseClick(reject_all, Qt.MouseButton.LeftButton)
    assert not review_of(window).pending_suggestions()
    assert {s.status for s in review_of(window).suggestions} == {Status.REJECTED}
    assert editor.toPlainText() == author_text
    assert elsewhere.pending
    panel.select(CH1, first.id)
    assert not reject_all.isEnabled()  # nothing pending left in the chapter
    qtbot.waitUntil(
        lambda: (
            {s.status for s in load_review(Project.load(sample_copy), CH1).suggestions}
            == {Status.REJECTED}
        )
    )


def _bubble_pixels(margin: CommentMargin) -> int:
    image = margin.grab().toImage()
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = QColor(image.pixel(x, y))
            if (
                abs(pixel.red() - BUBBLE.red()) < 30
                and abs(pixel.green() - BUBBLE.green()) < 30
                and abs(pixel.blue() - BUBBLE.blue()) < 30
            ):
                count += 1
    return count


def test_a_comment_has_a_marker_in_the_margin_and_a_click_opens_its_thread(
    qtbot: QtBot, sample_copy: Path
) -> None:
    set_reviewer_name("Ada Beta")
    window = open_window(qtbot, sample_copy)
    editor = window.focused_pane().editor
    feature = feature_of(window)
    margin = next(m for m in feature.margins if m.editor is editor)
    assert margin.markers() == []
    assert _bubble_pixels(margin) == 0
    cursor = select_words(editor, "the static changed")
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    comment = feature.add_comment(CH1, start, end, "Does it hiss or hum?", "Ada Beta")
    qtbot.waitUntil(lambda: len(margin.markers()) == 1)
    # beside the column, never over the words, on the comment's line
    column = editor.viewport().geometry()
    assert margin.geometry().left() > column.right()
    assert margin.geometry().right() < editor.width()
    (marker,) = margin.markers()
    assert marker.comments == (comment,)
    editor.setTextCursor(cursor)
    line = editor.cursorRect(cursor)
    assert line.top() <= marker.rect.center().y() <= line.bottom()
    qtbot.waitUntil(lambda: _bubble_pixels(margin) > 30)
    # a click on it opens the thread at the words, and the panel shows it
    qtbot.mouseClick(margin, Qt.MouseButton.LeftButton, pos=marker.rect.center())
    popup = feature.popup
    assert isinstance(popup, ThreadPopup)
    qtbot.waitUntil(popup.isVisible)
    assert "Does it hiss or hum?" in popup.label.text()
    assert feature.panel.selected() == (CH1, comment.id)
    # resolving it from the thread takes its marker away
    qtbot.mouseClick(popup.buttons["resolve"], Qt.MouseButton.LeftButton)
    assert review_of(window).comment(comment.id).resolved
    qtbot.waitUntil(lambda: margin.markers() == [])
    qtbot.waitUntil(lambda: _bubble_pixels(margin) == 0)
    # a click where there is no marker opens nothing
    feature.popup = None
    qtbot.mouseClick(margin, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert feature.popup is None
    assert QApplication.activePopupWidget() is None


def test_comments_starting_on_one_line_share_a_marker_with_their_count(
    qtbot: QtBot, sample_copy: Path
) -> None:
    window = open_window(qtbot, sample_copy)
    editor = window.focused_pane().editor
    feature = feature_of(window)
    margin = next(m for m in feature.margins if m.editor is editor)
    text = feature.state.text_of(CH1)
    tops = []
    for words in ("fishing", "boats"):  # neighbours: one line of the wrapped paragraph
        at = text.index(f"{words}", text.index("The fishing boats"))
        feature.add_comment(CH1, at, at + len(words), f"About {words}", "Ada Beta")
        tops.append(editor.cursorRect(_cursor_at(editor, at)).top())
    assert tops[0] == tops[1]
    at = text.index("At ten past two")  # the next paragraph, on screen too
    feature.add_comment(CH1, at, at + 15, "Whose voice?", "Cy Editor")
    qtbot.waitUntil(lambda: len(margin.markers()) == 2)
    shared, single = margin.markers()
    assert [c.text for c in shared.comments] == [
        "About fishing",
        "About boats",
    ]
    assert [c.text for c in single.comments] == ["Whose voice?"]
    assert shared.rect.top() < single.rect.top()


def _cursor_at(editor: ChapterEditor, at: int) -> QTextCursor:
    cursor = QTextCursor(editor.document())
    cursor.setPosition(at)  # the sample's first paragraphs are plain ASCII: indices agree
    return cursor


def test_the_review_panel_fits_a_1280_pixel_window(qtbot: QtBot, sample_copy: Path) -> None:
    """Found in the xdotool tour: six buttons in one row made the dock, and so the
    window, wider than a 1280×800 screen, and the last buttons were cut off."""
    window = open_window(qtbot, sample_copy, size=(1280, 800))
    review_feature = feature_of(window)
    review_feature.show_panel()
    qtbot.waitUntil(review_feature.dock.isVisible)
    assert window.minimumSizeHint().width() <= 1280
    qtbot.waitUntil(lambda: window.width() <= 1280)
    for button in review_feature.panel.buttons.values():
        right = button.mapTo(window, button.rect().topRight()).x()
        assert right < window.width(), button.text()
