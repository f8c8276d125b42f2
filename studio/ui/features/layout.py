"""Layout memory: the window comes back as it was left, and each story with the
chapters, split and cursor positions it had (kept by studio.ui.layout_memory).

The shell takes and shows the layouts; this feature only decides when: the window's
at start and when it closes, a story's when it is shown and when it is left.
"""

from __future__ import annotations

from studio.story import Project
from studio.ui.layout_memory import load_story, load_window, save_story, save_window
from studio.ui.session import StorySession
from studio.ui.shell import Shell


def install(shell: Shell, session: StorySession) -> None:
    shell.restore_window_layout(load_window())

    def shown(project: Project) -> None:
        shell.restore_story_layout(load_story(project.root))

    def leaving() -> None:
        if session.project is not None:
            save_story(session.project.root, shell.story_layout())

    shell.story_shown.connect(shown)
    shell.story_leaving.connect(leaving)
    shell.window_closing.connect(lambda: save_window(shell.window_layout()))
