"""One editor pane: a header, a message bar slot, the chapter editor, a find bar.

Extension points for other features:

- `pane.show_bar(widget)` puts a widget (a conflict bar, a recovery notice) above the
  editor, replacing any bar already shown; `pane.clear_bar()` removes it. The pane
  shows its own bar for a failed save; the next successful save clears it.
- `pane.reload_from_disk(keep_cursor=True)` re-reads the chapter's file (after a
  change made outside Studio) changing only the part that differs.
- `pane.chapter_shown` fires with the Chapter whenever the pane shows one;
  `pane.state_changed` whenever its saved/unsaved state changes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextDocumentLayout,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.errors import StudioError
from studio.story import Chapter
from studio.ui.document import ChapterDocument, DocumentStore
from studio.ui.editor import ChapterEditor
from studio.ui.find_bar import FindBar


class MessageBar(QFrame):
    """A simple coloured bar with a message and a close button (used for save errors)."""

    def __init__(self, text: str, *, error: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setProperty("error", error)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel(text)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # paths and titles, never markup
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip("Dismiss")
        close.clicked.connect(self.hide)
        layout.addWidget(close)
        color = "#c0392b" if error else "#3f6fb5"
        self.setStyleSheet(
            f"#messageBar {{ border-left: 4px solid {color}; background: palette(alternate-base);"
            " }"
        )


class EditorPane(QWidget):
    """Shows one chapter at a time (any chapter; both panes may show the same one)."""

    chapter_shown = Signal(object)  # Chapter
    state_changed = Signal()
    focused = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: DocumentStore | None = None
        self.document: ChapterDocument | None = None
        self._cursors: dict[str, int] = {}
        self._bar: QWidget | None = None
        self._own_bar = False
        self._empty = QTextDocument(self)
        self._empty.setDocumentLayout(QPlainTextDocumentLayout(self._empty))

        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.PlainText)  # a title is never markup
        self.header.setObjectName("paneHeader")
        self.header.setContentsMargins(14, 6, 14, 6)
        self.editor = ChapterEditor()
        self.editor.focus_entered.connect(self.focused)
        self.editor.focus_left.connect(self._save_quietly)
        self.editor.selectionChanged.connect(self.state_changed)
        self.find_bar = FindBar(self.editor)
        self.find_bar.hide()

        self._bar_slot = QVBoxLayout()
        self._bar_slot.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addLayout(self._bar_slot)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.find_bar)
        self._show_empty()

    # -- what it shows ---------------------------------------------------------------

    @property
    def chapter(self) -> Chapter | None:
        """The chapter shown, or None."""
        if self.document is None:
            return None
        try:
            return self.document.chapter
        except StudioError:
            return None

    @property
    def is_dirty(self) -> bool:
        """True while the shown chapter has text not yet written to disk."""
        return self.document is not None and self.document.is_dirty

    def set_store(self, store: DocumentStore | None) -> None:
        """Attach the pane to a project's documents (None when the project closes)."""
        self.store = store
        self._cursors.clear()
        self._detach()
        self._show_empty()

    def load(self, chapter: Chapter) -> bool:
        """Show `chapter` (saving the one shown before). False if it cannot be opened."""
        if self.store is None:
            return False
        if self.document is not None and self.document.file == chapter.file:
            return True
        self._save_quietly()
        try:
            document = self.store.get(chapter)
        except StudioError as exc:
            self._detach()
            self._show_empty(chapter.title)
            self._show_own_bar(str(exc))
            return False
        self._detach()
        self.document = document
        self.editor.setReadOnly(False)
        self.editor.setDocument(document.document)
        document.modified_changed.connect(self._on_modified)
        document.save_failed.connect(self._on_save_failed)
        document.saved.connect(self._on_saved)
        cursor = QTextCursor(document.document)
        last = document.document.characterCount() - 1
        cursor.setPosition(min(self._cursors.get(chapter.file, 0), last))
        self.editor.setTextCursor(cursor)
        self.editor.centerCursor()
        self.update_header()
        if self._own_bar:
            self.clear_bar()
        self.chapter_shown.emit(chapter)
        self.state_changed.emit()
        return True

    def update_header(self) -> None:
        chapter = self.chapter
        if chapter is None or self.store is None:
            return
        files = [c.file for c in self.store.project.chapters]
        number = files.index(chapter.file) + 1 if chapter.file in files else 0
        title = chapter.title or chapter.file
        if not number or title.casefold() == f"chapter {number}":
            self.header.setText(title)  # not "Chapter 4 · Chapter 4"
        else:
            self.header.setText(f"Chapter {number} · {title}")

    def cursor_position(self) -> int:
        return self.editor.textCursor().position()

    def remembered_cursors(self) -> dict[str, int]:
        """Cursor position per chapter file shown in this pane (for restoring the layout)."""
        if self.document is not None:
            self._cursors[self.document.file] = self.cursor_position()
        return dict(self._cursors)

    def remember_cursors(self, cursors: dict[str, int]) -> None:
        self._cursors.update(cursors)

    # -- saving ----------------------------------------------------------------------

    def save(self) -> bool:
        """Write the shown chapter now. On failure the error shows and the text stays."""
        return self.document.save() if self.document is not None else True

    def reload_from_disk(self, keep_cursor: bool = True) -> bool:
        """Re-read the chapter's file; True when the text changed.

        With keep_cursor the cursor stays where it was (Qt moves it with the text around
        the change); otherwise it goes to the top.
        """
        if self.document is None:
            return False
        changed = self.document.reload_from_disk()
        if not keep_cursor:
            self.editor.moveCursor(QTextCursor.MoveOperation.Start)
        return changed

    # -- message bar -----------------------------------------------------------------

    def show_bar(self, widget: QWidget) -> None:
        """Show `widget` above the editor, replacing any bar shown before."""
        self.clear_bar()
        self._bar = widget
        self._own_bar = False
        self._bar_slot.addWidget(widget)
        widget.show()

    def clear_bar(self) -> None:
        if self._bar is not None:
            self._bar_slot.removeWidget(self._bar)
            self._bar.hide()
            self._bar.deleteLater()
            self._bar = None
        self._own_bar = False

    def bar(self) -> QWidget | None:
        """The bar shown above the editor, if any."""
        return self._bar

    def _show_own_bar(self, text: str) -> None:
        self.show_bar(MessageBar(text))
        self._own_bar = True

    # -- internals -------------------------------------------------------------------

    def _detach(self) -> None:
        if self.document is None:
            return
        self._cursors[self.document.file] = self.cursor_position()
        for signal, slot in (
            (self.document.modified_changed, self._on_modified),
            (self.document.save_failed, self._on_save_failed),
            (self.document.saved, self._on_saved),
        ):
            signal.disconnect(slot)
        self.document = None

    def _show_empty(self, title: str = "") -> None:
        self.editor.setDocument(self._empty)
        self.editor.setReadOnly(True)
        self.header.setText(title)

    def _save_quietly(self) -> None:
        if self.document is not None and self.document.is_dirty:
            self.document.save()

    def _on_modified(self, _modified: bool) -> None:
        self.state_changed.emit()

    def _on_saved(self) -> None:
        if self._own_bar:
            self.clear_bar()
        self.state_changed.emit()

    def _on_save_failed(self, error: StudioError) -> None:
        self._show_own_bar(f"Not saved: {error}. Your text is still here; Studio will try again.")
        self.state_changed.emit()
