"""The safety feature in a test's window, installed as the application installs it."""

from __future__ import annotations

from studio.ui.main_window import MainWindow
from studio.ui.safety.controller import ProjectSafety, install
from tests.ui_helpers import feature


def with_safety(window: MainWindow) -> ProjectSafety:
    """Install safety through its contract (`install(shell, session)`), before the
    window opens a story, and return it as the window's feature."""
    install(window.shell, window.session)
    return feature(window, ProjectSafety)
