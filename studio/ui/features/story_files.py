"""File ▸ New Story…, Open Story…, Open Recent, Save, Close Story, Quit, and the start
page's buttons.

Opening itself is the shell's (`shell.open_story`: the session, the panes, the
metadata panel, the chapter list); this feature asks which story, remembers it for
Open Recent (by its title) unless it is open read-only, and shows why a story could
not be opened when another one stays open (with none open the start page says it).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from studio.errors import StudioError
from studio.recent import recent_projects, remember_project, story_title
from studio.resources import sample_project
from studio.story import Project, create_project
from studio.story.paths import slugify
from studio.ui.message_box import warn
from studio.ui.session import StorySession
from studio.ui.shell import ActionSpec, Shell


class StoryFiles(QObject):
    """Which story the window shows (`feature(window, StoryFiles)`)."""

    def __init__(self, shell: Shell, session: StorySession) -> None:
        super().__init__(shell)
        self.shell = shell
        self.session = session
        keys = QKeySequence.StandardKey
        for spec in (
            ActionSpec("file.new", "&New Story…", "file/story", self.new_story, keys.New),
            ActionSpec("file.open", "&Open Story…", "file/story", self.choose_story, keys.Open),
            ActionSpec(
                "file.save", "&Save", "file/save", shell.save_all, keys.Save, changes_story=True
            ),
            ActionSpec(
                "file.close",
                "&Close Story",
                "file/close",
                shell.close_story,
                keys.Close,
                needs_story=True,
            ),
            ActionSpec("file.quit", "&Quit", "file/close", shell.close_window, keys.Quit),
        ):
            shell.add_action(spec)
        self.recent_menu = shell.add_menu("file/story", "Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        start = shell.start_page()
        start.open_requested.connect(self.choose_story)
        start.new_requested.connect(self.new_story)
        start.sample_requested.connect(lambda: shell.open_story(sample_project()))
        start.recent_requested.connect(shell.open_story)
        shell.story_shown.connect(self._remember)
        shell.open_failed.connect(self._open_failed)

    def choose_story(self) -> None:
        project = self.session.project
        start = str(project.root.parent) if project is not None else str(Path.home())
        parent = self.shell.dialog_parent()
        folder = QFileDialog.getExistingDirectory(parent, "Open a story folder", start)
        if folder:
            self.shell.open_story(Path(folder))

    def new_story(self) -> None:
        """Ask for a title and a place, create the story's folder there and open it."""
        parent = self.shell.dialog_parent()
        title, ok = QInputDialog.getText(parent, "New story", "Title of the story:")
        if not ok or not title.strip():
            return
        place = QFileDialog.getExistingDirectory(
            parent, "Where should the story's folder go?", str(Path.home())
        )
        if not place:
            return
        target = Path(place) / slugify(title, fallback="story")
        try:
            project = create_project(target, title=title)
        except StudioError as exc:
            warn(parent, "Studio could not create the story", str(exc))
            return
        self.shell.open_story(project.root)

    def _remember(self, project: Project) -> None:
        if self.session.read_only:
            return  # read-only writes nothing, not even the list of recent stories
        try:
            remember_project(project.root)
        except StudioError as exc:
            self.shell.say(str(exc))

    def _open_failed(self, message: str) -> None:
        """A story could not be opened while another stays open: say why, not modal."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Studio cannot open this story",
            message,
            QMessageBox.StandardButton.Ok,
            self.shell.dialog_parent(),
        )
        box.setObjectName("openError")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not exec(): the window stays usable

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = recent_projects()
        for path in paths:
            action = self.recent_menu.addAction(f"{story_title(path)}   ({path})")
            action.triggered.connect(lambda _=False, p=path: self.shell.open_story(p))
        if not paths:
            self.recent_menu.addAction("No recent stories").setEnabled(False)


def install(shell: Shell, session: StorySession) -> StoryFiles:
    return StoryFiles(shell, session)
