"""Chapters in the window: add, rename, reorder, delete into the trash and restore."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomlkit
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit, QMenu
from pytestqt.qtbot import QtBot

from studio.story import Project, story_stats
from studio.story.trash import trash_dir, trashed_chapters
from studio.ui.features.chapters import ChapterFeature
from studio.ui.features.status import StatusFeature
from studio.ui.features.trash import TrashFeature
from studio.ui.main_window import MainWindow
from tests.ui_helpers import feature, open_window


@pytest.fixture
def window(qtbot: QtBot, sample_copy: Path) -> MainWindow:
    return open_window(qtbot, sample_copy)


def _feature(window: MainWindow, kind: type[ChapterFeature] | type[TrashFeature]) -> object:
    feature = window.shell.findChild(kind)
    assert feature is not None
    return feature


def _chapter_menu(window: MainWindow, file: str | None) -> dict[str, QAction]:
    """Right-click `file` in the chapter list (None: below the chapters): the actions
    of the menu that opens, by text, submenus' included."""
    chapters = window.chapter_list
    if file is None:
        at = QPoint(10, chapters.viewport().height() - 4)
    else:
        row = chapters.files().index(file)
        at = chapters.visualRect(chapters.model().index(row, 0)).center()
    chapters.customContextMenuRequested.emit(at)
    menu = _feature(window, ChapterFeature).menu  # type: ignore[attr-defined]
    assert isinstance(menu, QMenu)
    found: dict[str, QAction] = {}
    for action in menu.actions():
        if action.isSeparator():
            continue
        found[action.text()] = action
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            found.update({f"{action.text()}/{a.text()}": a for a in submenu.actions()})
    menu.close()
    return found


def _toml(story: Path) -> tomlkit.TOMLDocument:
    return tomlkit.parse((story / "story.toml").read_text(encoding="utf-8"))


def test_new_chapter_is_listed_shown_and_renamed_in_place(
    qtbot: QtBot, window: MainWindow, sample_copy: Path
) -> None:
    window.shell.action("chapter.new").trigger()
    assert window.chapter_list.count() == 4
    pane = window.focused_pane()
    assert pane.chapter is not None and pane.chapter.title == "Chapter 4"
    assert (sample_copy / pane.chapter.file).is_file()
    editor = window.chapter_list.findChild(QLineEdit)
    assert editor is not None and editor.isVisible()  # renaming started
    editor.selectAll()
    qtbot.keyClicks(editor, "Spring Tide")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _toml(sample_copy)["chapters"][3]["title"] == "Spring Tide")
    assert pane.header.text() == "Chapter 4 · Spring Tide"
    assert window.metadata.chapter_tab.fields["title"].value() == "Spring Tide"


def test_the_chapter_tab_edits_the_focused_pane_chapter(
    qtbot: QtBot, window: MainWindow, sample_copy: Path
) -> None:
    window.show_chapter("chapters/02-low-tide.md")
    tab = window.metadata.chapter_tab
    notes = tab.fields["notes"]
    assert notes.value() == "A short one, sorry! The next chapter is longer."
    notes.setFocus()
    notes.selectAll()
    qtbot.keyClicks(notes, "Written on the ferry.")
    title = tab.fields["title"]
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Slack Water")
    qtbot.waitUntil(lambda: _toml(sample_copy)["chapters"][1]["title"] == "Slack Water")
    doc = _toml(sample_copy)
    assert doc["chapters"][1]["notes"] == "Written on the ferry."
    assert doc["chapters"][0]["title"] == "The Signal"
    assert "Slack Water" in window.chapter_list.item(1).data(Qt.ItemDataRole.UserRole + 1)


def test_delete_moves_the_chapter_to_the_trash_and_restore_brings_it_back(
    qtbot: QtBot, window: MainWindow, sample_copy: Path
) -> None:
    window.show_chapter("chapters/02-low-tide.md")
    pane = window.focused_pane()
    pane.editor.moveCursor(pane.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(pane.editor, " Unsaved ending.")
    window.chapter_list.select_file("chapters/02-low-tide.md")
    window.shell.action("chapter.trash").trigger()
    assert [c["file"] for c in _toml(sample_copy)["chapters"]] == [
        "chapters/01-the-signal.md",
        "chapters/03-harbour-lights.md",
    ]
    assert not (sample_copy / "chapters" / "02-low-tide.md").exists()
    assert window.chapter_list.count() == 2
    assert pane.chapter is not None and pane.chapter.file == "chapters/03-harbour-lights.md"
    assert project_trash(sample_copy) == ["Low Tide"]
    trashed = next(trash_dir(Project.load(sample_copy)).glob("*.md"))
    assert trashed.read_text(encoding="utf-8").endswith("Unsaved ending.\n")  # saved first
    assert "moved to the trash" in window.statusBar().currentMessage()

    trash_menu = _feature(window, TrashFeature).menu  # type: ignore[attr-defined]
    trash_menu.aboutToShow.emit()  # File ▸ Restore Deleted Chapter
    entries = [a for a in trash_menu.actions() if a.isEnabled()]
    assert len(entries) == 1 and entries[0].text().startswith("Low Tide")
    entries[0].trigger()
    entry = _toml(sample_copy)["chapters"][2]
    assert entry["file"] == "chapters/02-low-tide.md"
    assert entry["notes"] == "A short one, sorry! The next chapter is longer."
    assert (
        (sample_copy / "chapters" / "02-low-tide.md")
        .read_text(encoding="utf-8")
        .endswith("Unsaved ending.\n")
    )
    assert project_trash(sample_copy) == []
    assert window.focused_pane().chapter is not None
    assert window.focused_pane().chapter.file == "chapters/02-low-tide.md"


def project_trash(story: Path) -> list[str]:
    return [item.title for item in trashed_chapters(Project.load(story))]


def test_move_up_and_down_reorders_story_toml(window: MainWindow, sample_copy: Path) -> None:
    _chapter_menu(window, "chapters/01-the-signal.md")["Move Down"].trigger()
    assert [c["title"] for c in _toml(sample_copy)["chapters"]] == [
        "Low Tide",
        "The Signal",
        "Harbour Lights",
    ]
    assert window.chapter_list.files()[1] == "chapters/01-the-signal.md"
    _chapter_menu(window, "chapters/01-the-signal.md")["Move Up"].trigger()
    assert _toml(sample_copy)["chapters"][0]["title"] == "The Signal"


def test_the_chapter_menu_trashes_restores_and_opens_in_the_other_pane(
    window: MainWindow, sample_copy: Path
) -> None:
    beside = _chapter_menu(window, None)  # below the chapters: add, or restore
    assert set(beside) == {"New Chapter", "Restore Deleted Chapter"}
    assert not beside["Restore Deleted Chapter"].isEnabled()  # the trash is empty
    _chapter_menu(window, "chapters/03-harbour-lights.md")["Open in Other Pane"].trigger()
    assert window.is_split
    other = window.all_panes[1]
    assert other.chapter is not None and other.chapter.file == "chapters/03-harbour-lights.md"
    _chapter_menu(window, "chapters/03-harbour-lights.md")["Move to Trash"].trigger()
    assert not (sample_copy / "chapters" / "03-harbour-lights.md").exists()
    assert other.chapter is not None and other.chapter.file == "chapters/02-low-tide.md"
    restore = _chapter_menu(window, None)
    assert restore["Restore Deleted Chapter"].isEnabled()
    restore["Restore Deleted Chapter/Harbour Lights"].trigger()
    assert [c["file"] for c in _toml(sample_copy)["chapters"]][-1] == (
        "chapters/03-harbour-lights.md"
    )
    assert project_trash(sample_copy) == []


def test_the_chapter_menu_offers_no_edits_read_only(window: MainWindow) -> None:
    edits = {"New Chapter", "Rename", "Move Up", "Move Down", "Move to Trash"}
    assert edits <= set(_chapter_menu(window, "chapters/01-the-signal.md"))
    window.session.set_read_only(True)
    shown = set(_chapter_menu(window, "chapters/01-the-signal.md"))
    assert shown and not shown & (edits | {"Restore Deleted Chapter", "Open in Other Pane"})
    assert _chapter_menu(window, None) == {}  # nothing to offer beside the chapters


def test_word_counts_show_selection_chapter_and_work(qtbot: QtBot, window: MainWindow) -> None:
    """The status bar says what `studio stats` says: words, prose and lyrics apart."""
    assert window.project is not None
    stats = story_stats(window.project)
    first = stats.chapters[0].counts
    work = (
        f"Work: {stats.words:,} words ({stats.prose_words:,} prose, {stats.lyrics_words:,} lyrics)"
    )
    qtbot.waitUntil(lambda: work in feature(window, StatusFeature).words_label.text())
    chapter = f"Chapter: {first.words} ({first.prose_words} prose, {first.lyrics_words} lyrics)"
    assert chapter in feature(window, StatusFeature).words_label.text()
    editor = window.focused_pane().editor
    cursor = editor.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(len("The lamp turned above"), cursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    qtbot.waitUntil(lambda: "Selection: 4" in feature(window, StatusFeature).words_label.text())
    editor.moveCursor(cursor.MoveOperation.End)
    qtbot.keyClicks(editor, " two more")
    more = (
        f"Chapter: {first.words + 2} ({first.prose_words + 2} prose, {first.lyrics_words} lyrics)"
    )
    qtbot.waitUntil(lambda: more in feature(window, StatusFeature).words_label.text())
    assert f"Work: {stats.words + 2:,} words" in feature(window, StatusFeature).words_label.text()
    assert window.chapter_list.item(0).data(Qt.ItemDataRole.UserRole + 2) == first.words + 2


def test_arrow_keys_in_the_list_show_the_chapter(qtbot: QtBot, window: MainWindow) -> None:
    chapters = window.chapter_list
    chapters.setFocus()
    qtbot.keyClick(chapters, Qt.Key.Key_Down)
    pane = window.focused_pane()
    assert pane.chapter is not None and pane.chapter.file == "chapters/02-low-tide.md"
    qtbot.keyClick(chapters, Qt.Key.Key_Down)
    assert pane.chapter is not None and pane.chapter.file == "chapters/03-harbour-lights.md"


def test_a_chapter_that_is_not_utf8_shows_why_and_the_rest_works(
    qtbot: QtBot, window: MainWindow, sample_copy: Path
) -> None:
    (sample_copy / "chapters" / "02-low-tide.md").write_bytes("Caf\xe9 au lait".encode("latin-1"))
    assert not window.show_chapter("chapters/02-low-tide.md")
    pane = window.focused_pane()
    bar = pane.bar()
    assert bar is not None
    text = bar.label.text()  # type: ignore[attr-defined]
    assert "02-low-tide.md:1" in text and "not UTF-8" in text
    assert pane.editor.isReadOnly() and pane.editor.toPlainText() == ""
    assert window.show_chapter("chapters/03-harbour-lights.md")
    assert pane.bar() is None and not pane.editor.isReadOnly()


def test_titles_with_markup_characters_show_as_typed(qtbot: QtBot, window: MainWindow) -> None:
    window.shell.chapter_rename_requested.emit(
        "chapters/01-the-signal.md", "<b>Loud</b> & <i>clear</i>"
    )
    header = window.focused_pane().header
    assert header.text() == "Chapter 1 · <b>Loud</b> & <i>clear</i>"
    assert header.textFormat() == Qt.TextFormat.PlainText


def test_new_chapters_keep_a_blank_line_before_each_table_of_story_toml(
    qtbot: QtBot, window: MainWindow, sample_copy: Path
) -> None:
    """The sample sets each table apart with a blank line, [songs…] after the chapters:
    a new chapter's entry used to run straight into it."""

    def apart(text: str) -> list[str]:
        lines = text.split("\n")
        return [line for n, line in enumerate(lines) if line.startswith("[") and n and lines[n - 1]]

    assert apart((sample_copy / "story.toml").read_text(encoding="utf-8")) == []
    for _ in range(2):
        window.shell.action("chapter.new").trigger()
        qtbot.keyClick(window.chapter_list.findChild(QLineEdit), Qt.Key.Key_Escape)
    assert window.save_story_file()
    text = (sample_copy / "story.toml").read_text(encoding="utf-8")
    assert text.count("[[chapters]]") == 5
    assert apart(text) == []
    assert not text.endswith("\n\n")
