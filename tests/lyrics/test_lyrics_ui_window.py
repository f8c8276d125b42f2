"""The lyrics feature in the real main window: Edit menu, panes, Songs tab, autosave."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from studio.story import BlockKind, Project, parse_blocks
from studio.ui.lyrics import install as lyrics_feature
from studio.ui.lyrics.install import MARK_ID, UNMARK_ID, LyricsFeature
from studio.ui.lyrics.mark_dialog import MarkLyricsDialog
from studio.ui.lyrics.textedit import editor_text
from studio.ui.main_window import MainWindow
from studio.ui.session import ReadOnlyError
from studio.ui.spelling import SpellingFeature
from tests.ui_helpers import as_shown, chapter_text, open_window, right_click


@pytest.fixture
def window(qtbot: QtBot, sample_copy: Path) -> MainWindow:
    return open_window(qtbot, sample_copy)


@pytest.fixture
def lyrics(window: MainWindow) -> LyricsFeature:
    """The lyrics feature with its Songs tab open, as the author would look at it."""
    feature = lyrics_feature.install(window.shell, window.session)
    window.metadata.setCurrentIndex(feature.tab_index)
    return feature


def select_lines(window: MainWindow, first: int, last: int) -> None:
    editor = window.focused_pane().editor
    document = editor.document()
    cursor = editor.textCursor()
    cursor.setPosition(document.findBlockByNumber(first - 1).position())
    end = document.findBlockByNumber(last - 1)
    cursor.setPosition(end.position() + end.length() - 1, cursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def test_edit_menu_and_songs_tab_are_in_the_window(
    window: MainWindow, lyrics: LyricsFeature
) -> None:
    ids = [a.objectName() for a in window.shell.menu("edit").actions()]
    assert MARK_ID in ids and UNMARK_ID in ids
    assert window.shell.action(MARK_ID).shortcut().toString() == "Ctrl+L"
    assert window.shell.action(UNMARK_ID).shortcut().toString() == "Ctrl+Alt+L"
    assert window.metadata.tabText(lyrics.tab_index) == "Songs"
    assert window.metadata.widget(lyrics.tab_index) is lyrics.songs_tab
    assert lyrics.songs_tab.places("harbour-lights") == [
        ("chapters/01-the-signal.md", 11),
        ("chapters/02-low-tide.md", 21),
        ("chapters/03-harbour-lights.md", 17),
    ]


def test_click_in_the_songs_tab_jumps_to_the_quotation(
    qtbot: QtBot, window: MainWindow, lyrics: LyricsFeature
) -> None:
    window.metadata.setCurrentIndex(lyrics.tab_index)
    tree = lyrics.songs_tab.tree
    qtbot.waitUntil(tree.isVisible)
    top = tree.topLevelItem(0)
    assert top is not None
    child = top.child(1)
    assert child is not None
    rect = tree.visualItemRect(child)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    pane = window.focused_pane()
    assert pane.chapter is not None and pane.chapter.file == "chapters/02-low-tide.md"
    assert pane.editor.textCursor().blockNumber() == 20
    assert pane.editor.textCursor().block().text().startswith('::: {.lyrics song="harbour-lights"}')


def test_mark_and_unmark_in_the_real_editor_reach_the_disk(
    qtbot: QtBot, window: MainWindow, lyrics: LyricsFeature, sample_copy: Path
) -> None:
    editor = window.focused_pane().editor
    original = editor_text(editor)
    assert editor.document().findBlockByNumber(8).text().startswith("She knew the song")
    select_lines(window, 9, 9)
    window.shell.action(MARK_ID).trigger()
    dialog = window.findChild(MarkLyricsDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.accept()  # the song quoted below is offered
    marked = editor_text(editor)
    assert marked.split("\n")[8:11] == [
        '::: {.lyrics song="harbour-lights"}',
        original.split("\n")[8],
        ":::",
    ]
    qtbot.waitUntil(
        lambda: as_shown(chapter_text(sample_copy, "01-the-signal.md")) == marked, timeout=5000
    )
    lyrics.songs_tab.refresh()
    assert ("chapters/01-the-signal.md", 9) in lyrics.songs_tab.places("harbour-lights")
    # and back
    window.shell.action(UNMARK_ID).trigger()
    assert editor_text(editor) == original
    qtbot.waitUntil(
        lambda: as_shown(chapter_text(sample_copy, "01-the-signal.md")) == original, timeout=5000
    )


def test_mark_for_a_new_song_saves_story_toml(
    qtbot: QtBot, window: MainWindow, lyrics: LyricsFeature, sample_copy: Path
) -> None:
    select_lines(window, 1, 1)

    dialog = lyrics.editing.mark()
    assert dialog is not None
    dialog.choose_new_song("Lamp Room Blues", "Old Tamsin")
    dialog.accept()
    assert editor_text(window.focused_pane().editor).startswith(
        '::: {.lyrics song="lamp-room-blues"}\nThe lamp turned'
    )
    qtbot.waitUntil(
        lambda: "[songs.lamp-room-blues]" in (sample_copy / "story.toml").read_text("utf-8"),
        timeout=5000,
    )
    assert Project.load(sample_copy).songs["lamp-room-blues"].artist == "Old Tamsin"
    lyrics.songs_tab.refresh()
    assert lyrics.songs_tab.places("lamp-room-blues") == [("chapters/01-the-signal.md", 1)]


def test_refusal_goes_to_the_status_bar(window: MainWindow, lyrics: LyricsFeature) -> None:
    editor = window.focused_pane().editor
    cursor = editor.textCursor()
    cursor.setPosition(0)
    editor.setTextCursor(cursor)
    window.shell.action(UNMARK_ID).trigger()
    assert window.statusBar().currentMessage().startswith("line 1 is not inside a lyrics block")


def test_paste_into_a_block_in_the_real_editor(
    qtbot: QtBot, window: MainWindow, lyrics: LyricsFeature
) -> None:
    editor = window.focused_pane().editor
    block = editor.document().findBlockByNumber(14)  # "Follows harbour lights to me."
    assert block.text() == "Follows harbour lights to me."
    cursor = editor.textCursor()
    cursor.setPosition(block.position() + block.length() - 1)
    editor.setTextCursor(cursor)
    editor.setFocus()
    QGuiApplication.clipboard().setText("\n  Salt on the window,\n:::\n\n\nstatic on the line\n")
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    lines = editor_text(editor).split("\n")
    assert lines[14:20] == [
        "Follows harbour lights to me.",
        "Salt on the window,",
        "",
        "static on the line",
        ":::",
        "",
    ]


def test_removing_a_quoted_song_from_the_tab_asks_then_saves(
    qtbot: QtBot, window: MainWindow, lyrics: LyricsFeature, sample_copy: Path
) -> None:
    tab = lyrics.songs_tab
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))

    def confirm() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, confirm)
            return
        next(b for b in box.buttons() if b.text() == "Remove Song").click()

    QTimer.singleShot(0, confirm)
    assert tab.remove_song()
    qtbot.waitUntil(
        lambda: "[songs" not in (sample_copy / "story.toml").read_text("utf-8"), timeout=5000
    )


def test_feature_follows_the_project(
    qtbot: QtBot, window: MainWindow, lyrics: LyricsFeature, tmp_path: Path
) -> None:
    assert window.close_project()
    assert lyrics.songs_tab.project is None and not lyrics.songs_tab.isEnabled()
    assert lyrics.current_editor() is None
    assert lyrics.editing.mark() is None
    assert not window.shell.action(MARK_ID).isEnabled()


def test_typing_inside_a_block_keeps_the_block(
    qtbot: QtBot, window: MainWindow, lyrics: LyricsFeature
) -> None:
    editor = window.focused_pane().editor
    block = editor.document().findBlockByNumber(14)  # "Follows harbour lights to me."
    cursor = editor.textCursor()
    cursor.setPosition(block.position() + block.length() - 1)
    editor.setTextCursor(cursor)
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "Every light")
    quoted = [b for b in parse_blocks(editor_text(editor)) if b.kind is BlockKind.LYRICS]
    assert quoted[0].lines[-2:] == ("Follows harbour lights to me.", "Every light")
    assert quoted[0].song == "harbour-lights"


def test_mark_and_unmark_are_in_the_editors_right_click_menu(
    qtbot: QtBot, window: MainWindow, lyrics: LyricsFeature
) -> None:
    """The right-click menu as the real window builds it, spelling feature and all."""
    spelling = SpellingFeature(window.shell, window.session)
    editor = window.focused_pane().editor
    for word in ("lamp", "definately"):
        if word == "definately":
            window.show_chapter(window.project.chapters[1].file if window.project else "")
            editor = window.focused_pane().editor
            qtbot.waitUntil(
                lambda: (
                    spelling.session is not None
                    and spelling.session.is_misspelled_now("definately")
                )
            )
        found = editor.document().find(word)
        editor.ensureCursorVisible()
        point = editor.cursorRect(found).center()
        menu = spelling.menu_for(editor, point)
        actions = menu.actions()
        if word == "definately":
            assert actions[0].text() == "definitely"  # the suggestions come first
        assert window.shell.action(MARK_ID) in actions, word
        assert window.shell.action(UNMARK_ID) not in actions, word  # prose: no lyrics here
        menu.deleteLater()


def test_unmark_shows_only_inside_a_lyrics_block_and_unmarks_the_one_clicked(
    qtbot: QtBot, window: MainWindow, lyrics: LyricsFeature
) -> None:
    """Right-click a verse line with the text cursor up in the prose: Unmark Lyrics is
    offered and unmarks that block; right-click prose (or the line after the block):
    it is not there."""
    editor = window.focused_pane().editor
    unmark = window.shell.action(UNMARK_ID).text()
    mark = window.shell.action(MARK_ID).text()
    blocks = [b for b in parse_blocks(editor_text(editor)) if b.kind is BlockKind.LYRICS]
    assert blocks
    verse = blocks[0].start + 1  # 0-based: the first verse line, after the fence
    prose = max(
        b.end - 1
        for b in parse_blocks(editor_text(editor))
        if b.kind is BlockKind.PARAGRAPH and b.end <= blocks[0].start
    )  # the prose just before the song
    document = editor.document()
    editor.setTextCursor(QTextCursor(document.findBlockByNumber(verse)))
    editor.centerCursor()

    def point(line: int) -> QPoint:
        editor.setTextCursor(QTextCursor(document.findBlockByNumber(prose)))  # elsewhere
        cursor = QTextCursor(document.findBlockByNumber(line))
        cursor.movePosition(QTextCursor.MoveOperation.EndOfWord)
        at = editor.cursorRect(cursor).center()
        assert editor.viewport().rect().contains(at)  # on screen
        return at

    for line in (prose, blocks[0].end):  # a prose line, the line after the block
        shown = [text.split("\t")[0] for text in right_click(editor, point(line))]
        assert mark in shown and unmark not in shown, line
    shown = right_click(editor, point(verse), choose=unmark)
    assert unmark in shown
    left = [b for b in parse_blocks(editor_text(editor)) if b.kind is BlockKind.LYRICS]
    assert len(left) == len(blocks) - 1


def test_the_shortcut_opens_the_dialog_and_cancel_changes_nothing(
    qtbot: QtBot, window: MainWindow, lyrics: LyricsFeature
) -> None:
    editor = window.focused_pane().editor
    original = editor_text(editor)
    window.activateWindow()
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus, timeout=2000)
    select_lines(window, 9, 9)
    qtbot.keyClick(editor, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(MarkLyricsDialog)
    assert dialog is not None and dialog.isVisible()  # open(): the test goes on at once
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert editor_text(editor) == original


def test_read_only_turns_the_actions_off_and_the_session_refuses_the_edit(
    qtbot: QtBot, window: MainWindow, lyrics: LyricsFeature, sample_copy: Path
) -> None:
    """Read-only arriving while the song is asked: accepting changes nothing, because
    the edit asks the session for its cursor."""
    editor = window.focused_pane().editor
    original = editor_text(editor)
    select_lines(window, 9, 9)
    dialog = lyrics.editing.mark()
    assert dialog is not None
    window.session.set_read_only(True)
    assert not window.shell.action(MARK_ID).isEnabled()
    assert not window.shell.action(UNMARK_ID).isEnabled()
    dialog.accept()
    assert editor_text(editor) == original
    assert "read-only" in window.statusBar().currentMessage()
    with pytest.raises(ReadOnlyError):
        lyrics.editing.mark_lines(editor, 9, 9, "harbour-lights")
    assert editor_text(editor) == original
    assert as_shown(chapter_text(sample_copy, "01-the-signal.md")) == original
