"""Issue 14 items 6 and 9, window side: a damaged lock is taken over and the author is
told (safety stays on); a FIFO as dictionary.txt leaves spelling working with the
dictionary alone and says why, instead of a traceback."""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from studio.safety.lock import read_lock
from studio.ui.main_window import MainWindow
from studio.ui.spelling import SpellingFeature
from tests.safety.windows import with_safety


def test_a_damaged_lock_is_taken_over_and_the_author_is_told(qtbot: QtBot, story: Path) -> None:
    (story / ".studio").mkdir(exist_ok=True)
    (story / ".studio" / "lock").write_text('{"pid": 99999999999, "since": "yesterday"', "utf-8")
    window = MainWindow()
    qtbot.addWidget(window)
    safety = with_safety(window)
    try:
        assert window.open_project(story)
        assert not window.session.read_only
        assert "damaged" in window.statusBar().currentMessage()
        assert safety.lock is not None and safety.lock.took_over_damaged
        assert read_lock(story) is not None
        assert read_lock(story).token == safety.lock.info.token  # type: ignore[union-attr]
        assert safety.journal is not None and safety.bridge is not None
    finally:
        safety.finish()


def test_a_fifo_as_dictionary_leaves_spelling_on_and_says_why(qtbot: QtBot, story: Path) -> None:
    (story / "dictionary.txt").unlink(missing_ok=True)
    os.mkfifo(story / "dictionary.txt")
    window = MainWindow()
    qtbot.addWidget(window)
    safety = with_safety(window)
    spelling = SpellingFeature(window.shell, window.session)
    try:
        assert window.open_project(story)
        assert spelling.session is not None
        assert "dictionary.txt" in spelling.session.problem
        # said once the dictionary has been looked for (on the spelling worker)
        qtbot.waitUntil(lambda: "dictionary.txt" in window.statusBar().currentMessage())
    finally:
        safety.finish()
