"""File → Export… in the main window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from studio.ui.export.dialog import ExportDialog

if TYPE_CHECKING:
    from studio.ui.main_window import MainWindow

SHORTCUT = "Ctrl+Shift+E"


def install(window: MainWindow) -> QAction:
    """Add Export… to the File menu, before Close Story; enabled while a story is open."""
    action = QAction("&Export…", window)
    action.setShortcut(QKeySequence(SHORTCUT))
    action.setObjectName("exportAction")
    action.triggered.connect(lambda: open_export_dialog(window))
    menu = window.menu("&File")
    close = next((a for a in menu.actions() if a.text().replace("&", "") == "Close Story"), None)
    if close is None:
        menu.addAction(action)
    else:
        menu.insertAction(close, action)
        menu.insertSeparator(close)
    window.addAction(action)  # the shortcut works in focus mode too
    action.setEnabled(window.project is not None)
    window.project_opened.connect(lambda _project: action.setEnabled(True))
    window.project_closed.connect(lambda: action.setEnabled(False))
    return action


def open_export_dialog(window: MainWindow) -> ExportDialog | None:
    """Save everything (exporters read the saved files), then show the dialog."""
    if window.project is None:
        return None
    if not window.save_all():
        QMessageBox.warning(
            window,
            "Export",
            "Some changes could not be saved, so the export would leave them out. "
            "The status bar says what went wrong; fix that and export again.",
        )
        return None
    dialog = ExportDialog(window.project, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
