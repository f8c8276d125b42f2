"""What Studio does when the story's files change outside it (the watcher's reports).

A chapter changed with no unsaved edits reloads in place; with unsaved edits the
conflict bar asks (Keep mine / Take the file's / Compare) and autosave waits; story.toml
reloads, or asks the same way when the metadata has unsaved edits; chapter files added,
removed or renamed bring the list in line; an open chapter whose file vanished keeps its
text and offers to save it again.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import tomlkit
from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QWidget
from tomlkit.exceptions import TOMLKitError

from studio.errors import StudioError, printable
from studio.safety import Change, ChangeKind
from studio.safety.reconcile import reconcile
from studio.story.file_form import decode_text
from studio.story.paths import STORY_FILE
from studio.ui.document import ChapterDocument
from studio.ui.safety.bars import ConflictBar, NoticeBar
from studio.ui.safety.diff_view import Choice, CompareDialog

if TYPE_CHECKING:
    from studio.ui.safety.controller import ProjectSafety

log = logging.getLogger("studio.safety")  # what happened, for the soak benchmark
HOLD_AUTOSAVE_MS = 24 * 60 * 60 * 1000  # while a conflict waits for the author
GRACE_S = 3.0  # a chapter file gone this long (not just replaced with a gap) leaves the list


class OutsideChanges:
    """Handles the watcher's changes for one ProjectSafety (its `owner`)."""

    def __init__(self, owner: ProjectSafety) -> None:
        self.owner = owner
        self.conflicts: dict[str, str] = {}  # chapter file → the outside version
        self.vanished: set[str] = set()  # open chapters whose file was deleted outside
        self.story_problem = ""  # why story.toml on disk cannot be read ("" when it can)
        self.pending_removals: dict[str, tuple[Change, float]] = {}  # file → (change, until)
        self.compare_dialog: CompareDialog | None = None
        self.saved_by_studio: set[str] = set()  # chapters whose file holds what Studio wrote
        self._story_notice: QWidget | None = None  # the bar about story.toml, if any

    def clear(self) -> None:
        self._story_notice = None
        self.conflicts.clear()
        self.vanished.clear()
        self.story_problem = ""
        self.pending_removals.clear()
        self.saved_by_studio.clear()

    def on_changes(self, changes: list[Change]) -> None:
        if self.owner.project is None:
            return
        list_changed = False
        for change in changes:
            if change.kind is ChangeKind.STORY_CHANGED:
                list_changed |= self._story_changed(change)
            elif change.kind is ChangeKind.CHAPTER_CHANGED:
                self._chapter_changed(change)
            elif change.kind is ChangeKind.CHAPTER_ADDED and change.file in self.vanished:
                self.vanished.discard(change.file)
                self.clear_bars(change.file)
                self._chapter_changed(change)
        removed = [c for c in changes if c.kind is ChangeKind.CHAPTER_REMOVED]
        for change in removed:
            self._chapter_removed(change)
        if not self.owner.read_only:
            changes = self._with_pending_removals(changes)
            keep = self.owner.open_files() | self._in_grace()
            done = reconcile(self.owner.project, changes, keep=keep)
            if done:
                for old, new in done.renamed.items():
                    self._follow_rename(old, new)
                self.owner.shell.save_story()
                list_changed = True
        # Only a real change of the list or the story's details redraws the views: a
        # redraw resets the metadata panel under the author's cursor.
        if list_changed or any(
            c.kind in (ChangeKind.CHAPTER_ADDED, ChangeKind.CHAPTER_REMOVED) for c in changes
        ):
            self.owner.refresh_views()

    def _with_pending_removals(self, changes: list[Change]) -> list[Change]:
        """This batch plus the files that vanished earlier and are still gone.

        A file replaced with a gap (moved aside, written again a moment later, as
        editors and sync tools do) keeps its entry: a removal waits GRACE_S before the
        list drops it, and a file back under the same name is the same chapter. A file
        back under another name with the same content is a rename.
        """
        now = time.monotonic()
        for change in changes:
            if change.kind is ChangeKind.CHAPTER_REMOVED:
                self.pending_removals.setdefault(change.file, (change, now + GRACE_S))
            elif change.kind in (ChangeKind.CHAPTER_ADDED, ChangeKind.CHAPTER_CHANGED):
                self.pending_removals.pop(change.file, None)  # back: the same chapter
        batch = {id(c) for c in changes}
        earlier = [
            change
            for change, _deadline in self.pending_removals.values()
            if id(change) not in batch
        ]
        self._arm_grace_timer()
        return [*changes, *earlier]

    def _arm_grace_timer(self) -> None:
        """Wake up just after the earliest pending deadline.

        A coarse Qt timer may fire up to 5 % early, so the wake-up re-arms itself
        for whatever is still waiting instead of trusting one shot.
        """
        if not self.pending_removals:
            return
        first = min(deadline for _c, deadline in self.pending_removals.values())
        wait_ms = max(0, int((first - time.monotonic()) * 1000)) + 100
        QTimer.singleShot(wait_ms, self._grace_over)

    def _in_grace(self) -> set[str]:
        now = time.monotonic()
        return {f for f, (_c, deadline) in self.pending_removals.items() if deadline > now}

    def _grace_over(self) -> None:
        """Drop the entries whose file stayed away for the whole grace period."""
        if self.owner.project is None or self.owner.root is None:
            self.pending_removals.clear()
            return
        now = time.monotonic()
        if not any(deadline <= now for _c, deadline in self.pending_removals.values()):
            self._arm_grace_timer()
            return
        for file in list(self.pending_removals):
            if (self.owner.root / file).exists():
                self.pending_removals.pop(file)  # back again meanwhile
        expired = [c for c, deadline in self.pending_removals.values() if deadline <= now]
        for change in expired:
            self.pending_removals.pop(change.file, None)
        self._arm_grace_timer()
        if self.owner.read_only or not expired:
            return
        done = reconcile(self.owner.project, expired, keep=self.owner.open_files())
        if done:
            self.owner.shell.save_story()
            self.owner.refresh_views()

    def _story_changed(self, change: Change) -> bool:
        assert self.owner.project is not None
        try:
            text = change.text()
        except StudioError as error:
            self.owner.say(str(error))
            return False
        if text in (self.owner.project.saved_text, self.owner.project.toml_text()):
            return False  # Studio's own write
        problem = _toml_problem(text)
        if problem:
            self._story_unreadable(problem)
            return False
        self._story_readable_again()
        if self.owner.project.is_modified:
            self._story_conflict(text)
            return False
        try:
            self.owner.session.reload_story()
        except StudioError as error:
            self._story_unreadable(str(error))
            return False
        self.owner.say("The story details changed outside Studio and were reloaded.")
        return True

    def story_write_refused(self, theirs: str | None) -> None:
        """A story.toml write found the file changed outside before the watcher said
        so: show why nothing was written (broken, or changed under her edits)."""
        if theirs is None:
            return
        problem = _toml_problem(theirs)
        if problem:
            self._story_unreadable(problem)
            return
        self._story_readable_again()
        if self.owner.project is not None and self.owner.project.is_modified:
            self._story_conflict(theirs)
            return
        try:
            self.owner.session.reload_story()  # nothing of hers is unsaved: take theirs
        except StudioError as error:
            self._story_unreadable(str(error))
            return
        self.owner.refresh_views()
        self.owner.say("The story details changed outside Studio and were reloaded.")

    def _story_unreadable(self, problem: str) -> None:
        """story.toml on disk cannot be read: write none until it can (her edits stay)."""
        self.owner.session.hold(STORY_FILE)
        message = (
            f"story.toml was changed outside Studio and cannot be read: {problem}. Studio"
            " writes no story.toml until it is fixed; your edits to the story's details"
            " are kept here and in the recovery journal."
        )
        self.story_problem = message

        def make_bar() -> NoticeBar:
            bar = NoticeBar(message, tone="error")
            bar.add_action("Reopen the details", self.reopen_story, name="reopenStory")
            return bar

        self._story_bar(make_bar)
        self.owner.say(message)

    def reopen_story(self) -> None:
        """The author fixed story.toml: read it again (or say it still cannot be read)."""
        if self.owner.project is None:
            return
        try:
            text = self.owner.project.story_file.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            self._story_unreadable(str(error))
            return
        problem = _toml_problem(text)
        if problem:
            self._story_unreadable(problem)
            return
        self._story_readable_again()
        if self.owner.project.is_modified:
            self._story_conflict(text)
            return
        try:
            self.owner.session.reload_story()
        except StudioError as error:
            self._story_unreadable(str(error))
            return
        self.owner.refresh_views()
        self.owner.say("The story details were reopened.")

    def _story_readable_again(self) -> None:
        if not self.story_problem:
            return
        self.story_problem = ""
        self.owner.session.release(STORY_FILE)
        self._story_bar(None)

    def _story_conflict(self, theirs: str) -> None:
        self.owner.session.hold(STORY_FILE)

        def make_bar() -> ConflictBar:
            bar = ConflictBar("Story details (story.toml)")
            bar.set_message(
                "The story’s details (story.toml) were changed outside Studio while you"
                " have unsaved edits to them."
            )
            bar.keep_mine.connect(self._story_keep_mine)
            bar.take_file.connect(lambda: self._story_take_file(theirs))
            bar.compare.connect(lambda: self._story_compare(theirs))
            return bar

        self._story_bar(make_bar)

    def _story_bar(self, make: Callable[[], NoticeBar] | None) -> None:
        """The one bar about story.toml (unreadable, or changed under unsaved edits):
        shown above the focused pane in place of the one before, or taken away."""
        if self._story_notice is not None:
            with contextlib.suppress(RuntimeError):  # already gone with its pane's next bar
                self.owner.shell.clear_notice(self._story_notice)
            self._story_notice = None
        if make is not None:
            self._story_notice = self.owner.shell.show_notice(make)

    def _story_keep_mine(self) -> None:
        if not self.owner.back_up("before keep mine"):
            self.owner.say("story.toml was not written: no backup of the outside version.")
            return
        self._story_bar(None)
        self.owner.session.release(STORY_FILE)
        self.owner.session.accept_disk(STORY_FILE)  # the author chose to overwrite it
        self.owner.shell.save_story()

    def _story_take_file(self, theirs: str) -> None:
        self._story_bar(None)
        self.owner.session.release(STORY_FILE)
        if self.owner.project is None:
            return
        try:
            if _read(self.owner.project.story_file) == self.owner.project.saved_text:
                # Studio saved the author's edits meanwhile: put theirs back first.
                self.owner.session.write_file(STORY_FILE, theirs, check=False)
            self.owner.session.reload_story()
        except StudioError as error:
            self.owner.say(str(error))
            return
        self.owner.refresh_views()

    def _story_compare(self, theirs: str) -> None:
        if self.owner.project is None:
            return
        dialog = CompareDialog(
            "Story details",
            self.owner.project.toml_text(),
            theirs,
            self.owner.shell.dialog_parent(),
        )
        self.compare_dialog = dialog

        def decided(_result: int) -> None:
            if dialog.choice is Choice.KEEP_MINE:
                self._story_keep_mine()
            elif dialog.choice is Choice.TAKE_FILE:
                self._story_take_file(theirs)

        dialog.finished.connect(decided)
        dialog.open()

    def _chapter_changed(self, change: Change) -> None:
        counts = self.owner.shell.word_counts
        if counts is not None:
            counts.text_changed(change.file)  # the list's word count
        document = self.owner.store.find(change.file) if self.owner.store is not None else None
        if document is None:
            return
        try:
            theirs = change.text()
        except StudioError as error:
            message = str(error)
            self._bar(change.file, lambda: NoticeBar(message, tone="error"))
            return
        if theirs == self.owner.base.get(change.file):
            return  # Studio's own save
        if theirs == document.text():
            self.owner.session.disk.loaded(
                change.file, theirs
            )  # the file now holds exactly the author's text
            if document.error is None:
                document.document.setModified(False)
            return
        if change.file in self.conflicts:
            self.conflicts[change.file] = theirs  # a newer outside version
            return
        if not document.is_dirty or self.owner.read_only:
            self._reload(document, keep_replaced=True)
        else:
            self.raise_conflict(document, theirs)

    def _reload(self, document: ChapterDocument, *, keep_replaced: bool = False) -> None:
        """Reload in place: cursors and scroll positions of every pane stay.

        `keep_replaced`: when the file held what Studio wrote (another program wrote
        over the author's save, perhaps from a copy it read before), her text as saved
        goes into a backup first, so an outside write after an autosave loses nothing.
        """
        replaced = document.text()
        studio_wrote = document.file in self.saved_by_studio
        panes = self.owner.shell.panes_showing(document.file)
        scrolls = [(p, p.editor.verticalScrollBar().value()) for p in panes]
        if panes:
            panes[0].reload_from_disk(keep_cursor=True)
        else:
            document.reload_from_disk()
        for pane, value in scrolls:
            pane.editor.verticalScrollBar().setValue(value)
        self.owner.session.disk.loaded(document.file, document.text())
        self.saved_by_studio.discard(document.file)
        log.info("reloaded %s: changed outside", document.file)
        if keep_replaced and studio_wrote and replaced != document.text():
            self.owner.back_up_in_background("reloaded", {document.file: replaced})
            self.owner.say(
                f"Reloaded “{_title(document)}” (changed outside); yours is in File ▸ Backups…"
            )
            return
        self.owner.say(f"Reloaded “{_title(document)}”: it was changed outside Studio.")

    def raise_conflict(self, document: ChapterDocument, theirs: str) -> None:
        log.info("conflict %s: changed outside while unsaved", document.file)
        self.conflicts[document.file] = theirs
        self.owner.session.hold(document.file)  # no save until the author chooses
        document.set_autosave_interval(HOLD_AUTOSAVE_MS)
        if self.owner.journal is not None:
            with contextlib.suppress(StudioError):
                self.owner.journal.record(
                    document.file, document.text(), self.owner.base.get(document.file)
                )
        self.show_conflict_bars(document.file)

    def show_conflict_bars(self, file: str) -> None:
        document = self.owner.store.find(file) if self.owner.store is not None else None
        if document is None:
            return
        for pane in self.owner.shell.panes_showing(file):
            bar = ConflictBar(_title(document))
            bar.keep_mine.connect(lambda f=file: self.keep_mine(f))
            bar.take_file.connect(lambda f=file: self.take_file(f))
            bar.compare.connect(lambda f=file: self.compare(f))
            pane.show_bar(bar)

    def keep_mine(self, file: str) -> bool:
        """The author's text wins: the outside version goes into a backup, then hers over it.

        False (the conflict stays open) when that backup could not be made.
        """
        if not self.owner.back_up("before keep mine"):
            self.owner.say(
                "Your text was not written over the outside version: no backup of it could"
                " be made. " + self.owner.last_error
            )
            return False
        document = self._settle(file)
        if document is None:
            return True
        self.owner.session.accept_disk(file)  # the author chose to overwrite it
        document.document.setModified(True)
        return document.save()

    def take_file(self, file: str) -> None:
        """The outside version wins; one undo brings the author's text back."""
        theirs = self.conflicts.get(file)
        document = self._settle(file)
        if document is None or theirs is None or self.owner.project is None:
            return
        on_disk = _read(self.owner.project.root / file)
        if on_disk == document.text():
            # An autosave wrote the author's text meanwhile: put theirs back first.
            try:
                self.owner.session.write_file(file, theirs, check=False)
            except StudioError as error:
                self.owner.say(str(error))
                return
        self._reload(document)
        if self.owner.journal is not None:
            with contextlib.suppress(StudioError):
                self.owner.journal.discard(file)

    def compare(self, file: str) -> None:
        document = self.owner.store.find(file) if self.owner.store is not None else None
        theirs = self.conflicts.get(file)
        if document is None or theirs is None:
            return
        dialog = CompareDialog(
            _title(document), document.text(), theirs, self.owner.shell.dialog_parent()
        )
        dialog.setObjectName("compareDialog")
        self.compare_dialog = dialog

        def decided(_result: int) -> None:
            self.compare_dialog = None
            if dialog.choice is Choice.KEEP_MINE:
                self.keep_mine(file)
            elif dialog.choice is Choice.TAKE_FILE:
                self.take_file(file)

        dialog.finished.connect(decided)
        dialog.open()

    def _settle(self, file: str) -> ChapterDocument | None:
        """End the conflict on `file`: bars gone, autosave back to normal."""
        self.conflicts.pop(file, None)
        self.owner.session.release(file)
        self.clear_bars(file)
        document = self.owner.store.find(file) if self.owner.store is not None else None
        if document is not None:
            document.set_autosave_interval(
                self.owner.store.autosave_ms if self.owner.store else 1500
            )
        return document

    def _chapter_removed(self, change: Change) -> None:
        document = self.owner.store.find(change.file) if self.owner.store is not None else None
        if document is None:
            return
        self.vanished.add(change.file)
        # What Studio last loaded or wrote stays the base: should the file come back
        # changed (moved aside and rewritten, restored from a trash), a save compares
        # with it and raises the conflict instead of writing over the file unseen.

        def make_bar() -> NoticeBar:
            bar = NoticeBar(
                f"The file of “{_title(document)}” was deleted or moved outside Studio."
                " Your text is still here.",
                tone="warning",
            )
            bar.add_action("Save it again", lambda: self.save_again(change.file), name="saveAgain")
            return bar

        self._bar(change.file, make_bar)

    def save_again(self, file: str) -> None:
        document = self.owner.store.find(file) if self.owner.store is not None else None
        if document is None:
            return
        document.document.setModified(True)
        if document.save():
            self.vanished.discard(file)
            self.clear_bars(file)

    def _follow_rename(self, old: str, new: str) -> None:
        """A chapter's file was renamed outside: its open text follows the new name."""
        if self.owner.store is None:
            return
        document = self.owner.store.find(old)
        if document is None:
            return
        unsaved = document.text() if document.is_dirty else None
        in_conflict = old in self.conflicts
        if in_conflict:  # the choice waits on, under the new name (below)
            self.conflicts.pop(old, None)
            self.owner.session.release(old)
        panes = self.owner.shell.panes_showing(old)
        self.owner.store.forget(old)
        self.vanished.discard(old)
        self.clear_bars(old)
        chapters = self.owner.project.chapters if self.owner.project is not None else []
        chapter = next((c for c in chapters if c.file == new), None)
        for pane in panes:
            pane.set_store(self.owner.store)
            if chapter is not None:
                pane.load(chapter)
        if unsaved is None or chapter is None:
            return
        # Her unsaved text goes with it: the file under its new name holds only what
        # was saved, so the text comes back as an unsaved edit (saved by autosave).
        try:
            renamed = self.owner.store.get(chapter)
        except StudioError as error:
            self.owner.say(f"{error}. Your unsaved text of {old} stays in the journal.")
            return
        theirs = renamed.text()  # what the file holds under its new name
        if theirs != unsaved:
            replace_text(renamed, unsaved)
            if in_conflict:  # another program's text is in the file: she still decides
                self.raise_conflict(renamed, theirs)
        if self.owner.journal is not None:
            with contextlib.suppress(StudioError):
                self.owner.journal.discard(old)

    # -- helpers ---------------------------------------------------------------------

    def _bar(self, file: str, make: Callable[[], NoticeBar]) -> None:
        for pane in self.owner.shell.panes_showing(file):
            pane.show_bar(make())

    def clear_bars(self, file: str) -> None:
        for pane in self.owner.shell.panes_showing(file):
            if isinstance(pane.bar(), NoticeBar):
                pane.clear_bar()


def replace_text(document: ChapterDocument, text: str) -> None:
    """Replace the whole text as one undoable edit; the document becomes unsaved."""
    cursor = QTextCursor(document.document)
    cursor.beginEditBlock()
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.insertText(decode_text(text.encode("utf-8"))[0])  # file text → editor text
    cursor.endEditBlock()


def _title(document: ChapterDocument) -> str:
    try:
        chapter = document.chapter
    except StudioError:
        return document.file
    return chapter.title or document.file


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _toml_problem(text: str) -> str:
    """Why `text` is not TOML ("" when it parses)."""
    try:
        tomlkit.parse(text.removeprefix("\ufeff"))  # a BOM is accepted, as on load
    except TOMLKitError as error:
        return printable(str(error))
    return ""
