"""“Mark as lyrics…” and “Unmark lyrics” for the chapter editor in use.

The text changes themselves are the core's pure functions (studio.lyrics.markup);
this applies them to the editor as one undo step each and asks which song.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QPlainTextEdit, QWidget

from studio.errors import StudioError
from studio.lyrics.library import add_song
from studio.lyrics.markup import marking_edit, unmarking_edit
from studio.story.blocks import BlockKind, parse_blocks
from studio.story.project import Project
from studio.ui.lyrics.mark_dialog import MarkLyricsDialog
from studio.ui.lyrics.textedit import apply_line_edit, editor_text, move_to_line, selected_lines
from studio.ui.message_box import inform

MARK_SHORTCUT = QKeySequence("Ctrl+L")  # Ctrl+Shift+L shows/hides the chapter list
UNMARK_SHORTCUT = QKeySequence("Ctrl+Alt+L")


class LyricsEditing(QObject):
    """Owns the two actions; the window adds them to a menu (and its editors' context menus)."""

    library_changed = Signal()  # a song was added from the dialog (story.toml saved)
    text_marked = Signal()

    def __init__(
        self,
        project: Project | None,
        current_editor: Callable[[], QPlainTextEdit | None],
        parent: QWidget,
        *,
        save: Callable[[], object] | None = None,
        report: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.current_editor = current_editor
        self.window = parent
        self._save = save
        self._report = report or self._message_box
        self.last_song: str | None = None
        self.mark_action = QAction("Mark as &Lyrics…", parent)
        self.mark_action.setShortcut(MARK_SHORTCUT)
        self.mark_action.setStatusTip("Set the selected lines apart as lyrics from a song")
        self.mark_action.triggered.connect(self.mark)
        self.unmark_action = QAction("&Unmark Lyrics", parent)
        self.unmark_action.setShortcut(UNMARK_SHORTCUT)
        self.unmark_action.setStatusTip("Turn the lyrics block at the cursor back into prose")
        self.unmark_action.triggered.connect(self.unmark)
        parent.addAction(self.mark_action)
        parent.addAction(self.unmark_action)

    def set_project(self, project: Project | None) -> None:
        self.project = project
        self.last_song = None

    @property
    def actions(self) -> list[QAction]:
        return [self.mark_action, self.unmark_action]

    # -- mark -------------------------------------------------------------------------

    def mark(self) -> bool:
        """Ask which song, then wrap the selected lines (or the paragraph at the cursor)."""
        editor = self.current_editor()
        project = self.project
        if editor is None or editor.isReadOnly() or project is None:
            return False
        first, last = selected_lines(editor)
        text = editor_text(editor)
        try:
            marking_edit(text, first, last, "song")  # refuse early, before asking
        except StudioError as error:
            self._report(error.message)
            return False
        dialog = MarkLyricsDialog(
            project.songs, last - first + 1, self._preselect(project, text, first), self.window
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        song_id = dialog.chosen_song()
        try:
            if song_id is None:
                song_id = add_song(project, dialog.new_song()).id
                if self._save is not None:
                    self._save()
                else:
                    project.save()
                self.library_changed.emit()
            self.mark_lines(editor, first, last, song_id)
        except StudioError as error:
            self._report(error.message)
            return False
        return True

    def mark_lines(self, editor: QPlainTextEdit, first: int, last: int, song_id: str) -> None:
        """Wrap 1-based lines `first`..`last` for `song_id` as one undo step."""
        edit = marking_edit(editor_text(editor), first, last, song_id)
        apply_line_edit(editor, edit)
        fence = next(i for i, line in enumerate(edit.lines) if line.startswith(":::"))
        move_to_line(editor, edit.start + fence + 2)  # the first verse line
        self.last_song = song_id
        self.text_marked.emit()

    def _preselect(self, project: Project, text: str, line: int) -> str | None:
        """The song of the nearest lyrics block above, else the last one used."""
        above = [
            b.song
            for b in parse_blocks(text)
            if b.kind is BlockKind.LYRICS and b.start < line and b.song in project.songs
        ]
        return above[-1] if above else self.last_song

    # -- unmark -----------------------------------------------------------------------

    def unmark(self) -> bool:
        editor = self.current_editor()
        if editor is None or editor.isReadOnly():
            return False
        line = editor.textCursor().blockNumber() + 1
        try:
            edit = unmarking_edit(editor_text(editor), line)
        except StudioError as error:
            self._report(error.message)
            return False
        apply_line_edit(editor, edit)
        move_to_line(editor, edit.start + 1)
        self.text_marked.emit()
        return True

    def _message_box(self, message: str) -> None:
        inform(self.window, "Lyrics", message)
