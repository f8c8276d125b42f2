"""Issue 14 item 5, the walk: with the story open read-only, every action the shell
knows is triggered (even forced on where the shell greys it out, so the session's own
refusal is what is tested), and no file under the story changes or appears."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from studio.ui.app import create_window
from studio.ui.safety.controller import ProjectSafety
from tests.safety.faults.test_read_only_writes_nothing import _snapshot
from tests.safety.test_window_safety import _answer_lock_prompt, _live_holder
from tests.ui_helpers import feature

# These leave the story or open another one by design (their own tests cover them).
LEAVES = {"file.close", "file.quit", "file.new", "file.open", "file.import"}


def _close_dialogs() -> None:
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        cancel = box.button(QMessageBox.StandardButton.Cancel)
        (cancel.click if cancel is not None else box.close)()
    elif isinstance(box, QDialog):
        box.reject()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()


def test_every_action_writes_nothing_read_only(qtbot: QtBot, story: Path) -> None:
    holder = _live_holder(story)
    window = create_window()
    qtbot.addWidget(window)
    window.prefs.autosave_ms = 150
    timer = QTimer()
    timer.timeout.connect(_close_dialogs)
    timer.start(30)
    try:
        _answer_lock_prompt("read_only_button")
        assert window.open_project(story)
        assert window.session.read_only
        window.show()
        qtbot.waitExposed(window)
        qtbot.wait(300)
        before = _snapshot(story)
        triggered = []
        for spec in window.shell.specs():
            if spec.id in LEAVES:
                continue
            action = window.shell.action(spec.id)
            action.setEnabled(True)
            if action.isCheckable():
                action.toggle()
                action.toggle()
            else:
                action.trigger()
            triggered.append(spec.id)
            qtbot.wait(20)
        window.shell.update_actions()
        window.save_all()
        qtbot.wait(800)  # every autosave and story.toml timer has had its turn
        assert "chapter.new" in triggered and "file.save" in triggered
        assert _snapshot(story) == before
    finally:
        timer.stop()
        feature(window, ProjectSafety).finish()
        holder.kill()
        holder.wait()
