"""Start the Qt application on a story folder."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from studio.ui.features.app import APP_FEATURES
from studio.ui.main_window import MainWindow


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
    for install in APP_FEATURES:  # safety first: it takes the lock on opening
        install(window.shell, window.session)
    return window


def run(path: Path) -> int:
    """Open the window on `path`. A story that cannot be opened shows why, and the
    window stays open so the author can pick another one."""
    app = application()
    window = create_window()
    window.open_project(path)
    window.show()
    return int(app.exec())
