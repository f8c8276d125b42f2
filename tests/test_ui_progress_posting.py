"""The Statistics widget with a month of history, and the changed-since-posted view:
real widgets (pytest-qt), fed by the real core from real files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from studio.story import Project, story_stats
from studio.story.posting import ChapterPosting, Status, mark_posted, posted_changes, story_postings
from studio.story.progress import load_history, progress_report, record_words
from studio.ui.posting.compare_view import PostedCompareView
from studio.ui.posting.status_menu import MarkPostedDialog, PostingMenu, status_tooltip
from studio.ui.progress.statistics import ACCENT, DAYS_SHOWN, MET, StatisticsWidget
from tests.export_support import copy_sample
from tests.lyrics.modal import answer_modal

LAST = dt.date(2026, 11, 30)
GOAL = 500


def month_of_writing(project: Project) -> list[int]:
    """Thirty days of counts ending on LAST: words written each day (some days none)."""
    words = story_stats(project).words
    written = [((n * 37) % 11) * 90 for n in range(DAYS_SHOWN)]  # 0 … 900, a few zeros
    total = words - sum(written)
    for n, amount in enumerate(written):
        day = LAST - dt.timedelta(days=DAYS_SHOWN - 1 - n)
        record_words(project.root, total, day)
        total += amount
        record_words(project.root, total, day)
    return written


def _project(tmp_path: Path) -> tuple[Project, list[int]]:
    project = copy_sample(tmp_path)
    project.progress.daily_goal = GOAL
    project.progress.word_target = 2000
    project.chapters[0].word_target = 400
    project.chapters[1].word_target = 100
    project.save()
    return project, month_of_writing(project)


def test_statistics_shows_a_month(qtbot: QtBot, tmp_path: Path) -> None:
    project, written = _project(tmp_path)
    stats = story_stats(project)
    report = progress_report(project, stats, LAST)
    widget = StatisticsWidget()
    qtbot.addWidget(widget)
    widget.resize(760, 720)
    widget.set_report(report)
    widget.show()
    qtbot.waitExposed(widget)

    assert widget.today.text() == f"{written[-1]:+,} of {GOAL:,} words today"
    run = 0
    for amount in reversed(written):
        if amount < GOAL:
            break
        run += 1
    assert widget.streak.text() == f"Streak: {run} day{'s' if run != 1 else ''}"
    assert widget.total.text() == f"{stats.words:,} words of 2,000"

    bars = widget.daily.bar_rects()
    assert len(bars) == DAYS_SHOWN
    tallest = max(range(DAYS_SHOWN), key=lambda i: written[i])
    assert bars[tallest].height() == max(b.height() for b in bars)
    assert all(bars[i].height() == 0 for i in range(DAYS_SHOWN) if written[i] == 0)
    image = widget.daily.grab().toImage()
    rect = bars[tallest]
    colour = QColor(image.pixel(int(rect.center().x()), int(rect.bottom() - 3)))
    expected = MET if written[tallest] >= GOAL else ACCENT
    assert colour.name() == expected.name()

    points = widget.totals.points()
    assert len(points) == len(load_history(project.root)) == DAYS_SHOWN
    assert [p.y() for p in points] == sorted((p.y() for p in points), reverse=True)

    chapters = widget.chapters.bar_rects()
    assert len(chapters) == len(project.chapters)
    first_bar, first_target = chapters[0]
    assert first_target is not None and chapters[2][1] is None
    ratio = stats.chapters[0].counts.words / 400
    assert abs(first_bar.width() / first_target.width() - ratio) < 0.01
    assert widget.chapters.label(report.chapters[1]).endswith(" of 100")


def test_compare_view_shows_what_changed_since_posting(qtbot: QtBot, tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    chapter = project.chapters[1]
    mark_posted(project, chapter, day=dt.date(2026, 11, 2), url="https://example.org/c/2")
    text = project.read_chapter(chapter)
    line = next(x for x in text.splitlines() if x.strip())
    project.write_chapter(chapter, text.replace(line, line + " Then the tide turned.", 1))
    view = PostedCompareView()
    qtbot.addWidget(view)
    view.set_changes(chapter.title, posted_changes(project, chapter), chapter.url)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    assert view.heading.text() == f"{chapter.title}: changed since it was posted"
    assert view.diff.summary.text().startswith("1 line differs")
    assert view.url.text() == "Posted at https://example.org/c/2"
    page = view.diff.browser.toPlainText()
    assert "As posted on 2026-11-02" in page and "Then the tide turned." in page


def _postings(tmp_path: Path) -> tuple[Project, list[ChapterPosting]]:
    project = copy_sample(tmp_path)
    mark_posted(project, project.chapters[0], day=dt.date(2026, 11, 2), url=URL)
    project.write_chapter(project.chapters[0], project.read_chapter(project.chapters[0]) + "\nx\n")
    project.chapters[1].status = "ready"
    return project, story_postings(project)


URL = "https://archiveofourown.org/works/1/chapters/2"


def test_posting_menu_shows_and_emits_the_choice(qtbot: QtBot, tmp_path: Path) -> None:
    _project, postings = _postings(tmp_path)
    assert status_tooltip(postings[0]) == "Posted on 2026-11-02, changed since"
    assert status_tooltip(postings[1]) == "Ready to post"
    assert status_tooltip(postings[2]) == "Draft"
    menu = PostingMenu(postings[0])
    qtbot.addWidget(menu)
    assert menu.status_actions[Status.POSTED].isChecked()
    assert menu.compare_action.isEnabled() and menu.open_action.isEnabled()
    with qtbot.waitSignal(menu.compare_requested):
        menu.compare_action.trigger()
    with qtbot.waitSignal(menu.open_url_requested) as opened:
        menu.open_action.trigger()
    assert opened.args == [URL]
    draft = PostingMenu(postings[2])
    qtbot.addWidget(draft)
    assert not draft.compare_action.isEnabled() and not draft.open_action.isEnabled()
    with qtbot.waitSignal(draft.status_chosen) as chosen:
        draft.status_actions[Status.READY].trigger()
    assert chosen.args == [Status.READY]


def test_mark_posted_asks_the_day_and_address(qtbot: QtBot, tmp_path: Path) -> None:
    _project, postings = _postings(tmp_path)
    menu = PostingMenu(postings[2])
    qtbot.addWidget(menu)

    def answer(dialog: MarkPostedDialog) -> None:
        assert dialog.day() == dt.date.today()
        dialog.date.setDate(QDate(2026, 11, 20))
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        dialog.address.setText("not a web address")
        assert not ok.isEnabled()
        dialog.address.setText(URL)
        assert ok.isEnabled()
        ok.click()

    answer_modal(MarkPostedDialog, answer)
    with qtbot.waitSignal(menu.posted_chosen, timeout=5000) as chosen:
        menu.status_actions[Status.POSTED].trigger()
    assert chosen.args == [dt.date(2026, 11, 20), URL]

    answer_modal(MarkPostedDialog, lambda dialog: dialog.reject())
    menu.status_actions[Status.POSTED].trigger()
    assert menu.status_actions[Status.DRAFT].isChecked()  # cancelled: unchanged
