"""Issue 14 item 2: every write compares the file with what Studio last loaded or wrote
just before replacing it. Another process writes the chapter 0–150 ms before an
autosave: Studio never writes over it, and never says "Reloaded" unless the editor
then holds exactly the file's text."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from studio.ui.main_window import MainWindow
from studio.ui.safety.bars import ConflictBar
from studio.ui.safety.controller import ProjectSafety
from tests.safety.faults.outside import write_outside_later
from tests.safety.windows import with_safety

CH1 = "chapters/01-the-signal.md"
AUTOSAVE = 400


@pytest.fixture
def window(qtbot: QtBot, story: Path) -> Iterator[tuple[MainWindow, ProjectSafety]]:
    window = MainWindow()
    window.prefs.autosave_ms = AUTOSAVE
    safety = with_safety(window)
    assert window.open_project(story)
    assert window.documents is not None
    window.documents.set_autosave_interval(AUTOSAVE)
    window.show()
    qtbot.waitExposed(window)
    yield window, safety
    for file in list(safety.outside.conflicts):
        safety.outside.take_file(file)
    safety.finish()
    window.close()
    window.deleteLater()


@pytest.mark.parametrize("before_ms", [0, 30, 60, 100, 150])
def test_an_outside_write_just_before_the_autosave_is_never_overwritten(
    window: tuple[MainWindow, ProjectSafety], qtbot: QtBot, story: Path, before_ms: int
) -> None:
    win, _safety = window
    pane = win.all_panes[0]
    theirs = (story / CH1).read_text(encoding="utf-8") + f"\nTheirs at -{before_ms} ms.\n"
    editor = pane.editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    typed_at = time.monotonic()
    qtbot.keyClicks(editor, " Mine.")
    spent = time.monotonic() - typed_at
    delay = max(0.0, (AUTOSAVE - before_ms) / 1000 - spent)
    writer = write_outside_later(story / CH1, theirs, delay)
    try:
        writer.wait(timeout=10)
    finally:
        if writer.poll() is None:
            writer.kill()
    qtbot.wait(AUTOSAVE + 1500)  # the autosave, the watcher, and a moment more
    disk = (story / CH1).read_text(encoding="utf-8")
    assert disk == theirs  # Studio wrote nothing after the other program
    if isinstance(pane.bar(), ConflictBar):
        assert editor.toPlainText().endswith(" Mine.")  # hers waits in the editor
        assert pane.is_dirty
    else:
        # The autosave came first, then the other program: a plain reload is right.
        assert editor.toPlainText() == theirs
        assert not pane.is_dirty
    if "Reloaded" in win.statusBar().currentMessage():
        assert editor.toPlainText() == disk
