"""“Mark as lyrics…” and “Unmark lyrics” for the chapter editor in use.

The text changes themselves are the core's pure functions (studio.lyrics.markup);
this applies them to the editor as one undo step each and asks which song. The edit
is made through a cursor asked of `edit_cursor` (in the window: the story session's,
refused while the story is read-only). The song is asked in a window-modal dialog
opened with `open()`, never a blocking `exec()`: the edit is made when the author
accepts, and only if the text is still what was selected.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QKeySequence, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QWidget

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
CHANGED_MEANWHILE = "The text changed while the song was chosen; select the lines again"

EditCursor = Callable[[QTextDocument], QTextCursor]


class LyricsEditing(QObject):
    """Marks and unmarks lyrics in the editor `current_editor()` gives."""

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
        edit_cursor: EditCursor = QTextCursor,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.current_editor = current_editor
        self.window = parent
        self._save = save
        self._report = report or self._message_box
        self._edit_cursor = edit_cursor
        self.last_song: str | None = None
        self.dialog: MarkLyricsDialog | None = None  # the one asking now

    def set_project(self, project: Project | None) -> None:
        self.project = project
        self.last_song = None
        if self.dialog is not None:
            self.dialog.reject()  # its story is gone

    # -- mark -------------------------------------------------------------------------

    def mark(self) -> MarkLyricsDialog | None:
        """Ask which song for the selected lines (or the paragraph at the cursor).

        Returns the dialog, open; None when there is nothing to mark (the reason is
        reported). Accepting it wraps the lines.
        """
        editor = self.current_editor()
        project = self.project
        if editor is None or editor.isReadOnly() or project is None:
            return None
        first, last = selected_lines(editor)
        text = editor_text(editor)
        try:
            marking_edit(text, first, last, "song")  # refuse early, before asking
        except StudioError as error:
            self._report(error.message)
            return None
        if self.dialog is not None:
            self.dialog.reject()
        dialog = MarkLyricsDialog(
            project.songs, last - first + 1, self._preselect(project, text, first), self.window
        )
        dialog.setObjectName("markLyricsDialog")
        dialog.accepted.connect(lambda: self._chosen(dialog, editor, text, first, last))
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: MarkLyricsDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _chosen(
        self, dialog: MarkLyricsDialog, editor: QPlainTextEdit, text: str, first: int, last: int
    ) -> bool:
        """The author chose the song: mark the lines, if the text is still the one asked
        about (an outside change may have reloaded it meanwhile)."""
        project = self.project
        if project is None or editor_text(editor) != text:
            self._report(CHANGED_MEANWHILE)
            return False
        try:
            cursor = self._edit_cursor(editor.document())  # refused while read-only
            song_id = dialog.chosen_song()
            if song_id is None:
                song_id = add_song(project, dialog.new_song()).id
                if self._save is not None:
                    self._save()
                else:
                    project.save()
                self.library_changed.emit()
            self._mark_lines(editor, cursor, first, last, song_id)
        except StudioError as error:
            self._report(error.message)
            return False
        return True

    def mark_lines(self, editor: QPlainTextEdit, first: int, last: int, song_id: str) -> None:
        """Wrap 1-based lines `first`..`last` for `song_id` as one undo step."""
        self._mark_lines(editor, self._edit_cursor(editor.document()), first, last, song_id)

    def _mark_lines(
        self, editor: QPlainTextEdit, cursor: QTextCursor, first: int, last: int, song_id: str
    ) -> None:
        edit = marking_edit(editor_text(editor), first, last, song_id)
        apply_line_edit(cursor, edit)
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
            cursor = self._edit_cursor(editor.document())
        except StudioError as error:
            self._report(error.message)
            return False
        apply_line_edit(cursor, edit)
        move_to_line(editor, edit.start + 1)
        self.text_marked.emit()
        return True

    def _message_box(self, message: str) -> None:
        inform(self.window, "Lyrics", message)
