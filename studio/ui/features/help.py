"""Help ▸ Keyboard Shortcuts (built from the menus when it opens, so every feature's
actions are listed) and Help ▸ About Studio."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox

from studio import __version__
from studio.ui.session import StorySession
from studio.ui.shell import ActionSpec, Shell
from studio.ui.shortcuts_dialog import ShortcutsDialog


class HelpFeature(QObject):
    """The Help menu (found with `shell.findChild(HelpFeature)`)."""

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.shell = shell
        shell.add_action(
            ActionSpec(
                "help.shortcuts", "&Keyboard Shortcuts", "help/help", self.show_shortcuts, "Ctrl+/"
            )
        )
        shell.add_action(ActionSpec("help.about", "&About Studio", "help/help", self.show_about))

    def show_shortcuts(self) -> ShortcutsDialog:
        """Open the list (not modal) and return it."""
        dialog = ShortcutsDialog(self.shell.menus(), self.shell.dialog_parent())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_about(self) -> None:
        QMessageBox.about(
            self.shell.dialog_parent(),
            "About Studio",
            f"<b>Studio</b> {__version__}<br>A writing and editing studio for fan fiction.",
        )


def install(shell: Shell, _session: StorySession) -> HelpFeature:
    return HelpFeature(shell)
