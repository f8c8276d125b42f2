"""The story's reviews while it is open: one `ChapterReview` per chapter, kept on its words.

Loaded when the story opens (only chapters that have a sidecar) and when a chapter
document opens (against its text). Every edit of an open chapter moves the anchors
(`ChapterReview.edited`, fed from the document's `contentsChange`); a reload after an
outside change finds them again (`relocate`), detaching what it cannot find, so nothing
is dropped. Every write goes through the session (`write_file`): refused while
read-only, checked against what is on disk, recorded as Studio's own.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextCursor

from studio.errors import StudioError
from studio.review import ChapterReview, Comment, Edit, Suggestion, load_review, sidecar_file
from studio.review.store import (
    dump_review,
    parse_review,
    restore_sidecar,
    sidecar_path,
    trash_sidecar,
)
from studio.story import Project
from studio.story.file_form import decode_text
from studio.story.paths import REVIEWS_DIR
from studio.story.trash import trashed_chapters
from studio.ui.document import ChapterDocument
from studio.ui.review.positions import Positions
from studio.ui.session import StorySession

SAVE_MS = 600


@dataclass
class _Tracked:
    """An open chapter document and the text (as on disk) its anchors refer to."""

    document: ChapterDocument
    text: str
    positions: Positions
    reloading: bool = False
    stale: bool = False  # edited while the chapter had no anchors: read again when asked

    def fresh(self) -> _Tracked:
        """Bring the text up to date after edits made while nothing was anchored (a
        keystroke then costs nothing here: copying a long chapter's text is not free)."""
        if self.stale:
            self.text = self.document.text()
            self.positions = Positions(self.text)
            self.stale = False
        return self


class ReviewState(QObject):
    """Every chapter's review, moved with edits and saved through the session."""

    changed = Signal(str)  # chapter file whose review (or anchors) changed
    reset = Signal()  # reviews loaded again (story opened, review imported)
    replaced = Signal(str)  # chapter file whose review was read again from its sidecar

    def __init__(self, session: StorySession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.reviews: dict[str, ChapterReview] = {}
        self._open: dict[str, _Tracked] = {}
        self._dirty: set[str] = set()
        self._applying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_MS)
        self._timer.timeout.connect(self.flush)
        session.on_open(self._story_opened)
        session.document_opened.connect(self._document_opened)
        session.document_saved.connect(lambda _d: self.flush())
        session.closing.connect(self._closing)
        session.chapters_changed.connect(self._chapters_changed)
        self._files: set[str] = set()  # the story's chapters, to see which come and go
        self._unreadable: set[str] = set()  # sidecars broken outside: not written over

    # -- loading ---------------------------------------------------------------------

    def _story_opened(self, project: Project) -> None:
        self.reviews.clear()
        self._open.clear()
        self._dirty.clear()
        self._unreadable.clear()
        self._files = {c.file for c in project.chapters}
        self.load_all(project)
        if self.session.documents is not None:
            for document in self.session.documents.documents():
                self._document_opened(document)

    def load_all(self, project: Project) -> None:
        """Read every chapter's sidecar (the open ones against their open text).

        The reviews folder is listed once, not asked about each chapter: a story of
        200 chapters and no review cost 200 file lookups at every open."""
        present = _files_under(project.root, REVIEWS_DIR)
        for chapter in project.chapters:
            path = sidecar_path(project, chapter.file)
            if sidecar_file(chapter.file) not in present or not path.is_file():
                self.reviews.pop(chapter.file, None)
                continue
            try:
                text = self.text_of(chapter.file)
                review = load_review(project, chapter, text)
                self.session.disk.loaded(sidecar_file(chapter.file), path.read_text("utf-8"))
            except (StudioError, OSError) as error:
                self.session_say(f"Review of {chapter.file} cannot be read: {error}")
                continue
            self.reviews[chapter.file] = review
        self.reset.emit()

    def session_say(self, message: str) -> None:
        parent = self.parent()
        say = getattr(parent, "say", None)
        if callable(say):
            say(message)

    def _document_opened(self, document: ChapterDocument) -> None:
        text = document.text()
        self._open[document.file] = _Tracked(document, text, Positions(text))
        review = self.reviews.get(document.file)
        if review is not None and review.relocate(text):
            self._dirty.add(document.file)
        document.document.contentsChange.connect(
            lambda position, removed, added, d=document: self._contents_change(
                d, position, removed, added
            )
        )
        document.reloaded.connect(lambda _text, d=document: self._reloading(d))
        self.changed.emit(document.file)

    def _closing(self) -> None:
        self.flush()
        self._open.clear()

    # -- reading ---------------------------------------------------------------------

    def review(self, file: str) -> ChapterReview:
        """The chapter's review (an empty one, kept, when it has none yet)."""
        found = self.reviews.get(file)
        if found is None:
            found = self.reviews[file] = ChapterReview(file)
        return found

    def text_of(self, file: str) -> str:
        """The chapter's text as its anchors see it: the open text, else the file."""
        tracked = self._open.get(file)
        if tracked is not None:
            return tracked.fresh().text
        project = self.session.project
        if project is None:
            return ""
        for chapter in project.chapters:
            if chapter.file == file:
                return project.read_chapter(chapter)
        return ""

    def positions(self, file: str) -> Positions | None:
        tracked = self._open.get(file)
        return tracked.fresh().positions if tracked is not None else None

    def document_of(self, file: str) -> ChapterDocument | None:
        tracked = self._open.get(file)
        return tracked.document if tracked is not None else None

    def file_of(self, qdocument: object) -> str | None:
        for file, tracked in self._open.items():
            if tracked.document.document is qdocument:
                return file
        return None

    def items_at(self, file: str, index: int) -> list[Comment | Suggestion]:
        """The live comments and pending suggestions whose words hold `index`."""
        review = self.reviews.get(file)
        if review is None:
            return []
        found: list[Comment | Suggestion] = []
        for item in review.live_anchors():
            anchor = item.anchor
            if anchor.detached:
                continue
            if anchor.start <= index < anchor.end or (
                anchor.start == anchor.end and index in (anchor.start - 1, anchor.start)
            ):
                found.append(item)
        return found

    # -- edits in Studio and reloads -------------------------------------------------

    def _contents_change(
        self, document: ChapterDocument, position: int, removed: int, added: int
    ) -> None:
        tracked = self._open.get(document.file)
        if tracked is None:
            return
        review = self.reviews.get(document.file)
        anchored = review is not None and review.live_anchors()
        if not anchored and not self._applying and not tracked.reloading:
            tracked.stale = True  # nothing to move: read the text only when asked
            return
        if tracked.stale:  # anchors came while stale: find their words again
            tracked.fresh()
            if review is not None and review.relocate(tracked.text):
                self.touch(document.file, save=False)
            return
        old_length = tracked.positions.length
        new_text = document.text()
        if removed == added and new_text == tracked.text:
            return  # a highlighter repaint: Qt reports it as a change of nothing
        new_positions = Positions(new_text)
        tracked.text, tracked.positions = new_text, new_positions
        if self._applying or tracked.reloading:
            return
        if review is None or not review.live_anchors():
            return
        start = new_positions.to_py(position)
        inserted = new_positions.to_py(position + added) - start
        removed_chars = old_length - len(new_text) + inserted
        if removed_chars < 0 or start + removed_chars > old_length:
            review.relocate(new_text)  # a change Qt reported oddly: find the words again
        else:
            review.edited(Edit(start, removed_chars, inserted), new_text)
        self.touch(document.file, save=False)

    def _reloading(self, document: ChapterDocument) -> None:
        """The file changed outside Studio and is being read again: find the anchors
        again in the new text instead of moving them as if typed."""
        tracked = self._open.get(document.file)
        if tracked is None:
            return
        tracked.reloading = True

        def done() -> None:
            tracked.reloading = False
            review = self.reviews.get(document.file)
            if review is not None and review.relocate(tracked.text):
                self.touch(document.file, save=False)
            else:
                self.changed.emit(document.file)

        QTimer.singleShot(0, done)

    # -- changing the review ---------------------------------------------------------

    def touch(self, file: str, *, save: bool = True) -> None:
        """The review of `file` changed: repaint, and save soon (or at the next save)."""
        self._dirty.add(file)
        self.changed.emit(file)
        if save:
            self._timer.start()

    def flush(self) -> bool:
        """Write every changed review now (through the session). False when refused."""
        self._timer.stop()
        ok = True
        for file in sorted(self._dirty):
            try:
                self._write(file)
            except StudioError as error:
                self.session_say(f"Review not saved: {error}")
                ok = False
                if getattr(error, "refused", False) and self.session.read_only:
                    break
                continue
            self._dirty.discard(file)
        return ok

    def _write(self, file: str) -> None:
        project = self.session.project
        review = self.reviews.get(file)
        if project is None or review is None or file in self._unreadable:
            return
        sidecar = sidecar_file(file)
        if review.is_empty:  # its last comment or suggestion went: no empty file
            if sidecar_path(project, file).is_file():
                self.session.remove_file(sidecar)
            return
        self.session.write_file(sidecar, dump_review(review))

    # -- chapters coming and going ---------------------------------------------------

    def _chapters_changed(self) -> None:
        """A chapter deleted through the session takes its review to the trash with it;
        one restored from the trash brings it back (`trash_sidecar`, `restore_sidecar`)."""
        project = self.session.project
        if project is None or self.session.read_only:
            return
        now = {c.file for c in project.chapters}
        gone, came = self._files - now, now - self._files
        self._files = now  # first: the moves below report chapters_changed again
        for file in sorted(gone):
            self._trash(project, file)
        for file in sorted(came):
            self._restore(project, file)

    def _trash(self, project: Project, file: str) -> None:
        self._dirty.discard(file)
        self._open.pop(file, None)
        review = self.reviews.pop(file, None)
        trashed = [t for t in trashed_chapters(project) if t.file == file]
        path = sidecar_path(project, file)
        if not trashed or not path.is_file():
            return  # not deleted by Studio (or no review): the sidecar stays, not lost
        try:
            if review is not None and not review.is_empty:
                self.session.write_file(sidecar_file(file), dump_review(review))
            with self.session.changing(sidecar_file(file)):
                trash_sidecar(project, file, trashed[0].text_file)
        except (StudioError, OSError) as error:
            self.session_say(f"The review of {file} stays in reviews/: {error}")
        self.reset.emit()

    def _restore(self, project: Project, file: str) -> None:
        try:
            with self.session.changing(sidecar_file(file)):
                restored = restore_sidecar(project, file)
            if restored is None:
                return
            text = self.text_of(file)
            self.reviews[file] = load_review(project, file, text)
        except (StudioError, OSError) as error:
            self.session_say(f"The review of {file} could not be brought back: {error}")
            return
        self.reset.emit()

    # -- sidecars changed outside Studio ---------------------------------------------

    def check_outside(self) -> list[str]:
        """Read again every sidecar that is no longer what Studio last loaded or wrote
        (changed in another editor, by git, by a sync tool). Review changes not saved
        yet are kept: an item added here since the last load stays beside the file's
        items; for an item in both, the file's version wins. Returns the chapters read
        again."""
        project = self.session.project
        if project is None:
            return []
        done = []
        for chapter in project.chapters:
            file = chapter.file
            sidecar = sidecar_file(file)
            path = sidecar_path(project, file)
            try:
                now: str | None = path.read_text("utf-8") if path.is_file() else None
            except (OSError, UnicodeDecodeError):
                now = None
            base = self.session.disk.base(sidecar)
            if now == base:
                self._readable_again(file)
                continue
            if self._take_outside(project, file, now, base):
                done.append(file)
        return done

    def _readable_again(self, file: str) -> None:
        if file in self._unreadable:
            self._unreadable.discard(file)
            self.session_say(f"The review of {file} can be read again")

    def _take_outside(self, project: Project, file: str, now: str | None, base: str | None) -> bool:
        sidecar = sidecar_file(file)
        path = sidecar_path(project, file)
        if now is None:
            theirs = ChapterReview(file)
        else:
            try:
                theirs = parse_review(now, file, path)
            except StudioError as error:
                if file not in self._unreadable:
                    self._unreadable.add(file)
                    self.session_say(
                        f"{error} — Studio keeps its copy and writes none until it is fixed"
                    )
                return False
        self._unreadable.discard(file)
        mine = self.reviews.get(file)
        kept = _added_since(mine, base, file, path) if file in self._dirty else []
        have = {c.id for c in theirs.comments} | {s.id for s in theirs.suggestions}
        kept = [i for i in kept if i.id not in have]
        theirs.comments += [i for i in kept if isinstance(i, Comment)]
        theirs.suggestions += [i for i in kept if isinstance(i, Suggestion)]
        theirs.relocate(self.text_of(file))
        self.reviews[file] = theirs
        if now is None:
            self.session.disk.forget(sidecar)
        else:
            self.session.disk.loaded(sidecar, now)
        self._dirty.discard(file)
        self.replaced.emit(file)
        if kept:
            self.touch(file)
        else:
            self.changed.emit(file)
        return True

    def apply_text(self, file: str, new_text: str) -> None:
        """Put an accepted suggestion's text in the chapter: into the open document
        (an edit cursor from the session, one undo step) or else the file."""
        tracked = self._open.get(file)
        if tracked is None:
            self.session.write_file(file, new_text)
            return
        qdocument = tracked.document.document
        cursor = self.session.edit_cursor(qdocument)
        old = qdocument.toRawText().replace("\u2029", "\n")
        new = decode_text(new_text.encode("utf-8"))[0]  # file text → editor text
        prefix = 0
        limit = min(len(old), len(new))
        while prefix < limit and old[prefix] == new[prefix]:
            prefix += 1
        suffix = 0
        while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
            suffix += 1
        start, end = _utf16(old[:prefix]), _utf16(old[: len(old) - suffix])
        self._applying = True
        try:
            cursor.beginEditBlock()
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(new[prefix : len(new) - suffix])
            cursor.endEditBlock()
        finally:
            self._applying = False

    def reload_sidecars(self) -> None:
        """The sidecars were written by a core operation (an import): read them again."""
        project = self.session.project
        if project is None:
            return
        self.flush()
        self.load_all(project)
        for file in self._open:
            self.changed.emit(file)

    def parse(self, file: str, text: str) -> ChapterReview:
        project = self.session.project
        assert project is not None
        return parse_review(text, file, sidecar_path(project, file))


def _added_since(
    mine: ChapterReview | None, base: str | None, file: str, path: Path
) -> list[Comment | Suggestion]:
    """The items of `mine` that the sidecar as last loaded (`base`) did not have."""
    if mine is None:
        return []
    known: set[str] = set()
    if base is not None:
        try:
            before = parse_review(base, file, path)
        except StudioError:
            before = ChapterReview(file)
        known = {c.id for c in before.comments} | {s.id for s in before.suggestions}
    items: list[Comment | Suggestion] = [*mine.comments, *mine.suggestions]
    return [i for i in items if i.id not in known]


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _files_under(root: Path, folder: str) -> set[str]:
    """Every file's name under `root / folder`, as posix paths from `root` (sub-folders
    included; empty when there is no such folder)."""
    found: set[str] = set()
    for directory, _dirs, files in os.walk(root / folder):
        relative = Path(directory).relative_to(root).as_posix()
        found.update(f"{relative}/{name}" for name in files)
    return found
