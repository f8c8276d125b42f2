"""Helpers shared by the window tests."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, QPoint, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from studio.story.file_form import decode_text
from studio.ui.main_window import MainWindow

FAST_AUTOSAVE_MS = 150
Feature = TypeVar("Feature", bound=QObject)


def feature(window: MainWindow, kind: type[Feature]) -> Feature:
    """The window's installed feature of class `kind` (its public API)."""
    found = window.shell.findChild(kind)
    assert isinstance(found, kind), f"no {kind.__name__} in the window"
    return found


def open_window(qtbot: QtBot, story: Path, size: tuple[int, int] = (1280, 800)) -> MainWindow:
    """The real window on `story`, shown offscreen at `size`, with a short autosave pause."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(*size)
    window.prefs.autosave_ms = FAST_AUTOSAVE_MS
    assert window.open_project(story), window.start_page.error.text()
    assert window.documents is not None
    window.documents.set_autosave_interval(FAST_AUTOSAVE_MS)
    window.show()
    qtbot.waitExposed(window)
    return window


def chapter_text(story: Path, name: str) -> str:
    return (story / "chapters" / name).read_text(encoding="utf-8")


def right_click(editor: QWidget, point: QPoint, choose: str | None = None) -> list[str]:
    """Right-click `editor` at `point` (a text editor's viewport coordinates) as the
    author does (a real context-menu event, the menu really opens): the menu's item
    texts, after triggering the one whose text is `choose`. The menu is closed from a
    timer (or at once, when it was shown with popup()), so no menu stays open."""
    seen: list[str] = []
    returned = [False]

    def close_menu() -> None:
        popup = QApplication.activePopupWidget()
        if not isinstance(popup, QMenu):
            if not returned[0]:  # the menu is still to open
                QTimer.singleShot(10, close_menu)
            return
        items = [a for a in popup.actions() if not a.isSeparator()]
        seen.extend(a.text() for a in items)
        popup.close()
        chosen = next((a for a in items if a.text() == choose), None)
        if chosen is not None:
            chosen.trigger()

    QTimer.singleShot(0, close_menu)
    target = editor.viewport() if isinstance(editor, QAbstractScrollArea) else editor
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, target.mapToGlobal(point))
    QApplication.sendEvent(target, event)
    returned[0] = True
    if not seen:  # a menu shown with popup(), not exec(): open now, not waited on
        close_menu()
    return seen


def as_shown(file_text: str) -> str:
    """What the editor shows for a chapter file holding `file_text`: the file's final
    line ending is not an editor line (studio.story.file_form)."""
    return decode_text(file_text.encode("utf-8"))[0]
