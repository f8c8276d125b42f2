"""Helpers shared by the window tests."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

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
