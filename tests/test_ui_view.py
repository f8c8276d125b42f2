"""Themes, menus and shortcuts, preferences, and saving on focus loss and switching."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomlkit
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from studio.story import story_stats
from studio.ui.features.find import FindFeature
from studio.ui.features.focus_mode import FocusMode
from studio.ui.features.help import HelpFeature
from studio.ui.features.preferences import PreferencesFeature
from studio.ui.features.statistics import StatisticsWindow
from studio.ui.features.status import StatusFeature
from studio.ui.features.story_files import StoryFiles
from studio.ui.main_window import MainWindow
from studio.ui.preferences import Preferences, PreferencesDialog
from studio.ui.theme import ThemeChoice
from tests.ui_helpers import chapter_text, feature, open_window


@pytest.fixture
def window(qtbot: QtBot, sample_copy: Path) -> MainWindow:
    return open_window(qtbot, sample_copy)


def _shortcuts(window: MainWindow) -> dict[str, str]:
    return {
        a.text().replace("&", ""): a.shortcut().toString()
        for a in window.actions()
        if not a.shortcut().isEmpty()
    }


def test_menus_and_standard_shortcuts(window: MainWindow) -> None:
    keys = _shortcuts(window)
    standard = QKeySequence.StandardKey
    for text, key in (
        ("Open Story…", standard.Open),
        ("Save", standard.Save),
        ("Undo", standard.Undo),
        ("Redo", standard.Redo),
        ("Find…", standard.Find),
    ):
        assert keys[text] == QKeySequence(key).toString(), text
    platform_quit = QKeySequence(standard.Quit).toString()
    assert keys["Quit"] == (platform_quit or "Ctrl+Q")
    assert keys["Find in Project…"] == "Ctrl+Shift+F"
    assert keys["Split View"] == "Ctrl+\\"
    assert "Focus Mode" in keys and "Preferences…" in keys
    titles = [a.text() for a in window.shell.menu("file").actions()]
    for expected in ("&New Story…", "&Open Story…", "Open &Recent", "&Save", "&Close Story"):
        assert expected in titles


def test_shortcuts_drive_the_window(qtbot: QtBot, window: MainWindow) -> None:
    editor = window.focused_pane().editor
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.focused_pane().find_bar.isVisible()
    qtbot.keyClick(
        editor,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert feature(window, FindFeature).dock.isVisible()
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Backslash, Qt.KeyboardModifier.ControlModifier)
    assert window.is_split
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, "xyz")
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not editor.toPlainText().endswith("xyz")
    window.shell.action("edit.redo").trigger()
    assert editor.toPlainText().endswith("xyz")


def test_the_theme_follows_the_system_unless_chosen(qtbot: QtBot, window: MainWindow) -> None:
    """The desktop's switch arrives as QStyleHints.colorSchemeChanged; offscreen there is
    no desktop to flip, so the test sends that signal the way the platform would."""
    hints = QGuiApplication.styleHints()
    feature(window, PreferencesFeature).set_theme(ThemeChoice.SYSTEM)
    assert not feature(window, PreferencesFeature).dark  # offscreen the scheme is unknown: light
    try:
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert feature(window, PreferencesFeature).dark
        base = QApplication.palette().color(QPalette.ColorRole.Base)
        assert base.lightness() < 80
        viewport = window.focused_pane().editor.viewport()
        assert viewport.palette().color(QPalette.ColorRole.Base).lightness() < 80
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert not feature(window, PreferencesFeature).dark
        assert viewport.palette().color(QPalette.ColorRole.Base).lightness() > 200
        feature(window, PreferencesFeature).set_theme(ThemeChoice.DARK)
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert feature(window, PreferencesFeature).dark  # a chosen theme stays
    finally:
        feature(window, PreferencesFeature).set_theme(ThemeChoice.LIGHT)
    assert Preferences.load().theme is ThemeChoice.LIGHT


def test_preferences_dialog_applies_and_remembers(qtbot: QtBot, window: MainWindow) -> None:
    dialog = PreferencesDialog(window.prefs, window)
    qtbot.addWidget(dialog)
    dialog.smart.setChecked(False)
    dialog.autosave.setValue(5.0)
    dialog.font_size.setValue(16)
    window.shell.set_preferences(dialog.result_preferences())
    assert not window.shell.action("edit.smart_typing").isChecked()
    assert not window.focused_pane().editor.smart_typing
    assert window.documents is not None and window.documents.autosave_ms == 5000
    assert window.focused_pane().editor.font().pointSizeF() == 16
    again = Preferences.load()
    assert (again.smart_typing, again.autosave_ms, again.font_size) == (False, 5000, 16.0)


def test_switching_chapter_and_leaving_the_editor_save_at_once(
    qtbot: QtBot, window: MainWindow, sample_copy: Path
) -> None:
    assert window.documents is not None
    window.documents.set_autosave_interval(60_000)
    editor = window.focused_pane().editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, " Switching away.")
    window.show_chapter("chapters/02-low-tide.md")
    assert chapter_text(sample_copy, "01-the-signal.md").endswith(
        "Switching away.\n"
    )  # a touched last line ends the file
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, " Clicking elsewhere.")
    window.metadata.work_tab.fields["title"].setFocus()
    qtbot.waitUntil(lambda: not editor.hasFocus())
    assert chapter_text(sample_copy, "02-low-tide.md").endswith("Clicking elsewhere.\n")


def test_editor_menu_hooks_see_the_clicked_word(qtbot: QtBot, window: MainWindow) -> None:
    seen: list[str] = []

    def hook(menu: QMenu, cursor: QTextCursor) -> None:
        cursor.select(QTextCursor.SelectionType.WordUnderCursor)
        seen.append(cursor.selectedText())
        menu.addAction(f"Add “{cursor.selectedText()}” to the word list")

    window.shell.add_context_section(hook)
    editor = window.focused_pane().editor
    rect = editor.cursorRect(QTextCursor(editor.document().findBlockByNumber(0)))
    menu = editor.build_context_menu(rect.center() + QPoint(3, 0))
    assert seen == ["The"]
    assert menu.actions()[-1].text() == "Add “The” to the word list"


def test_refresh_views_after_story_toml_changes_on_disk(
    window: MainWindow, sample_copy: Path
) -> None:
    story = sample_copy / "story.toml"
    doc = tomlkit.parse(story.read_text(encoding="utf-8"))
    doc["work"]["title"] = "Salt and Static (revised)"
    doc["chapters"][0]["title"] = "The First Signal"
    story.write_text(tomlkit.dumps(doc), encoding="utf-8")
    assert window.project is not None
    window.project.reload()
    window.refresh_views()
    assert window.metadata.work_tab.fields["title"].value() == "Salt and Static (revised)"
    assert window.windowTitle().startswith("Salt and Static (revised)")
    assert window.all_panes[0].header.text() == "Chapter 1 · The First Signal"


def test_closing_in_focus_mode_remembers_the_normal_layout(qtbot: QtBot, sample_copy: Path) -> None:
    first = open_window(qtbot, sample_copy)
    feature(first, FocusMode).set(True)
    assert first.close()
    second = open_window(qtbot, sample_copy)
    assert not feature(second, FocusMode).on and not second.isFullScreen()
    assert second.chapters_box.isVisible() and second.metadata.isVisible()


def test_a_metadata_edit_shows_unsaved_until_story_toml_is_written(
    qtbot: QtBot, window: MainWindow
) -> None:
    title = window.metadata.work_tab.fields["title"]
    title.setFocus()
    qtbot.keyClicks(title, "!")
    assert feature(window, StatusFeature).save_label.text().endswith("Unsaved")
    qtbot.waitUntil(lambda: feature(window, StatusFeature).save_label.text().endswith("Saved"))
    assert window.project is not None and not window.project.is_modified


def test_new_story_and_open_recent(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File ▸ New Story… with the two questions it asks answered as an author would."""
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    first = window.project
    assert first is not None
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Copper Moon", True))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    feature(window, StoryFiles).new_story()
    assert window.project is not None
    assert window.project.root == (tmp_path / "copper-moon").resolve()
    assert window.project.work.title == "Copper Moon"
    assert window.windowTitle().startswith("Copper Moon")
    assert window.focused_pane().chapter is not None
    feature(window, StoryFiles).recent_menu.aboutToShow.emit()
    entries = [a.text() for a in feature(window, StoryFiles).recent_menu.actions()]
    assert entries[0].startswith("Copper Moon") and entries[1].startswith(first.work.title)
    feature(window, StoryFiles).recent_menu.actions()[1].trigger()
    assert window.project.root == first.root


def test_keyboard_shortcuts_dialog_lists_every_menu_action_with_keys(window: MainWindow) -> None:
    dialog = feature(window, HelpFeature).show_shortcuts()
    listed = {}
    for i in range(dialog.tree.topLevelItemCount()):
        group = dialog.tree.topLevelItem(i)
        for j in range(group.childCount()):
            listed[group.child(j).text(0)] = group.child(j).text(1)
    assert listed["Find in Project…"] == "Ctrl+Shift+F"
    assert listed["Split View"] == "Ctrl+\\"
    assert "Keyboard Shortcuts" in listed
    dialog.close()


# Actions that open a modal dialog (a file chooser, a question) by design.
MODAL = {
    "New Story…", "Open Story…", "Preferences…", "About Studio", "Quit", "Close Story",
    "Import Review…", "Reviewer Name…", "Add Comment…",
}  # fmt: skip


def _trigger_every_action(window: MainWindow, *, force: bool = False) -> list[str]:
    """Trigger every action (`force`: even those the shell turned off)."""
    done = []
    for action in list(window.actions()):
        text = action.text().replace("&", "")
        if text in MODAL or not text or not (action.isEnabled() or force):
            continue
        action.setEnabled(True)
        action.trigger()
        done.append(text)
        if action.isCheckable() and action.isChecked():
            action.trigger()  # and back
    return done


def test_every_menu_action_is_safe_with_no_story_open(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    needing = ("file.save", "edit.find", "chapter.trash", "edit.undo")
    assert not any(window.shell.action(i).isEnabled() for i in needing)  # no story yet
    done = _trigger_every_action(window, force=True)  # and safe even if called anyway
    assert {"Save", "Find…", "Split View", "Focus Mode", "Move Chapter to Trash"} <= set(done)
    assert window.project is None and not feature(window, FocusMode).on


def test_every_menu_action_is_safe_with_a_story_open(qtbot: QtBot, window: MainWindow) -> None:
    done = _trigger_every_action(window)
    assert "Undo" in done and "Keyboard Shortcuts" in done
    assert window.project is not None
    stats = window.findChild(StatisticsWindow, "statisticsWindow")
    words = story_stats(window.project).words  # what `studio stats` says of the saved text
    assert stats is not None and stats.report.total.text().startswith(f"{words:,} words")
    stats.close()
