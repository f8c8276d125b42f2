"""Restoring journaled text never writes over an outside change unseen (found by the
soak benchmark: an outside paragraph written while the recovery dialog was up was
reloaded, then Restore put the journal's text in and autosave wrote it over the file;
the open backup predated the paragraph, so it was nowhere).

The journal's entry says what the file held when the text was journaled (`base`).
When the file holds something else by the time the author restores (another program
wrote it before the crash, or while the dialog was up), the chapter shows the
conflict bar: her restored text is held (and journaled), the file keeps the other
program's version until she chooses. story.toml, which has no bar, is backed up
before it is restored.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from studio.safety import Journal, list_backups
from studio.story.paths import STORY_FILE
from studio.ui.main_window import MainWindow
from studio.ui.safety.bars import ConflictBar
from studio.ui.safety.controller import ProjectSafety
from tests.safety.faults.outside import write_outside
from tests.safety.windows import with_safety
from tests.ui_helpers import as_shown

CH1 = "chapters/01-the-signal.md"
FAST = 150
THEIRS = "\n\nA paragraph another program added.\n"
MINE = " Typed before the crash."


def _open(qtbot: QtBot, story: Path) -> tuple[MainWindow, ProjectSafety]:
    window = MainWindow()
    qtbot.addWidget(window)
    window.prefs.autosave_ms = FAST
    safety = with_safety(window)
    assert window.open_project(story)
    window.show()
    qtbot.waitExposed(window)
    return window, safety


def _restore(qtbot: QtBot, safety: ProjectSafety) -> None:
    dialog = safety.restore_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("when", ["before the crash", "while the dialog is up"])
def test_restoring_over_an_outside_change_raises_the_conflict(
    qtbot: QtBot, story: Path, when: str
) -> None:
    base = (story / CH1).read_text(encoding="utf-8")
    Journal(story).record(CH1, base + MINE, base)  # what the killed Studio left
    if when == "before the crash":
        write_outside(story / CH1, base + THEIRS)
    window, safety = _open(qtbot, story)
    try:
        if when == "while the dialog is up":
            write_outside(story / CH1, base + THEIRS, how="replace")
            editor = window.all_panes[0].editor
            qtbot.waitUntil(lambda: THEIRS.strip() in editor.toPlainText(), timeout=5000)
        _restore(qtbot, safety)
        assert window.all_panes[0].editor.toPlainText().endswith(MINE)
        qtbot.waitUntil(lambda: isinstance(window.all_panes[0].bar(), ConflictBar))
        qtbot.wait(4 * FAST)  # past the autosave: it must not write
        assert (story / CH1).read_text(encoding="utf-8") == base + THEIRS
        assert CH1 in safety.outside.conflicts
        safety.journal.flush()  # type: ignore[union-attr]
        [entry] = [e for e in Journal(story).entries() if e.file == CH1]
        assert entry.text == base + MINE  # hers, kept while she decides
    finally:
        for file in list(safety.outside.conflicts):
            safety.outside.take_file(file)
        safety.finish()


def test_a_plain_restore_still_just_restores(qtbot: QtBot, story: Path) -> None:
    base = (story / CH1).read_text(encoding="utf-8")
    Journal(story).record(CH1, base + MINE, base)
    window, safety = _open(qtbot, story)
    try:
        _restore(qtbot, safety)
        qtbot.waitUntil(
            lambda: as_shown((story / CH1).read_text(encoding="utf-8")) == as_shown(base + MINE)
        )
        assert not safety.outside.conflicts
        assert not isinstance(window.all_panes[0].bar(), ConflictBar)
    finally:
        safety.finish()


def test_restoring_story_details_over_an_outside_change_backs_it_up_first(
    qtbot: QtBot, story: Path
) -> None:
    base = (story / STORY_FILE).read_text(encoding="utf-8")
    mine = base.replace('title = "', 'title = "Restored: ', 1)
    assert mine != base
    Journal(story).record(STORY_FILE, mine, base)
    theirs = base + "\n# a note another program added\n"
    write_outside(story / STORY_FILE, theirs)
    _window, safety = _open(qtbot, story)
    try:
        _restore(qtbot, safety)
        before = [b for b in list_backups(story) if b.reason == "before-restore"]
        assert len(before) == 1
        with zipfile.ZipFile(before[0].path) as backup:
            assert backup.read(STORY_FILE).decode("utf-8") == theirs
        assert (story / STORY_FILE).read_text(encoding="utf-8") == mine
    finally:
        safety.finish()
