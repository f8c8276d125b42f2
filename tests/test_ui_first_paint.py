"""Background work a story starts waits for its first chapter to be on screen
(studio.ui.first_paint, Shell.when_shown), and still runs: in the real window, the
grammar underlines and the words-before-history count of a story just opened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from studio.ui import first_paint
from studio.ui.app import create_window
from studio.ui.first_paint import AfterFirstPaint
from tests.ui_helpers import FAST_AUTOSAVE_MS


def test_slots_wait_for_the_first_paint_then_run_at_once(qtbot: QtBot) -> None:
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    after = AfterFirstPaint()
    ran: list[str] = []
    after.run(lambda: ran.append("early"))
    after.watch(editor.viewport())
    qtbot.wait(50)
    assert ran == []  # not shown, not painted
    editor.show()
    qtbot.waitExposed(editor)
    qtbot.waitUntil(lambda: ran == ["early"])
    after.run(lambda: ran.append("later"))  # on screen: soon, without another paint
    qtbot.waitUntil(lambda: ran == ["early", "later"])


def test_what_waits_is_dropped_when_the_story_is_left(qtbot: QtBot) -> None:
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    after = AfterFirstPaint()
    ran: list[str] = []
    after.watch(editor.viewport())
    after.run(lambda: ran.append("first story"))
    after.reset()
    after.watch(editor.viewport())
    after.run(lambda: ran.append("second story"))
    editor.show()
    qtbot.waitExposed(editor)
    qtbot.waitUntil(lambda: ran == ["second story"])
    qtbot.wait(50)
    assert ran == ["second story"]


def test_a_window_never_painted_still_runs_them(qtbot: QtBot) -> None:
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    after = AfterFirstPaint()
    ran: list[str] = []
    after.run(lambda: ran.append("ran"))
    after.watch(editor.viewport())  # never shown
    qtbot.wait(first_paint.FALLBACK_MS // 2)
    assert ran == []
    qtbot.waitUntil(lambda: ran == ["ran"], timeout=2 * first_paint.FALLBACK_MS)


def test_a_story_just_opened_gets_its_baseline_and_underlines(
    qtbot: QtBot, sample_copy: Path
) -> None:
    """Both are started through when_shown; both arrive once the window shows."""
    window = create_window()
    qtbot.addWidget(window)
    window.prefs.autosave_ms = FAST_AUTOSAVE_MS
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_project(sample_copy)
    progress = window.shell.findChild(QObject, "progressFeature")
    assert progress is not None
    assert not (sample_copy / "history.toml").exists()  # no history yet: a baseline
    qtbot.waitUntil(lambda: isinstance(progress.baseline, int), timeout=10_000)
    assert progress.baseline > 0
    proofread = next(f for f in window.shell.children() if type(f).__name__ == "ProofreadFeature")
    file = window.focused_pane().chapter.file
    qtbot.waitUntil(lambda: file in proofread._warm, timeout=20_000)  # read whole
