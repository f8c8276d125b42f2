"""The main window: it puts the shell's parts together and runs the story's sequence.

What is here: the start page, the chapter box (studio/ui/window/chapters_box.py), the
editor panes (studio/ui/window/panes.py), the metadata panel, and opening, saving and
closing a story in order (session, panes, metadata, chapter list). Every command and
everything else on screen is a feature's (studio/ui/features/, docs/architecture.md):
features join through `window.shell` and `window.session` with one
`install(shell, session)` and never use this module.

What the shell reads of the window (features never do; tests may):

- `window.project`, `window.documents`, `window.counts`, `window.prefs`;
  `window.story_changed()` after changing story.toml's document (saved soon, through
  the session), `window.refresh_views()` after `project.reload()`;
- `window.panes` / `window.all_panes` / `window.focused_pane()`, `window.show_chapter`;
- the signal `chapter_shown(pane, chapter)`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from studio.errors import StudioError
from studio.story import Chapter, Project
from studio.ui.chapter_list import ChapterEntry
from studio.ui.document import DocumentStore
from studio.ui.features import WINDOW_FEATURES
from studio.ui.metadata.panel import MetadataPanel
from studio.ui.pane import EditorPane
from studio.ui.preferences import Preferences
from studio.ui.session import ReadOnlyError, StorySession, WriteConflictError
from studio.ui.shell import Shell
from studio.ui.start_page import StartPage
from studio.ui.unsaved_prompt import ask_to_close_unsaved
from studio.ui.window.chapters_box import ChaptersBox
from studio.ui.window.panes import PaneArea
from studio.ui.word_counts import WorkCounts

TOML_SAVE_DELAY_MS = 400
TITLE_BAR_PX = 40  # a window manager's title bar and frame, about


class MainWindow(QMainWindow):
    """Studio's window (see the module docstring for what other features may use)."""

    chapter_shown = Signal(object, object)  # EditorPane, Chapter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = StorySession(self)
        self.shell = Shell(self, self.session)
        self.prefs = Preferences.load()
        self.setWindowTitle("Studio")
        self.resize(*_default_size())

        self._toml_timer = QTimer(self)
        self._toml_timer.setSingleShot(True)
        self._toml_timer.setInterval(TOML_SAVE_DELAY_MS)
        self._toml_timer.timeout.connect(self.save_story_file)

        self.session.read_only_changed.connect(self._read_only_changed)
        self._build_workspace()
        self._build_menus()
        for install in WINDOW_FEATURES:
            install(self.shell, self.session)
        self._show_start()

    # -- building --------------------------------------------------------------------

    def _build_workspace(self) -> None:
        self.stack = QStackedWidget()
        self.start_page = StartPage()
        self.stack.addWidget(self.start_page)

        self._build_chapter_box()
        self._build_panes()
        self.metadata = MetadataPanel()
        self.metadata.edited.connect(self.story_changed)
        self.metadata.chapter_tab.edited.connect(self._refresh_chapter_list)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.chapters_box)
        self.splitter.addWidget(self.pane_splitter)
        self.splitter.addWidget(self.metadata)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([210, 730, 340])
        self.chapters_box.setMinimumWidth(170)
        self.metadata.setMinimumWidth(300)
        self.pane_splitter.setMinimumWidth(360)
        self.splitter.setChildrenCollapsible(True)
        self.stack.addWidget(self.splitter)
        self.setCentralWidget(self.stack)

    def _build_chapter_box(self) -> None:
        self.chapters_box = ChaptersBox()
        self.chapter_list = self.chapters_box.list
        self.chapter_list.chapter_activated.connect(self._chapter_chosen)
        self.chapter_list.order_changed.connect(self.shell.chapter_order_requested)
        self.chapter_list.rename_requested.connect(self.shell.chapter_rename_requested)
        self.chapters_box.menu_requested.connect(self.shell.chapter_menu_requested)
        self.chapters_box.add_requested.connect(self.shell.new_chapter_requested)

    def _build_panes(self) -> None:
        self.pane_splitter = PaneArea()
        self.pane_splitter.focus_moved.connect(self._pane_focused)
        self.pane_splitter.split_changed.connect(self.shell.split_changed)
        self.all_panes = self.pane_splitter.panes
        for pane in self.all_panes:
            pane.chapter_shown.connect(lambda chapter, p=pane: self._pane_shows(p, chapter))
            pane.state_changed.connect(self.shell.pane_state_changed)
            pane.editor.song_name = self._song_name

    def _build_menus(self) -> None:
        leave = QAction(self)
        leave.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        leave.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        leave.triggered.connect(self.shell.escape)
        self.addAction(leave)

    # -- extension points ------------------------------------------------------------

    @property
    def project(self) -> Project | None:
        """The open story (the session's)."""
        return self.session.project

    @property
    def documents(self) -> DocumentStore | None:
        """The open chapter documents (the session's)."""
        return self.session.documents

    @property
    def panes(self) -> list[EditorPane]:
        """The panes on screen: one, or two in split view."""
        return self.pane_splitter.visible_panes()

    @property
    def is_split(self) -> bool:
        return self.pane_splitter.is_split

    def focused_pane(self) -> EditorPane:
        """The pane the author is working in (the last one that had the keyboard)."""
        return self.pane_splitter.focused_pane()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.shell.resized.emit()

    def story_changed(self) -> None:
        """The project's document changed: save story.toml shortly, refresh what shows it."""
        self._toml_timer.start()
        self.shell.save_state_changed.emit(False)
        self._update_title()  # the window's title follows the work's
        for pane in self.all_panes:
            pane.editor.viewport().update()  # song names may have changed

    def refresh_views(self) -> None:
        """Show the project's document again everywhere (after `project.reload()`)."""
        if self.project is None:
            return
        self.metadata.refresh()
        self._refresh_chapter_list()
        self._update_title()
        if self.counts is not None:
            self.counts.refresh_chapters()
        for pane in self.all_panes:
            pane.editor.viewport().update()

    # -- opening and closing ---------------------------------------------------------

    def open_project(self, path: Path | str) -> bool:
        """Open the story at `path`. On a StudioError show it and keep the app running."""
        try:
            # A chapter renamed while no Studio watched opens as missing (safety says
            # what to do): the other chapters and its entry are all there.
            project = Project.load(Path(path), missing_ok=True)
        except StudioError as exc:
            self._show_open_error(exc)
            return False
        if self.project is not None and not self.close_project(show_start=False):
            return False
        self.session.autosave_ms = self.prefs.autosave_ms
        if not self.session.open(project):  # a feature refused (the lock: Cancel)
            self._show_start()
            return False
        documents = self.session.documents
        assert documents is not None
        for pane in self.all_panes:
            pane.set_store(documents)
        self.metadata.set_project(project)
        self._refresh_chapter_list()
        self.start_page.show_error(None)
        self.stack.setCurrentWidget(self.splitter)
        self._update_title()
        self.shell.story_shown.emit(project)
        return True

    def close_project(self, show_start: bool = True) -> bool:
        """Save everything and close the story. False (still open) if saving failed."""
        if self.project is None:
            return True
        if not self._save_before_leaving():
            return False
        self.shell.story_leaving.emit()
        self._toml_timer.stop()
        for pane in self.all_panes:
            pane.set_store(None)
        self.metadata.set_project(None)
        self.chapter_list.clear()
        self.session.close()
        for dock in self.shell.docks():  # side panels belong to the story, not the start page
            dock.hide()
        if show_start:
            self._show_start()
        return True

    def _show_open_error(self, exc: StudioError) -> None:
        if self.project is None:
            self._show_start(str(exc))
        else:
            self.shell.open_failed.emit(str(exc))

    def _show_start(self, error: str | None = None) -> None:
        self.start_page.refresh()
        self.start_page.show_error(error)
        self.stack.setCurrentWidget(self.start_page)
        self.setWindowTitle("Studio")

    # -- saving ----------------------------------------------------------------------

    def save_all(self) -> bool:
        """Save every open chapter and story.toml; False if anything failed."""
        ok = self.documents.save_all() if self.documents is not None else True
        return self.save_story_file() and ok

    def save_story_file(self) -> bool:
        """Write story.toml now if it changed (through the session)."""
        self._toml_timer.stop()
        if self.project is None:
            return True
        try:
            self.session.save_story()  # its story_saved tells who listens
        except ReadOnlyError:
            return True  # read-only: nothing is written, on purpose
        except WriteConflictError as exc:
            self.statusBar().showMessage(str(exc), 15000)
            self.shell.save_state_changed.emit(True)
            return False
        except StudioError as exc:
            self.statusBar().showMessage(f"story.toml not saved: {exc}", 15000)
            self.shell.save_state_changed.emit(True)
            return False
        self.shell.save_state_changed.emit(False)
        return True

    def _save_before_leaving(self) -> bool:
        if not self.session.may_leave():  # e.g. an outside change awaits her choice
            return False
        if self.save_all() or self.session.read_only:
            return True
        project, documents = self.project, self.documents
        dirty = [d for d in documents.documents() if d.is_dirty] if documents else []
        titles = {c.file: c.title or c.file for c in project.chapters} if project else {}
        chapters = [titles.get(d.file, d.file) for d in dirty]
        story_details = project is not None and project.is_modified
        files = [d.file for d in dirty] + (["story.toml"] if story_details else [])
        kept = self.shell.unsaved_kept(files)
        return ask_to_close_unsaved(self, chapters, story_details, kept=kept)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._save_before_leaving():
            if self.project is not None:
                self.shell.story_leaving.emit()
            self.shell.window_closing.emit()
            event.accept()
        else:
            event.ignore()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and not self.isActiveWindow():
            if self.documents is not None:
                self.documents.save_all()
            self.save_story_file()

    # -- chapters --------------------------------------------------------------------

    def _chapter_by_file(self, file: str) -> Chapter | None:
        if self.project is None:
            return None
        return next((c for c in self.project.chapters if c.file == file), None)

    def show_chapter(self, file: str, pane: EditorPane | None = None) -> bool:
        """Show the chapter in `pane` (default: the focused one)."""
        chapter = self._chapter_by_file(file)
        if chapter is None:
            return False
        target = pane or self.focused_pane()
        if target.load(chapter):
            return True
        self.shell.chapter_unavailable.emit(target, file)  # a feature may say more
        return False

    def _chapter_chosen(self, file: str) -> None:
        if self.show_chapter(file):
            self.focused_pane().editor.setFocus()

    def _refresh_chapter_list(self) -> None:
        if self.project is None:
            return
        words = self.counts.words if self.counts is not None else {}
        entries = [ChapterEntry(c.file, c.title, words.get(c.file)) for c in self.project.chapters]
        pane_chapter = self.focused_pane().chapter
        self.chapter_list.set_chapters(entries, pane_chapter.file if pane_chapter else None)
        for pane in self.all_panes:
            pane.update_header()

    @property
    def counts(self) -> WorkCounts | None:
        """The open story's word counts (features/status.py keeps them)."""
        return self.shell.word_counts

    def refresh_chapters(self) -> None:
        """After a feature added, removed, renamed or moved chapters (Shell API)."""
        if self.counts is not None:
            self.counts.refresh_chapters()
        self._refresh_chapter_list()
        self.metadata.chapter_tab.refresh()

    def show_chapter_in(self, file: str, *, other_pane: bool = False) -> bool:
        """Show `file` in the focused pane, or in the other one with split view on."""
        if not other_pane:
            return self.show_chapter(file)
        self.pane_splitter.set_split(True)
        return self.show_chapter(file, self.all_panes[1 - self.focused_index])

    def forget_chapter(self, file: str, instead: str | None) -> None:
        """`file` left the story: panes showing it show `instead`; forget its document."""
        if self.documents is None:
            return
        for pane in self.all_panes:
            if pane.document is not None and pane.document.file == file:
                pane.set_store(self.documents)
                if instead is not None:
                    self.show_chapter(instead, pane)
        self.documents.forget(file)
        if self.counts is not None:
            self.counts.forget(file)

    # -- panes -----------------------------------------------------------------------

    def _pane_focused(self, index: int) -> None:
        chapter = self.all_panes[index].chapter
        if chapter is not None:
            self.chapter_list.select_file(chapter.file)
            self.metadata.show_chapter(self.project, chapter.file)
        self.shell.view_changed.emit()

    def _pane_shows(self, pane: EditorPane, chapter: Chapter) -> None:
        pane.editor.setReadOnly(self.session.read_only)  # every chapter, not the first
        if pane is self.focused_pane():
            self.chapter_list.select_file(chapter.file)
            self.metadata.show_chapter(self.project, chapter.file)
        self.chapter_shown.emit(pane, chapter)
        self.shell.chapter_shown.emit(pane.editor, chapter.file)
        self.shell.view_changed.emit()

    def _song_name(self, song_id: str) -> str | None:
        if self.project is None:
            return None
        song = self.project.songs.get(song_id)
        if song is None:
            return None
        return f"{song.title} · {song.artist}" if song.artist else song.title

    # -- status ----------------------------------------------------------------------

    def story_pending(self) -> bool:
        """story.toml changed and waits for its short pause to be saved."""
        return self._toml_timer.isActive()

    def _update_title(self) -> None:
        if self.project is not None:
            title = self.project.work.title or self.project.root.name
            mark = " (read-only)" if self.session.read_only else ""
            self.setWindowTitle(f"{title}[*] — Studio{mark}")

    def _read_only_changed(self, on: bool) -> None:
        """Read-only: the text, the metadata and the chapter list take no edits (the
        shell turns off every action that changes the story)."""
        for pane in self.all_panes:
            pane.editor.setReadOnly(on)
        self.metadata.setEnabled(not on)
        self.chapters_box.set_read_only(on)
        self._update_title()

    # -- remembering the layout (studio.ui.layout_memory) ---------------------------

    @property
    def focused_index(self) -> int:
        """0 or 1: which pane the author last worked in."""
        return self.pane_splitter.focused_index

    def focus_pane(self, index: int) -> None:
        """Make pane `index` the focused one (the chapter list and Chapter tab follow)."""
        self.pane_splitter.focus_pane(index)


def _default_size() -> tuple[int, int]:
    """1280×800 at most, and the whole window with its title bar on the screen."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return 1280, 800 - TITLE_BAR_PX
    available = screen.availableGeometry()
    return min(1280, available.width()), min(800, available.height()) - TITLE_BAR_PX
