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
    from studio.findings import Finding
    from studio.story.project import Project
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
    from studio.checks import all_findings  # noqa: PLC0415 (the checks load on first use)
    from studio.ui.export.dialog import ExportDialog  # noqa: PLC0415 (exporters load on first use)

    check = _findings_without_writing if session.read_only else all_findings
    dialog = ExportDialog(project, parent, check=check)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def _findings_without_writing(project: Project) -> list[Finding]:
    """The archive check for a read-only story: nothing under it is written, not even
    the grammar cache (runs on the dialog's worker thread, so the flag is set there)."""
    from studio.checks import all_findings  # noqa: PLC0415 (loaded on first use)
    from studio.proofread import cache_not_saved  # noqa: PLC0415

    with cache_not_saved():
        return all_findings(project)
