"""View ▸ Split View (Ctrl+\\) and Switch Pane (Ctrl+Shift+\\): two chapters, or two
places in one chapter, side by side.

The panes are the shell's (studio/ui/window/panes.py keeps each pane's top line when
the widths change); this feature declares the commands and keeps the checkable action
in step when split view turns on elsewhere (a chapter opened in the other pane, the
story's remembered layout).
"""

from __future__ import annotations

from studio.ui.session import StorySession
from studio.ui.shell import ActionSpec, Shell


def install(shell: Shell, _session: StorySession) -> None:
    split = shell.add_action(
        ActionSpec(
            "view.split", "&Split View", "view/layout", shell.set_split, "Ctrl+\\", checkable=True
        )
    )
    shell.add_action(
        ActionSpec(
            "view.switch_pane", "Switch &Pane", "view/layout", shell.switch_pane, "Ctrl+Shift+\\"
        )
    )
    shell.split_changed.connect(split.setChecked)
