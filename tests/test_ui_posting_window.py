"""Posting status and progress in the real window (pytest-qt): the chapter list's marks
and its posting menu, the changed-since-posted compare, "+N words today" in the status
bar and in focus mode, the Statistics window with its targets, and read-only writing
nothing. Expectations come from the core reading the files on disk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from studio.story import Project, count_words, story_stats
from studio.story.posting import (
    Status,
    chapter_status,
    mark_posted,
    posted_changes,
    posted_copy_path,
    posted_day,
    story_postings,
)
from studio.story.progress import history_path, load_history, record_words
from studio.ui.features.focus_mode import FocusMode
from studio.ui.features.posting import PostingFeature
from studio.ui.features.progress import ProgressFeature
from studio.ui.features.statistics import StatisticsWindow
from studio.ui.main_window import MainWindow
from studio.ui.posting.status_menu import MarkPostedDialog, PostingMenu
from studio.ui.progress.statistics import DAYS_SHOWN, today_text
from tests.lyrics.modal import answer_modal
from tests.ui_helpers import feature, open_window


def _posting(window: MainWindow) -> PostingFeature:
    feature = window.shell.findChild(PostingFeature)
    assert feature is not None
    return feature


def _right_click(window: MainWindow, row: int) -> PostingMenu:
    """Open the chapter list's context menu on `row`; its Posting Status submenu."""
    chapter_list = window.chapter_list
    centre = chapter_list.visualRect(chapter_list.model().index(row, 0)).center()
    chapter_list.customContextMenuRequested.emit(centre)
    menu = _posting(window).menu
    assert menu is not None and menu.posting.number == row + 1
    return menu


def _snapshot(story: Path) -> dict[str, bytes]:
    files = (p for p in story.rglob("*") if p.is_file())
    return {p.relative_to(story).as_posix(): p.read_bytes() for p in files}


def test_chapter_list_shows_each_status_and_the_menu_changes_it(
    qtbot: QtBot, sample_copy: Path
) -> None:
    window = open_window(qtbot, sample_copy)
    project = Project.load(sample_copy)
    chapters = project.chapters
    expected = story_postings(project)
    for chapter, posting in zip(chapters, expected, strict=True):
        mark = window.chapter_list.mark(chapter.file)
        assert mark is not None and mark.mark == posting.mark
    first = chapters[0].file

    _right_click(window, 0).status_actions[Status.READY].trigger()
    on_disk = Project.load(sample_copy).chapters[0]
    assert chapter_status(on_disk) is Status.READY
    mark = window.chapter_list.mark(first)
    assert mark is not None and mark.mark == "◐" and "Ready to post" in mark.tooltip
    assert "Ready to post" in window.chapter_list.item(0).toolTip()

    day = dt.date(2026, 11, 28)
    url = "https://archiveofourown.org/works/1/chapters/2"

    def fill(dialog: MarkPostedDialog) -> None:
        dialog.date.setDate(QDate(day.year, day.month, day.day))
        dialog.address.setText(url)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    answered = answer_modal(MarkPostedDialog, fill)
    _right_click(window, 0).status_actions[Status.POSTED].trigger()
    assert answered == ["Mark Posted"]
    project = Project.load(sample_copy)
    on_disk = project.chapters[0]
    assert chapter_status(on_disk) is Status.POSTED
    assert posted_day(on_disk) == day and on_disk.url == url
    copy = posted_copy_path(project, on_disk)
    assert copy.read_text(encoding="utf-8") == project.read_chapter(on_disk)
    mark = window.chapter_list.mark(first)
    assert mark is not None and mark.mark == "●" and not mark.alert
    menu = _right_click(window, 0)
    assert not menu.compare_action.isEnabled()  # nothing changed yet
    assert menu.open_action.isEnabled()

    # Edited after posting: marked, and the compare view shows the change.
    editor = window.focused_pane().editor
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.insertPlainText("\n\nA line written after posting.\n")
    qtbot.waitUntil(lambda: "after posting" in project.read_chapter(on_disk), timeout=5000)
    qtbot.waitUntil(lambda: getattr(window.chapter_list.mark(first), "mark", "") == "✎")
    mark = window.chapter_list.mark(first)
    assert mark is not None and mark.alert and "changed since" in mark.tooltip
    menu = _right_click(window, 0)
    assert menu.compare_action.isEnabled()
    assert "changed since" in menu.title()
    outer = menu.menuAction().associatedObjects()
    direct = [
        a
        for m in outer
        if hasattr(m, "actions")
        for a in m.actions()
        if a.text() == "Compare with Posted…"
    ]
    assert direct  # a changed chapter offers the compare straight in the chapter menu
    menu.compare_action.trigger()
    dialog = _posting(window).compare
    assert dialog is not None and dialog.isVisible()
    changes = posted_changes(Project.load(sample_copy), on_disk)
    assert changes.changes >= 1
    heading = dialog.view.heading.text()
    assert heading == f"{chapters[0].title}: changed since it was posted"
    assert dialog.view.diff.summary.text().startswith(f"{changes.changes} line")
    assert url in dialog.view.url.text()
    assert "A line written after posting." in dialog.view.diff.browser.toPlainText()

    # Back to draft: the posted day and address go.
    _right_click(window, 0).status_actions[Status.DRAFT].trigger()
    on_disk = Project.load(sample_copy).chapters[0]
    assert chapter_status(on_disk) is Status.DRAFT and not on_disk.url


def test_read_only_turns_posting_off_and_writes_nothing(qtbot: QtBot, sample_copy: Path) -> None:
    window = open_window(qtbot, sample_copy)
    window.session.set_read_only(True)
    before = _snapshot(sample_copy)
    menu = _right_click(window, 1)
    assert not any(action.isEnabled() for action in menu.status_actions.values())
    feature = _posting(window)
    file = window.project.chapters[1].file if window.project else ""
    assert not feature.set_status(file, Status.READY)
    assert not feature.mark_posted(file, dt.date(2026, 11, 1), "")
    progress = window.shell.findChild(ProgressFeature)
    assert progress is not None
    progress.count()
    window.shell.action("tools.statistics").trigger()
    stats = window.findChild(StatisticsWindow)
    assert stats is not None and not stats.targets.isEnabled()
    assert not stats.set_target("daily", 300)
    qtbot.wait(600)  # any background count would have written by now
    assert _snapshot(sample_copy) == before
    assert not history_path(sample_copy).exists()
    assert not (sample_copy / ".studio" / "posted").exists()


def test_words_today_in_the_status_bar_and_in_focus_mode(qtbot: QtBot, sample_copy: Path) -> None:
    window = open_window(qtbot, sample_copy)
    progress = window.shell.findChild(ProgressFeature)
    assert progress is not None
    assert progress.label.text() == today_text(0, 0)
    assert not history_path(sample_copy).exists()  # opening writes nothing
    qtbot.waitUntil(lambda: progress.baseline is not None)
    window.shell.action("tools.statistics").trigger()
    stats = window.findChild(StatisticsWindow)
    assert stats is not None and stats.report.today.text() == today_text(0, 0)
    typed = " Seven more words arrive at the harbour."
    editor = window.focused_pane().editor
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.insertPlainText(typed)
    written = count_words(typed)
    qtbot.waitUntil(lambda: progress.label.text() == today_text(written, 0), timeout=5000)
    qtbot.waitUntil(lambda: stats.report.today.text() == today_text(written, 0))  # follows
    days = load_history(sample_copy)
    assert [d.day for d in days] == [dt.date.today()] and days[0].words == written
    assert days[0].end == story_stats(Project.load(sample_copy)).words
    assert progress.label.isVisible()
    feature(window, FocusMode).set(True)
    qtbot.waitUntil(progress.overlay.isVisible)
    assert progress.overlay.text() == progress.label.text()
    feature(window, FocusMode).set(False)
    qtbot.waitUntil(lambda: not progress.overlay.isVisible())


def test_words_cut_today_read_as_cut_not_as_a_negative_count(
    qtbot: QtBot, sample_copy: Path
) -> None:
    """A day of editing removes words: the status bar says how many were cut ("12 words
    cut today"), never "−12 words today"; writing them back goes to 0, then "+N"."""
    window = open_window(qtbot, sample_copy)
    progress = feature(window, ProgressFeature)
    qtbot.waitUntil(lambda: progress.baseline is not None)
    editor = window.focused_pane().editor
    block = editor.document().lastBlock()
    while count_words(block.text()) < 3:  # the last paragraph of prose
        block = block.previous()
    cursor = QTextCursor(block)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    cut = cursor.selectedText()
    words = count_words(cut)
    assert words > 1
    cursor.removeSelectedText()
    qtbot.waitUntil(lambda: progress.label.text() == f"{words} words cut today", timeout=5000)
    feature(window, FocusMode).set(True)
    qtbot.waitUntil(progress.overlay.isVisible)
    assert progress.overlay.text() == f"{words} words cut today"
    feature(window, FocusMode).set(False)
    cursor.insertText(cut[: cut.rindex(" ")])  # all but the last word come back
    qtbot.waitUntil(lambda: progress.label.text() == "1 word cut today", timeout=5000)
    cursor.insertText(cut[cut.rindex(" ") :] + " and two")
    qtbot.waitUntil(lambda: progress.label.text() == "+2 words today", timeout=5000)


def test_the_words_today_read_in_words() -> None:
    assert today_text(1, 0) == "+1 word today"
    assert today_text(0, 500) == "0 of 500 words today"
    assert today_text(1, 500) == "+1 of 500 words today"
    assert today_text(-1, 0) == "1 word cut today"
    assert today_text(-1_200, 500) == "1,200 words cut today (goal 500)"


def _month(story: Path) -> list[int]:
    """Thirty days of counts ending today, derived from the story's length."""
    words = story_stats(Project.load(story)).words
    written = [((n * 37) % 11) * 90 for n in range(DAYS_SHOWN)]
    total = words - sum(written)
    today = dt.date.today()
    for n, amount in enumerate(written):
        day = today - dt.timedelta(days=DAYS_SHOWN - 1 - n)
        record_words(story, total, day)
        total += amount
        record_words(story, total, day)
    return written


def test_statistics_window_shows_a_month_and_edits_the_targets(
    qtbot: QtBot, sample_copy: Path
) -> None:
    written = _month(sample_copy)
    window = open_window(qtbot, sample_copy)
    window.shell.action("tools.statistics").trigger()
    stats = window.findChild(StatisticsWindow)
    assert stats is not None and stats.isVisible()
    words = story_stats(Project.load(sample_copy)).words
    assert stats.report.total.text() == f"{words:,} words"
    assert [w for _d, w in stats.report.daily.series] == written
    assert stats.report.today.text() == today_text(written[-1], 0)

    stats.targets.daily_goal.setValue(500)
    stats.targets.story_target.setValue(20_000)
    spins = stats.targets.chapter_spins()
    assert len(spins) == len(Project.load(sample_copy).chapters)
    spins[0].setValue(2_000)
    project = Project.load(sample_copy)
    assert project.progress.daily_goal == 500 and project.progress.word_target == 20_000
    assert project.chapters[0].word_target == 2_000
    assert stats.report.total.text() == f"{words:,} words of 20,000"
    assert stats.report.chapters.chapters[0].target == 2_000
    progress = window.shell.findChild(ProgressFeature)
    assert progress is not None
    qtbot.waitUntil(lambda: "of 500 words today" in progress.label.text(), timeout=5000)
    spins[0].setValue(0)  # no target: the key goes
    assert "word_target" not in Project.load(sample_copy).chapters[0].table


def test_opening_marks_posted_chapters_changed_on_disk(qtbot: QtBot, sample_copy: Path) -> None:
    project = Project.load(sample_copy)
    first, last = project.chapters[0], project.chapters[-1]
    mark_posted(project, first, day=dt.date(2026, 10, 1))
    mark_posted(project, last, day=dt.date(2026, 10, 8))
    project.save()
    project.write_chapter(last, project.read_chapter(last) + "\nA new last line.\n")
    window = open_window(qtbot, sample_copy)
    expected = {p.number: p.mark for p in story_postings(Project.load(sample_copy))}
    assert expected[1] == "●" and expected[len(expected)] == "✎"  # what the core says
    qtbot.waitUntil(lambda: getattr(window.chapter_list.mark(last.file), "mark", "") == "✎")
    for number, chapter in enumerate(Project.load(sample_copy).chapters, start=1):
        mark = window.chapter_list.mark(chapter.file)
        assert mark is not None and mark.mark == expected[number]
