"""The start page's recent stories open as a list's items do, and nothing typed after
opening one lands in the story by surprise.

Found on the tour: a single click opened the story and gave its editor the keyboard,
so the Enter that usually follows a click in a list put a line break before the
first word of chapter 1.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studio.recent import remember_project
from tests.ui_helpers import chapter_text, open_window


def test_a_click_then_enter_opens_the_story_and_types_nothing(
    qtbot: QtBot, sample_copy: Path
) -> None:
    before = chapter_text(sample_copy, "01-the-signal.md")
    window = open_window(qtbot, sample_copy)
    remember_project(sample_copy)
    window.shell.action("file.close").trigger()
    assert window.stack.currentWidget() is window.start_page
    recent = window.start_page.recent
    item = recent.item(0)
    assert item is not None and str(sample_copy) in item.text()
    window.activateWindow()
    recent.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is recent)
    center = recent.visualItemRect(item).center()
    qtbot.mouseClick(recent.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert window.project is None  # a click chooses the story; it does not open it yet
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_Return)  # the Enter after the click opens it
    assert window.project is not None and window.project.root == sample_copy
    window.shell.save_all()
    assert chapter_text(sample_copy, "01-the-signal.md") == before
