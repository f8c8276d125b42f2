"""Issue 14 item 1: while the conflict bar is up, no save of that chapter happens
without the author's choice (leaving the window, switching chapter, autosave, close);
on close she is asked, and both texts are kept whatever she answers."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from studio.safety import Journal, list_backups
from studio.story.file_form import decode_text
from studio.ui.safety.bars import ConflictBar
from tests.safety.faults.outside import write_outside
from tests.safety.windows import Opened, opened_story

CH1 = "chapters/01-the-signal.md"
FAST = 150
MINE = " Mine, typed in Studio."


@pytest.fixture
def opened(qtbot: QtBot, story: Path) -> Iterator[Opened]:
    with opened_story(qtbot, story, autosave_ms=FAST) as opened:
        yield opened


def _conflict(opened: Opened, qtbot: QtBot) -> str:
    """Type, let the autosave wait, then another program replaces the file: the bar is up."""
    assert opened.window.documents is not None
    opened.window.documents.set_autosave_interval(60_000)
    editor = opened.pane.editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, MINE)
    theirs = opened.disk() + "\nTheirs, from the other editor.\n"
    write_outside(opened.story / CH1, theirs)
    qtbot.waitUntil(lambda: isinstance(opened.pane.bar(), ConflictBar), timeout=5000)
    return theirs


def test_leaving_the_window_saves_nothing_over_theirs(opened: Opened, qtbot: QtBot) -> None:
    theirs = _conflict(opened, qtbot)
    opened.window.activateWindow()
    qtbot.waitUntil(opened.window.isActiveWindow)
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: not opened.window.isActiveWindow())
    qtbot.wait(300)
    assert opened.disk() == theirs
    assert opened.pane.editor.toPlainText().endswith(MINE)
    assert isinstance(opened.pane.bar(), ConflictBar)


def test_switching_chapter_saves_nothing_over_theirs(opened: Opened, qtbot: QtBot) -> None:
    theirs = _conflict(opened, qtbot)
    assert opened.window.project is not None
    second = opened.window.project.chapters[1].file
    assert opened.window.show_chapter(second)
    qtbot.wait(300)
    assert opened.disk() == theirs
    assert opened.window.show_chapter(CH1)
    assert opened.pane.editor.toPlainText().endswith(MINE)
    assert isinstance(opened.pane.bar(), ConflictBar)


def test_autosave_after_a_preference_change_saves_nothing_over_theirs(
    opened: Opened, qtbot: QtBot
) -> None:
    theirs = _conflict(opened, qtbot)
    assert opened.window.documents is not None
    opened.window.documents.set_autosave_interval(FAST)  # what Preferences ▸ OK does
    qtbot.keyClicks(opened.pane.editor, " More.")
    qtbot.wait(FAST * 4)
    opened.window.save_all()  # File ▸ Save too
    assert opened.disk() == theirs
    assert opened.pane.editor.toPlainText().endswith(MINE + " More.")


def _answer_close(button: str, seen: list[str]) -> None:
    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != "closeConflict":
            if box is not None:
                box.close()  # some other question: the test fails below, without a hang
            return
        seen.append(box.text())
        if button == "cancel":
            box.button(QMessageBox.StandardButton.Cancel).click()
        else:
            getattr(box, button).click()

    QTimer.singleShot(0, click)


def _backed_up_texts(story: Path) -> list[str]:
    texts = []
    for backup in list_backups(story):
        with zipfile.ZipFile(backup.path) as archive:
            if CH1 in archive.namelist():
                texts.append(archive.read(CH1).decode("utf-8"))
    return texts


def test_close_asks_and_keep_mine_keeps_theirs_in_a_backup(opened: Opened, qtbot: QtBot) -> None:
    theirs = _conflict(opened, qtbot)
    mine = opened.pane.editor.toPlainText()
    seen: list[str] = []
    _answer_close("keep_mine_button", seen)
    assert opened.window.close()
    assert seen and "The Signal" in seen[0]
    assert opened.disk_as_edited() == mine
    assert theirs in _backed_up_texts(opened.story)


def test_close_asks_and_take_the_files_keeps_mine_in_the_journal(
    opened: Opened, qtbot: QtBot
) -> None:
    theirs = _conflict(opened, qtbot)
    mine = opened.pane.editor.toPlainText()
    seen: list[str] = []
    _answer_close("take_file_button", seen)
    assert opened.window.close()
    assert seen
    opened.safety.finish()
    assert opened.disk() == theirs
    kept = {e.file: e.text for e in Journal(opened.story).recoverable()}
    assert decode_text(kept[CH1].encode("utf-8"))[0] == mine


def test_close_asks_and_cancel_keeps_the_window_and_the_bar(opened: Opened, qtbot: QtBot) -> None:
    theirs = _conflict(opened, qtbot)
    seen: list[str] = []
    _answer_close("cancel", seen)
    assert not opened.window.close()
    assert seen
    assert opened.window.isVisible()
    assert opened.disk() == theirs
    assert opened.pane.editor.toPlainText().endswith(MINE)
    assert isinstance(opened.pane.bar(), ConflictBar)


def test_close_story_asks_too(opened: Opened, qtbot: QtBot) -> None:
    theirs = _conflict(opened, qtbot)
    seen: list[str] = []
    _answer_close("cancel", seen)
    assert not opened.window.close_project()
    assert seen
    assert opened.window.project is not None
    assert opened.disk() == theirs
