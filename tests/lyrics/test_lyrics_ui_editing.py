"""Mark as lyrics… / Unmark lyrics / verse paste, driven in a real QPlainTextEdit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot

from studio.story import BlockKind, Project, parse_blocks
from studio.ui.editor.chapter_editor import ChapterEditor
from studio.ui.lyrics.editing import LyricsEditing
from studio.ui.lyrics.mark_dialog import MarkLyricsDialog
from studio.ui.lyrics.paste import VersePaste
from studio.ui.lyrics.textedit import editor_text, selected_lines
from tests.lyrics.modal import answer_modal

PROSE = """She hummed it at the sink.

Hold the light for me, hold it high,
Hold it till the morning sky,

The kettle boiled over."""


class Harness:
    def __init__(self, qtbot: QtBot, project: Project, text: str = PROSE) -> None:
        self.window = QMainWindow()
        self.editor = ChapterEditor()
        self.editor.setPlainText(text)
        self.window.setCentralWidget(self.editor)
        qtbot.addWidget(self.window)
        self.messages: list[str] = []
        self.lyrics = LyricsEditing(
            project, lambda: self.editor, self.window, report=self.messages.append
        )
        VersePaste(self.editor)

    def select_lines(self, first: int, last: int) -> None:
        document = self.editor.document()
        cursor = self.editor.textCursor()
        cursor.setPosition(document.findBlockByNumber(first - 1).position())
        end = document.findBlockByNumber(last - 1)
        cursor.setPosition(end.position() + end.length() - 1, cursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)

    def cursor_to_line(self, line: int) -> None:
        cursor = self.editor.textCursor()
        cursor.setPosition(self.editor.document().findBlockByNumber(line - 1).position())
        self.editor.setTextCursor(cursor)


def accept_song(song_id: str) -> Callable[[MarkLyricsDialog], None]:
    def answer(dialog: MarkLyricsDialog) -> None:
        dialog.song.setCurrentIndex(dialog.song.findData(song_id))
        dialog.accept()

    return answer


def test_mark_selected_lines_for_a_library_song(qtbot: QtBot, sample: Project) -> None:
    h = Harness(qtbot, sample)
    h.select_lines(3, 4)
    seen = answer_modal(MarkLyricsDialog, accept_song("harbour-lights"))
    h.lyrics.mark_action.trigger()
    assert len(seen) == 1
    text = editor_text(h.editor)
    assert text == PROSE.replace(
        "Hold the light", '::: {.lyrics song="harbour-lights"}\nHold the light'
    ).replace("morning sky,\n", "morning sky,\n:::\n")
    lyrics = [b for b in parse_blocks(text) if b.kind is BlockKind.LYRICS]
    assert [b.song for b in lyrics] == ["harbour-lights"]
    assert h.editor.textCursor().blockNumber() == 3  # on the first verse line
    # one undo step takes it all back
    h.editor.undo()
    assert editor_text(h.editor) == PROSE


def test_shortcut_opens_the_dialog_and_cancel_changes_nothing(
    qtbot: QtBot, sample: Project
) -> None:
    h = Harness(qtbot, sample)
    h.window.show()
    qtbot.waitExposed(h.window)
    h.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is h.window, timeout=2000)
    h.editor.setFocus()
    h.select_lines(3, 4)
    seen = answer_modal(MarkLyricsDialog, lambda dialog: dialog.reject())
    qtbot.keyClick(h.editor, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(seen) == 1)
    assert editor_text(h.editor) == PROSE


def test_mark_for_a_new_song_adds_it_to_story_toml(qtbot: QtBot, sample: Project) -> None:
    h = Harness(qtbot, sample)
    h.cursor_to_line(4)  # no selection: the paragraph at the cursor

    def new_song(dialog: MarkLyricsDialog) -> None:
        dialog.choose_new_song("Morning Sky", "The Gull Choir")
        dialog.accept()

    answer_modal(MarkLyricsDialog, new_song)
    assert h.lyrics.mark()
    assert 'song="morning-sky"' in editor_text(h.editor)
    saved = Project.load(sample.root).songs["morning-sky"]
    assert (saved.title, saved.artist) == ("Morning Sky", "The Gull Choir")


def test_new_song_needs_a_title(qtbot: QtBot, sample: Project) -> None:
    dialog = MarkLyricsDialog(sample.songs, 2)
    qtbot.addWidget(dialog)
    dialog.choose_new_song("  ")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert not dialog.error.isHidden() and "title" in dialog.error.text()


def test_dialog_preselects_the_song_quoted_above(qtbot: QtBot, sample: Project) -> None:
    text = '::: {.lyrics song="harbour-lights"}\nLa\n:::\n\nProse.\n\nMore la\n'
    from studio.lyrics import SongDetails, add_song

    add_song(sample, SongDetails(title="Another"))  # two songs, so the choice matters
    assert len(sample.songs) > 1
    h = Harness(qtbot, sample, text)
    h.cursor_to_line(7)
    chosen: list[str | None] = []

    def look(dialog: MarkLyricsDialog) -> None:
        chosen.append(dialog.chosen_song())
        dialog.reject()

    answer_modal(MarkLyricsDialog, look)
    h.lyrics.mark()
    assert chosen == ["harbour-lights"]


def test_refused_selection_is_reported_without_a_dialog(qtbot: QtBot, sample: Project) -> None:
    h = Harness(qtbot, sample, "A\n\n* * *\n\nB")
    h.select_lines(1, 5)
    assert not h.lyrics.mark()
    assert h.messages == [
        "line 3 is a scene break, not lines of a lyric. Select only the lines of the lyric"
    ]


def test_unmark_turns_the_block_back_into_prose(qtbot: QtBot, sample: Project) -> None:
    chapter = sample.chapters[1]
    original = sample.read_chapter(chapter)
    h = Harness(qtbot, sample, original)
    h.cursor_to_line(23)  # "Hold it for the morning sky,"
    h.lyrics.unmark_action.trigger()
    text = editor_text(h.editor)
    assert "::: {.lyrics" not in text
    assert "\nHold the light for me, hold it high,\nHold it for the morning sky," in text
    assert h.editor.textCursor().blockNumber() == 20
    # and marking those lines again gives the chapter back exactly
    h.select_lines(21, 24)
    answer_modal(MarkLyricsDialog, accept_song("harbour-lights"))
    h.lyrics.mark()
    assert editor_text(h.editor) == original
    # unmark is one undo step as well
    h.cursor_to_line(22)
    h.lyrics.unmark()
    h.editor.undo()
    assert editor_text(h.editor) == original


def test_unmark_outside_a_block_says_so(qtbot: QtBot, sample: Project) -> None:
    h = Harness(qtbot, sample)
    h.cursor_to_line(1)
    assert not h.lyrics.unmark()
    assert h.messages == [
        "line 1 is not inside a lyrics block. Put the cursor in the block to unmark"
    ]
    assert editor_text(h.editor) == PROSE


def test_selected_lines_rules(qtbot: QtBot, sample: Project) -> None:
    h = Harness(qtbot, sample)
    h.select_lines(3, 4)
    assert selected_lines(h.editor) == (3, 4)
    cursor = h.editor.textCursor()  # a drag that ends at the start of the next line
    cursor.setPosition(h.editor.document().findBlockByNumber(2).position())
    cursor.setPosition(
        h.editor.document().findBlockByNumber(4).position(), cursor.MoveMode.KeepAnchor
    )
    h.editor.setTextCursor(cursor)
    assert selected_lines(h.editor) == (3, 4)
    h.cursor_to_line(6)
    assert selected_lines(h.editor) == (6, 6)


MARKED = 'Prose.\n\n::: {.lyrics song="harbour-lights"}\nHold the light for me,\n:::\n\nAfter.'


def test_paste_inside_a_block_keeps_verse_lines(qtbot: QtBot, sample: Project) -> None:
    line = 4
    h = Harness(qtbot, sample, MARKED)
    cursor = h.editor.textCursor()
    block = h.editor.document().findBlockByNumber(line - 1)
    cursor.setPosition(block.position() + block.length() - 1)
    h.editor.setTextCursor(cursor)
    QGuiApplication.clipboard().setText("\n    hold it high,  \r\n:::\n\n\n\nEvery boat\n")
    qtbot.keyClick(h.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    text = editor_text(h.editor)
    assert text == MARKED.replace(
        "Hold the light for me,\n", "Hold the light for me,\nhold it high,\n\nEvery boat\n"
    )
    block_after = next(b for b in parse_blocks(text) if b.kind is BlockKind.LYRICS)
    assert block_after.stanzas == [["Hold the light for me,", "hold it high,"], ["Every boat"]]
    h.editor.undo()  # one undo step
    assert editor_text(h.editor) == MARKED


def test_paste_at_the_start_of_a_verse_line(qtbot: QtBot, sample: Project) -> None:
    h = Harness(qtbot, sample, MARKED)
    h.cursor_to_line(4)
    QGuiApplication.clipboard().setText("One\nTwo")
    qtbot.keyClick(h.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert editor_text(h.editor) == MARKED.replace("Hold the light", "One\nTwo\nHold the light")


def test_paste_outside_a_block_is_left_alone(qtbot: QtBot, sample: Project) -> None:
    h = Harness(qtbot, sample, MARKED)
    h.cursor_to_line(1)
    QGuiApplication.clipboard().setText("    indented\n:::\n")
    qtbot.keyClick(h.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert editor_text(h.editor).startswith("    indented\n:::\nProse.")


def test_actions_are_on_the_window(qtbot: QtBot, sample: Project) -> None:
    h = Harness(qtbot, sample)
    assert h.lyrics.mark_action in h.window.actions()
    assert h.lyrics.mark_action.shortcut().toString() == "Ctrl+L"


def test_paste_after_an_emoji_in_the_middle_of_a_verse_line(qtbot: QtBot, sample: Project) -> None:
    text = 'P.\n\n::: {.lyrics song="harbour-lights"}\nHold 🌊 the light\n:::\n'
    h = Harness(qtbot, sample, text)
    cursor = h.editor.textCursor()
    block = h.editor.document().findBlockByNumber(3)
    cursor.setPosition(block.position() + len("Hold 🌊".encode("utf-16-le")) // 2)
    h.editor.setTextCursor(cursor)
    QGuiApplication.clipboard().setText("one\ntwo")
    qtbot.keyClick(h.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert editor_text(h.editor) == text.replace(
        "Hold 🌊 the light", "Hold 🌊\none\ntwo\n the light"
    )


def test_paste_from_the_context_menu_and_middle_click_keeps_verse_lines(
    qtbot: QtBot, sample: Project
) -> None:
    """The menu's Paste (the editor's paste slot) and a selection paste take the same path."""
    h = Harness(qtbot, sample, MARKED)
    h.cursor_to_line(4)
    QGuiApplication.clipboard().setText("One\n\n  Two  ")
    h.editor.paste()
    assert editor_text(h.editor) == MARKED.replace("Hold the light", "One\n\nTwo\nHold the light")


def test_dropping_lines_into_a_block_keeps_verse_lines(qtbot: QtBot, sample: Project) -> None:
    h = Harness(qtbot, sample, MARKED)
    h.cursor_to_line(4)
    dropped = QMimeData()
    dropped.setText("Salt\n:::\nStatic")
    h.editor.insertFromMimeData(dropped)
    assert editor_text(h.editor) == MARKED.replace("Hold the light", "Salt\nStatic\nHold the light")
