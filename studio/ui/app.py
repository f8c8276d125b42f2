"""Start the Qt application on a story folder."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from studio.ui import importer
from studio.ui.lyrics.install import install_lyrics
from studio.ui.main_window import MainWindow
from studio.ui.proofread import ProofreadFeature
from studio.ui.safety.controller import ProjectSafety
from studio.ui.spelling import SpellingFeature


def application() -> QApplication:
    """The one QApplication (created if there is none yet)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Studio")
    app.setOrganizationName("Studio")
    app.setDesktopFileName("studio")
    return app


def create_window() -> MainWindow:
    """The main window with every feature plugged in: what `run` shows, and what the
    screenshots and the open benchmark use. A feature that plugs into the window
    through its extension points is installed here."""
    window = MainWindow()
    ProjectSafety(window)  # lock, backups, journal, live reload: before the project opens
    install_lyrics(window)
    importer.install(window)
    SpellingFeature(window)
    ProofreadFeature(window)
    return window


def run(path: Path) -> int:
    """Open the window on `path`. A story that cannot be opened shows why, and the
    window stays open so the author can pick another one."""
    app = application()
    window = create_window()
    window.open_project(path)
    window.show()
    return int(app.exec())
