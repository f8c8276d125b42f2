"""The main window driven like an author would: the Done-when list of the desktop issue."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomlkit
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent, QTextCursor
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from studio.ui.features.status import StatusFeature
from studio.ui.main_window import MainWindow
from tests.ui_helpers import as_shown, chapter_text, feature, open_window


@pytest.fixture
def window(qtbot: QtBot, sample_copy: Path) -> MainWindow:
    return open_window(qtbot, sample_copy)


def _type_at_end(qtbot: QtBot, window: MainWindow, text: str, pane_index: int = 0) -> None:
    editor = window.all_panes[pane_index].editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    for number, line in enumerate(text.split("\n")):
        if number:
            qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.keyClicks(editor, line)


def test_opens_the_sample_story_on_its_first_chapter(window: MainWindow) -> None:
    assert window.project is not None
    assert window.windowTitle().startswith("Salt and Static")
    assert window.chapter_list.files() == [c.file for c in window.project.chapters]
    pane = window.focused_pane()
    assert pane.chapter is not None and pane.chapter.title == "The Signal"
    assert pane.editor.toPlainText().startswith("The lamp turned")
    assert not pane.editor.isReadOnly()
    assert window.panes == [pane]


def test_typed_text_is_on_disk_after_autosave(
    qtbot: QtBot, window: MainWindow, sample_copy: Path
) -> None:
    _type_at_end(qtbot, window, "\nThe kettle sang on the stove.")
    assert window.focused_pane().is_dirty
    assert feature(window, StatusFeature).save_label.text().endswith("Unsaved")
    qtbot.waitUntil(
        lambda: "The kettle sang on the stove." in chapter_text(sample_copy, "01-the-signal.md"),
        timeout=5000,
    )
    qtbot.waitUntil(lambda: not window.focused_pane().is_dirty)
    assert feature(window, StatusFeature).save_label.text().endswith("Saved")


def test_split_view_edits_the_same_chapter_in_both_panes(
    qtbot: QtBot, window: MainWindow, sample_copy: Path
) -> None:
    window.shell.action("view.split").trigger()
    left, right = window.panes
    assert right.isVisible()
    assert left.chapter is not None and right.chapter is not None
    assert left.chapter.file == right.chapter.file
    _type_at_end(qtbot, window, " Typed on the right.", pane_index=1)
    assert window.focused_pane() is right
    assert left.editor.toPlainText().endswith("Typed on the right.")
    _type_at_end(qtbot, window, " And on the left.", pane_index=0)
    assert window.focused_pane() is left
    assert right.editor.toPlainText().endswith("Typed on the right. And on the left.")
    qtbot.waitUntil(
        lambda: as_shown(chapter_text(sample_copy, "01-the-signal.md")).endswith(
            "Typed on the right. And on the left."
        ),
        timeout=5000,
    )
    # the other pane can show another chapter meanwhile
    window.show_chapter("chapters/03-harbour-lights.md", right)
    assert right.editor.toPlainText().startswith("They found the source")
    assert left.editor.toPlainText().startswith("The lamp turned")


def test_summary_edit_reaches_story_toml_with_comments_intact(
    qtbot: QtBot, window: MainWindow, sample_copy: Path
) -> None:
    summary = window.metadata.work_tab.fields["summary"]
    summary.setFocus()
    summary.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(summary, " A storm is coming.")
    story = sample_copy / "story.toml"
    qtbot.waitUntil(lambda: "A storm is coming." in story.read_text(encoding="utf-8"))
    text = story.read_text(encoding="utf-8")
    assert "# Salt and Static: Studio's sample story." in text
    assert 'dictionary = "en_GB"  # the story is written in British English' in text
    assert tomlkit.parse(text)["work"]["summary"].endswith("A storm is coming.")


def test_dragging_a_chapter_changes_the_order_in_story_toml(
    qtbot: QtBot, window: MainWindow, sample_copy: Path
) -> None:
    chapters = window.chapter_list
    assert chapters.dragDropMode() == QAbstractItemView.DragDropMode.InternalMove
    # drop the last chapter onto the top of the first, as a mouse drag would
    source = chapters.model().index(2, 0)
    mime: QMimeData = chapters.model().mimeData([source])
    chapters.setCurrentRow(2)
    target = chapters.visualItemRect(chapters.item(0)).topLeft() + QPoint(10, 2)
    event = QDropEvent(
        QPointF(target),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    chapters.dropEvent(event)
    expected = [
        "chapters/03-harbour-lights.md",
        "chapters/01-the-signal.md",
        "chapters/02-low-tide.md",
    ]
    assert chapters.files() == expected
    doc = tomlkit.parse((sample_copy / "story.toml").read_text(encoding="utf-8"))
    assert [c["file"] for c in doc["chapters"]] == expected
    assert doc["chapters"][0]["title"] == "Harbour Lights"
    # pressing on the dragged chapter showed it; its number follows the new order
    assert window.all_panes[0].header.text() == "Chapter 1 · Harbour Lights"


def test_closing_with_unsaved_text_saves_it(
    qtbot: QtBot, window: MainWindow, sample_copy: Path
) -> None:
    assert window.documents is not None
    window.documents.set_autosave_interval(60_000)  # autosave will not get there first
    _type_at_end(qtbot, window, " Last words before closing.")
    assert window.focused_pane().is_dirty
    assert window.close()
    assert as_shown(chapter_text(sample_copy, "01-the-signal.md")).endswith(
        "Last words before closing."
    )


def test_a_broken_story_toml_shows_file_and_line_and_the_app_keeps_working(
    qtbot: QtBot, sample_copy: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "chapters").mkdir()
    (broken / "story.toml").write_text('format = 1\n[work]\ntitle = "Unclosed\n', encoding="utf-8")
    studio = MainWindow()
    qtbot.addWidget(studio)
    studio.show()
    window = studio
    assert not window.open_project(broken)
    message = window.start_page.error.text()
    assert window.stack.currentWidget() is window.start_page
    assert f"{broken / 'story.toml'}:3" in message
    assert "not valid TOML" in message
    # the app still works: the good story opens, and a second broken one leaves it open
    assert window.open_project(sample_copy)
    assert not window.open_project(broken)
    assert window.project is not None and window.project.root == sample_copy.resolve()
    box = window.findChild(object, "openError")
    assert box is not None and "story.toml:3" in box.text()
    box.close()


def test_layout_and_cursor_come_back(qtbot: QtBot, sample_copy: Path) -> None:
    first = open_window(qtbot, sample_copy)
    first.shell.action("view.split").trigger()
    first.show_chapter("chapters/02-low-tide.md", first.all_panes[1])
    cursor = first.all_panes[1].editor.textCursor()
    cursor.setPosition(120)
    first.all_panes[1].editor.setTextCursor(cursor)
    first.shell.action("view.metadata").trigger()  # hide the metadata panel
    assert first.close()

    second = open_window(qtbot, sample_copy)
    assert second.is_split
    right = second.all_panes[1]
    assert right.chapter is not None and right.chapter.file == "chapters/02-low-tide.md"
    assert right.editor.textCursor().position() == 120
    assert not second.metadata.isVisibleTo(second)


def test_one_chapter_in_panes_of_different_widths_wraps_the_same_in_both(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Both panes share one document and so one layout width: neither may clip."""
    window.shell.action("view.metadata").trigger()
    window.shell.action("view.split").setChecked(True)
    window.pane_splitter.setSizes([330, 700])
    left, right = (p.editor for p in window.panes)
    qtbot.waitUntil(lambda: left.viewport().width() == right.viewport().width())
    layout_width = left.document().documentLayout().documentSize().width()
    assert layout_width <= left.viewport().width()
    # showing another chapter on the right gives it back its own, wider column
    window.show_chapter("chapters/02-low-tide.md", window.panes[1])
    qtbot.waitUntil(lambda: right.viewport().width() > left.viewport().width())
