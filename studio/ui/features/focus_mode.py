"""View ▸ Focus Mode (F11): only the text, full screen; Esc or F11 comes back.

The chapter list, the metadata panel, the side panels, the status bar, the menu bar
and the panes' titles hide, and come back as they were (a panel hidden before stays
hidden). Closing the window in focus mode leaves it first, so the layout remembered
is the normal one. Every command keeps its shortcut with the menu bar hidden.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence

from studio.ui.session import StorySession
from studio.ui.shell import ActionSpec, Shell

PARTS = ("chapters", "metadata", "status", "menu")


class FocusMode(QObject):
    """Focus mode's state (`feature(window, FocusMode).on`)."""

    def __init__(self, shell: Shell, session: StorySession) -> None:
        super().__init__(shell)
        self.shell = shell
        self._on = False
        self._shown: dict[str, bool] = {}  # what showed before, by part or dock name
        self.action = shell.add_action(
            ActionSpec(
                "view.focus_mode",
                "&Focus Mode",
                "view/layout",
                self._apply,
                QKeySequence.StandardKey.FullScreen,
                checkable=True,
            )
        )
        shell.add_escape_handler(self._escape, first=True)
        shell.window_closing.connect(lambda: self.set(False))
        del session

    @property
    def on(self) -> bool:
        return self._on

    def set(self, on: bool) -> None:
        """Turn focus mode on or off (the View menu's check follows)."""
        self.action.setChecked(on)

    def _apply(self, on: bool) -> None:
        if on == self._on:
            return
        self._on = on
        shell = self.shell
        if on:
            self._shown = {part: shell.part_visible(part) for part in PARTS}
            self._shown.update({d.objectName(): d.isVisible() for d in shell.docks()})
            for part in PARTS:
                shell.set_part_visible(part, False)
            for dock in shell.docks():
                dock.hide()
        else:
            for part in PARTS:
                shell.set_part_visible(part, self._shown.get(part, True))
            for dock in shell.docks():
                dock.setVisible(self._shown.get(dock.objectName(), False))
        shell.set_part_visible("headers", not on)
        shell.set_full_screen(on)
        shell.focus_text()

    def _escape(self) -> bool:
        if self._on:
            self.set(False)
            return True
        return False


def install(shell: Shell, session: StorySession) -> FocusMode:
    return FocusMode(shell, session)
