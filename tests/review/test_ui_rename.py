"""A chapter's review follows the chapter when its file is renamed outside Studio (a
file manager, `git mv`, a sync tool deleting and re-creating it), and a rename of its
title in Studio (F2) leaves the review where it is."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from studio.review import load_review, set_reviewer_name, sidecar_file
from studio.story import Project
from studio.ui.main_window import MainWindow
from studio.ui.safety.bars import NoticeBar
from tests.review.ui_review_support import (  # noqa: F401 (app_window: a fixture)
    CH1,
    app_window,
    feature_of,
)
from tests.safety.windows import opened_story

NEW = "chapters/01-the-signal-at-ten-past-two.md"


def _review_here(window: MainWindow, story: Path) -> tuple[str, str]:
    """A comment and a suggestion on the first chapter, saved."""
    set_reviewer_name("Ada Beta")
    review_feature = feature_of(window)
    text = review_feature.state.text_of(CH1)
    at = text.index("ninety years")
    comment = review_feature.add_comment(CH1, at, at + len("ninety years"), "Too long?", "Ada")
    review = review_feature.state.review(CH1)
    at = text.index("her self")
    suggestion = review.add_suggestion(text, at, at + len("her self"), "herself", "Ada Beta")
    review_feature.state.touch(CH1, save=False)
    assert review_feature.state.flush()
    assert (story / sidecar_file(CH1)).is_file()
    return comment.id, suggestion.id


def _outside(*code: str) -> None:
    """Another program does it (a file manager, git), and is done."""
    subprocess.run([sys.executable, "-c", "; ".join(code)], check=True)


def _followed(window: MainWindow, story: Path, ids: tuple[str, str]) -> None:
    """The list follows the new name, the review with it, on its words."""
    project = window.session.project
    assert project is not None
    state = feature_of(window).state
    files = [c.file for c in project.chapters]
    assert NEW in files and CH1 not in files
    assert not (story / sidecar_file(CH1)).exists()
    on_disk = load_review(Project.load(story), NEW)
    assert [c.id for c in on_disk.comments] == [ids[0]]
    assert [s.id for s in on_disk.suggestions] == [ids[1]]
    text = state.text_of(NEW)
    review = state.review(NEW)
    (comment,) = review.comments
    (suggestion,) = review.suggestions
    for item, words in ((comment, "ninety years"), (suggestion, "her self")):
        assert not item.anchor.detached
        assert text[item.anchor.start : item.anchor.end] == words
    assert CH1 not in state.reviews


def test_a_file_renamed_outside_takes_its_review_along(
    qtbot: QtBot,
    app_window: MainWindow,  # noqa: F811 (the fixture)
    sample_copy: Path,
) -> None:
    ids = _review_here(app_window, sample_copy)
    _outside(f"import os; os.replace({str(sample_copy / CH1)!r}, {str(sample_copy / NEW)!r})")
    qtbot.waitUntil((sample_copy / sidecar_file(NEW)).is_file, timeout=8000)
    _followed(app_window, sample_copy, ids)


def test_deleted_and_written_again_under_a_new_name_takes_it_along(
    qtbot: QtBot,
    app_window: MainWindow,  # noqa: F811 (the fixture)
    sample_copy: Path,
) -> None:
    """As a sync tool or `git mv` across a pull does: the old file goes, and a moment
    later the same text comes under the new name."""
    ids = _review_here(app_window, sample_copy)
    text = (sample_copy / CH1).read_bytes()
    os.unlink(sample_copy / CH1)
    time.sleep(0.4)
    _outside(f"open({str(sample_copy / NEW)!r}, 'wb').write({text!r})")
    qtbot.waitUntil((sample_copy / sidecar_file(NEW)).is_file, timeout=8000)
    _followed(app_window, sample_copy, ids)


def test_a_title_renamed_with_f2_keeps_the_review_on_its_chapter(
    qtbot: QtBot,
    app_window: MainWindow,  # noqa: F811 (the fixture)
    sample_copy: Path,
) -> None:
    ids = _review_here(app_window, sample_copy)
    sidecar = sample_copy / sidecar_file(CH1)
    before = sidecar.read_text(encoding="utf-8")
    chapters = app_window.chapter_list
    chapters.setCurrentRow(0)
    chapters.setFocus()
    qtbot.keyClick(chapters, Qt.Key.Key_F2)
    editor = chapters.findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    editor.selectAll()
    qtbot.keyClicks(editor, "The Signal at Ten Past Two")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: Project.load(sample_copy).chapters[0].title == "The Signal at Ten Past Two"
    )
    assert Project.load(sample_copy).chapters[0].file == CH1  # the title, not the file
    assert sidecar.read_text(encoding="utf-8") == before
    review = feature_of(app_window).state.review(CH1)
    assert [c.id for c in review.comments] == [ids[0]]
    assert [s.id for s in review.suggestions] == [ids[1]]


def test_a_file_renamed_while_studio_was_closed_takes_its_review_when_used(
    qtbot: QtBot, sample_copy: Path
) -> None:
    """Renamed while no Studio ran: the story opens with a bar offering the renamed
    file; Use points the chapter at it, and its review goes along."""
    set_reviewer_name("Ada Beta")
    with opened_story(qtbot, sample_copy) as opened:
        ids = _review_here(opened.window, sample_copy)
    _outside(f"import os; os.replace({str(sample_copy / CH1)!r}, {str(sample_copy / NEW)!r})")
    with opened_story(qtbot, sample_copy) as opened:
        bars = [p.bar() for p in opened.window.all_panes if isinstance(p.bar(), NoticeBar)]
        assert bars, "no bar offering the renamed file"
        qtbot.mouseClick(bars[0].button("useFoundFiles"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil((sample_copy / sidecar_file(NEW)).is_file, timeout=5000)
        _followed(opened.window, sample_copy, ids)
