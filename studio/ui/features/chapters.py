"""Chapter management: new, rename, reorder, move up and down, open in the other pane,
and the chapter list's right-click menu.

The chapter list only shows and asks (the shell passes its requests on as signals);
this feature changes the story through the session, so read-only is refused there,
and then asks the shell to show the chapters again. Other features add their own
sections to the right-click menu (`shell.add_chapter_menu_section`): the trash, the
posting status.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint
from PySide6.QtWidgets import QMenu

from studio.errors import StudioError
from studio.story import Chapter
from studio.ui.session import StorySession
from studio.ui.shell import ActionSpec, Shell


class ChapterFeature(QObject):
    """The chapter commands (found with `shell.findChild(ChapterFeature)`)."""

    def __init__(self, shell: Shell, session: StorySession) -> None:
        super().__init__(shell)
        self.shell = shell
        self.session = session
        self.menu: QMenu | None = None  # the last right-click menu (tests look at it)
        shell.new_chapter_requested.connect(self.new_chapter)
        shell.chapter_rename_requested.connect(self.rename)
        shell.chapter_order_requested.connect(self.reorder)
        shell.chapter_menu_requested.connect(self._popup)
        for spec in (
            ActionSpec(
                "chapter.new",
                "New &Chapter",
                "file/chapters",
                self.new_chapter,
                "Ctrl+Shift+N",
                changes_story=True,
            ),
            ActionSpec(
                "chapter.rename",
                "Rena&me Chapter",
                "file/chapters",
                shell.rename_in_list,
                "F2",
                changes_story=True,
            ),
        ):
            shell.add_action(spec)

    def _chapter(self, file: str) -> Chapter | None:
        project = self.session.project
        if project is None:
            return None
        return next((c for c in project.chapters if c.file == file), None)

    def new_chapter(self) -> None:
        """Add "Chapter N" and start renaming it."""
        self.add_chapter()

    def add_chapter(self, title: str | None = None) -> Chapter | None:
        """Add a chapter at the end and show it; with no title, start renaming it."""
        project = self.session.project
        if project is None:
            return None
        name = title or f"Chapter {len(project.chapters) + 1}"
        try:
            with self.session.changing() as changing:
                chapter = changing.add_chapter(name)
                changing.save()
        except StudioError as exc:
            self.shell.say(str(exc), 10000)
            return None
        self.shell.refresh_chapters()
        self.shell.show_chapter(chapter.file)
        if title is None:
            self.shell.rename_in_list(chapter.file)
        return chapter

    def rename(self, file: str, title: str) -> None:
        """Give the chapter `file` the title `title` and save story.toml."""
        chapter = self._chapter(file)
        if chapter is None or not self.session.can_edit():
            return
        chapter.title = title
        self.shell.save_story()
        self.shell.refresh_chapters()

    def reorder(self, files: list[str]) -> None:
        """Put the chapters in the order of `files` and save story.toml."""
        project = self.session.project
        if project is None or not self.session.can_edit():
            return
        for target, file in enumerate(files):
            current = [c.file for c in project.chapters]
            if file in current and current.index(file) != target:
                project.move_chapter(current.index(file), target)
        self.shell.save_story()
        self.shell.refresh_chapters()

    def move(self, current: str | None, step: int) -> None:
        """Move the chapter `current` `step` places (-1 up, 1 down)."""
        files = self.shell.chapter_files()
        if current is None or current not in files:
            return
        index = files.index(current)
        target = max(0, min(len(files) - 1, index + step))
        if target != index:
            files.insert(target, files.pop(index))
            self.reorder(files)

    def _popup(self, file: str | None, position: QPoint) -> None:
        menu = QMenu(self.shell.dialog_parent())
        if self.session.can_edit():
            menu.addAction("New Chapter", self.new_chapter)
            if file is not None:
                self.shell.select_chapter(file)
                menu.addAction("Rename", lambda: self.shell.rename_in_list(file))
                menu.addAction(
                    "Open in Other Pane", lambda: self.shell.show_chapter(file, other_pane=True)
                )
                menu.addAction("Move Up", lambda: self.move(file, -1))
                menu.addAction("Move Down", lambda: self.move(file, 1))
        self.shell.fill_chapter_menu(menu, file)
        self.menu = menu
        if not menu.isEmpty():
            menu.popup(position)


def install(shell: Shell, session: StorySession) -> ChapterFeature:
    return ChapterFeature(shell, session)
