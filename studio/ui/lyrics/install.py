"""The lyrics feature joins the window (docs/architecture.md): Edit ▸ Mark as Lyrics… /
Unmark Lyrics (also in the editor's right-click menu), verse paste in every pane, and
the Songs tab beside Work and Chapter.

Only the shell and the session are used: the two actions are declared with stable ids
(`lyrics.mark`, `lyrics.unmark`) as changing the story, so the shell turns them off
while it is read-only; the edits ask the session for their cursor all the same.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QObject
from PySide6.QtGui import QAction, QTextBlock, QTextCursor
from PySide6.QtWidgets import QMenu, QPlainTextEdit

from studio.errors import StudioError
from studio.story.project import Project
from studio.ui.document import ChapterDocument
from studio.ui.editor.chapter_editor import ChapterEditor
from studio.ui.editor.highlighter import BlockState, block_state
from studio.ui.lyrics.editing import MARK_SHORTCUT, UNMARK_SHORTCUT, LyricsEditing
from studio.ui.lyrics.paste import paste_as_verses
from studio.ui.lyrics.songs_tab import SongsTab
from studio.ui.session import StorySession
from studio.ui.shell import ActionSpec, Shell

MARK_ID = "lyrics.mark"
UNMARK_ID = "lyrics.unmark"


class LyricsFeature(QObject):
    """Owns the Songs tab and the lyrics edits of one window."""

    def __init__(self, shell: Shell, session: StorySession) -> None:
        super().__init__(shell)
        self.shell = shell
        self.session = session
        self.songs_tab = SongsTab(None, self.open_texts, save=self.save_story)
        self.songs_tab.setObjectName("songsTab")
        self.tab_index = shell.add_metadata_tab(self.songs_tab, "Songs")
        self.editing = LyricsEditing(
            None,
            self.current_editor,
            shell.dialog_parent(),
            save=self.save_story,
            report=self.report,
            edit_cursor=session.edit_cursor,
        )
        for spec in (
            ActionSpec(
                MARK_ID,
                "Mark as &Lyrics…",
                "edit/text",
                self.editing.mark,
                MARK_SHORTCUT,
                changes_story=True,
                tip="Set the selected lines apart as lyrics from a song",
            ),
            ActionSpec(
                UNMARK_ID,
                "&Unmark Lyrics",
                "edit/text",
                self.editing.unmark,
                UNMARK_SHORTCUT,
                changes_story=True,
                tip="Turn the lyrics block at the cursor back into prose",
            ),
        ):
            shell.add_action(spec)
        shell.add_editor_paste_handler(self.paste)
        shell.add_context_section(self.add_to_context_menu)
        self.songs_tab.jump_requested.connect(self.jump_to)
        self.songs_tab.library_changed.connect(shell.repaint_editors)
        self.editing.library_changed.connect(self.songs_tab.refresh)
        self.editing.library_changed.connect(shell.repaint_editors)
        self.editing.text_marked.connect(self.songs_tab.schedule_refresh)
        session.document_opened.connect(self._watch)
        session.closed.connect(lambda: self.project_opened(None))
        session.on_open(self.project_opened)
        if session.documents is not None:
            for document in session.documents.documents():
                self._watch(document)

    @property
    def actions(self) -> list[QAction]:
        return [self.shell.action(MARK_ID), self.shell.action(UNMARK_ID)]

    def add_to_context_menu(self, menu: QMenu, cursor: QTextCursor) -> None:
        """Mark as Lyrics… in the editor's right-click menu too, and Unmark Lyrics when
        the line clicked is inside a lyrics block (the one the highlighter found there:
        the core's line classifier). Unmark acts on the text cursor's block, so a
        cursor elsewhere is moved to the click first: the block clicked is unmarked."""
        menu.addSeparator()
        menu.addAction(self.shell.action(MARK_ID))
        clicked = lyrics_lines(cursor.block())
        if clicked is None:
            return
        editor = self.shell.focused_editor()
        same = editor is not None and editor.document() is cursor.document()
        if editor is not None and same and editor.textCursor().blockNumber() not in clicked:
            editor.setTextCursor(cursor)
        menu.addAction(self.shell.action(UNMARK_ID))

    def project_opened(self, project: Project | None) -> None:
        self.songs_tab.set_project(project)
        self.editing.set_project(project)

    def _watch(self, document: ChapterDocument) -> None:
        document.document.contentsChanged.connect(self.songs_tab.schedule_refresh)

    def open_texts(self) -> dict[str, str]:
        """The text of every open chapter as the author sees it (saved or not)."""
        documents = self.session.documents
        if documents is None:
            return {}
        return {document.file: document.text() for document in documents.documents()}

    def current_editor(self) -> QPlainTextEdit | None:
        return self.shell.focused_editor() if self.session.is_open else None

    def paste(self, editor: ChapterEditor, source: QMimeData) -> bool:
        """Several lines pasted inside a lyrics block go in as its verse lines."""
        if not self.session.can_edit():
            return False
        return paste_as_verses(editor, source)

    def jump_to(self, file: str, line: int) -> None:
        """Show the chapter in the focused pane with the cursor on `line` (1-based)."""
        if self.shell.go_to(file, max(0, line - 1)):
            editor = self.shell.focused_editor()
            if editor is not None:
                editor.centerCursor()
                editor.setFocus()

    def save_story(self) -> None:
        """story.toml changed (a song added, renamed or removed): write it now."""
        if not self.shell.save_story():
            raise StudioError("story.toml could not be saved", hint="The status bar says why")

    def report(self, message: str) -> None:
        self.shell.say(message, 10000)


def install(shell: Shell, session: StorySession) -> LyricsFeature:
    return LyricsFeature(shell, session)


_LYRICS = (BlockState.LYRICS_OPEN, BlockState.LYRICS_BODY, BlockState.LYRICS_CLOSE)


def lyrics_lines(block: QTextBlock) -> range | None:
    """The block numbers of the lyrics block holding `block`, fences included; None
    when `block` is not in one."""
    if block_state(block) not in _LYRICS:
        return None
    first = block
    while block_state(first) is not BlockState.LYRICS_OPEN and first.previous().isValid():
        first = first.previous()
    last = block
    while block_state(last) is not BlockState.LYRICS_CLOSE and last.next().isValid():
        if block_state(last.next()) not in _LYRICS:
            break
        last = last.next()
    return range(first.blockNumber(), last.blockNumber() + 1)
