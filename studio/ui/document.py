"""A chapter's text while it is open: one QTextDocument shared by every pane showing it.

Both panes of the split show the *same* document when they show the same chapter, so
typing in one is at once in the other (as in Scrivener's split), with one undo history
and one highlighter. `DocumentStore` hands out these documents by chapter file.

Saving goes through the story session's `write` (`StorySession.write_file`: refused
when read-only, checked against what is on disk, atomic, recorded as Studio's own). The
text written keeps the file's own form (`studio.story.file_form`): its BOM and each
line's ending (CRLF, LF, lone CR, U+2028/U+2029), so an edit changes only what the
author changed.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor, QTextDocument

from studio.errors import StudioError
from studio.story import Chapter, Project
from studio.story.file_form import FileForm, encode_text
from studio.ui.editor.highlighter import ChapterHighlighter
from studio.ui.editor.typography import SpacedLayout

AUTOSAVE_MS = 1500

# How a document's text reaches the disk: StorySession.write_file in the window.
Writer = Callable[["ChapterDocument", str], None]


def _direct_write(document: ChapterDocument, text: str) -> None:
    document.project.write_chapter(document.chapter, text)


class ChapterDocument(QObject):
    """The open text of one chapter file, its highlighter and its saved state."""

    modified_changed = Signal(bool)
    saved = Signal()
    save_failed = Signal(object)  # the StudioError
    reloaded = Signal(str)  # the text read from disk (the session records it)

    def __init__(
        self,
        project: Project,
        file: str,
        parent: QObject | None = None,
        write: Writer = _direct_write,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self._write = write
        self.file = file
        self.document = QTextDocument(self)
        self.document.setDocumentLayout(SpacedLayout(self.document))  # line spacing
        self.error: StudioError | None = None
        self.form: FileForm  # the file's BOM and line endings, kept for every save
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setTimerType(Qt.TimerType.PreciseTimer)  # fires when it says
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save)
        self._load_text(*project.read_chapter_form(self.chapter))
        # Made after the text is in, so loading it highlights nothing: the one pass
        # comes when the layers are in (`DocumentStore.get`, `ensure_highlighted`).
        self.highlighter = ChapterHighlighter(self.document)
        self.document.modificationChanged.connect(self._on_modification)
        self.document.contentsChanged.connect(self._on_contents_changed)

    # -- the chapter -----------------------------------------------------------------

    @property
    def chapter(self) -> Chapter:
        """The chapter's current entry in story.toml (found again by file after a reorder)."""
        for chapter in self.project.chapters:
            if chapter.file == self.file:
                return chapter
        raise StudioError(
            f"chapter {self.file} is no longer in the story",
            path=self.project.story_file,
            hint="Its text is still open; copy it somewhere before closing",
        )

    def editor_text(self) -> str:
        """The text as the editor has it: lines end in "\n", no BOM."""
        raw = self.document.toRawText()
        return raw.replace("\u2029", "\n").replace("\u2028", "\n")

    def text(self) -> str:
        """The text exactly as it would be written to disk: the file's own BOM and line
        endings kept for every line the author did not change (issue 14 item 13)."""
        return encode_text(self.editor_text(), self.form)[0].decode("utf-8")

    @property
    def is_dirty(self) -> bool:
        return bool(self.document.isModified()) or self.error is not None

    # -- saving ----------------------------------------------------------------------

    def set_autosave_interval(self, ms: int) -> None:
        self._autosave.setInterval(ms)

    def autosave_due(self) -> float | None:
        """When the pending autosave fires (on `time.monotonic()`'s clock), None when
        none is pending: the fault tests time another program's writes around it."""
        left = self._autosave.remainingTime()
        return None if left < 0 else time.monotonic() + left / 1000

    def save(self) -> bool:
        """Write the text if it changed; on failure keep it, stay unsaved, emit save_failed."""
        self._autosave.stop()
        if not self.document.isModified() and self.error is None:
            return True
        data, written = encode_text(self.editor_text(), self.form)
        text = data.decode("utf-8")
        try:
            self._write(self, text)
        except StudioError as exc:
            if getattr(exc, "refused", False):  # read-only or a conflict: nothing written
                return False
            self.error = exc
            self.save_failed.emit(exc)
            self.modified_changed.emit(True)
            return False
        except OSError as exc:
            error = StudioError(f"could not save ({exc.strerror or exc})", path=self.file)
            self.error = error
            self.save_failed.emit(error)
            self.modified_changed.emit(True)
            return False
        self.form = written
        self.error = None
        self.document.setModified(False)
        self.saved.emit()
        return True

    def reload_from_disk(self) -> bool:
        """Replace the text with the file's, changing only the part that differs.

        Cursors before and after the changed part keep their places; the change is one
        undo step, so the author can undo a reload. Unsaved edits in the document are
        replaced too (that undo step brings them back): ask the author first when
        `is_dirty`. True when the text changed.
        """
        new, form = self.project.read_chapter_form(self.chapter)
        self.reloaded.emit(encode_text(new, form)[0].decode("utf-8"))  # the file's exact text
        old = self.editor_text()
        self.form = form
        if new == old:
            self.document.setModified(False)
            return False
        prefix = _common_prefix(old, new)
        suffix = _common_suffix(old[prefix:], new[prefix:])
        cursor = QTextCursor(self.document)
        cursor.beginEditBlock()
        cursor.setPosition(prefix)
        cursor.setPosition(len(old) - suffix, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(new[prefix : len(new) - suffix])
        cursor.endEditBlock()
        self.document.setModified(False)
        self._autosave.stop()
        return True

    def _load_text(self, text: str, form: FileForm) -> None:
        self.form = form
        self.document.setPlainText(text)
        self.document.setModified(False)
        self.document.clearUndoRedoStacks()

    def _on_modification(self, modified: bool) -> None:
        self.modified_changed.emit(modified or self.error is not None)

    def _on_contents_changed(self) -> None:
        if self.document.isModified():
            self._autosave.start()


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def _common_suffix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[-1 - i] == b[-1 - i]:
        i += 1
    return i


class DocumentStore(QObject):
    """Open chapter documents by file: at most one per chapter, shared by the panes."""

    document_opened = Signal(object)  # ChapterDocument

    def __init__(
        self, project: Project, write: Writer = _direct_write, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.project = project
        self._write = write
        self._docs: dict[str, ChapterDocument] = {}
        self.autosave_ms = AUTOSAVE_MS

    def get(self, chapter: Chapter) -> ChapterDocument:
        """The open document of `chapter`, opening it if needed (may raise StudioError)."""
        doc = self._docs.get(chapter.file)
        if doc is None:
            doc = ChapterDocument(self.project, chapter.file, self, self._write)
            doc.set_autosave_interval(self.autosave_ms)
            self._docs[chapter.file] = doc
            self.document_opened.emit(doc)  # features add their highlight layers
            doc.highlighter.ensure_highlighted()  # one pass with all of them
        return doc

    def find(self, file: str) -> ChapterDocument | None:
        return self._docs.get(file)

    def documents(self) -> list[ChapterDocument]:
        return list(self._docs.values())

    def set_autosave_interval(self, ms: int) -> None:
        self.autosave_ms = ms
        for doc in self._docs.values():
            doc.set_autosave_interval(ms)

    def save_all(self) -> bool:
        """Save every open document; False if any could not be saved."""
        return all([doc.save() for doc in self._docs.values()])

    def forget(self, file: str) -> None:
        """Close a document (after its chapter was deleted); does not save it."""
        doc = self._docs.pop(file, None)
        if doc is not None:
            doc.deleteLater()
