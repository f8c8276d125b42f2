""" "+N words today" counts only what the author writes in Studio: a chapter that comes
back (the missing-chapter bar's Use), or words another program put in a chapter, move
the story's length but are not words written today. Real window, real files."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from studio.story import Project, count_words, story_stats
from studio.story.progress import load_history, record_words
from studio.ui.features.progress import ProgressFeature
from studio.ui.main_window import MainWindow
from studio.ui.safety.bars import NoticeBar
from tests.safety.windows import opened_story
from tests.ui_helpers import feature

OUTSIDE_WORDS = "The kettle clicked off while the harbour lights went amber one by one.\n"


def _type_at_end(qtbot: QtBot, window: MainWindow, text: str) -> None:
    editor = window.focused_pane().editor
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    editor.setFocus()
    qtbot.keyClicks(editor, text)


def test_a_chapter_that_comes_back_is_not_words_written_today(
    qtbot: QtBot, sample_copy: Path
) -> None:
    """Renamed outside while Studio was closed, then pointed at with Use: its words
    were there all along, so today reads 0, and typed words count from there."""
    project = Project.load(sample_copy)
    first = project.chapters[0]
    old = project.chapter_path(first)
    renamed = old.with_name("01-renamed-outside.md")
    returned = story_stats(project).chapters[0].counts.words
    assert returned > 1
    os.replace(old, renamed)
    with opened_story(qtbot, sample_copy) as opened:
        window = opened.window
        progress = feature(window, ProgressFeature)
        qtbot.waitUntil(lambda: progress.baseline is not None, timeout=5000)
        bars = [p.bar() for p in window.all_panes if isinstance(p.bar(), NoticeBar)]
        assert bars, "no bar offering the renamed file"
        with qtbot.waitSignal(progress.recorded, timeout=5000) as recorded:
            qtbot.mouseClick(bars[0].button("useFoundFiles"), Qt.MouseButton.LeftButton)
        assert recorded.args is not None
        assert recorded.args[0].words == 0, f"{returned} words came back, none written"
        assert progress.label.text() == "0 words today"
        _type_at_end(qtbot, window, " two more")
        qtbot.waitUntil(lambda: progress.label.text() == "+2 words today", timeout=5000)
    days = load_history(sample_copy)
    assert days[-1].end == story_stats(Project.load(sample_copy)).words


def test_words_another_program_wrote_while_studio_was_closed_do_not_count(
    qtbot: QtBot, sample_copy: Path
) -> None:
    """Today's history says 0 so far; a sync tool adds a paragraph to a chapter while
    Studio is closed; one typed word reads "+1 word today", not the paragraph too."""
    project = Project.load(sample_copy)
    record_words(sample_copy, story_stats(project).words)
    last = project.chapter_path(project.chapters[-1])
    with last.open("a", encoding="utf-8") as handle:
        handle.write("\n" + OUTSIDE_WORDS)
    assert count_words(OUTSIDE_WORDS) > 5
    with opened_story(qtbot, sample_copy) as opened:
        window = opened.window
        progress = feature(window, ProgressFeature)
        assert progress.label.text() == "0 words today"
        qtbot.wait(300)  # the opening count is in
        _type_at_end(qtbot, window, " lantern")
        with qtbot.waitSignal(progress.recorded, timeout=5000) as recorded:
            pass
        assert recorded.args is not None and recorded.args[0].words == 1
        assert progress.label.text() == "+1 word today"


def test_words_another_program_writes_while_studio_is_open_do_not_count(
    qtbot: QtBot, sample_copy: Path
) -> None:
    """A chapter not being typed in changes on disk while the story is open (the
    watcher takes it in); the next count has one typed word: "+1 word today"."""
    with opened_story(qtbot, sample_copy) as opened:
        window = opened.window
        progress = feature(window, ProgressFeature)
        qtbot.waitUntil(lambda: progress.baseline is not None, timeout=5000)
        project = window.session.project
        assert project is not None
        typed_in = window.shell.focused_file()
        other = next(c for c in project.chapters if c.file != typed_in)
        with project.chapter_path(other).open("a", encoding="utf-8") as handle:
            handle.write("\n" + OUTSIDE_WORDS)
        qtbot.wait(1500)  # the watcher sees it
        _type_at_end(qtbot, window, " lantern")
        qtbot.waitUntil(lambda: progress.label.text() != "0 words today", timeout=5000)
        qtbot.wait(500)  # any later count is in too
        assert progress.label.text() == "+1 word today"
