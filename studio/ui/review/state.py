"""The story's reviews while it is open: one `ChapterReview` per chapter, kept on its words.

Loaded when the story opens (only chapters that have a sidecar) and when a chapter
document opens (against its text). Every edit of an open chapter moves the anchors
(`ChapterReview.edited`, fed from the document's `contentsChange`); a reload after an
outside change finds them again (`relocate`), detaching what it cannot find, so nothing
is dropped. Every write goes through the session (`write_file`): refused while
read-only, checked against what is on disk, recorded as Studio's own.

A changed review not saved yet (Suggest-mode typing saves once it pauses) is journaled
within a second, on the journal's own thread, as chapter text is
(`studio.review.journal`); when the story opens after a crash, it is put back.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextCursor

from studio.errors import StudioError
from studio.review import ChapterReview, Comment, Edit, Suggestion, load_review, sidecar_file
from studio.review.journal import (
    added_since,
    recovered,
    review_journal,
    sweep_review_temp_files,
)
from studio.review.store import (
    dump_review,
    parse_review,
    restore_sidecar,
    sidecar_path,
    trash_sidecar,
)
from studio.safety import JournalWriter
from studio.story import Project
from studio.story.file_form import decode_text
from studio.story.paths import REVIEWS_DIR
from studio.story.trash import trashed_chapters
from studio.ui.document import ChapterDocument
from studio.ui.review.positions import Positions
from studio.ui.session import StorySession

SAVE_MS = 600
JOURNAL_IDLE_MS = 300  # after typing pauses, before the save
JOURNAL_MAX_WAIT_MS = 1000  # while typing never pauses: no keystroke waits longer


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
        self.journal: JournalWriter | None = None
        self._journal_idle = QTimer(self)
        self._journal_idle.setSingleShot(True)
        self._journal_idle.setInterval(JOURNAL_IDLE_MS)
        self._journal_idle.timeout.connect(self.journal_now)
        self._journal_due = QTimer(self)
        self._journal_due.setSingleShot(True)
        self._journal_due.setInterval(JOURNAL_MAX_WAIT_MS)
        self._journal_due.timeout.connect(self.journal_now)
        session.on_open(self._story_opened)
        session.document_opened.connect(self._document_opened)
        session.document_saved.connect(lambda _d: self.flush())
        session.closing.connect(self._closing)
        session.chapters_changed.connect(self._chapters_changed)
        # the list following a rename outside Studio is saved without chapters_changed
        session.story_saved.connect(self._chapters_changed)
        # The story's chapters (file → its story.toml table and title), to see which
        # come, go, or are renamed.
        self._files: dict[str, tuple[object, str]] = {}
        self._unreadable: set[str] = set()  # sidecars broken outside: not written over

    # -- loading ---------------------------------------------------------------------

    def _story_opened(self, project: Project) -> None:
        self.reviews.clear()
        self._open.clear()
        self._dirty.clear()
        self._unreadable.clear()
        self._files = _chapters_of(project)
        self._close_journal()
        self.load_all(project)
        if self.session.documents is not None:
            for document in self.session.documents.documents():
                self._document_opened(document)
        if not self.session.read_only:
            self._recover(project)

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
        self.journal_now()  # what could not be saved stays in the journal
        self._close_journal()
        self._open.clear()

    # -- the journal -----------------------------------------------------------------

    def _writer(self) -> JournalWriter | None:
        project = self.session.project
        if self.journal is None and project is not None and not self.session.read_only:
            journal = review_journal(project.root)
            self.journal = JournalWriter(
                journal, lambda error: self.session_say(f"Review not journaled: {error}")
            )
        return self.journal

    def _close_journal(self) -> None:
        self._journal_idle.stop()
        self._journal_due.stop()
        if self.journal is not None:
            self.journal.close()
            self.journal = None

    def _journal_soon(self) -> None:
        self._journal_idle.start()
        if not self._journal_due.isActive():
            self._journal_due.start()

    def journal_now(self) -> None:
        """Hand every changed review not saved yet to the journal's thread (its text
        made here: the review may change under a thread that reads it)."""
        self._journal_idle.stop()
        self._journal_due.stop()
        writer = self._writer() if self._dirty else self.journal
        if writer is None:
            return
        for file in sorted(self._dirty):
            review = self.reviews.get(file)
            if review is None or file in self._unreadable:
                continue
            sidecar = sidecar_file(file)
            writer.record(sidecar, dump_review(review), self.session.disk.base(sidecar))

    def _recover(self, project: Project) -> None:
        """Put back the reviews journaled before Studio stopped without saving them
        (a crash, kill -9, a power cut), and save them. An entry for a chapter no longer
        in the story, or one that cannot be read, stays in the journal."""
        writer = self._writer()
        if writer is None:
            return
        sweep_review_temp_files(project.root)  # the lock is held: no save is under way
        by_sidecar = {sidecar_file(c.file): c.file for c in project.chapters}
        back: list[str] = []
        for entry in writer.journal.recoverable():
            file = by_sidecar.get(entry.file)
            if file is None or entry.deferred:
                continue
            path = sidecar_path(project, file)
            try:
                now = path.read_text("utf-8") if path.is_file() else None
                review = recovered(entry, now, file, path)
            except (StudioError, OSError, UnicodeDecodeError) as error:
                self.session_say(f"The unsaved review of {file} stays in the journal: {error}")
                continue
            review.relocate(self.text_of(file))
            self.reviews[file] = review
            writer.journal.remove(entry)
            back.append(file)
            self.touch(file, save=False)
        if not back:
            return
        self.flush()
        self.reset.emit()
        names = ", ".join(back)
        self.session_say(f"Brought back review changes not saved before Studio stopped: {names}")

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
        old_tail = _final_end_length(tracked.text)
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
        if start == 0 and removed_chars >= old_length - old_tail > 0:
            # the whole text replaced (restored from the journal, the file's version
            # taken): find every anchor again, and the detached ones whose words are back
            review.relocate(new_text, detached_too=True)
        elif removed_chars < 0 or start + removed_chars > old_length:
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
            if review is not None and review.relocate(tracked.text, detached_too=True):
                self.touch(document.file, save=False)
            else:
                self.changed.emit(document.file)

        QTimer.singleShot(0, done)

    # -- changing the review ---------------------------------------------------------

    def set_save_interval(self, ms: int) -> None:
        """How long typing must pause before a changed review is saved (the journal
        keeps it meanwhile)."""
        self._timer.setInterval(ms)

    def touch(self, file: str, *, save: bool = True) -> None:
        """The review of `file` changed: repaint, and save soon (or at the next save);
        a change to be saved soon is journaled sooner still."""
        self._dirty.add(file)
        self.changed.emit(file)
        if save:
            self._timer.start()
            self._journal_soon()

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
            if self.journal is not None and file not in self._unreadable:
                self.journal.discard(sidecar_file(file))
        if not ok:
            self.journal_now()  # not saved: kept in the journal meanwhile
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
        one restored from the trash brings it back (`trash_sidecar`, `restore_sidecar`);
        one whose file was renamed (outside Studio: the list followed it) takes its
        review to the new name."""
        project = self.session.project
        if project is None or self.session.read_only:
            return
        before, now = self._files, _chapters_of(project)
        gone, came = set(before) - set(now), set(now) - set(before)
        renamed = _renamed(before, now, gone, came)
        self._files = now  # first: the moves below report chapters_changed again
        for old, new in sorted(renamed.items()):
            self._follow_rename(project, old, new)
        for file in sorted(gone - set(renamed)):
            self._trash(project, file)
        for file in sorted(came - set(renamed.values())):
            self._restore(project, file)

    def _follow_rename(self, project: Project, old: str, new: str) -> None:
        """The chapter `old` is now `new`: its comments and suggestions go with it,
        found again in its text (detached, with their quotes, where the words are not
        there), into `reviews/<new>.toml`, and the old sidecar goes. Items already in
        a sidecar of the new name stay, the moved ones beside them. A sidecar Studio
        cannot read is left where it is (and said)."""
        self._open.pop(old, None)
        self._dirty.discard(old)
        review = self.reviews.pop(old, None)
        old_path = sidecar_path(project, old)
        if old in self._unreadable or (review is None and not old_path.is_file()):
            return
        try:
            if review is None:
                review = parse_review(old_path.read_text("utf-8"), old, old_path)
            moved = self._review_on_disk(project, new)
        except (StudioError, OSError, UnicodeDecodeError) as error:
            self.session_say(f"The review of {old} stays in reviews/: {error}")
            return
        have = {c.id for c in moved.comments} | {s.id for s in moved.suggestions}
        moved.comments += [c for c in review.comments if c.id not in have]
        moved.suggestions += [s for s in review.suggestions if s.id not in have]
        moved.relocate(self.text_of(new))
        self.reviews[new] = moved
        try:
            if not moved.is_empty:
                self.session.write_file(sidecar_file(new), dump_review(moved))
            if old_path.is_file():
                self.session.remove_file(sidecar_file(old))
        except (StudioError, OSError) as error:
            self.session_say(f"The review of {new} is not saved yet: {error}")
            self.touch(new)
        if self.journal is not None:
            self.journal.discard(sidecar_file(old))
        self.reset.emit()

    def _review_on_disk(self, project: Project, file: str) -> ChapterReview:
        """The review in `file`'s sidecar as it is now (empty when there is none)."""
        found = self.reviews.get(file)
        if found is not None:
            return found
        path = sidecar_path(project, file)
        if not path.is_file():
            return ChapterReview(file)
        text = path.read_text("utf-8")
        self.session.disk.loaded(sidecar_file(file), text)
        return parse_review(text, file, path)

    def _trash(self, project: Project, file: str) -> None:
        self._dirty.discard(file)
        if self.journal is not None:
            self.journal.discard(sidecar_file(file))
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
        kept = added_since(mine, base, file, path) if file in self._dirty else []
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


def _chapters_of(project: Project) -> dict[str, tuple[object, str]]:
    return {c.file: (c.table, c.title) for c in project.chapters}


def _renamed(
    before: dict[str, tuple[object, str]],
    now: dict[str, tuple[object, str]],
    gone: set[str],
    came: set[str],
) -> dict[str, str]:
    """Old file → new file for each chapter that went under one name and came under
    another: the same story.toml entry (the list followed a rename outside), else,
    after story.toml was read again, the one new chapter with the gone one's title."""
    pairs: dict[str, str] = {}
    for old in sorted(gone):
        table, title = before[old]
        left = [f for f in sorted(came) if f not in pairs.values()]
        same = [f for f in left if now[f][0] is table]
        if not same and title:
            titled = [f for f in left if now[f][1] == title]
            gone_titled = [g for g in gone if before[g][1] == title]
            same = titled if len(titled) == 1 and len(gone_titled) == 1 else []
        if same:
            pairs[old] = same[0]
    return pairs


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _final_end_length(text: str) -> int:
    """How long the line ending after a chapter's last line is: it is in the file's text
    but not in the editor (studio.story.file_form), so no edit removes it."""
    if text.endswith("\r\n"):
        return 2
    return 1 if text.endswith(("\n", "\r")) else 0


def _files_under(root: Path, folder: str) -> set[str]:
    """Every file's name under `root / folder`, as posix paths from `root` (sub-folders
    included; empty when there is no such folder)."""
    found: set[str] = set()
    for directory, _dirs, files in os.walk(root / folder):
        relative = Path(directory).relative_to(root).as_posix()
        found.update(f"{relative}/{name}" for name in files)
    return found
