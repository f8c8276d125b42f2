"""File ▸ Export…: save what the author typed, then show the Export dialog.

A feature in the shell's terms (docs/architecture.md): one declared action in the File
menu's exchange section, enabled while a story is open. Exporting reads the story and
writes only outside it, so it stays on while the story is read-only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from studio.ui.session import StorySession
from studio.ui.shell import ActionSpec, Shell

if TYPE_CHECKING:
    from studio.ui.export.dialog import ExportDialog

ACTION_ID = "file.export"
SHORTCUT = "Ctrl+Shift+E"


def install(shell: Shell, session: StorySession) -> None:
    shell.add_action(
        ActionSpec(
            ACTION_ID,
            "&Export…",
            "file/exchange",
            lambda: open_export_dialog(shell, session),
            SHORTCUT,
            needs_story=True,
            tip="Export the story as DOCX, Markdown, text, for FanFiction.Net or as a bundle",
        )
    )


def open_export_dialog(shell: Shell, session: StorySession) -> ExportDialog | None:
    """Save everything (exporters read the saved files), then show the dialog."""
    project = session.project
    if project is None:
        return None
    parent = shell.dialog_parent()
    if not shell.save_all():
        QMessageBox.warning(
            parent,
            "Export",
            "Some changes could not be saved, so the export would leave them out. "
            "The status bar says what went wrong; fix that and export again.",
        )
        return None
    from studio.ui.export.dialog import ExportDialog  # noqa: PLC0415 (exporters load on first use)

    dialog = ExportDialog(project, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
