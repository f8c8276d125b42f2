"""The main window: chapter list, one or two editor panes, the metadata panel.

Features do not use this module: they join through `window.shell` (studio/ui/shell.py:
actions declared as data, docks, metadata tabs, context-menu sections, go_to, status)
and `window.session` (studio/ui/session.py: the open story and every write), with one
`install(shell, session)`; see docs/architecture.md. What is still here for the older
features (lyrics, spelling, proofreading, safety, export, import):

- `window.project`, `window.documents` (the session's), `window.story_changed()` after
  changing story.toml's document (saved soon, through the session),
  `window.refresh_views()` after `project.reload()`;
- `window.panes` / `window.all_panes` / `window.focused_pane()`, `window.show_chapter`;
- signals `chapter_shown(pane, chapter)`, `project_opened(project)`,
  `project_closed()`, `story_saved()`;
- `window.menu("&File")` (prefer `shell.menu("file")` and `shell.add_action`),
  `window.add_metadata_tab`, `window.add_side_panel`, `window.add_editor_menu_hook`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QResizeEvent,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.errors import StudioError
from studio.recent import recent_projects, remember_project, story_title
from studio.resources import sample_project
from studio.story import Chapter, Project, count_words, create_project
from studio.story.paths import slugify
from studio.ui.chapter_list import ChapterEntry, ChapterList
from studio.ui.document import ChapterDocument, DocumentStore
from studio.ui.editor.chapter_editor import apply_typography
from studio.ui.editor.smart_typing import CURLY, quote_style
from studio.ui.export.action import install as install_export
from studio.ui.features import WINDOW_FEATURES
from studio.ui.metadata.panel import MetadataPanel
from studio.ui.pane import EditorPane
from studio.ui.preferences import Preferences, PreferencesDialog
from studio.ui.session import ReadOnlyError, StorySession, WriteConflictError
from studio.ui.shell import MENUS, ActionSpec, Shell
from studio.ui.start_page import StartPage
from studio.ui.style import window_style_sheet
from studio.ui.theme import ThemeChoice, apply_theme, editor_colors, system_scheme
from studio.ui.word_counts import WorkCounts, describe

TOML_SAVE_DELAY_MS = 400
# At this window width and below a side panel takes the metadata panel's place.
NARROW_WINDOW_PX = 1366
TITLE_BAR_PX = 40  # a window manager's title bar and frame, about


class MainWindow(QMainWindow):
    """Studio's window (see the module docstring for what other features may use)."""

    chapter_shown = Signal(object, object)  # EditorPane, Chapter
    story_saved = Signal()  # story.toml was written by Studio
    project_opened = Signal(object)  # Project
    project_closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = StorySession(self)
        self.shell = Shell(self, self.session)
        self.counts: WorkCounts | None = None
        self.prefs = Preferences.load()
        self._focused = 0
        self._focus_mode = False
        self._focus_mode_state: dict[str, bool] = {}
        self._was_maximized = False
        self._dark = False
        self._system_scheme = system_scheme()
        self._docks: list[QDockWidget] = []
        self._metadata_yielded = False
        self._quote_styles: dict[str, str] = {}  # chapter file → "curly" / "straight"
        self.setWindowTitle("Studio")
        self.resize(*_default_size())

        self._toml_timer = QTimer(self)
        self._toml_timer.setSingleShot(True)
        self._toml_timer.setInterval(TOML_SAVE_DELAY_MS)
        self._toml_timer.timeout.connect(self.save_story_file)
        self._selection_timer = QTimer(self)
        self._selection_timer.setSingleShot(True)
        self._selection_timer.setInterval(150)
        self._selection_timer.timeout.connect(self._update_counts)

        self.session.read_only_changed.connect(self._read_only_changed)
        self._build_workspace()
        self._build_status_bar()
        self._build_menus()
        for install in WINDOW_FEATURES:
            install(self.shell, self.session)
        self.export_action = install_export(self)
        self._apply_theme()
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(self._system_scheme_changed)
        self._show_start()

    # -- building --------------------------------------------------------------------

    def _build_workspace(self) -> None:
        self.stack = QStackedWidget()
        self.start_page = StartPage()
        self.start_page.open_requested.connect(self.choose_and_open)
        self.start_page.new_requested.connect(self.new_project)
        self.start_page.sample_requested.connect(lambda: self.open_project(sample_project()))
        self.start_page.recent_requested.connect(self.open_project)
        self.stack.addWidget(self.start_page)

        self._build_chapter_box()
        self._build_panes()
        self.metadata = MetadataPanel()
        self.metadata.edited.connect(self.story_changed)
        self.metadata.chapter_tab.edited.connect(self._chapter_fields_edited)

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
        self.chapter_list = ChapterList()
        self.chapter_list.chapter_activated.connect(self._chapter_chosen)
        self.chapter_list.order_changed.connect(self.shell.chapter_order_requested)
        self.chapter_list.rename_requested.connect(self.shell.chapter_rename_requested)
        self.chapter_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.chapter_list.customContextMenuRequested.connect(
            lambda at: self.shell.chapter_menu_requested.emit(
                self.chapter_list.file_at(at), self.chapter_list.viewport().mapToGlobal(at)
            )
        )
        self.chapters_box = QWidget()
        self.chapters_box.setObjectName("chaptersBox")
        box = QVBoxLayout(self.chapters_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        header = QHBoxLayout()
        header.setContentsMargins(14, 8, 6, 4)
        label = QLabel("Chapters")
        label.setObjectName("sectionTitle")
        header.addWidget(label)
        header.addStretch(1)
        add = QToolButton()
        add.setText("+")
        add.setToolTip("Add a chapter")
        add.setAutoRaise(True)
        add.clicked.connect(self.shell.new_chapter_requested)
        self.add_chapter_button = add
        header.addWidget(add)
        box.addLayout(header)
        box.addWidget(self.chapter_list, 1)

    def _build_panes(self) -> None:
        self.all_panes = [EditorPane(), EditorPane()]
        self.pane_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.pane_splitter.setChildrenCollapsible(False)
        for index, pane in enumerate(self.all_panes):
            pane.setObjectName(f"pane{index}")
            pane.focused.connect(lambda i=index: self._pane_focused(i))
            pane.chapter_shown.connect(lambda chapter, p=pane: self._pane_shows(p, chapter))
            pane.state_changed.connect(self._update_save_state)
            pane.state_changed.connect(self._selection_timer.start)
            pane.editor.smart_typing = self.prefs.smart_typing
            pane.editor.song_name = self._song_name
            self.pane_splitter.addWidget(pane)
        self.all_panes[1].hide()

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.words_label = QLabel()
        self.words_label.setObjectName("wordCounts")
        self.save_label = QLabel()
        self.save_label.setObjectName("saveState")
        self.save_label.setMinimumWidth(110)
        self.save_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bar.addPermanentWidget(self.words_label)
        bar.addPermanentWidget(self.save_label)

    def _build_menus(self) -> None:
        keys = QKeySequence.StandardKey
        for spec in self._action_specs():
            self.shell.add_action(spec)
        self.recent_menu = self.shell.add_menu("file/story", "Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.shell.action("view.chapters").setChecked(True)
        self.shell.action("view.metadata").setChecked(True)
        self._panels_separator = self.shell._ends["view/docks"]
        theme_menu = self.shell.add_menu("view/theme", "&Theme")
        self.theme_group = QActionGroup(self)
        for choice, label in (
            (ThemeChoice.SYSTEM, "Follow the &System"),
            (ThemeChoice.LIGHT, "&Light"),
            (ThemeChoice.DARK, "&Dark"),
        ):
            action = QAction(label, self, checkable=True)
            action.setData(choice.value)
            action.setChecked(choice is self.prefs.theme)
            action.triggered.connect(lambda _=False, c=choice: self.set_theme(c))
            self.theme_group.addAction(action)
            theme_menu.addAction(action)
        leave = QAction(self)
        leave.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        leave.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        leave.triggered.connect(self._escape)
        self.addAction(leave)
        del keys

    def _action_specs(self) -> list[ActionSpec]:
        """The window's own commands (features declare theirs in their install)."""
        keys = QKeySequence.StandardKey
        return [
            ActionSpec("file.new", "&New Story…", "file/story", self.new_project, keys.New),
            ActionSpec("file.open", "&Open Story…", "file/story", self.choose_and_open, keys.Open),
            ActionSpec(
                "file.save", "&Save", "file/save", self.save_all, keys.Save, changes_story=True
            ),
            ActionSpec(
                "file.close",
                "&Close Story",
                "file/close",
                self.close_project,
                keys.Close,
                needs_story=True,
            ),
            ActionSpec("file.quit", "&Quit", "file/close", self.close, keys.Quit),
            ActionSpec(
                "edit.smart_typing",
                "S&mart Quotes and Dashes",
                "edit/typing",
                self.set_smart_typing,
                checkable=True,
                checked=self.prefs.smart_typing,
            ),
            ActionSpec(
                "edit.preferences",
                "Pre&ferences…",
                "edit/preferences",
                self.show_preferences,
                keys.Preferences,
            ),
            ActionSpec(
                "view.split",
                "&Split View",
                "view/layout",
                self.set_split,
                "Ctrl+\\",
                checkable=True,
            ),
            ActionSpec(
                "view.switch_pane", "Switch &Pane", "view/layout", self.switch_pane, "Ctrl+Shift+\\"
            ),
            ActionSpec(
                "view.focus_mode",
                "&Focus Mode",
                "view/layout",
                self.set_focus_mode,
                keys.FullScreen,
                checkable=True,
            ),
            ActionSpec(
                "view.chapters",
                "&Chapter List",
                "view/panels",
                self.chapters_box.setVisible,
                "Ctrl+Shift+L",
                checkable=True,
            ),
            ActionSpec(
                "view.metadata",
                "&Metadata Panel",
                "view/panels",
                self.metadata.setVisible,
                "Ctrl+Shift+M",
                checkable=True,
            ),
        ]

    # -- actions kept by name for older callers (use shell.action(id)) --------------

    @property
    def split_action(self) -> QAction:
        return self.shell.action("view.split")

    @property
    def focus_action(self) -> QAction:
        return self.shell.action("view.focus_mode")

    @property
    def chapters_action(self) -> QAction:
        return self.shell.action("view.chapters")

    @property
    def metadata_action(self) -> QAction:
        return self.shell.action("view.metadata")

    @property
    def save_action(self) -> QAction:
        return self.shell.action("file.save")

    @property
    def smart_action(self) -> QAction:
        return self.shell.action("edit.smart_typing")

    # -- extension points ------------------------------------------------------------

    @property
    def project(self) -> Project | None:
        """The open story (the session's)."""
        return self.session.project

    @property
    def documents(self) -> DocumentStore | None:
        """The open chapter documents (the session's)."""
        return self.session.documents

    def menu(self, name: str) -> QMenu:
        """The menu named `name` ("&File", "&Edit", …); prefer `shell.menu("file")`."""
        key = name.replace("&", "").lower()
        try:
            return self.shell.menu(key)
        except KeyError:
            raise KeyError(f"no menu {name!r}; there are {', '.join(MENUS)}") from None

    @property
    def panes(self) -> list[EditorPane]:
        """The panes on screen: one, or two in split view."""
        return [self.all_panes[0], self.all_panes[1]] if self.is_split else [self.all_panes[0]]

    @property
    def is_split(self) -> bool:
        return self.split_action.isChecked()

    def focused_pane(self) -> EditorPane:
        """The pane the author is working in (the last one that had the keyboard)."""
        index = self._focused if self.is_split else 0
        return self.all_panes[index]

    def add_metadata_tab(self, widget: QWidget, title: str) -> int:
        """A new tab in the metadata panel; returns its index."""
        return self.metadata.add_tab(widget, title)

    def add_side_panel(
        self,
        widget: QWidget,
        title: str,
        area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea,
    ) -> QDockWidget:
        """A dock others can put a panel in; View gets an action that hides and shows it."""
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{title}")
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.addDockWidget(area, dock)
        same_area = [d for d in self._docks if self.dockWidgetArea(d) == area]
        if same_area:
            self.tabifyDockWidget(same_area[-1], dock)
        self._docks.append(dock)
        dock.visibilityChanged.connect(self._dock_visibility_changed)
        toggle = dock.toggleViewAction()
        self.menu("&View").insertAction(self._panels_separator, toggle)
        return dock

    def _dock_visibility_changed(self, _visible: bool) -> None:
        self._arrange_side_panels()

    def _arrange_side_panels(self) -> None:
        """At 1366 px and below an open side panel takes the metadata panel's place
        (as novelWriter's project search takes its sidebar's), so the text keeps its
        width; the metadata panel comes back when the last side panel closes."""
        if self._focus_mode:
            return
        narrow = self.width() <= NARROW_WINDOW_PX
        docked = any(d.toggleViewAction().isChecked() for d in self._docks)
        if narrow and docked:
            if not self._metadata_yielded and self.metadata_action.isChecked():
                self._metadata_yielded = True
                self.metadata.hide()
        elif self._metadata_yielded:
            self._metadata_yielded = False
            self.metadata.setVisible(self.metadata_action.isChecked())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._arrange_side_panels()

    def story_changed(self) -> None:
        """The project's document changed: save story.toml shortly, refresh what shows it."""
        self._toml_timer.start()
        self._update_save_state()
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

    def add_editor_menu_hook(self, hook: Callable[[QMenu, QTextCursor], None]) -> None:
        """Call `hook(menu, cursor_at_click)` before an editor's context menu shows."""
        for pane in self.all_panes:
            pane.editor.menu_hooks.append(hook)

    # -- opening and closing ---------------------------------------------------------

    def open_project(self, path: Path | str) -> bool:
        """Open the story at `path`. On a StudioError show it and keep the app running."""
        try:
            project = Project.load(Path(path))
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
        documents.document_opened.connect(self._document_opened)
        self.counts = WorkCounts(project, self.session.open_text, documents)
        self.counts.changed.connect(self._counts_changed)
        for pane in self.all_panes:
            pane.set_store(documents)
        self.metadata.set_project(project)
        self._refresh_chapter_list()
        self.start_page.show_error(None)
        self.stack.setCurrentWidget(self.splitter)
        self._update_title()
        if not self.session.read_only:
            try:
                remember_project(project.root)
            except StudioError as exc:
                self.statusBar().showMessage(str(exc), 8000)
        self.shell.story_shown.emit(project)
        self.project_opened.emit(project)
        QTimer.singleShot(0, self.counts.start)
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
        if self.counts is not None:
            self.counts.stop()
        self.counts = None
        self.metadata.set_project(None)
        self.chapter_list.clear()
        self.session.close()
        self._quote_styles.clear()
        for dock in self._docks:  # side panels belong to the story, not the start page
            dock.hide()
        self.project_closed.emit()
        if show_start:
            self._show_start()
        return True

    def choose_and_open(self) -> None:
        start = str(self.project.root.parent) if self.project else str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, "Open a story folder", start)
        if folder:
            self.open_project(Path(folder))

    def new_project(self) -> None:
        title, ok = QInputDialog.getText(self, "New story", "Title of the story:")
        if not ok or not title.strip():
            return
        parent = QFileDialog.getExistingDirectory(
            self, "Where should the story's folder go?", str(Path.home())
        )
        if not parent:
            return
        target = Path(parent) / slugify(title, fallback="story")
        try:
            project = create_project(target, title=title)
        except StudioError as exc:
            QMessageBox.warning(self, "Studio could not create the story", str(exc))
            return
        self.open_project(project.root)

    def _show_open_error(self, exc: StudioError) -> None:
        if self.project is None:
            self._show_start(str(exc))
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Studio cannot open this story",
            str(exc),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("openError")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not exec(): the window stays usable

    def _show_start(self, error: str | None = None) -> None:
        self.start_page.refresh()
        self.start_page.show_error(error)
        self.stack.setCurrentWidget(self.start_page)
        self.setWindowTitle("Studio")
        self.words_label.clear()
        self.save_label.clear()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = recent_projects()
        for path in paths:
            action = self.recent_menu.addAction(f"{story_title(path)}   ({path})")
            action.triggered.connect(lambda _=False, p=path: self.open_project(p))
        if not paths:
            self.recent_menu.addAction("No recent stories").setEnabled(False)

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
            written = self.session.save_story()
        except ReadOnlyError:
            return True  # read-only: nothing is written, on purpose
        except WriteConflictError as exc:
            self.statusBar().showMessage(str(exc), 15000)
            self._update_save_state(error=True)
            return False
        except StudioError as exc:
            self.statusBar().showMessage(f"story.toml not saved: {exc}", 15000)
            self._update_save_state(error=True)
            return False
        self._update_save_state()
        if written:
            self.story_saved.emit()
        return True

    def _save_before_leaving(self) -> bool:
        if not self.session.may_leave():  # e.g. an outside change awaits her choice
            return False
        if self.save_all() or self.session.read_only:
            return True
        answer = QMessageBox.warning(
            self,
            "Not everything could be saved",
            "Studio could not save all of your changes (see the message above the text)."
            " If you close now, the unsaved text is lost.",
            QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Discard,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._save_before_leaving():
            if self._focus_mode:
                self.set_focus_mode(False)  # remember the normal layout, not focus mode's
            if self.project is not None:
                self.shell.story_leaving.emit()
            self.shell.window_closing.emit()
            if self.counts is not None:
                self.counts.stop()
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
        return (pane or self.focused_pane()).load(chapter)

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
        if not self.is_split:
            self.split_action.setChecked(True)
        return self.show_chapter(file, self.all_panes[1 - self._focused])

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

    def set_split(self, on: bool) -> None:
        """Show the second pane; it opens on the chapter of the first if it shows none."""
        first, second = self.all_panes
        # The text at the top of the view stays there (the panes' widths change).
        tops = [(pane, _top_block(pane)) for pane in self.all_panes if pane.isVisible()]
        if on:
            if second.document is None and first.chapter is not None:
                second.load(first.chapter)
                tops.append((second, _top_block(first)))
            second.show()
            half = max(self.pane_splitter.width() // 2, 200)
            self.pane_splitter.setSizes([half, half])
        else:
            second.save()
            second.hide()
        for pane, block in tops:
            _scroll_to_block(pane, block)
            QTimer.singleShot(0, lambda p=pane, b=block: _scroll_to_block(p, b))
        if self.split_action.isChecked() != on:
            self.split_action.setChecked(on)
        self._pane_focused(self._focused if on else 0)

    def switch_pane(self) -> None:
        if self.is_split:
            self.all_panes[1 - self._focused].editor.setFocus()

    def _pane_focused(self, index: int) -> None:
        self._focused = index
        for i, pane in enumerate(self.all_panes):
            pane.setProperty("focusedPane", i == index)
            pane.header.setProperty("focusedPane", i == index and self.is_split)
            pane.header.style().unpolish(pane.header)
            pane.header.style().polish(pane.header)
        chapter = self.all_panes[index].chapter
        if chapter is not None:
            self.chapter_list.select_file(chapter.file)
            self.metadata.show_chapter(self.project, chapter.file)
        self._update_save_state()
        self._update_counts()

    def _pane_shows(self, pane: EditorPane, chapter: Chapter) -> None:
        pane.editor.setReadOnly(self.session.read_only)  # every chapter, not the first
        if pane.document is not None:  # smart quotes follow the chapter's own quotes
            style = self._quote_styles.get(chapter.file)
            if style is None:
                default = next(iter(self._quote_styles.values()), CURLY)
                style = quote_style(pane.document.text(), default)
                self._quote_styles[chapter.file] = style
            pane.editor.quote_style = style
        if pane is self.focused_pane():
            self.chapter_list.select_file(chapter.file)
            self.metadata.show_chapter(self.project, chapter.file)
        self.chapter_shown.emit(pane, chapter)
        self._update_counts()

    def _document_opened(self, document: ChapterDocument) -> None:
        document.document.contentsChanged.connect(lambda f=document.file: self._text_changed(f))
        document.highlighter.set_colors(editor_colors(self._dark))

    def _text_changed(self, file: str) -> None:
        if self.counts is not None:
            self.counts.text_changed(file)

    def _song_name(self, song_id: str) -> str | None:
        if self.project is None:
            return None
        song = self.project.songs.get(song_id)
        if song is None:
            return None
        return f"{song.title} · {song.artist}" if song.artist else song.title

    def _chapter_fields_edited(self) -> None:
        self._refresh_chapter_list()

    # -- status bar ------------------------------------------------------------------

    def _update_save_state(self, error: bool = False) -> None:
        if self.project is None:
            return
        dirty = any(p.is_dirty for p in self.all_panes) or self._toml_timer.isActive()
        failed = error or any(
            p.document is not None and p.document.error is not None for p in self.all_panes
        )
        if failed:
            text, tip = "⚠ Not saved", "Saving failed: see the message above the text"
        elif dirty:
            text, tip = "● Unsaved", "Changes are saved after a moment's pause"
        else:
            text, tip = "✓ Saved", "Everything is on disk"
        self.save_label.setText(text)
        self.save_label.setToolTip(tip)
        self.save_label.setProperty("state", "failed" if failed else "dirty" if dirty else "saved")
        self.save_label.style().unpolish(self.save_label)
        self.save_label.style().polish(self.save_label)
        self.setWindowModified(dirty or failed)

    def _counts_changed(self) -> None:
        self._update_counts()
        if self.counts is not None:
            for file, words in self.counts.words.items():
                self.chapter_list.set_words(file, words)

    def _update_counts(self) -> None:
        if self.project is None or self.counts is None:
            return
        pane = self.focused_pane()
        parts: list[str] = []
        selected = pane.editor.textCursor().selectedText()
        if selected:
            parts.append(f"Selection: {count_words(selected):,}")
        if pane.document is not None:
            chapter = self.counts.chapters.get(pane.document.file)
            if chapter is None:
                chapter = self.counts.count_now(pane.document.file)
            parts.append(describe("Chapter", chapter))
        if self.counts.complete:
            parts.append(describe("Work", self.counts.total(), " words"))
        else:
            parts.append("Work: counting…")
        self.words_label.setText("    ".join(parts))

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
        self.chapter_list.setDragEnabled(not on)
        self.chapter_list.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
            if on
            else QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.add_chapter_button.setEnabled(not on)
        self._update_title()

    # -- view ------------------------------------------------------------------------

    def set_focus_mode(self, on: bool) -> None:
        """Only the text: panels, bars and the menu bar hide; Esc comes back."""
        if on == self._focus_mode:
            return
        self._focus_mode = on
        parts: dict[str, QWidget] = {
            "chapters": self.chapters_box,
            "metadata": self.metadata,
            "status": self.statusBar(),
            "menu": self.menuBar(),
        }
        if on:
            self._focus_mode_state = {k: w.isVisible() for k, w in parts.items()}
            self._focus_mode_state.update({d.objectName(): d.isVisible() for d in self._docks})
            for widget in parts.values():
                widget.hide()
            for dock in self._docks:
                dock.hide()
            for pane in self.all_panes:
                pane.header.hide()
            self._was_maximized = self.isMaximized()
            self.showFullScreen()
        else:
            for key, widget in parts.items():
                widget.setVisible(self._focus_mode_state.get(key, True))
            for dock in self._docks:
                dock.setVisible(self._focus_mode_state.get(dock.objectName(), False))
            for pane in self.all_panes:
                pane.header.show()
            if self._was_maximized:
                self.showMaximized()
            else:
                self.showNormal()
        if self.focus_action.isChecked() != on:
            self.focus_action.setChecked(on)
        self.focused_pane().editor.setFocus()

    @property
    def in_focus_mode(self) -> bool:
        return self._focus_mode

    def _escape(self) -> None:
        if self._focus_mode:
            self.set_focus_mode(False)
        else:
            self.shell.escape()

    def set_smart_typing(self, on: bool) -> None:
        if on != self.prefs.smart_typing:
            self.prefs.smart_typing = on
            self.prefs.save()
        for pane in self.all_panes:
            pane.editor.smart_typing = on

    def set_theme(self, choice: ThemeChoice) -> None:
        self.prefs.theme = choice
        self.prefs.save()
        self._apply_theme()

    def _system_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        """The desktop switched between light and dark (QStyleHints.colorSchemeChanged)."""
        self._system_scheme = scheme
        if self.prefs.theme is ThemeChoice.SYSTEM:
            self._apply_theme()

    def _apply_theme(self) -> None:
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        self._dark = apply_theme(app, self.prefs.theme, self._system_scheme)
        colors = editor_colors(self._dark)
        self.setStyleSheet(window_style_sheet(self._dark))
        apply_typography(self.prefs.typography())
        for pane in self.all_panes:
            pane.editor.apply_colors(colors)
        if self.documents is not None:
            for document in self.documents.documents():
                document.highlighter.set_colors(colors)

    @property
    def is_dark(self) -> bool:
        return self._dark

    def show_preferences(self) -> None:
        dialog = PreferencesDialog(self.prefs, self)
        if dialog.exec():
            self.apply_preferences(dialog.result_preferences())

    def apply_preferences(self, prefs: Preferences) -> None:
        self.prefs = prefs
        prefs.save()
        self.smart_action.setChecked(prefs.smart_typing)
        for action in self.theme_group.actions():
            action.setChecked(action.data() == prefs.theme.value)
        if self.documents is not None:
            self.documents.set_autosave_interval(prefs.autosave_ms)
        self._apply_theme()

    # -- remembering the layout (studio.ui.layout_memory) ---------------------------

    @property
    def focused_index(self) -> int:
        """0 or 1: which pane the author last worked in."""
        return self._focused

    def focus_pane(self, index: int) -> None:
        """Make pane `index` the focused one (the chapter list and Chapter tab follow)."""
        self._pane_focused(index)


def _top_block(pane: EditorPane) -> int:
    """The number of the first paragraph in view."""
    return pane.editor.firstVisibleBlock().blockNumber()


def _scroll_to_block(pane: EditorPane, number: int) -> None:
    """Scroll so paragraph `number` is the first in view (after a relayout)."""
    editor = pane.editor
    block = editor.document().findBlockByNumber(number)
    if not block.isValid():
        return
    bar = editor.verticalScrollBar()  # a QPlainTextEdit scrolls by laid-out lines
    bar.setValue(min(block.firstLineNumber(), bar.maximum()))


def _default_size() -> tuple[int, int]:
    """1280×800 at most, and the whole window with its title bar on the screen."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return 1280, 800 - TITLE_BAR_PX
    available = screen.availableGeometry()
    return min(1280, available.width()), min(800, available.height()) - TITLE_BAR_PX
