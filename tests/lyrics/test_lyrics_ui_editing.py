"""Mark as lyrics… / Unmark lyrics / verse paste, driven in a real QPlainTextEdit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from studio.story import BlockKind, Project, parse_blocks
from studio.ui.editor.chapter_editor import ChapterEditor
from studio.ui.lyrics.editing import CHANGED_MEANWHILE, LyricsEditing
from studio.ui.lyrics.mark_dialog import MarkLyricsDialog
from studio.ui.lyrics.paste import VersePaste
from studio.ui.lyrics.textedit import editor_text, selected_lines

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

    def mark(self, answer: Callable[[MarkLyricsDialog], None]) -> list[str | None]:
        """Mark as lyrics…, the dialog answered by `answer`; the song it offered first."""
        dialog = self.lyrics.mark()
        assert dialog is not None and dialog.isVisible()  # open(), not a blocking exec()
        assert dialog.windowModality() is Qt.WindowModality.WindowModal
        offered = [dialog.chosen_song()]
        answer(dialog)
        assert not dialog.isVisible()
        return offered

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
    h.mark(accept_song("harbour-lights"))
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


def test_cancel_changes_nothing(qtbot: QtBot, sample: Project) -> None:
    h = Harness(qtbot, sample)
    h.select_lines(3, 4)
    h.mark(lambda dialog: dialog.reject())
    assert editor_text(h.editor) == PROSE


def test_a_text_changed_while_asking_is_not_marked(qtbot: QtBot, sample: Project) -> None:
    """The dialog does not block: if the text changes meanwhile (an outside change
    reloaded it), accepting marks nothing and says why."""
    h = Harness(qtbot, sample)
    h.select_lines(3, 4)

    def change_then_accept(dialog: MarkLyricsDialog) -> None:
        h.editor.setPlainText(PROSE.replace("kettle", "pot"))
        dialog.accept()

    h.mark(change_then_accept)
    assert editor_text(h.editor) == PROSE.replace("kettle", "pot")
    assert h.messages == [CHANGED_MEANWHILE]


def test_mark_for_a_new_song_adds_it_to_story_toml(qtbot: QtBot, sample: Project) -> None:
    h = Harness(qtbot, sample)
    h.cursor_to_line(4)  # no selection: the paragraph at the cursor

    def new_song(dialog: MarkLyricsDialog) -> None:
        dialog.choose_new_song("Morning Sky", "The Gull Choir")
        dialog.accept()

    h.mark(new_song)
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
    assert h.mark(lambda dialog: dialog.reject()) == ["harbour-lights"]


def test_refused_selection_is_reported_without_a_dialog(qtbot: QtBot, sample: Project) -> None:
    h = Harness(qtbot, sample, "A\n\n* * *\n\nB")
    h.select_lines(1, 5)
    assert h.lyrics.mark() is None
    assert h.messages == [
        "line 3 is a scene break, not lines of a lyric. Select only the lines of the lyric"
    ]


def test_unmark_turns_the_block_back_into_prose(qtbot: QtBot, sample: Project) -> None:
    chapter = sample.chapters[1]
    original = sample.read_chapter(chapter)
    h = Harness(qtbot, sample, original)
    h.cursor_to_line(23)  # "Hold it for the morning sky,"
    assert h.lyrics.unmark()
    text = editor_text(h.editor)
    assert "::: {.lyrics" not in text
    assert "\nHold the light for me, hold it high,\nHold it for the morning sky," in text
    assert h.editor.textCursor().blockNumber() == 20
    # and marking those lines again gives the chapter back exactly
    h.select_lines(21, 24)
    h.mark(accept_song("harbour-lights"))
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
