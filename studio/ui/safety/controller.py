"""Keeps the open project safe: lock, backups, recovery journal, live reload, conflicts.

Safety joins the window as a feature, `install(shell, session)` (the first of the
application's features, studio/ui/features/app.py), and does its work on the
session's and the shell's signals:

- on open: take the lock (or say who holds it and offer read-only), sweep temporary
  files a crash left, make a backup, watch the folder, and offer to restore unsaved
  text the journal kept from a crash;
- while open: journal the unsaved text of every open chapter soon after typing
  stops (and at least every few seconds while typing goes on), and at once when a
  save fails; hand the watcher's reports to `OutsideChanges` (outside.py), which
  reloads, raises the conflict bar, and keeps the chapter list in line;
- on close: make a backup, stop watching, release the lock, and leave in the journal
  only text that could not be saved.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from studio.errors import StudioError, printable
from studio.safety import (
    Journal,
    JournalEntry,
    JournalWriter,
    ProjectLock,
    ProjectLockedError,
    create_backup,
)
from studio.safety.journal import Text
from studio.safety.lock import read_lock
from studio.safety.state import sweep_temp_files
from studio.storage import read_regular_file
from studio.story import Project
from studio.story.file_form import encode_text
from studio.story.paths import STORY_FILE
from studio.ui.document import ChapterDocument, DocumentStore
from studio.ui.safety.backups_dialog import BackupsDialog
from studio.ui.safety.bars import NoticeBar
from studio.ui.safety.bridge import WatchBridge
from studio.ui.safety.conflict_prompt import ConflictAnswer, ask_about_conflict
from studio.ui.safety.diff_view import CompareDialog
from studio.ui.safety.lock_prompt import LockAnswer, ask_about_lock
from studio.ui.safety.missing import MissingChapters
from studio.ui.safety.outside import HOLD_AUTOSAVE_MS, OutsideChanges, replace_text
from studio.ui.safety.restore_dialog import RestoreAnswer, RestoreDialog
from studio.ui.session import OpeningRequest, StorySession
from studio.ui.shell import ActionSpec, Shell

log = logging.getLogger("studio.safety")  # what happened, for the soak benchmark
JOURNAL_IDLE_MS = 300  # after typing pauses: well before the autosave pause ends
JOURNAL_MAX_WAIT_MS = 1000  # while typing never pauses: no keystroke waits longer
JOURNAL_EVERY_MS = 5000  # a sweep of everything unsaved (metadata edits, retries)
LOCK_REFRESH_MS = 10 * 60 * 1000


def install(shell: Shell, session: StorySession) -> ProjectSafety:
    """Safety joins the window: from now on every story it opens is locked, journaled,
    watched and backed up. Install it before any story opens (it takes the lock in
    the session's `opening`, before any document loads)."""
    return ProjectSafety(shell, session)


class ProjectSafety(QObject):
    """One per window (`install`); it follows every story the window opens."""

    _backup_failed = Signal(str)  # from the background backup's thread
    _journal_failed = Signal(str)  # from the journal writer's thread

    def __init__(self, shell: Shell, session: StorySession) -> None:
        super().__init__(shell)
        self.shell = shell
        self.root: Path | None = None
        self.project: Project | None = None
        self.store: DocumentStore | None = None
        self.lock: ProjectLock | None = None
        self.journal: JournalWriter | None = None
        self.bridge: WatchBridge | None = None
        self.session = session
        self.outside = OutsideChanges(self)
        self.missing = MissingChapters(self)
        self.restore_dialog: RestoreDialog | None = None
        self.backups_dialog: BackupsDialog | None = None
        self.last_error: str = ""
        self.failure = ""  # why safety could not start (then the story is read-only)
        self._backup_threads: list[threading.Thread] = []
        self._backup_failed.connect(self.say)
        self.journal_failed_once = False  # then the close prompt promises nothing
        self._journal_failed.connect(self._journal_trouble)

        self._journal_idle = QTimer(self)
        self._journal_idle.setSingleShot(True)
        self._journal_idle.setInterval(JOURNAL_IDLE_MS)
        self._journal_idle.timeout.connect(lambda: self.journal_now(everything=False))
        self._journal_due = QTimer(self)
        self._journal_due.setSingleShot(True)
        self._journal_due.setInterval(JOURNAL_MAX_WAIT_MS)
        self._journal_due.timeout.connect(lambda: self.journal_now(everything=False))
        self._journal_every = QTimer(self)
        self._journal_every.setInterval(JOURNAL_EVERY_MS)
        self._journal_every.timeout.connect(self.journal_now)
        self._changed: set[str] = set()  # files typed in since they were last journaled
        self._lock_refresh = QTimer(self)
        self._lock_refresh.setInterval(LOCK_REFRESH_MS)
        self._lock_refresh.timeout.connect(self._refresh_lock)

        self.session.opening.connect(self._opening)
        shell.story_shown.connect(self._opened)
        self.session.closing.connect(self._closed)
        self.session.conflict.connect(self._write_conflict)
        self.session.leave_checks.append(self._settle_before_leaving)
        shell.add_unsaved_keeper(self._keeps_unsaved)
        self.kept_in_journal: set[str] = set()  # the author's text she chose not to save
        shell.chapter_shown.connect(lambda _editor, file: self._chapter_shown(file))
        shell.window_closing.connect(self.finish)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.finish)
        self.backups_action = shell.add_action(
            ActionSpec(
                "file.backups", "&Backups…", "file/backups", self.show_backups, needs_story=True
            )
        )

    @property
    def read_only(self) -> bool:
        return self.session.read_only

    @property
    def base(self) -> _Base:
        """Chapter file → text as last loaded or saved (the session's disk record)."""
        return _Base(self.session)

    # -- opening ---------------------------------------------------------------------

    def _opening(self, request: OpeningRequest) -> None:
        """Take the lock before any document loads (or open read-only, or refuse)."""
        self.finish()
        self.outside.clear()
        self._opening_read_only = False
        self.failure = ""
        try:
            taken = self._take_lock(request.root)
        except Exception as error:
            self._safety_failed(_describe(error))
            taken = True
        if not taken:
            request.refuse("the story is open in another Studio")
        elif self._opening_read_only:
            request.make_read_only("locked")

    def _opened(self, project: Project) -> None:
        try:
            self._start(project)
        except Exception as error:
            self._safety_failed(_describe(error))
            self.session.set_read_only(True)
            if self.root is not None and self.store is not None:
                self._enter_read_only()

    def _safety_failed(self, why: str) -> None:
        """Safety cannot run: the story opens read-only and the author is told why."""
        self.failure = why
        self._opening_read_only = True
        self.say(f"Safety could not start ({why}); the story is open read-only.")

    def _start(self, project: Project) -> None:
        """Journal, temporary-file sweep, backup and watcher for the story just opened."""
        self.root, self.project = project.root, project
        self.store = self.session.documents
        self.journal_failed_once = False
        journal = Journal(project.root)
        recoverable = [] if self.read_only else journal.recoverable()
        self.journal = JournalWriter(journal, lambda error: self._journal_failed.emit(str(error)))
        if not self.read_only:
            sweep_temp_files(project.root)
            self.back_up_in_background("open")
        bridge = WatchBridge(project.root, ledger=self.session.disk.seen, parent=self)
        bridge.changed.connect(self.outside.on_changes)
        self.bridge = bridge
        if self.store is not None:
            self.store.document_opened.connect(self._document_opened)
            for document in self.store.documents():
                self._document_opened(document)
        bridge.start()
        self._journal_every.start()
        self._lock_refresh.start()
        self.backups_action.setEnabled(True)
        if self.read_only:
            self._enter_read_only()
        self.missing.check()
        if not self.read_only and recoverable:
            self._offer_restore(recoverable)

    def _take_lock(self, root: Path) -> bool:
        """Hold the lock, or open read-only; False when the author cancels."""
        try:
            self.lock = ProjectLock.acquire(root)
        except ProjectLockedError as error:
            answer = ask_about_lock(error, self.shell.dialog_parent())
            if answer is LockAnswer.CANCEL:
                return False
            if answer is LockAnswer.READ_ONLY:
                self._opening_read_only = True
                return True
            self.lock = ProjectLock.take_over(root)
        except StudioError as error:  # the folder cannot be written at all
            self._safety_failed(str(error))
            return True
        if self.lock.notice:
            self.say(self.lock.notice)
        return True

    def _enter_read_only(self) -> None:
        holder = ""
        if self.failure:
            holder = f" Studio could not keep this story safe: {self.failure}."
        elif self.root is not None:
            info = read_lock(self.root)
            holder = f" It is open in Studio: {info.describe()}." if info else ""
        if self.store is not None:
            self.store.set_autosave_interval(HOLD_AUTOSAVE_MS)
        tone = "warning" if self.failure else "info"
        message = f"Read-only.{holder} Changes here are not saved."
        self.shell.show_notice(lambda: NoticeBar(message, tone=tone))

    def _write_conflict(self, file: str, theirs: object) -> None:
        """A save found the file changed outside Studio before the watcher said so."""
        if file == STORY_FILE:
            self.outside.story_write_refused(theirs if isinstance(theirs, str) else None)
            return
        document = self.store.find(file) if self.store is not None else None
        if document is not None and isinstance(theirs, str):
            self.outside.raise_conflict(document, theirs)

    def _offer_restore(self, entries: list[JournalEntry]) -> None:
        titles = {c.file: c.title or c.file for c in self.project.chapters} if self.project else {}
        titles[STORY_FILE] = "Story details (story.toml)"
        assert self.root is not None
        dialog = RestoreDialog(self.root, entries, titles, self.shell.dialog_parent())
        dialog.setObjectName("restoreDialog")
        dialog.finished.connect(lambda _result: self._restore_answered(dialog))
        self.restore_dialog = dialog
        dialog.open()

    def _restore_answered(self, dialog: RestoreDialog) -> None:
        """Restore, discard, or keep for later: the entries are the author's to decide."""
        self.restore_dialog = None
        if self.journal is None:
            return
        self.journal.flush()
        journal = self.journal.journal
        try:
            if dialog.answer is RestoreAnswer.LATER:
                for entry in dialog.entries:
                    journal.defer(entry)
                self.say("The unsaved text from last time is kept; it is offered again next time.")
                return
            chosen = dialog.checked() if dialog.answer is RestoreAnswer.RESTORE else []
            for entry in sorted(chosen, key=lambda e: e.saved_at):
                self._restore(entry.file, entry.text, entry.base)
            for entry in dialog.entries:
                if entry.deferred or entry not in chosen:
                    journal.remove(entry)  # a restored text is journaled anew as it is now
        except StudioError as error:
            self.say(str(error))

    def _restore(self, file: str, text: str, base: str | None) -> None:
        """Put recovered text back as an unsaved edit the author can see (and undo).

        When the file changed since the text was journaled (`base`: what it held then;
        another program wrote it before the crash, or while the recovery dialog was
        up), restoring must not write over that change unseen: a chapter shows the
        conflict bar (her text held, the file's kept until she chooses), and
        story.toml, which has no bar, is backed up first."""
        if self.project is None or self.store is None:
            return
        on_disk = _read_text(self.project.root / file)
        # (No base: the file was not known then, so a file there now is a change too.)
        changed_since = on_disk is not None and on_disk not in (base, text)
        if file == STORY_FILE:
            if changed_since and not self.back_up("before restore"):
                self.say("The story details were not restored: no backup of the file's version.")
                return
            try:
                self.session.write_file(STORY_FILE, text, check=False)
                self.session.reload_story()
            except StudioError as error:
                self.say(f"Could not restore the story details: {error}")
                return
            self.refresh_views()
            if self.journal is not None:
                self.journal.discard(file)
            return
        chapter = next((c for c in self.project.chapters if c.file == file), None)
        if chapter is None:
            self.say(f"{file} is no longer in the story; its text stays in the journal.")
            return
        self.shell.show_chapter(file)
        document = self.store.get(chapter)
        replace_text(document, text)
        log.info("restored %s from the journal", file)
        if changed_since and on_disk is not None:
            self.outside.raise_conflict(document, on_disk)

    # -- the journal -----------------------------------------------------------------

    def _document_opened(self, document: ChapterDocument) -> None:
        document.saved.connect(lambda d=document: self._saved(d))
        document.save_failed.connect(lambda error, d=document: self._save_failed(d, error))
        document.document.contentsChanged.connect(lambda f=document.file: self._typed(f))
        if self.read_only:
            document.set_autosave_interval(HOLD_AUTOSAVE_MS)

    def _typed(self, file: str) -> None:
        """Journal soon after typing pauses (before the autosave), and at most
        JOURNAL_MAX_WAIT_MS after the first keystroke not yet journaled, so a crash
        loses at most about a second of typing. The text is handed to the journal's
        own thread: the keystroke pays for copying the text, never for the disk."""
        self._changed.add(file)
        pause = self.store.autosave_ms if self.store is not None else self.session.autosave_ms
        self._journal_idle.setInterval(max(50, min(JOURNAL_IDLE_MS, pause // 2)))
        self._journal_idle.start()
        if not self._journal_due.isActive():
            self._journal_due.start()

    def _saved(self, document: ChapterDocument) -> None:
        self.outside.saved_by_studio.add(document.file)
        if self.journal is not None:
            with contextlib.suppress(StudioError):
                self.journal.discard(document.file)
        if document.file in self.outside.vanished:
            self.outside.vanished.discard(document.file)
            self.outside.clear_bars(document.file)

    def _save_failed(self, document: ChapterDocument, error: StudioError) -> None:
        """The pane shows the error; the text goes to the journal at once.

        (Should the journal fail too, its own message follows this one.)
        """
        if self.journal is None:
            return
        self.journal.record(document.file, document.text(), self.base.get(document.file))
        self.say(f"Not saved: {error}. Your text is kept in the editor and the journal.")

    def journal_now(self, *, everything: bool = True) -> None:
        """Journal the unsaved text of every open chapter and of story.toml.

        `everything=False` is what the typing timers do, every second while typing
        goes on: only the chapters typed in since they were last handed over (and any
        unsaved one whose entry is missing), and not story.toml (turning the story's
        details into TOML costs milliseconds on a long story; its edits are saved
        within half a second, and the five-second sweep journals them meanwhile). The
        sweep also retries an entry the disk refused; the journal skips a text it
        already holds."""
        self._journal_idle.stop()
        self._journal_due.stop()
        changed, self._changed = self._changed, set()
        if self.journal is None or self.read_only:
            return
        for document in self.store.documents() if self.store is not None else []:
            if document.is_dirty:
                if everything or document.file in changed or not self.journal.has(document.file):
                    self.journal.record(
                        document.file, _file_text_later(document), self.base.get(document.file)
                    )
            elif self.journal.has(document.file) and document.file not in self.kept_in_journal:
                self.journal.discard(document.file)
        if self.project is not None and everything:
            if self.project.is_modified:
                self.journal.record(STORY_FILE, self.project.toml_text(), self.project.saved_text)
            elif self.journal.has(STORY_FILE):
                self.journal.discard(STORY_FILE)

    # -- closing ---------------------------------------------------------------------

    def _journal_trouble(self, message: str) -> None:
        self.journal_failed_once = True
        self.say(f"The recovery journal could not be written: {message}")

    def _keeps_unsaved(self, _files: list[str]) -> bool:
        """Closing journals every unsaved chapter and story.toml (`finish`), offered back
        on the next open: true while the journal works (not once it has failed)."""
        return self.journal is not None and not self.read_only and not self.journal_failed_once

    def _settle_before_leaving(self) -> bool:
        """Before the story closes, the author decides each open conflict; False: stay.

        Both texts are kept whatever she answers: Keep mine first backs up the outside
        version; Take the file's leaves hers in the recovery journal (offered next time).
        """
        if self.read_only or self.root is None:
            return True
        for file in list(self.outside.conflicts):
            answer = ask_about_conflict(self.title_of(file), self.shell.dialog_parent())
            if answer is ConflictAnswer.CANCEL:
                return False
            if answer is ConflictAnswer.KEEP_MINE:
                if not self.outside.keep_mine(file):
                    return False
                continue
            document = self.store.find(file) if self.store is not None else None
            mine = document.text() if document is not None else None
            self.outside.take_file(file)
            if mine is not None and self.journal is not None:
                self.journal.record(file, mine, self.base.get(file))
                self.kept_in_journal.add(file)
        return True

    def title_of(self, file: str) -> str:
        """The chapter's title (its file when it has none)."""
        chapter = (
            next((c for c in self.project.chapters if c.file == file), None)
            if (self.project is not None)
            else None
        )
        return chapter.title if chapter is not None and chapter.title else file

    def _closed(self) -> None:
        self.finish()

    def finish(self) -> None:
        """Backup, stop watching, keep only unsaved text in the journal, release the lock."""
        if self.root is None:
            return
        self.journal_now()
        if self.journal is not None:
            self.journal.close()  # everything handed over is on disk before we let go
        if self.bridge is not None:
            self.bridge.stop()
            self.bridge.deleteLater()
            self.bridge = None
        if not self.read_only:
            self.back_up("close")
        if self.lock is not None:
            self.lock.release()
        self._journal_every.stop()
        self._journal_due.stop()
        self._changed.clear()
        self._lock_refresh.stop()
        if self.store is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self.store.document_opened.disconnect(self._document_opened)
        self.root = self.project = self.store = self.lock = self.journal = None
        self.kept_in_journal.clear()
        self.backups_action.setEnabled(False)

    # -- backups ---------------------------------------------------------------------

    def back_up(self, reason: str) -> bool:
        """A backup now; False (and the author told) when it could not be made."""
        if self.root is None:
            return False
        self.wait_for_backup()
        try:
            create_backup(self.root, reason=reason, keep=self.keep)
        except StudioError as error:
            self.say(f"No backup made: {error}")
            return False
        return True

    def back_up_in_background(self, reason: str, replacing: dict[str, str] | None = None) -> None:
        """Zipping a big story takes a moment: opening (or a reload) does not wait for it.

        Safe while the author types: every write is an atomic rename, so the zip reads
        each file either before or after a save, never half of one. `replacing`: texts
        to keep in place of the files' (see `create_backup`).
        """
        root, keep = self.root, self.keep
        if root is None:
            return

        def work() -> None:
            try:
                create_backup(root, reason=reason, keep=keep, replacing=replacing)
            except StudioError as error:
                self._backup_failed.emit(f"No backup made: {error}")

        self._backup_threads = [t for t in self._backup_threads if t.is_alive()]
        thread = threading.Thread(target=work, name="studio-backup", daemon=True)
        self._backup_threads.append(thread)
        thread.start()

    def wait_for_backup(self) -> None:
        """Until every backup started in the background is whole (or has failed)."""
        while self._backup_threads:
            self._backup_threads.pop().join()

    def show_backups(self) -> None:
        if self.root is None:
            return
        dialog = BackupsDialog(
            self.root,
            keep=self.keep,
            open_project=self.shell.open_story,
            parent=self.shell.dialog_parent(),
        )
        dialog.setObjectName("backupsDialog")
        self.backups_dialog = dialog
        dialog.open()

    # -- helpers ---------------------------------------------------------------------

    @property
    def compare_dialog(self) -> CompareDialog | None:
        """The Compare dialog open for a conflict, if any."""
        return self.outside.compare_dialog

    @property
    def keep(self) -> int:
        """How many backups to keep (Preferences → Backups to keep)."""
        return max(1, self.shell.preferences().backups_keep)

    def _refresh_lock(self) -> None:
        if self.lock is not None:
            with contextlib.suppress(StudioError):
                self.lock.refresh()

    def open_files(self) -> set[str]:
        return {d.file for d in self.store.documents()} if self.store is not None else set()

    def _chapter_shown(self, file: str) -> None:
        """A pane shows `file`: its conflict bar shows there too."""
        if file in self.outside.conflicts:
            self.outside.show_conflict_bars(file)

    def refresh_views(self) -> None:
        """The story's details were read again: show them everywhere."""
        self.shell.refresh_story()

    def say(self, message: str) -> None:
        self.last_error = message
        self.shell.say(message, 10000)


class _Base:
    """A read-only mapping view of the session's record of texts on disk."""

    def __init__(self, session: StorySession) -> None:
        self._session = session

    def get(self, file: str, default: str | None = None) -> str | None:
        text = self._session.disk.base(file)
        return default if text is None else text

    def __getitem__(self, file: str) -> str:
        text = self._session.disk.base(file)
        if text is None:
            raise KeyError(file)
        return text

    def __contains__(self, file: object) -> bool:
        return isinstance(file, str) and self._session.disk.base(file) is not None


def _file_text_later(document: ChapterDocument) -> Text:
    """The document's text as it would be saved, made on the journal's thread: the
    GUI thread only copies what the editor holds (the file's form is immutable). A
    file with no BOM whose lines all end in "\n" is written as the editor holds it."""
    held, form = document.editor_text(), document.form
    if not form.bom and form.ends.count("\n") + form.ends.count("") == len(form.ends):
        return held
    return lambda: encode_text(held, form)[0].decode("utf-8")


def _read_text(path: Path) -> str | None:
    """The file's text now, or None when it cannot be read."""
    try:
        return read_regular_file(path).decode("utf-8")
    except (OSError, UnicodeDecodeError, StudioError):
        return None


def _describe(error: BaseException) -> str:
    """A failure in one line, control characters escaped."""
    return (
        printable(str(error))
        if isinstance(error, StudioError)
        else printable(f"{type(error).__name__}: {error}")
    )
