"""Finding: Edit ▸ Find, Find Next / Previous, Replace (the find bar of the focused
pane), and Find in Project (a side panel listing every match in the story).

Replace is declared as changing the story, so the shell turns it off while read-only;
the find bar itself replaces through the session's edit cursor. A match chosen in
Find in Project is shown with `shell.go_to` and the keyboard stays in the results
list, so the next Enter shows the next match instead of typing over this one.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence

from studio.story import Project
from studio.ui.project_search import ProjectSearch, SearchHit
from studio.ui.session import StorySession
from studio.ui.shell import ActionSpec, Shell


class FindFeature(QObject):
    """The find actions and Find in Project (found with `shell.findChild(FindFeature)`)."""

    def __init__(self, shell: Shell, session: StorySession) -> None:
        super().__init__(shell)
        self.shell = shell
        self.session = session
        self.search = ProjectSearch()
        self.search.hit_activated.connect(self.go_to_hit)
        self.search.open_text = session.open_text
        keys = QKeySequence.StandardKey
        for action_id, text, slot, key, changes in (
            ("edit.find", "&Find…", lambda: self.open_find(False), keys.Find, False),
            ("edit.find_next", "Find &Next", self.find_again, keys.FindNext, False),
            (
                "edit.find_previous",
                "Find Pre&vious",
                lambda: self.find_again(True),
                keys.FindPrevious,
                False,
            ),
            ("edit.replace", "&Replace…", lambda: self.open_find(True), keys.Replace, True),
            (
                "edit.find_in_project",
                "Find in Pro&ject…",
                self.open_project_search,
                "Ctrl+Shift+F",
                False,
            ),
        ):
            shell.add_action(
                ActionSpec(
                    action_id,
                    text,
                    "edit/find",
                    slot,
                    key,
                    needs_story=not changes,
                    changes_story=changes,
                )
            )
        self.dock = shell.add_dock(self.search, "Find in Project")
        session.on_open(self._opened)
        session.closed.connect(lambda: self.search.set_project(None))
        shell.add_escape_handler(self._escape)

    def _opened(self, project: Project) -> None:
        self.search.set_project(project)

    def open_find(self, replace: bool = False) -> None:
        self.shell.find_bar().open(replace)

    def find_again(self, backward: bool = False) -> None:
        """The next (previous) match of what the find bar holds; the bar if it is empty."""
        bar = self.shell.find_bar()
        if bar.find_edit.text():
            bar.find_next(backward)
        else:
            bar.open()

    def open_project_search(self) -> None:
        """Show Find in Project, searching for the selection (within one paragraph)."""
        self.dock.show()
        self.dock.raise_()
        editor = self.shell.focused_editor()
        selected = editor.textCursor().selectedText() if editor is not None else ""
        self.search.start(selected if "\u2029" not in selected else "")

    def go_to_hit(self, hit: SearchHit) -> None:
        """Show the chapter of a search hit and select the match (the keyboard stays in
        the results list)."""
        self.shell.go_to(hit.file, hit.line, hit.start, end_column=hit.end)

    def _escape(self) -> bool:
        bar = self.shell.find_bar()
        if bar.isVisible():
            bar.close_bar()
            return True
        return False


def install(shell: Shell, session: StorySession) -> FindFeature:
    return FindFeature(shell, session)
