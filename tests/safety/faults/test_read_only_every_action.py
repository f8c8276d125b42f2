"""Issue 14 item 5, the walk: with the story open read-only, every action the shell
knows is triggered (even forced on where the shell greys it out, so the session's own
refusal is what is tested), every button of the proofreading panel is clicked on every
finding (Apply and its other suggestions, Ignore, Ignore Rule, a name's Add, Add All
Names), every item of the editor's right-click menu is triggered on a misspelt word, a
name and a proofreading finding, and no file under the story changes or appears
(bytes and mtimes of the whole folder, before and after)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from studio.spelling.names import RULE as NAME_RULE
from studio.ui.app import create_window
from studio.ui.editor.chapter_editor import ChapterEditor
from studio.ui.proofread import ProofreadFeature
from studio.ui.proofread.panel import ProofreadPanel
from studio.ui.safety.controller import ProjectSafety
from tests.safety.faults.test_read_only_writes_nothing import _snapshot
from tests.safety.test_window_safety import _answer_lock_prompt, _live_holder
from tests.ui_helpers import feature

# These leave the story or open another one by design (their own tests cover them).
LEAVES = {"file.close", "file.quit", "file.new", "file.open", "file.import"}
CH1 = "chapters/01-the-signal.md"
# Written before the story opens: a misspelling with suggestions, a likely name used
# mid-sentence, a repeated word (the sample has another: "the the dark water").
FINDINGS = "Thsi radoi hissde when Zorvath called, and Zorvath kept the the lamp lit.\n\n"


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


def _click(qtbot: QtBot, button: QPushButton, clicked: list[str], what: str) -> None:
    """Click `button` as the author would, forced on where the panel greys it out."""
    button.setEnabled(True)
    button.setVisible(True)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    clicked.append(what)
    qtbot.wait(10)


def _walk_panel(qtbot: QtBot, panel: ProofreadPanel) -> list[str]:
    """Every button on every finding of the proofreading panel; what was clicked."""
    clicked: list[str] = []
    for index in range(len(panel.items())):
        items = panel.items()
        if index >= len(items):
            break
        item = items[index]
        panel.tree.setCurrentItem(item)
        finding = panel.selected()
        assert finding is not None
        if finding.rule == NAME_RULE:
            _click(qtbot, panel.apply_button, clicked, "add the name")
            rect = panel.tree.visualItemRect(item)
            x = panel.tree.header().sectionViewportPosition(1) + 4
            qtbot.mouseClick(
                panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, rect.center().y())
            )
            clicked.append("the name row's Add")
        elif finding.suggestions:
            _click(qtbot, panel.apply_button, clicked, "apply")
            menu = panel.more_button.menu()
            if panel.more_button.isVisibleTo(panel) and menu is not None:
                for action in menu.actions():
                    action.trigger()
                    clicked.append("another suggestion")
        panel.tree.setCurrentItem(item)
        _click(qtbot, panel.ignore_button, clicked, "ignore")
        panel.tree.setCurrentItem(item)
        _click(qtbot, panel.rule_button, clicked, "ignore rule")
    _click(qtbot, panel.add_all_button, clicked, "add all names")
    return clicked


def _walk_menu(qtbot: QtBot, editor: ChapterEditor, word: str) -> list[str]:
    """Every item of the editor's right-click menu on `word` (submenus too)."""
    text = editor.toPlainText()
    assert word in text, word
    cursor = QTextCursor(editor.document())
    cursor.setPosition(text.index(word) + 1)
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()
    qtbot.wait(50)
    menu = editor.build_context_menu(editor.cursorRect(cursor).center())
    triggered: list[str] = []

    def walk(menu: QMenu) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu())  # type: ignore[arg-type]
            elif isinstance(action, QAction) and not action.isSeparator() and action.text():
                action.setEnabled(True)  # forced on: the session's refusal is tested
                action.trigger()
                triggered.append(action.text())
                qtbot.wait(10)

    walk(menu)
    menu.deleteLater()
    return triggered


def test_every_action_writes_nothing_read_only(qtbot: QtBot, story: Path) -> None:
    (story / CH1).write_text(FINDINGS + (story / CH1).read_text("utf-8"), "utf-8")
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

        # The proofreading panel, every button on every finding.
        proofread = feature(window, ProofreadFeature)
        proofread.show()
        qtbot.waitUntil(
            lambda: not proofread.busy and bool(proofread.panel.items()), timeout=30_000
        )
        clicked = _walk_panel(qtbot, proofread.panel)
        for what in ("apply", "another suggestion", "add the name", "the name row's Add"):
            assert what in clicked, (what, clicked)
        assert {"ignore", "ignore rule", "add all names"} <= set(clicked)
        qtbot.wait(300)  # the story.toml timer has had its turn
        assert _snapshot(story) == before, "the proofreading panel wrote"

        # The right-click menu on a misspelt word, a name and a proofreading finding.
        window.shell.show_chapter(CH1)
        editor = window.all_panes[0].editor
        qtbot.waitUntil(lambda: "Thsi" in editor.toPlainText(), timeout=5000)
        menus = {word: _walk_menu(qtbot, editor, word) for word in ("Thsi", "Zorvath", "the the")}
        assert "Add to Story Dictionary" in menus["Thsi"], menus
        assert "Ignore" in menus["Thsi"], menus
        assert "Add to Story Dictionary" in menus["Zorvath"], menus
        assert "Ignore Rule for This Story" in menus["the the"], menus
        window.save_all()

        qtbot.wait(800)  # every autosave and story.toml timer has had its turn
        assert "chapter.new" in triggered and "file.save" in triggered
        assert _snapshot(story) == before
        assert editor.toPlainText().startswith(FINDINGS)  # no suggestion was applied
    finally:
        timer.stop()
        feature(window, ProjectSafety).finish()
        holder.kill()
        holder.wait()
