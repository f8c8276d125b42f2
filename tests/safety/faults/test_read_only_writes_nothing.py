"""Issue 14 item 5: a story open read-only (another live Studio holds its lock) writes
nothing, whatever the author does: a walk through every action that used to write,
checking every file's bytes and mtime afterwards."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from studio.story import Project
from studio.story.trash import trash_chapter
from studio.ui.features.trash import TrashFeature
from studio.ui.main_window import MainWindow
from studio.ui.proofread import ProofreadFeature
from studio.ui.session import ReadOnlyError
from studio.ui.spelling import SpellingFeature
from tests.safety.faults.outside import write_outside
from tests.safety.test_window_safety import _answer_lock_prompt, _live_holder
from tests.safety.windows import with_safety

CH1 = "chapters/01-the-signal.md"
MISSPELT = "Thsi radoi hissde."


def _snapshot(story: Path) -> dict[str, tuple[bytes, int]]:
    files = {}
    for path in sorted(story.rglob("*")):
        if path.is_file() and not path.is_symlink():
            files[path.relative_to(story).as_posix()] = (path.read_bytes(), path.stat().st_mtime_ns)
    return files


def test_read_only_writes_nothing_whatever_the_author_does(qtbot: QtBot, story: Path) -> None:
    project = Project.load(story)
    trash_chapter(project, len(project.chapters) - 1)  # something to restore
    (story / CH1).write_text(MISSPELT + "\n\n" + (story / CH1).read_text("utf-8"), "utf-8")
    holder = _live_holder(story)
    window = MainWindow()
    qtbot.addWidget(window)
    window.prefs.autosave_ms = 150
    safety = with_safety(window)
    spelling = SpellingFeature(window.shell, window.session)
    proofread = ProofreadFeature(window.shell, window.session)
    try:
        _answer_lock_prompt("read_only_button")
        assert window.open_project(story)
        assert window.session.read_only
        window.show()
        qtbot.waitExposed(window)
        before = _snapshot(story)
        editor = window.all_panes[0].editor
        editor.setFocus()

        # Smart quotes and dashes, then Save (the menu's action and Ctrl+S).
        editor.moveCursor(QTextCursor.MoveOperation.End)
        for keys in ['"', "'", "--", " typed"]:
            qtbot.keyClicks(editor, keys)
        window.shell.action("file.save").trigger()
        qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        window.save_all()

        # The lock holder changes the file; it reloads here; Ctrl+Z, then Save.
        theirs = "The lock holder's newer text.\n"
        write_outside(story / CH1, theirs)
        qtbot.waitUntil(lambda: editor.toPlainText() == theirs.rstrip("\n"), timeout=5000)
        before[CH1] = ((story / CH1).read_bytes(), (story / CH1).stat().st_mtime_ns)
        qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        editor.undo()
        window.save_all()

        # A spelling suggestion, Add to Story Dictionary, Ignore.
        window.all_panes[0].document.reload_from_disk()  # type: ignore[union-attr]
        assert spelling.session is not None
        write_outside(story / CH1, MISSPELT + "\n")
        qtbot.waitUntil(lambda: editor.toPlainText() == MISSPELT, timeout=5000)
        before[CH1] = ((story / CH1).read_bytes(), (story / CH1).stat().st_mtime_ns)
        pos = editor.cursorRect(QTextCursor(editor.document())).center() + QPoint(4, 0)
        menu = spelling.menu_for(editor, pos)
        titles = [a.text() for a in menu.actions()]
        assert "Add to Story Dictionary" in titles, titles
        suggestions = spelling.session.suggestions("Thsi")
        assert suggestions
        applied = [a for a in menu.actions() if a.text() in suggestions]
        assert applied, titles
        for action in applied:
            action.trigger()  # apply a spelling suggestion
        next(a for a in menu.actions() if a.text() == "Add to Story Dictionary").trigger()
        next(a for a in menu.actions() if a.text() == "Ignore").trigger()
        with pytest.raises(ReadOnlyError):
            spelling.session.add_to_story("Zyzzogeton")

        # Proofreading: apply a suggestion, Ignore, Ignore Rule (all story.toml or text).
        with pytest.raises(ReadOnlyError):
            window.session.edit_cursor(editor.document())
        proofread.ignore_rule("repeated-word")

        # Restore Deleted Chapter.
        said: list[str] = []

        def close_the_refusal() -> None:
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox):
                said.append(box.text())
                box.close()

        QTimer.singleShot(0, close_the_refusal)
        assert window.shell.findChild(TrashFeature).restore(0) is None
        assert said and "read-only" in said[0]
        window.save_all()

        qtbot.wait(800)  # every autosave and story.toml timer has had its turn
        assert _snapshot(story) == before
        assert editor.toPlainText() == MISSPELT
    finally:
        safety.finish()
        holder.kill()
        holder.wait()
    assert os.path.exists(story / ".studio" / "lock")
