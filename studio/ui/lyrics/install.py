"""Plugging the lyrics pieces into the main window (see studio.ui.main_window's extension
points): Edit ▸ Mark as Lyrics… / Unmark Lyrics, verse paste in every pane, the Songs tab.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMenu, QPlainTextEdit

from studio.story.project import Project
from studio.ui.document import ChapterDocument
from studio.ui.lyrics.editing import LyricsEditing
from studio.ui.lyrics.paste import VersePaste
from studio.ui.lyrics.songs_tab import SongsTab
from studio.ui.lyrics.textedit import move_to_line
from studio.ui.main_window import MainWindow


class LyricsFeature(QObject):
    """Owns the Songs tab and the lyrics actions of one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.songs_tab = SongsTab(None, self.open_texts, save=window.story_changed)
        self.songs_tab.setObjectName("songsTab")
        self.tab_index = window.add_metadata_tab(self.songs_tab, "Songs")
        self.editing = LyricsEditing(
            None, self.current_editor, window, save=window.story_changed, report=self.report
        )
        edit = window.menu("&Edit")
        edit.addSeparator()
        for action in self.editing.actions:
            edit.addAction(action)
        story = window.session  # marking changes the text: off while read-only
        story.opened.connect(lambda _p: self._update_actions())
        story.closed.connect(self._update_actions)
        story.read_only_changed.connect(lambda _on: self._update_actions())
        self._update_actions()
        self.paste_filters = [VersePaste(pane.editor) for pane in window.all_panes]
        window.add_editor_menu_hook(self.add_to_context_menu)
        self.songs_tab.jump_requested.connect(self.jump_to)
        self.songs_tab.library_changed.connect(self.repaint_editors)
        self.editing.library_changed.connect(self.songs_tab.refresh)
        self.editing.library_changed.connect(self.repaint_editors)
        self.editing.text_marked.connect(self.songs_tab.schedule_refresh)
        window.project_opened.connect(self.project_opened)
        window.project_closed.connect(lambda: self.project_opened(None))
        if window.project is not None:
            self.project_opened(window.project)

    def _update_actions(self) -> None:
        for action in self.editing.actions:
            action.setEnabled(self.window.session.can_edit())

    def add_to_context_menu(self, menu: QMenu, _cursor: QTextCursor) -> None:
        """Mark as Lyrics… and Unmark Lyrics in the editor's right-click menu too."""
        menu.addSeparator()
        for action in self.editing.actions:
            menu.addAction(action)

    def project_opened(self, project: Project | None) -> None:
        self.songs_tab.set_project(project)
        self.editing.set_project(project)
        documents = self.window.documents
        if project is not None and documents is not None:
            documents.document_opened.connect(self._watch)
            for document in documents.documents():
                self._watch(document)

    def _watch(self, document: ChapterDocument) -> None:
        document.document.contentsChanged.connect(self.songs_tab.schedule_refresh)

    def open_texts(self) -> dict[str, str]:
        """The text of every open chapter as the author sees it (saved or not)."""
        documents = self.window.documents
        if documents is None:
            return {}
        return {document.file: document.text() for document in documents.documents()}

    def current_editor(self) -> QPlainTextEdit | None:
        if self.window.project is None:
            return None
        pane = self.window.focused_pane()
        return pane.editor if pane.chapter is not None else None

    def jump_to(self, file: str, line: int) -> None:
        """Show the chapter in the focused pane with the cursor on `line` (1-based)."""
        pane = self.window.focused_pane()
        if not self.window.show_chapter(file, pane):
            return
        move_to_line(pane.editor, line)
        pane.editor.setFocus()

    def repaint_editors(self) -> None:
        """Song names are painted over the fences: show a renamed or new song at once."""
        for pane in self.window.all_panes:
            pane.editor.viewport().update()

    def report(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 10000)


def install_lyrics(window: MainWindow) -> LyricsFeature:
    return LyricsFeature(window)
