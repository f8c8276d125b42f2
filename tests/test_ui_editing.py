"""Editing aids: find and replace, find in project, smart typing, counters, saving."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from studio.story.lines import FENCE_KINDS, LineKind, classify_lines
from studio.ui.editor.smart_typing import smart_replacement
from studio.ui.features.find import FindFeature
from studio.ui.features.focus_mode import FocusMode
from studio.ui.features.status import StatusFeature
from studio.ui.main_window import MainWindow
from studio.ui.pane import MessageBar
from tests.ui_helpers import as_shown, chapter_text, feature, open_window


@pytest.fixture
def window(qtbot: QtBot, sample_copy: Path) -> MainWindow:
    return open_window(qtbot, sample_copy)


def test_find_and_replace_in_the_chapter(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.focused_pane()
    window.shell.action("edit.replace").trigger()
    bar = pane.find_bar
    assert bar.isVisible() and bar.replace_edit.isVisible()
    qtbot.keyClicks(bar.find_edit, "maren")
    assert pane.editor.textCursor().selectedText() == "Maren"
    assert bar.count() == 3
    bar.case.setChecked(True)
    assert bar.count() == 0
    bar.case.setChecked(False)
    bar.find_edit.setText("the")
    plain = bar.count()
    bar.whole.setChecked(True)
    assert 0 < bar.count() < plain  # "the" but not "they" or "other"
    bar.whole.setChecked(False)
    bar.regex.setChecked(True)
    bar.find_edit.setText(r"(\w+) self\b")
    bar.replace_edit.setText(r"\1self")
    assert bar.replace_all() == 1
    assert "She told herself it was duty." in pane.editor.toPlainText()
    pane.editor.undo()
    assert "She told her self it was duty." in pane.editor.toPlainText()
    bar.regex.setChecked(False)
    bar.find_edit.setText("the the")
    bar.replace_edit.setText("the")
    assert pane.editor.textCursor().selectedText() == "the the"  # found as typed
    assert bar.replace_one()
    assert "over the dark water" in pane.editor.toPlainText()
    assert not bar.replace_one()  # nothing left to replace
    assert bar.status.text() == "No matches"
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_replace_changes_nothing_in_a_read_only_chapter(window: MainWindow) -> None:
    """A story opened read-only (another Studio holds it) cannot be changed by Replace."""
    pane = window.focused_pane()
    before = pane.editor.toPlainText()
    pane.editor.setReadOnly(True)
    window.shell.action("edit.replace").trigger()
    bar = pane.find_bar
    bar.find_edit.setText("the the")
    bar.replace_edit.setText("the")
    assert not bar.replace_one()
    assert bar.replace_all() == 0
    assert pane.editor.toPlainText() == before
    assert "read-only" in bar.status.text()


def test_a_bad_regular_expression_is_reported_not_raised(window: MainWindow) -> None:
    window.shell.action("edit.find").trigger()
    bar = window.focused_pane().find_bar
    bar.regex.setChecked(True)
    bar.find_edit.setText("(unclosed")
    assert not bar.find_next()
    assert "Bad pattern" in bar.status.text()


def test_find_in_project_lists_matches_and_jumps_to_them(qtbot: QtBot, window: MainWindow) -> None:
    window.shell.action("edit.find_in_project").trigger()
    assert feature(window, FindFeature).dock.isVisible()
    search = feature(window, FindFeature).search
    search.query.setText("Ezra")
    qtbot.keyClick(search.query, Qt.Key.Key_Return)
    assert search.results.topLevelItemCount() == 2  # chapters 2 and 3 mention him
    assert search.summary.text().startswith(f"{len(search.hits)} matches in 2 chapters")
    last = search.hits[-1]
    group = search.results.topLevelItem(1)
    search.results.itemActivated.emit(group.child(group.childCount() - 1), 0)
    pane = window.focused_pane()
    assert pane.chapter is not None and pane.chapter.file == last.file
    assert pane.editor.textCursor().selectedText() == "Ezra"
    assert pane.editor.textCursor().blockNumber() == last.line
    # unsaved text in an open chapter is searched too
    pane.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(pane.editor, " Zanzibar")
    search.query.setText("zanzibar")
    search.run()
    assert len(search.hits) == 1


def test_find_in_project_skips_the_lyrics_fences_markup_but_finds_the_verse(
    qtbot: QtBot, window: MainWindow, sample_copy: Path
) -> None:
    """`lyrics`, `song`, a song's id: words of the fence lines' markup, not of the story;
    a verse line is text and matches. Each fence line gets a word the prose lacks."""
    project = window.session.project
    assert project is not None
    fences, verses = 0, []
    for chapter in project.chapters:
        path = sample_copy / "chapters" / chapter.file.removeprefix("chapters/")
        lines = path.read_text(encoding="utf-8").split("\n")
        for n, kind in enumerate(classify_lines(lines)):
            if kind in FENCE_KINDS:
                fences += 1
            elif kind is LineKind.LYRICS_BODY and lines[n].strip():
                verses.append((chapter.file, n))
    assert fences and verses
    search = feature(window, FindFeature).search
    window.shell.action("edit.find_in_project").trigger()
    for word in ("lyrics", "song=", ":::"):
        search.query.setText(word)
        search.run()
        assert search.hits == [], word
        assert search.summary.text() == "No matches"
    file, line = verses[0]
    verse = (sample_copy / file).read_text(encoding="utf-8").split("\n")[line]
    search.query.setText(verse.strip())
    search.run()
    assert (file, line) in [(hit.file, hit.line) for hit in search.hits]
    assert search.summary.text().startswith(f"{len(search.hits)} match")


def test_smart_quotes_and_dashes_can_be_turned_off(qtbot: QtBot, window: MainWindow) -> None:
    editor = window.focused_pane().editor
    editor.quote_style = "curly"  # as in a story written with curly quotes (test_ui_format)
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "\"It's late -- go,\" she said 'now'.")
    assert editor.textCursor().block().text() == "“It’s late — go,” she said ‘now’."
    editor.undo()  # one undo takes back only the last curly quote, as typed
    assert window.shell.action("edit.smart_typing").isChecked()
    window.shell.action("edit.smart_typing").trigger()
    assert not editor.smart_typing
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "\"Plain\" -- 'text'")
    assert editor.textCursor().block().text() == "\"Plain\" -- 'text'"


def test_smart_typing_rules() -> None:
    assert smart_replacement('"', "", "") == (0, "“")
    assert smart_replacement('"', "word", "word") == (0, "”")
    assert smart_replacement("'", "don", "don") == (0, "’")
    assert smart_replacement("'", "(", "(") == (0, "‘")
    assert smart_replacement("-", "wait -", "wait -") == (1, "—")
    assert smart_replacement("-", "-", "-") is None  # a "---" scene break stays
    assert smart_replacement('"', "::: {.lyrics song=", "::: {.lyrics song=") is None


def test_counters_turn_red_past_the_archive_limits(qtbot: QtBot, window: MainWindow) -> None:
    summary = window.metadata.work_tab.fields["summary"]
    counter = summary.counter
    assert counter is not None
    assert counter.text() == f"{len(summary.value()):,} / 1,250"
    assert not counter.over
    summary.setPlainText("x" * 1251)
    assert counter.text() == "1,251 / 1,250" and counter.over
    assert "color" in counter.styleSheet()
    title = window.metadata.work_tab.fields["title"]
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "T" * 40)
    assert title.counter is not None and title.counter.text() == "40 / 255"
    tags = window.metadata.work_tab.fields["tags"]
    tags.setFocus()
    tags.selectAll()
    qtbot.keyClicks(tags, "Short, " + "y" * 151)
    assert tags.counter.isVisibleTo(window) and tags.counter.over
    assert window.project is not None and window.project.work.tags == ["Short", "y" * 151]


def test_a_failed_save_shows_the_error_and_keeps_the_text(
    qtbot: QtBot, window: MainWindow, sample_copy: Path
) -> None:
    pane = window.focused_pane()
    target = sample_copy / "chapters" / "01-the-signal.md"
    target.unlink()
    target.mkdir()  # a folder where the file was: the atomic rename must fail
    pane.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(pane.editor, " Keep me.")
    assert not pane.save()
    assert pane.is_dirty
    assert pane.editor.toPlainText().endswith("Keep me.")
    bar = pane.bar()
    assert isinstance(bar, MessageBar)
    assert str(target) in bar.label.text()
    assert feature(window, StatusFeature).save_label.text().endswith("Not saved")
    shutil.rmtree(target)
    assert pane.save()
    assert pane.bar() is None and not pane.is_dirty
    assert chapter_text(sample_copy, "01-the-signal.md").endswith("Keep me.\n")


def test_reload_from_disk_keeps_the_cursor_and_is_one_undo_step(
    qtbot: QtBot, window: MainWindow, sample_copy: Path
) -> None:
    pane = window.focused_pane()
    original = chapter_text(sample_copy, "01-the-signal.md")
    cursor = pane.editor.textCursor()
    cursor.setPosition(len("The lamp turned"))
    pane.editor.setTextCursor(cursor)
    (sample_copy / "chapters" / "01-the-signal.md").write_text(
        original + "\nA line added in another editor.\n", encoding="utf-8"
    )
    assert pane.reload_from_disk(keep_cursor=True)
    assert pane.editor.toPlainText().endswith(
        "A line added in another editor."
    )  # file end: no line
    assert pane.editor.textCursor().position() == len("The lamp turned")
    assert not pane.is_dirty
    pane.editor.undo()
    assert pane.editor.toPlainText() == as_shown(original)


def test_panes_take_a_bar_above_the_editor(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.focused_pane()
    bar = QLabel("The chapter changed on disk")
    pane.show_bar(bar)
    assert pane.bar() is bar and bar.isVisible()
    assert bar.geometry().bottom() <= pane.editor.geometry().top()
    pane.clear_bar()
    assert pane.bar() is None


def test_chapter_shown_signal_and_split_panes(qtbot: QtBot, window: MainWindow) -> None:
    seen: list[tuple[object, str]] = []
    window.chapter_shown.connect(lambda pane, chapter: seen.append((pane, chapter.file)))
    window.shell.action("view.split").setChecked(True)
    assert len(window.panes) == 2
    window.show_chapter("chapters/03-harbour-lights.md", window.panes[1])
    assert (window.panes[1], "chapters/03-harbour-lights.md") in seen
    window.panes[1].editor.setFocus()
    qtbot.waitUntil(lambda: window.focused_pane() is window.panes[1])
    assert window.chapter_list.current_file() == "chapters/03-harbour-lights.md"
    assert window.metadata.chapter_tab.fields["title"].value() == "Harbour Lights"
    window.shell.action("view.split").setChecked(False)
    assert window.panes == [window.all_panes[0]]
    assert window.focused_pane() is window.all_panes[0]


def test_focus_mode_hides_everything_but_the_text(qtbot: QtBot, window: MainWindow) -> None:
    window.shell.action("view.focus_mode").trigger()
    assert feature(window, FocusMode).on
    assert not window.chapters_box.isVisible() and not window.metadata.isVisible()
    assert not window.menuBar().isVisible() and not window.statusBar().isVisible()
    assert window.focused_pane().editor.isVisible()
    qtbot.keyClick(window.focused_pane().editor, Qt.Key.Key_Escape)
    assert not feature(window, FocusMode).on
    assert window.chapters_box.isVisible() and window.metadata.isVisible()
    assert window.menuBar().isVisible()


def test_extension_points_for_other_features(window: MainWindow) -> None:
    for key, title in (("file", "&File"), ("edit", "&Edit"), ("view", "&View")):
        assert window.shell.menu(key).title() == title
    assert window.shell.menu("tools").title() == "&Tools"
    tab = QLabel("Songs")
    index = window.shell.add_metadata_tab(tab, "Songs")
    assert window.metadata.tabText(index) == "Songs"
    dock = window.shell.add_dock(QLabel("Proofreading"), "Proofreading")
    titles = [a.text() for a in window.shell.menu("view").actions()]
    assert "Proofreading" in titles and "Find in Project" in titles
    dock.show()
    assert dock.isVisible()
    dock.toggleViewAction().trigger()
    assert not dock.isVisible()
    doc = window.focused_pane().document
    # the layers are the window features' own (review marks), none left from elsewhere
    assert doc is not None
    assert [type(layer).__name__ for layer in doc.highlighter.layers] == ["ReviewLayer"]
