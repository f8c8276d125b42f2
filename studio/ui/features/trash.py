"""The trash: File ▸ Move Chapter to Trash, File ▸ Restore Deleted Chapter, and the same
two in the chapter list's right-click menu.

A deleted chapter goes to `.studio/trash/` (studio.story.trash) after its unsaved text
is saved, so nothing is lost; restoring puts it back at the end of the story. Both go
through `session.changing`, so they are refused while the story is read-only.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu

from studio.errors import StudioError
from studio.story import Chapter
from studio.story.trash import restore_chapter, trash_chapter, trashed_chapters
from studio.ui.message_box import warn
from studio.ui.session import ReadOnlyError, StorySession
from studio.ui.shell import ActionSpec, Shell

SHOWN = 20  # the most recently deleted chapters a menu lists


class TrashFeature(QObject):
    """Delete to the trash and restore (found with `shell.findChild(TrashFeature)`)."""

    def __init__(self, shell: Shell, session: StorySession) -> None:
        super().__init__(shell)
        self.shell = shell
        self.session = session
        shell.add_action(
            ActionSpec(
                "chapter.trash",
                "Move Chapter to &Trash",
                "file/chapters",
                self.delete_selected,
                changes_story=True,
            )
        )
        self.menu = shell.add_menu("file/chapters", "Restore &Deleted Chapter", changes_story=True)
        self.menu.setObjectName("restoreDeletedChapter")
        self.menu.aboutToShow.connect(self._fill_menu)
        shell.add_chapter_menu_section(self._chapter_menu_section, also_blank=True)

    def delete_selected(self) -> None:
        """Move the chapter selected in the list (or the focused pane's) to the trash."""
        file = self.shell.selected_chapter()
        if file is not None:
            self.delete(file)

    def delete(self, file: str) -> bool:
        """Move the chapter to `.studio/trash/` (after saving its text); others stay open."""
        project = self.session.project
        if project is None:
            return False
        files = [c.file for c in project.chapters]
        if file not in files:
            return False
        document = self.session.find_document(file)
        if document is not None and not document.save():
            return False
        index = files.index(file)
        title = project.chapters[index].title or file
        try:
            with self.session.changing(file, story_first=True) as changing:
                trash_chapter(changing, index)
        except StudioError as exc:
            if _story_held(exc):  # story.toml is not Studio's to write now
                self.shell.say(f"The chapter was not deleted: {exc}", 15000)
                return False
            parent = self.shell.dialog_parent()
            warn(parent, "Studio could not delete the chapter", str(exc))
            return False
        remaining = [f for f in files if f != file]
        instead = remaining[min(index, len(remaining) - 1)] if remaining else None
        self.shell.chapter_removed(file, instead)
        self.shell.refresh_chapters()
        self.shell.say(
            f"“{title}” moved to the trash. File ▸ Restore Deleted Chapter brings it back.", 10000
        )
        return True

    def restore(self, index: int = 0) -> Chapter | None:
        """Put the `index`th most recently deleted chapter back at the end of the story."""
        if self.session.project is None:
            return None
        items = trashed_chapters(self.session.project)
        if not 0 <= index < len(items):
            return None
        try:
            with self.session.changing(story_first=True) as changing:
                chapter = restore_chapter(changing, items[index])
        except (StudioError, OSError) as exc:
            if _story_held(exc):  # story.toml is not Studio's to write now
                self.shell.say(f"The chapter was not restored: {exc}", 15000)
                return None
            parent = self.shell.dialog_parent()
            warn(parent, "Studio could not restore the chapter", str(exc))
            return None
        self.shell.refresh_chapters()
        self.shell.show_chapter(chapter.file)
        return chapter

    def _fill_menu(self) -> None:
        self.menu.clear()
        project = self.session.project
        items = trashed_chapters(project) if project is not None else []
        for index, item in enumerate(items[:SHOWN]):
            action = self.menu.addAction(f"{item.title}   (deleted {item.deleted_at})")
            action.triggered.connect(lambda _=False, i=index: self.restore(i))
        if not items:
            self.menu.addAction("The trash is empty").setEnabled(False)

    def _chapter_menu_section(self, menu: QMenu, file: str | None) -> None:
        """Move to Trash (on a chapter) and Restore Deleted Chapter; none read-only."""
        if not self.session.can_edit():
            return
        if file is not None:
            menu.addAction("Move to Trash", lambda: self.delete(file))
        restore = menu.addMenu("Restore Deleted Chapter")
        project = self.session.project
        items = trashed_chapters(project) if project is not None else []
        for index, item in enumerate(items[:SHOWN]):
            action = restore.addAction(item.title)
            action.triggered.connect(lambda _=False, i=index: self.restore(i))
        restore.setEnabled(bool(items))


def _story_held(error: Exception) -> bool:
    """A refusal because story.toml is broken, held or changed outside (the bar above
    the text says so); read-only is said in a box, as before."""
    return getattr(error, "refused", False) and not isinstance(error, ReadOnlyError)


def install(shell: Shell, session: StorySession) -> TrashFeature:
    return TrashFeature(shell, session)
