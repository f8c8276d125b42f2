"""Keeps the open project safe: lock, backups, recovery journal, live reload, conflicts.

`ProjectSafety(window)` attaches to a MainWindow before it opens a project and does its
work on the window's signals:

- on open: take the lock (or say who holds it and offer read-only), sweep temporary
  files a crash left, make a backup, watch the folder, and offer to restore unsaved
  text the journal kept from a crash;
- while open: journal the unsaved text of every open chapter a second after typing
  stops (and at least every few seconds while typing goes on), and at once when a
  save fails; reload a chapter changed outside in place when it has no unsaved edits,
  or raise the conflict bar when it has; follow story.toml and chapter files changed,
  added, removed or renamed outside;
- on close: make a backup, stop watching, release the lock, and leave in the journal
  only text that could not be saved.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QApplication, QToolButton

from studio.errors import StudioError
from studio.safety import (
    Change,
    ChangeKind,
    Journal,
    JournalEntry,
    JournalWriter,
    ProjectLock,
    ProjectLockedError,
    create_backup,
)
from studio.safety.lock import read_lock
from studio.safety.reconcile import reconcile
from studio.safety.state import sweep_temp_files
from studio.storage import atomic_write_text
from studio.story import Project
from studio.story.paths import STORY_FILE
from studio.ui.document import ChapterDocument, DocumentStore
from studio.ui.main_window import MainWindow
from studio.ui.pane import EditorPane
from studio.ui.safety.backups_dialog import BackupsDialog
from studio.ui.safety.bars import ConflictBar, NoticeBar
from studio.ui.safety.bridge import WatchBridge
from studio.ui.safety.diff_view import Choice, CompareDialog
from studio.ui.safety.lock_prompt import LockAnswer, ask_about_lock
from studio.ui.safety.restore_dialog import RestoreAnswer, RestoreDialog

JOURNAL_IDLE_MS = 1000  # below the autosave pause, so the journal is written first
JOURNAL_EVERY_MS = 5000  # while typing never pauses
LOCK_REFRESH_MS = 10 * 60 * 1000
HOLD_AUTOSAVE_MS = 24 * 60 * 60 * 1000  # while a conflict waits for the author
# Window actions that change the story, turned off while it is open read-only.
CHANGING_ACTIONS = {"New Chapter", "Rename Chapter", "Move Chapter to Trash"}


class ProjectSafety(QObject):
    """Attach once per window; it follows every project the window opens."""

    _backup_failed = Signal(str)  # from the background backup's thread
    _journal_failed = Signal(str)  # from the journal writer's thread

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.root: Path | None = None
        self.project: Project | None = None
        self.store: DocumentStore | None = None
        self.lock: ProjectLock | None = None
        self.journal: JournalWriter | None = None
        self.bridge: WatchBridge | None = None
        self.read_only = False
        self.base: dict[str, str] = {}  # chapter file → text as last loaded or saved
        self.conflicts: dict[str, str] = {}  # chapter file → the outside version
        self.vanished: set[str] = set()  # open chapters whose file was deleted outside
        self.restore_dialog: RestoreDialog | None = None
        self.compare_dialog: CompareDialog | None = None
        self.backups_dialog: BackupsDialog | None = None
        self.last_error: str = ""
        self._backup_thread: threading.Thread | None = None
        self._backup_failed.connect(self._say)
        self._journal_failed.connect(
            lambda message: self._say(f"The recovery journal could not be written: {message}")
        )

        self._journal_idle = QTimer(self)
        self._journal_idle.setSingleShot(True)
        self._journal_idle.setInterval(JOURNAL_IDLE_MS)
        self._journal_idle.timeout.connect(self.journal_now)
        self._journal_every = QTimer(self)
        self._journal_every.setInterval(JOURNAL_EVERY_MS)
        self._journal_every.timeout.connect(self.journal_now)
        self._lock_refresh = QTimer(self)
        self._lock_refresh.setInterval(LOCK_REFRESH_MS)
        self._lock_refresh.timeout.connect(self._refresh_lock)

        window.project_opened.connect(self._opened)
        window.project_closed.connect(self._closed)
        window.chapter_shown.connect(self._chapter_shown)
        window.installEventFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.finish)
        file_menu = window.menu("&File")
        self.backups_action = file_menu.addAction("&Backups…")
        self.backups_action.triggered.connect(self.show_backups)
        self.backups_action.setEnabled(False)
        window.addAction(self.backups_action)

    # -- opening ---------------------------------------------------------------------

    def _opened(self, project: Project) -> None:
        self.finish()
        self.base.clear()
        self.conflicts.clear()
        self.vanished.clear()
        self.read_only = False
        if not self._take_lock(project.root):
            QTimer.singleShot(0, self.window.close_project)
            return
        self.root, self.project = project.root, project
        self.store = self.window.documents
        journal = Journal(project.root)
        recoverable = [] if self.read_only else journal.recoverable()
        self.journal = JournalWriter(journal, lambda error: self._journal_failed.emit(str(error)))
        if not self.read_only:
            sweep_temp_files(project.root)
            self.back_up_in_background("open")
        bridge = WatchBridge(project.root, parent=self)
        bridge.ledger.remember(STORY_FILE, project.saved_text)
        bridge.changed.connect(self._on_changes)
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
        elif recoverable:
            self._offer_restore(recoverable)

    def _take_lock(self, root: Path) -> bool:
        """Hold the lock, or open read-only; False when the author cancels."""
        try:
            self.lock = ProjectLock.acquire(root)
        except ProjectLockedError as error:
            answer = ask_about_lock(error, self.window)
            if answer is LockAnswer.CANCEL:
                return False
            if answer is LockAnswer.READ_ONLY:
                self.read_only = True
                return True
            self.lock = ProjectLock.take_over(root)
        except StudioError as error:  # the folder cannot be written at all
            self._say(f"Opened read-only: {error}")
            self.read_only = True
            return True
        if self.lock.took_over is not None:
            self._say(
                f"Took over the lock of a Studio that stopped: {self.lock.took_over.describe()}."
            )
        return True

    def _enter_read_only(self) -> None:
        holder = ""
        if self.root is not None:
            info = read_lock(self.root)
            holder = f" It is open in Studio: {info.describe()}." if info else ""
        self.window.setWindowTitle(f"{self.window.windowTitle()} (read-only)")
        self._set_editable(False)
        if self.store is not None:
            self.store.set_autosave_interval(HOLD_AUTOSAVE_MS)
        for pane in self.window.all_panes:
            pane.editor.setReadOnly(True)
        bar = NoticeBar(f"Read-only.{holder} Changes here are not saved.", tone="info")
        self.window.all_panes[0].show_bar(bar)

    def _set_editable(self, on: bool) -> None:
        """Read-only: no metadata edits, no adding, renaming, moving or deleting chapters."""
        window = self.window
        window.metadata.setEnabled(on)
        chapters = window.chapter_list
        chapters.setDragEnabled(on)
        chapters.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            if on
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        chapters.setContextMenuPolicy(
            Qt.ContextMenuPolicy.CustomContextMenu if on else Qt.ContextMenuPolicy.NoContextMenu
        )
        for button in window.chapters_box.findChildren(QToolButton):
            button.setEnabled(on)
        for action in window.actions():
            if action.text().replace("&", "") in CHANGING_ACTIONS:
                action.setEnabled(on)

    def _offer_restore(self, entries: list[JournalEntry]) -> None:
        titles = {c.file: c.title or c.file for c in self.project.chapters} if self.project else {}
        titles[STORY_FILE] = "Story details (story.toml)"
        assert self.root is not None
        dialog = RestoreDialog(self.root, entries, titles, self.window)
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
                self._say("The unsaved text from last time is kept; it is offered again next time.")
                return
            chosen = dialog.checked() if dialog.answer is RestoreAnswer.RESTORE else []
            for entry in sorted(chosen, key=lambda e: e.saved_at):
                self._restore(entry.file, entry.text)
            for entry in dialog.entries:
                if entry.deferred or entry not in chosen:
                    journal.remove(entry)  # a restored text is journaled anew as it is now
        except StudioError as error:
            self._say(str(error))

    def _restore(self, file: str, text: str) -> None:
        """Put recovered text back as an unsaved edit the author can see (and undo)."""
        if self.project is None or self.store is None:
            return
        if file == STORY_FILE:
            try:
                atomic_write_text(self.project.story_file, text)
                self.project.reload()
            except StudioError as error:
                self._say(f"Could not restore the story details: {error}")
                return
            self._refresh_views()
            if self.journal is not None:
                self.journal.discard(file)
            return
        chapter = next((c for c in self.project.chapters if c.file == file), None)
        if chapter is None:
            self._say(f"{file} is no longer in the story; its text stays in the journal.")
            return
        self.window.show_chapter(file)
        document = self.store.get(chapter)
        _replace_text(document, text)

    # -- the journal -----------------------------------------------------------------

    def _document_opened(self, document: ChapterDocument) -> None:
        text = document.text()
        self.base.setdefault(document.file, text)
        if self.bridge is not None:
            self.bridge.ledger.remember(document.file, text)
        document.saved.connect(lambda d=document: self._saved(d))
        document.save_failed.connect(lambda error, d=document: self._save_failed(d, error))
        document.document.contentsChanged.connect(self._typed)
        if self.read_only:
            document.set_autosave_interval(HOLD_AUTOSAVE_MS)

    def _typed(self) -> None:
        """Journal soon after typing stops: before the autosave pause ends."""
        pause = self.window.prefs.autosave_ms
        self._journal_idle.setInterval(max(100, min(JOURNAL_IDLE_MS, pause // 2)))
        self._journal_idle.start()

    def _saved(self, document: ChapterDocument) -> None:
        text = document.text()
        self.base[document.file] = text
        if self.bridge is not None:
            self.bridge.ledger.remember(document.file, text)
        if self.journal is not None:
            with contextlib.suppress(StudioError):
                self.journal.discard(document.file)
        if document.file in self.vanished:
            self.vanished.discard(document.file)
            self._clear_bars(document.file)

    def _save_failed(self, document: ChapterDocument, error: StudioError) -> None:
        """The pane shows the error; the text goes to the journal at once.

        (Should the journal fail too, its own message follows this one.)
        """
        if self.journal is None:
            return
        self.journal.record(document.file, document.text(), self.base.get(document.file))
        self._say(f"Not saved: {error}. Your text is kept in the editor and the journal.")

    def journal_now(self) -> None:
        """Journal the unsaved text of every open chapter (and of story.toml)."""
        self._journal_idle.stop()
        if self.journal is None or self.read_only:
            return
        for document in self.store.documents() if self.store is not None else []:
            if document.is_dirty:
                self.journal.record(document.file, document.text(), self.base.get(document.file))
            elif self.journal.has(document.file):
                self.journal.discard(document.file)
        if self.project is not None:
            if self.project.is_modified:
                self.journal.record(STORY_FILE, self.project.toml_text(), self.project.saved_text)
            elif self.journal.has(STORY_FILE):
                self.journal.discard(STORY_FILE)

    # -- changes on disk -------------------------------------------------------------

    def _on_changes(self, changes: list[Change]) -> None:
        if self.project is None:
            return
        list_changed = False
        for change in changes:
            if change.kind is ChangeKind.STORY_CHANGED:
                list_changed |= self._story_changed(change)
            elif change.kind is ChangeKind.CHAPTER_CHANGED:
                self._chapter_changed(change)
            elif change.kind is ChangeKind.CHAPTER_ADDED and change.file in self.vanished:
                self.vanished.discard(change.file)
                self._clear_bars(change.file)
                self._chapter_changed(change)
        removed = [c for c in changes if c.kind is ChangeKind.CHAPTER_REMOVED]
        for change in removed:
            self._chapter_removed(change)
        if not self.read_only:
            done = reconcile(self.project, changes, keep=self._open_files())
            if done:
                for old, new in done.renamed.items():
                    self._follow_rename(old, new)
                self.window.story_changed()
                list_changed = True
        if list_changed or any(c.kind is not ChangeKind.CHAPTER_CHANGED for c in changes):
            self._refresh_views()

    def _story_changed(self, change: Change) -> bool:
        assert self.project is not None
        try:
            text = change.text()
        except StudioError as error:
            self._say(str(error))
            return False
        if text in (self.project.saved_text, self.project.toml_text()):
            return False  # Studio's own write
        if self.project.is_modified:
            self._story_conflict(text)
            return False
        try:
            self.project.reload()
        except StudioError as error:
            self._say(f"story.toml changed outside and cannot be read: {error}")
            return False
        self._say("The story details changed outside Studio and were reloaded.")
        return True

    def _story_conflict(self, theirs: str) -> None:
        pane = self.window.focused_pane()
        bar = ConflictBar("Story details (story.toml)")
        bar.set_message(
            "The story’s details (story.toml) were changed outside Studio while you have"
            " unsaved edits to them."
        )
        bar.keep_mine.connect(lambda: self._story_keep_mine(pane))
        bar.take_file.connect(lambda: self._story_take_file(pane, theirs))
        bar.compare.connect(lambda: self._story_compare(pane, theirs))
        pane.show_bar(bar)

    def _story_keep_mine(self, pane: EditorPane) -> None:
        pane.clear_bar()
        self.window.save_story_file()

    def _story_take_file(self, pane: EditorPane, theirs: str) -> None:
        pane.clear_bar()
        if self.project is None:
            return
        try:
            if _read(self.project.story_file) == self.project.saved_text:
                # Studio saved the author's edits meanwhile: put theirs back first.
                atomic_write_text(self.project.story_file, theirs)
            self.project.reload()
        except StudioError as error:
            self._say(str(error))
            return
        self._refresh_views()

    def _story_compare(self, pane: EditorPane, theirs: str) -> None:
        if self.project is None:
            return
        dialog = CompareDialog("Story details", self.project.toml_text(), theirs, self.window)
        self.compare_dialog = dialog

        def decided(_result: int) -> None:
            if dialog.choice is Choice.KEEP_MINE:
                self._story_keep_mine(pane)
            elif dialog.choice is Choice.TAKE_FILE:
                self._story_take_file(pane, theirs)

        dialog.finished.connect(decided)
        dialog.open()

    def _chapter_changed(self, change: Change) -> None:
        if self.window.counts is not None:
            self.window.counts.text_changed(change.file)  # the list's word count
        document = self.store.find(change.file) if self.store is not None else None
        if document is None:
            return
        try:
            theirs = change.text()
        except StudioError as error:
            message = str(error)
            self._bar(change.file, lambda: NoticeBar(message, tone="error"))
            return
        if theirs == self.base.get(change.file):
            return  # Studio's own save
        if theirs == document.text():
            self.base[change.file] = theirs  # the file now holds exactly the author's text
            if document.error is None:
                document.document.setModified(False)
            return
        if change.file in self.conflicts:
            self.conflicts[change.file] = theirs  # a newer outside version
            return
        if not document.is_dirty or self.read_only:
            self._reload(document)
        else:
            self._raise_conflict(document, theirs)

    def _reload(self, document: ChapterDocument) -> None:
        """Reload in place: cursors and scroll positions of every pane stay."""
        panes = self._panes_showing(document.file)
        scrolls = [(p, p.editor.verticalScrollBar().value()) for p in panes]
        if panes:
            panes[0].reload_from_disk(keep_cursor=True)
        else:
            document.reload_from_disk()
        for pane, value in scrolls:
            pane.editor.verticalScrollBar().setValue(value)
        self.base[document.file] = document.text()
        if self.bridge is not None:
            self.bridge.ledger.remember(document.file, document.text())
        self._say(f"Reloaded “{_title(document)}”: it was changed outside Studio.")

    def _raise_conflict(self, document: ChapterDocument, theirs: str) -> None:
        self.conflicts[document.file] = theirs
        document.set_autosave_interval(HOLD_AUTOSAVE_MS)
        if self.journal is not None:
            with contextlib.suppress(StudioError):
                self.journal.record(document.file, document.text(), self.base.get(document.file))
        self._show_conflict_bars(document.file)

    def _show_conflict_bars(self, file: str) -> None:
        document = self.store.find(file) if self.store is not None else None
        if document is None:
            return
        for pane in self._panes_showing(file):
            bar = ConflictBar(_title(document))
            bar.keep_mine.connect(lambda f=file: self.keep_mine(f))
            bar.take_file.connect(lambda f=file: self.take_file(f))
            bar.compare.connect(lambda f=file: self.compare(f))
            pane.show_bar(bar)

    def keep_mine(self, file: str) -> None:
        """The author's text wins: it is written over the outside version."""
        document = self._settle(file)
        if document is None:
            return
        document.document.setModified(True)
        document.save()

    def take_file(self, file: str) -> None:
        """The outside version wins; one undo brings the author's text back."""
        theirs = self.conflicts.get(file)
        document = self._settle(file)
        if document is None or theirs is None or self.project is None:
            return
        on_disk = _read(self.project.root / file)
        if on_disk == document.text():
            # An autosave wrote the author's text meanwhile: put theirs back first.
            try:
                atomic_write_text(self.project.root / file, theirs)
            except StudioError as error:
                self._say(str(error))
                return
        self._reload(document)
        if self.journal is not None:
            with contextlib.suppress(StudioError):
                self.journal.discard(file)

    def compare(self, file: str) -> None:
        document = self.store.find(file) if self.store is not None else None
        theirs = self.conflicts.get(file)
        if document is None or theirs is None:
            return
        dialog = CompareDialog(_title(document), document.text(), theirs, self.window)
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
        self._clear_bars(file)
        document = self.store.find(file) if self.store is not None else None
        if document is not None:
            document.set_autosave_interval(self.store.autosave_ms if self.store else 1500)
        return document

    def _chapter_removed(self, change: Change) -> None:
        document = self.store.find(change.file) if self.store is not None else None
        if document is None:
            return
        self.vanished.add(change.file)
        self.base.pop(change.file, None)

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
        document = self.store.find(file) if self.store is not None else None
        if document is None:
            return
        document.document.setModified(True)
        if document.save():
            self.vanished.discard(file)
            self._clear_bars(file)

    def _follow_rename(self, old: str, new: str) -> None:
        """A chapter's file was renamed outside: its open text follows the new name."""
        if self.store is None:
            return
        document = self.store.find(old)
        if document is None:
            return
        self.store.forget(old)
        self.vanished.discard(old)
        self._clear_bars(old)
        for pane in self._panes_showing(old):
            pane.set_store(self.store)
            self.window.show_chapter(new, pane)

    # -- closing ---------------------------------------------------------------------

    def _closed(self) -> None:
        self.finish()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.window and event.type() == QEvent.Type.Close:
            QTimer.singleShot(0, self._after_window_close)
        return False

    def _after_window_close(self) -> None:
        if not self.window.isVisible():
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
        self._lock_refresh.stop()
        if self.store is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self.store.document_opened.disconnect(self._document_opened)
        if self.read_only:
            self._set_editable(True)
            self.read_only = False
        self.root = self.project = self.store = self.lock = self.journal = None
        self.backups_action.setEnabled(False)

    # -- backups ---------------------------------------------------------------------

    def back_up(self, reason: str) -> None:
        if self.root is None:
            return
        self.wait_for_backup()
        try:
            create_backup(self.root, reason=reason, keep=self.keep)
        except StudioError as error:
            self._say(f"No backup made: {error}")

    def back_up_in_background(self, reason: str) -> None:
        """Zipping a big story takes a moment: opening does not wait for it.

        Safe while the author types: every write is an atomic rename, so the zip reads
        each file either before or after a save, never half of one.
        """
        root, keep = self.root, self.keep
        if root is None:
            return

        def work() -> None:
            try:
                create_backup(root, reason=reason, keep=keep)
            except StudioError as error:
                self._backup_failed.emit(f"No backup made: {error}")

        self._backup_thread = threading.Thread(target=work, name="studio-backup", daemon=True)
        self._backup_thread.start()

    def wait_for_backup(self) -> None:
        if self._backup_thread is not None:
            self._backup_thread.join()
            self._backup_thread = None

    def show_backups(self) -> None:
        if self.root is None:
            return
        dialog = BackupsDialog(
            self.root,
            keep=self.keep,
            open_project=self.window.open_project,
            parent=self.window,
        )
        dialog.setObjectName("backupsDialog")
        self.backups_dialog = dialog
        dialog.open()

    # -- helpers ---------------------------------------------------------------------

    @property
    def keep(self) -> int:
        """How many backups to keep (Preferences → Backups to keep)."""
        return max(1, self.window.prefs.backups_keep)

    def _refresh_lock(self) -> None:
        if self.lock is not None:
            with contextlib.suppress(StudioError):
                self.lock.refresh()

    def _open_files(self) -> set[str]:
        return {d.file for d in self.store.documents()} if self.store is not None else set()

    def _panes_showing(self, file: str) -> list[EditorPane]:
        return [
            p for p in self.window.all_panes if p.document is not None and p.document.file == file
        ]

    def _chapter_shown(self, pane: EditorPane, chapter: object) -> None:
        file = getattr(chapter, "file", None)
        if file in self.conflicts:
            self._show_conflict_bars(str(file))
        if self.read_only:
            pane.editor.setReadOnly(True)

    def _bar(self, file: str, make: Callable[[], NoticeBar]) -> None:
        for pane in self._panes_showing(file):
            pane.show_bar(make())

    def _clear_bars(self, file: str) -> None:
        for pane in self._panes_showing(file):
            if isinstance(pane.bar(), NoticeBar):
                pane.clear_bar()

    def _refresh_views(self) -> None:
        window = self.window
        window.metadata.set_project(self.project)
        if window.counts is not None:
            window.counts.refresh_chapters()
        window._refresh_chapter_list()  # no public refresh yet

    def _say(self, message: str) -> None:
        self.last_error = message
        self.window.statusBar().showMessage(message, 10000)


def _title(document: ChapterDocument) -> str:
    try:
        chapter = document.chapter
    except StudioError:
        return document.file
    return chapter.title or document.file


def _replace_text(document: ChapterDocument, text: str) -> None:
    """Replace the whole text as one undoable edit; the document becomes unsaved."""
    cursor = QTextCursor(document.document)
    cursor.beginEditBlock()
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.insertText(text.replace("\r\n", "\n"))
    cursor.endEditBlock()


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
