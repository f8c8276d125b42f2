"""File ▸ Import Fic…: the import dialog, and the imported story opened in the window.

A feature in the shell's terms (docs/architecture.md): one declared action, right after
Open Recent. Importing writes a new story folder, never the open one, so it needs no
story and stays on while the open story is read-only.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from studio.resources import sample_project
from studio.ui.session import StorySession
from studio.ui.shell import ActionSpec, Shell

if TYPE_CHECKING:
    from studio.ui.importer.dialog import ImportDialog

ACTION_ID = "file.import"
SHORTCUT = "Ctrl+Shift+I"


def install(shell: Shell, session: StorySession) -> None:
    shell.add_action(
        ActionSpec(
            ACTION_ID,
            "&Import Fic…",
            "file/story",
            lambda: open_import_dialog(shell, session),
            SHORTCUT,
            tip="Bring a fic (text, Markdown, HTML, EPUB or a story bundle) in as a new story",
        )
    )


def open_import_dialog(shell: Shell, session: StorySession) -> ImportDialog:
    """Show the dialog (window-modal, never a blocking exec()); the story it imports
    opens in the window when it closes. The dialog and the importers load here, on
    first use: they cost 0.4 s at start-up."""
    from studio.ui.importer.dialog import ImportDialog  # noqa: PLC0415

    dialog = ImportDialog(shell.dialog_parent(), start_folder=start_folder(session))
    dialog.finished.connect(lambda _result: _imported(shell, dialog))
    dialog.open()
    return dialog


def _imported(shell: Shell, dialog: ImportDialog) -> None:
    if dialog.imported is not None:
        shell.open_story(dialog.imported)
    dialog.deleteLater()


def start_folder(session: StorySession) -> Path:
    """Beside the open story (but never inside Studio's own sample), else the home folder."""
    project = session.project
    if project is None or project.root == sample_project().resolve():
        return Path.home()
    return project.root.parent
