"""The story session: the one owner of the open story's state.

Everything the window knows about the open story lives here: the `Project`, the open
chapter documents, whether the story is read-only, and one record of what is on disk
(`DiskRecord`: for each file, the text Studio last loaded or wrote, and the watcher's
ledger of contents it has seen). Features never write a file themselves: they ask the
session, which

- refuses when the story is read-only (`ReadOnlyError`, a `StudioError`);
- compares the file's current content with what Studio last loaded or wrote just
  before replacing it, and raises `WriteConflictError` instead of writing when another
  program changed it meanwhile;
- records its own write, so the folder watcher never takes it for an outside change;
- writes nothing to a file that is `hold()`-ing (an outside change awaits the author's
  choice: `ChoicePendingError`) until `release()`; `may_leave()` runs `leave_checks`
  (the safety controller asks about open conflicts) before the story closes.

Edits made by code (apply a suggestion, replace all, mark lyrics) ask `edit_cursor()`
for a cursor, which is refused while read-only.

Signals, in the order a story goes through them: `opening(OpeningRequest)` (a feature
may refuse, or make the story read-only: the lock is taken here, before any document
loads), `opened(Project)`, `document_opened(ChapterDocument)`,
`document_saved(ChapterDocument)`, `story_saved()`, `chapters_changed()`,
`read_only_changed(bool)`, `closing()`, `closed()`; `conflict(file, theirs)` when a
write found the file changed outside Studio.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QTextCursor, QTextDocument

from studio.errors import StudioError
from studio.safety.guard import SafeSaver
from studio.safety.ledger import ContentLedger
from studio.storage import atomic_write_text
from studio.story import Project
from studio.story.paths import STORY_FILE
from studio.ui.document import ChapterDocument, DocumentStore


class ReadOnlyError(StudioError):
    """A write asked for while the story is open read-only."""

    refused = True  # nothing was written, on purpose: not a failed save

    def __init__(self, what: str = "the story is open read-only", path: Path | None = None):
        super().__init__(
            what, path=path, hint="Nothing was written; open it where it is not locked to edit"
        )


class WriteConflictError(StudioError):
    """The file on disk is no longer what Studio last loaded or wrote."""

    refused = True

    def __init__(self, path: Path, theirs: str | None) -> None:
        super().__init__(
            "changed outside Studio since Studio last read it; not overwritten",
            path=path,
            hint="Choose Keep mine or Take the file's in the bar above the text",
        )
        self.theirs = theirs


class ChoicePendingError(StudioError):
    """A write of a file whose outside change waits for the author's choice."""

    refused = True

    def __init__(self, path: Path) -> None:
        super().__init__(
            "changed outside Studio; waiting for your choice, not overwritten",
            path=path,
            hint="Choose Keep mine or Take the file's in the bar above the text",
        )


@dataclass
class OpeningRequest:
    """Handed to `opening` handlers before any document loads."""

    root: Path
    refused: bool = False
    read_only: bool = False
    reasons: list[str] = field(default_factory=list)

    def refuse(self, reason: str = "") -> None:
        self.refused = True
        if reason:
            self.reasons.append(reason)

    def make_read_only(self, reason: str = "") -> None:
        self.read_only = True
        if reason:
            self.reasons.append(reason)


class DiskRecord:
    """What is on disk, as far as Studio knows: one record per project file.

    `base(file)` is the text Studio last loaded or wrote (the journal's base and the
    conflict check's reference); `seen` is the watcher's ledger (by content digest),
    updated with every write so Studio's own writes are never reported as outside ones.
    """

    def __init__(self) -> None:
        self._base: dict[str, str] = {}
        self.seen = ContentLedger()

    def base(self, file: str) -> str | None:
        return self._base.get(file)

    def loaded(self, file: str, text: str) -> None:
        """Studio read `text` from `file` (or wrote it)."""
        self._base[file] = text
        self.seen.remember(file, text)

    def drop_base(self, file: str) -> None:
        """The file is gone from disk: nothing to compare a write with."""
        self._base.pop(file, None)

    def forget(self, file: str) -> None:
        self._base.pop(file, None)
        self.seen.remember(file, None)

    def clear(self) -> None:
        self._base.clear()
        self.seen = ContentLedger()


def _read(path: Path) -> str | None:
    """The file's text now; None when it is gone or cannot be read (then the write
    itself is tried and reports why it failed)."""
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return None


class StorySession(QObject):
    """The open story (or none). One per window; features share it."""

    opening = Signal(object)  # OpeningRequest
    opened = Signal(object)  # Project
    document_opened = Signal(object)  # ChapterDocument
    document_saved = Signal(object)  # ChapterDocument
    story_saved = Signal()
    chapters_changed = Signal()
    read_only_changed = Signal(bool)
    conflict = Signal(str, object)  # file, the text on disk now (or None)
    closing = Signal()
    closed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.documents: DocumentStore | None = None
        self.disk = DiskRecord()
        self.autosave_ms = 1500
        self._read_only = False
        self.refusal = ""
        self._held: set[str] = set()
        self._story_refusal: StudioError | None = None  # the last refused story.toml write
        self.leave_checks: list[Callable[[], bool]] = []

    # -- state -----------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self.project is not None

    @property
    def read_only(self) -> bool:
        return self._read_only

    def set_read_only(self, on: bool) -> None:
        if on != self._read_only:
            self._read_only = on
            self.read_only_changed.emit(on)

    def hold(self, file: str) -> None:
        """Write nothing to `file` until `release`: its outside change awaits the author."""
        self._held.add(file)

    def release(self, file: str) -> None:
        self._held.discard(file)

    def is_held(self, file: str) -> bool:
        return file in self._held

    def may_leave(self) -> bool:
        """Ask every leave check (the author settles what waits for her); False: stay."""
        return all(check() for check in list(self.leave_checks))

    # -- opening and closing ---------------------------------------------------------

    def open(self, project: Project) -> bool:
        """Open `project` (already loaded): False when an `opening` handler refused."""
        request = OpeningRequest(project.root)
        self.opening.emit(request)
        if request.refused:
            self.refusal = "; ".join(request.reasons)
            return False
        self.disk.clear()
        self.disk.loaded(STORY_FILE, project.saved_text)
        self.project = project
        project.save_guard = self._guard_story_write  # every story.toml write, whoever asks
        self._read_only = request.read_only
        store = DocumentStore(project, self._write_document, self)
        store.set_autosave_interval(self.autosave_ms)
        store.document_opened.connect(self._document_opened)
        self.documents = store
        self.opened.emit(project)
        if request.read_only:
            self.read_only_changed.emit(True)
        return True

    def close(self) -> None:
        """Forget the story (the caller saved what it could)."""
        if self.project is None:
            return
        self.closing.emit()
        self.project.save_guard = None
        if self.documents is not None:
            self.documents.deleteLater()
        self.documents = None
        self.project = None
        self.disk.clear()
        self._held.clear()
        was_read_only = self._read_only
        self._read_only = False
        if was_read_only:
            self.read_only_changed.emit(False)
        self.closed.emit()

    def _document_opened(self, document: ChapterDocument) -> None:
        self.disk.loaded(document.file, document.text())
        document.saved.connect(lambda d=document: self.document_saved.emit(d))
        document.reloaded.connect(lambda text, f=document.file: self.disk.loaded(f, text))
        self.document_opened.emit(document)

    # -- writing ---------------------------------------------------------------------

    def refuse_if_read_only(self, what: str = "the story is open read-only") -> None:
        if self._read_only:
            raise ReadOnlyError(what)

    def check_unchanged(self, file: str) -> None:
        """Raise WriteConflictError when `file` no longer holds what Studio last knew."""
        if self.project is None:
            return
        base = self.disk.base(file)
        if base is None:
            return
        path = self.project.root / file
        now = _read(path)
        if now is not None and now != base:
            raise WriteConflictError(path, now)

    def write_file(self, file: str, text: str, *, check: bool = True) -> None:
        """Replace project file `file` (relative) with `text`, through every guard."""
        if self.project is None:
            raise StudioError("no story is open")
        self.refuse_if_read_only()
        path = self.project.root / file
        if file in self._held:
            raise ChoicePendingError(path)
        # The compare runs when the new file is complete, immediately before the rename.
        compare = (lambda: self.check_unchanged(file)) if check else None
        saver = SafeSaver(None, self.disk.seen)
        try:
            saver.save(
                file,
                text,
                self.disk.base(file),
                lambda: atomic_write_text(path, text, just_before=compare),
            )
        except WriteConflictError as error:
            self.conflict.emit(file, error.theirs)
            raise
        self.disk.loaded(file, text)

    def _write_document(self, document: ChapterDocument, text: str) -> None:
        self.write_file(document.file, text)

    def accept_disk(self, file: str) -> None:
        """The author chose to overwrite what another program wrote to `file`."""
        if self.project is not None:
            now = _read(self.project.root / file)
            if now is not None:
                self.disk.loaded(file, now)

    def save_story(self) -> bool:
        """Write story.toml if it changed (True when written); refused when read-only."""
        project = self.project
        if project is None or not project.is_modified:
            return False
        self.refuse_if_read_only()
        project.save()  # through `_guard_story_write`
        self.disk.loaded(STORY_FILE, project.saved_text)
        self.story_saved.emit()
        return True

    def _guard_story_write(self) -> None:
        """`Project.save`'s guard, run immediately before story.toml is replaced.

        Refused while read-only, while story.toml is held (it cannot be read, or an
        outside change waits for the author's choice), and when the file's content is no
        longer what Studio last loaded or wrote (then `conflict` tells the author). The
        change stays in the project's document (and so in the journal) until she chooses.
        """
        project = self.project
        if project is None:
            return
        try:
            self.refuse_if_read_only()
            if STORY_FILE in self._held:
                raise ChoicePendingError(project.story_file)
            try:
                self.check_unchanged(STORY_FILE)
            except WriteConflictError as error:
                self.conflict.emit(STORY_FILE, error.theirs)
                raise
        except StudioError as error:
            self._story_refusal = error
            raise

    def reload_story(self) -> None:
        """story.toml changed outside: read it again."""
        if self.project is not None:
            self.project.reload()
            self.disk.loaded(STORY_FILE, self.project.saved_text)

    @contextmanager
    def changing(self, *files: str, story_first: bool = False) -> Iterator[Project]:
        """Run a core operation that writes `files` (and story.toml) itself.

        Refused when read-only; afterwards what it wrote is recorded as Studio's own.
        Its story.toml write goes through `_guard_story_write`: when that refuses (the
        file is broken, held, or changed outside), the change stays in memory, unsaved,
        and the operation ends there without an error (the author was told). An
        operation that cannot stop halfway (it moves files after saving story.toml: the
        trash) passes `story_first=True` and is refused before it starts instead.
        """
        project = self.project
        if project is None:
            raise StudioError("no story is open")
        self.refuse_if_read_only()
        if story_first:
            self._story_refusal = None
            self._guard_story_write()
        self._story_refusal = None
        try:
            yield project
        except StudioError as error:
            if story_first or error is not self._story_refusal:
                raise
        finally:
            self.disk.loaded(STORY_FILE, project.saved_text)
            for file in files:
                text = _read(project.root / file)
                if text is None:
                    self.disk.forget(file)
                else:
                    self.disk.loaded(file, text)
            for chapter in project.chapters:
                if self.disk.base(chapter.file) is None:
                    text = _read(project.chapter_path(chapter))
                    if text is not None:
                        self.disk.seen.remember(chapter.file, text)
        self.chapters_changed.emit()

    def add_word(self, word: str) -> None:
        """Add `word` to the story's dictionary.txt (refused when read-only)."""
        with self.changing("dictionary.txt") as project:
            project.add_word(word)

    # -- edits made by code ----------------------------------------------------------

    def edit_cursor(self, document: QTextDocument) -> QTextCursor:
        """A cursor for an edit made by code; refused (ReadOnlyError) when read-only."""
        self.refuse_if_read_only("the story is open read-only: the text cannot be changed")
        return QTextCursor(document)

    def can_edit(self) -> bool:
        return self.project is not None and not self._read_only

    def find_document(self, file: str) -> ChapterDocument | None:
        return self.documents.find(file) if self.documents is not None else None

    def open_text(self, file: str) -> str | None:
        """The unsaved text of `file` when it is open, else None."""
        document = self.find_document(file)
        return document.text() if document is not None else None

    def on_open(self, slot: Callable[[Project], None]) -> None:
        """Call `slot(project)` now if a story is open, and on every later open."""
        self.opened.connect(slot)
        if self.project is not None:
            slot(self.project)

    def remove_file(self, file: str) -> None:
        """Delete project file `file` (relative; a review sidecar left empty), through
        the same guards as `write_file`: refused while read-only or held, and not when
        the file on disk is no longer what Studio last loaded or wrote."""
        if self.project is None:
            raise StudioError("no story is open")
        self.refuse_if_read_only()
        path = self.project.root / file
        if file in self._held:
            raise ChoicePendingError(path)
        try:
            self.check_unchanged(file)
        except WriteConflictError as error:
            self.conflict.emit(file, error.theirs)
            raise
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise StudioError(f"could not be removed ({exc.strerror})", path=path) from exc
        self.disk.forget(file)
