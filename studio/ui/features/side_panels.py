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
# In split view each pane should keep about this much (some 40 characters of text):
# the metadata panel gives its place first, then the chapter list. The widths are
# what each part takes at its usual size (the window's splitter, a dock's panel).
SPLIT_PANE_PX = 340
CHAPTERS_PX = 210
METADATA_PX = 340
DOCK_PX = 330


class SidePanels(QObject):
    """Whether the metadata panel gave its place to a side panel or to split view
    (`.yielded`), and whether the chapter list gave its place to split view
    (`.chapters_yielded`)."""

    def __init__(self, shell: Shell, session: StorySession) -> None:
        super().__init__(shell)
        self.shell = shell
        self.yielded = False
        self.chapters_yielded = False
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
        shell.split_changed.connect(lambda _on: self.arrange())
        del session

    def _in_focus_mode(self) -> bool:
        try:
            return self.shell.action("view.focus_mode").isChecked()
        except KeyError:  # a window without focus mode
            return False

    def arrange(self) -> None:
        """Hide the metadata panel, then the chapter list, while the editors need
        their place; show each again (if its View toggle is on) once they do not."""
        if self._in_focus_mode():
            return
        width = self.shell.window_width()
        docked = any(d.toggleViewAction().isChecked() for d in self.shell.docks())
        metadata = self.shell.action("view.metadata").isChecked()
        chapters = self.shell.action("view.chapters").isChecked()
        split = self.shell.is_split()
        side = DOCK_PX if docked else 0
        room = width - side - (CHAPTERS_PX if chapters else 0)  # beside the chapter list
        hide_metadata = metadata and (
            (docked and width <= NARROW_WINDOW_PX)
            or (split and room - METADATA_PX < 2 * SPLIT_PANE_PX)
        )
        hide_chapters = chapters and split and width - side < 2 * SPLIT_PANE_PX + CHAPTERS_PX
        self.yielded = self._yield("metadata", self.yielded, hide_metadata, metadata)
        self.chapters_yielded = self._yield(
            "chapters", self.chapters_yielded, hide_chapters, chapters
        )

    def _yield(self, part: str, yielded: bool, hide: bool, wanted: bool) -> bool:
        """Hide `part` for the editors' sake, or give it back: whether it is yielded."""
        if hide and not yielded:
            self.shell.set_part_visible(part, False)
        elif yielded and not hide:
            self.shell.set_part_visible(part, wanted)
        return hide


def install(shell: Shell, session: StorySession) -> SidePanels:
    return SidePanels(shell, session)
