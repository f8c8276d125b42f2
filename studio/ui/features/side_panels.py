"""View ▸ Chapter List and Metadata Panel, and where side panels go on a small screen.

At 1366 px and below an open side panel (Proofreading, Find in Project, …) takes the
metadata panel's place, as novelWriter's project search takes its sidebar's, so the
editors keep their width and never get a horizontal scrollbar; the metadata panel
comes back when the last side panel closes or the window grows. Focus mode hides
everything itself, so nothing is arranged while it is on.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from studio.ui.session import StorySession
from studio.ui.shell import ActionSpec, Shell

# At this window width and below a side panel takes the metadata panel's place.
NARROW_WINDOW_PX = 1366


class SidePanels(QObject):
    """Whether the metadata panel gave its place to a side panel (`.yielded`)."""

    def __init__(self, shell: Shell, session: StorySession) -> None:
        super().__init__(shell)
        self.shell = shell
        self.yielded = False
        for action_id, text, part, key in (
            ("view.chapters", "&Chapter List", "chapters", "Ctrl+Shift+L"),
            ("view.metadata", "&Metadata Panel", "metadata", "Ctrl+Shift+M"),
        ):
            shell.add_action(
                ActionSpec(
                    action_id,
                    text,
                    "view/panels",
                    lambda on, p=part: shell.set_part_visible(p, on),
                    key,
                    checkable=True,
                    checked=True,
                )
            )
        shell.docks_changed.connect(self.arrange)
        shell.resized.connect(self.arrange)
        del session

    def _in_focus_mode(self) -> bool:
        try:
            return self.shell.action("view.focus_mode").isChecked()
        except KeyError:  # a window without focus mode
            return False

    def arrange(self) -> None:
        if self._in_focus_mode():
            return
        narrow = self.shell.window_width() <= NARROW_WINDOW_PX
        docked = any(d.toggleViewAction().isChecked() for d in self.shell.docks())
        metadata = self.shell.action("view.metadata")
        if narrow and docked:
            if not self.yielded and metadata.isChecked():
                self.yielded = True
                self.shell.set_part_visible("metadata", False)
        elif self.yielded:
            self.yielded = False
            self.shell.set_part_visible("metadata", metadata.isChecked())


def install(shell: Shell, session: StorySession) -> SidePanels:
    return SidePanels(shell, session)
