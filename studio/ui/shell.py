"""The narrow shell features use instead of the main window's attributes.

A feature joins the window with `install(shell, session)` (see docs/architecture.md)
and uses only this: actions declared as data (`ActionSpec`), menus by anchor, docks,
metadata tabs, editor context-menu sections, paste handlers, highlight layers, bars
above a pane, `go_to(file, line, column)`, status messages and one background runner
where only the latest result counts. The shell enables and disables every declared
action from the session's state (a story open? read-only?), so no feature matches
labels to find what to turn off.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QMimeData, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import QDockWidget, QMenu, QWidget

from studio.ui.first_paint import AfterFirstPaint
from studio.ui.layout_memory import StoryLayout, WindowLayout
from studio.ui.runner import LatestRunner
from studio.ui.session import StorySession

if TYPE_CHECKING:
    from studio.findings import Finding
    from studio.ui.document import ChapterDocument
    from studio.ui.editor import ChapterEditor
    from studio.ui.find_bar import FindBar
    from studio.ui.main_window import MainWindow
    from studio.ui.pane import EditorPane
    from studio.ui.preferences import Preferences
    from studio.ui.start_page import StartPage
    from studio.ui.word_counts import WorkCounts

# Where the platform theme gives no key for a standard action (plain X11, offscreen).
FALLBACK_KEYS = {
    QKeySequence.StandardKey.Quit: "Ctrl+Q",
    QKeySequence.StandardKey.Close: "Ctrl+W",
    QKeySequence.StandardKey.Preferences: "Ctrl+,",
    QKeySequence.StandardKey.Replace: "Ctrl+H",
    QKeySequence.StandardKey.FullScreen: "F11",
    QKeySequence.StandardKey.FindNext: "F3",
    QKeySequence.StandardKey.FindPrevious: "Shift+F3",
    QKeySequence.StandardKey.Italic: "Ctrl+I",
    QKeySequence.StandardKey.Bold: "Ctrl+B",
}

# Each menu and its sections, top to bottom: an ActionSpec's `menu` is "menu/section".
MENUS: dict[str, tuple[str, tuple[str, ...]]] = {
    "file": ("&File", ("story", "save", "chapters", "exchange", "backups", "close")),
    "edit": ("&Edit", ("undo", "clipboard", "find", "text", "typing", "preferences")),
    "format": ("F&ormat", ("inline",)),
    "view": ("&View", ("layout", "panels", "docks", "theme")),
    "tools": ("&Tools", ("check", "story")),
    "help": ("&Help", ("help",)),
}

Shortcut = QKeySequence | QKeySequence.StandardKey | str | None


@dataclass(frozen=True)
class ActionSpec:
    """One command of the window, as data.

    `id` is stable (tests and preferences name actions by it, never by label); `menu`
    is "menu/section" (see MENUS) or "" for a shortcut with no menu entry;
    `needs_story`: off on the start page; `changes_story`: off while read-only.
    """

    id: str
    text: str
    menu: str
    slot: Callable[..., object]
    shortcut: Shortcut = None
    needs_story: bool = False
    changes_story: bool = False
    checkable: bool = False
    checked: bool = False
    tip: str = ""


@dataclass(frozen=True)
class ChapterMark:
    """A one-character mark beside a chapter's title and what its tooltip says
    (a feature's decoration, e.g. the posting status); `alert` draws it in a warm
    colour."""

    mark: str
    tooltip: str
    alert: bool = False


def key_sequence(shortcut: Shortcut) -> QKeySequence:
    sequence = QKeySequence(shortcut) if shortcut is not None else QKeySequence()
    if sequence.isEmpty() and isinstance(shortcut, QKeySequence.StandardKey):
        sequence = QKeySequence(FALLBACK_KEYS.get(shortcut, ""))
    return sequence


def _utf16_len(text: str) -> int:
    """Qt counts positions in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


EditorEventHook = Callable[["ChapterEditor", QEvent], bool]


class _EditorEvents(QObject):
    """Hands one editor's key and input-method events (on the editor) and its mouse,
    drag-and-drop and tooltip events (on its viewport) to the features' hooks, in the
    order they were added; the first hook returning True has consumed the event."""

    KEYS = (QEvent.Type.KeyPress, QEvent.Type.InputMethod)

    def __init__(self, editor: ChapterEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.key_hooks: list[EditorEventHook] = []
        self.viewport_hooks: list[EditorEventHook] = []
        self.viewport = editor.viewport()
        editor.installEventFilter(self)
        self.viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.editor:
            hooks = self.key_hooks if event.type() in self.KEYS else []
        elif watched is self.viewport:
            hooks = self.viewport_hooks
        else:
            hooks = []
        return any(hook(self.editor, event) for hook in list(hooks))


class Shell(QObject):
    """What a feature may use of the window (built by MainWindow, one per window)."""

    story_shown = Signal(object)  # Project: the window shows it, panes ready
    story_leaving = Signal()  # the window stops showing the story; panes still show it
    window_closing = Signal()  # the window closes (everything was saved)
    new_chapter_requested = Signal()  # the chapter list's "+" button
    chapter_rename_requested = Signal(str, str)  # file, title typed in the list
    chapter_order_requested = Signal(list)  # the files in the order dropped
    chapter_menu_requested = Signal(object, QPoint)  # file (or None), global position

    def __init__(self, window: MainWindow, session: StorySession) -> None:
        super().__init__(window)
        self._window = window
        self.session = session
        self._menus: dict[str, QMenu] = {}
        self._ends: dict[str, QAction] = {}  # "menu/section" → the separator ending it
        self._specs: dict[str, ActionSpec] = {}
        self._actions: dict[str, QAction] = {}
        self._menu_flags: list[tuple[QMenu, bool, bool]] = []
        self._chapter_sections: list[tuple[Callable[[QMenu, Any], None], bool]] = []
        self._escapes: list[Callable[[], bool]] = []
        self._docks: list[QDockWidget] = []
        self._dock_areas: dict[QDockWidget, Qt.DockWidgetArea] = {}
        self._layout_restored = False  # docks wait for the window layout (_place_dock)
        self.runner = LatestRunner(self)
        self._after_paint = AfterFirstPaint(self)
        self.story_shown.connect(
            lambda _project: self._after_paint.watch(window.focused_pane().editor.viewport())
        )
        self.story_leaving.connect(self._after_paint.reset)
        session.closed.connect(self._after_paint.reset)
        self._editor_events: dict[int, _EditorEvents] = {}
        self._apply_filters: list[Callable[[Finding, str], bool]] = []
        self._unsaved_keepers: list[Callable[[list[str]], bool]] = []
        bar = window.menuBar()
        for key, (title, sections) in MENUS.items():
            menu = bar.addMenu(title)
            menu.setObjectName(f"menu-{key}")
            self._menus[key] = menu
            for section in sections:
                self._ends[f"{key}/{section}"] = menu.addSeparator()
        session.opened.connect(lambda _p: self.update_actions())
        session.closed.connect(self.update_actions)
        session.read_only_changed.connect(lambda _on: self.update_actions())

    # -- actions ---------------------------------------------------------------------

    def add_action(self, spec: ActionSpec) -> QAction:
        """Declare an action; it goes into its menu section and works in focus mode."""
        if spec.id in self._specs:
            raise KeyError(f"an action {spec.id!r} is already declared")
        action = QAction(spec.text, self._window)
        action.setObjectName(spec.id)
        sequence = key_sequence(spec.shortcut)
        if not sequence.isEmpty():
            action.setShortcut(sequence)
        if spec.tip:
            action.setToolTip(spec.tip)
            action.setStatusTip(spec.tip)
        action.setCheckable(spec.checkable)
        if spec.checkable:
            action.setChecked(spec.checked)
            action.toggled.connect(spec.slot)
        else:
            action.triggered.connect(lambda _checked=False, s=spec.slot: s())
        if spec.menu:
            self._insert(spec.menu, action)
        self._window.addAction(action)  # shortcuts keep working with the menu bar hidden
        self._specs[spec.id] = spec
        self._actions[spec.id] = action
        self._enable(spec, action)
        return action

    def add_menu(
        self, anchor: str, title: str, *, needs_story: bool = False, changes_story: bool = False
    ) -> QMenu:
        """A submenu at `anchor`, enabled from the session's state like an action."""
        menu = QMenu(title, self._window)
        self._insert(anchor, menu.menuAction())
        self._menu_flags.append((menu, needs_story, changes_story))
        self.update_actions()
        return menu

    def insert_action(self, anchor: str, action: QAction) -> None:
        """Put an already built action (a checkable group member, …) at `anchor`."""
        self._insert(anchor, action)

    def _insert(self, anchor: str, action: QAction) -> None:
        if anchor not in self._ends:
            raise KeyError(f"no menu section {anchor!r}; there are {', '.join(self._ends)}")
        key = anchor.split("/", maxsplit=1)[0]
        self._menus[key].insertAction(self._ends[anchor], action)

    def action(self, action_id: str) -> QAction:
        return self._actions[action_id]

    def specs(self) -> list[ActionSpec]:
        return list(self._specs.values())

    def menu(self, key: str) -> QMenu:
        """A top menu by key ("file", "edit", "format", "view", "tools", "help")."""
        return self._menus[key]

    def menus(self) -> list[QMenu]:
        return list(self._menus.values())

    def update_actions(self) -> None:
        for action_id, spec in self._specs.items():
            self._enable(spec, self._actions[action_id])
        for menu, needs, changes in self._menu_flags:
            menu.setEnabled(self._allowed(needs, changes))

    def _allowed(self, needs_story: bool, changes_story: bool) -> bool:
        if (needs_story or changes_story) and not self.session.is_open:
            return False
        return not (changes_story and self.session.read_only)

    def _enable(self, spec: ActionSpec, action: QAction) -> None:
        action.setEnabled(self._allowed(spec.needs_story, spec.changes_story))

    # -- places for widgets ----------------------------------------------------------

    def add_dock(
        self,
        widget: QWidget,
        title: str,
        area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea,
    ) -> QDockWidget:
        """A side panel (right, tabbed with the others there); View lists it. At 1366 px
        and below it takes the metadata panel's place while it shows
        (features/side_panels.py).

        The dock goes where the remembered window layout had it, or else into `area`
        (see `_place_dock`); until that layout is restored it waits outside the
        window's layout. A new dock starts hidden; one the remembered layout names
        comes back as it was left (open or closed). Turned on in the View menu, it
        comes to the front of its tab group."""
        dock = QDockWidget(title, self._window)
        dock.setObjectName(f"dock-{title}")
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        dock.hide()
        self._docks.append(dock)
        self._dock_areas[dock] = area
        if self._layout_restored:
            self._place_dock(dock)
        dock.visibilityChanged.connect(lambda _on: self.docks_changed.emit())
        toggle = dock.toggleViewAction()
        toggle.triggered.connect(lambda on: dock.raise_() if on else None)
        self._insert("view/docks", toggle)
        return dock

    def _place_dock(self, dock: QDockWidget) -> None:
        """Put `dock` where the restored window layout had it, else tab it with the
        docks already in its area.

        Every dock is placed after `restoreState`, never before: a dock tabified before
        it leaves Qt's tab bar for the group orphaned at (0, 0) and visible, a stray
        tab bar over the File and Edit menus after a restart with a side panel open
        (tests/test_ui_dock_layout.py).
        Qt keeps a place for each dock the state names (`restoreDockWidget`), so a
        dock placed later, or added by a feature installed after the layout, still
        comes back where it was."""
        w = self._window
        if w.restoreDockWidget(dock):
            return
        area = self._dock_areas[dock]
        same_area = [d for d in self._docks if d is not dock and w.dockWidgetArea(d) == area]
        w.addDockWidget(area, dock)
        if same_area:
            w.tabifyDockWidget(same_area[-1], dock)

    def add_metadata_tab(self, widget: QWidget, title: str) -> int:
        return self._window.metadata.add_tab(widget, title)

    def add_context_section(self, hook: Callable[[QMenu, QTextCursor], None]) -> None:
        """`hook(menu, cursor_at_click)` adds a section to every editor's context menu."""
        for pane in self._window.all_panes:
            pane.editor.menu_hooks.append(hook)

    def add_chapter_menu_section(
        self, hook: Callable[[QMenu, str], None], *, also_blank: bool = False
    ) -> None:
        """`hook(menu, file)` adds a section to the chapter list's right-click menu for
        the chapter `file`; it is asked read-only too (disable what would write).
        `also_blank`: asked with file None too, for a click beside the chapters."""
        self._chapter_sections.append((hook, also_blank))

    def fill_chapter_menu(self, menu: QMenu, file: str | None) -> None:
        """Let each feature's section (add_chapter_menu_section) join `menu`, in order."""
        for hook, also_blank in self._chapter_sections:
            if file is None and not also_blank:
                continue
            if not menu.isEmpty():
                menu.addSeparator()
            hook(menu, file)

    def set_chapter_marks(self, marks: dict[str, ChapterMark]) -> None:
        """A mark and its tooltip beside each chapter (by file) in the chapter list."""
        self._window.chapter_list.set_marks(marks)

    def add_paste_handler(self, hook: Callable[[QMimeData], bool]) -> None:
        """`hook(source)` may insert pasted text its own way and return True."""
        for pane in self._window.all_panes:
            pane.editor.paste_hooks.append(hook)

    def editors(self) -> list[ChapterEditor]:
        """Every chapter editor of the window (both panes, shown or not)."""
        return [pane.editor for pane in self._window.all_panes]

    def _events(self, editor: ChapterEditor) -> _EditorEvents:
        found = self._editor_events.get(id(editor))
        if found is None:
            found = self._editor_events[id(editor)] = _EditorEvents(editor)
        return found

    def add_key_handler(self, hook: EditorEventHook) -> None:
        """`hook(editor, event)` sees every key press and input-method event of every
        chapter editor before the editor does; True consumes it."""
        for editor in self.editors():
            self._events(editor).key_hooks.append(hook)

    def add_viewport_handler(self, hook: EditorEventHook) -> None:
        """`hook(editor, event)` sees the mouse, drag-and-drop, tooltip and paint
        events of every editor's viewport before the editor does; True consumes it."""
        for editor in self.editors():
            self._events(editor).viewport_hooks.append(hook)

    def add_apply_filter(self, hook: Callable[[Finding, str], bool]) -> None:
        """`hook(finding, replacement)` may apply a proofreading fix its own way (Suggest
        mode makes it a suggestion) and return True; then the text is not edited."""
        self._apply_filters.append(hook)

    def filter_apply(self, finding: Finding, replacement: str) -> bool:
        """Ask the apply filters, in order: True when one of them took the fix."""
        return any(hook(finding, replacement) for hook in list(self._apply_filters))

    def add_unsaved_keeper(self, hook: Callable[[list[str]], bool]) -> None:
        """`hook(files)` is True when the unsaved text of `files` outlives the close
        (safety's recovery journal), so the close prompt need not call it lost."""
        self._unsaved_keepers.append(hook)

    def unsaved_kept(self, files: list[str]) -> bool:
        """Whether a keeper holds the unsaved text of every one of `files`."""
        return any(hook(files) for hook in list(self._unsaved_keepers))

    def add_highlight_layer(self, make: Callable[[ChapterDocument], object]) -> None:
        """`make(document)` returns a layer for each chapter document that opens."""

        def opened(document: ChapterDocument) -> None:
            layer = make(document)
            if layer is not None:
                document.highlighter.add_layer(layer)  # type: ignore[arg-type]

        self.session.document_opened.connect(opened)
        if self.session.documents is not None:
            for document in self.session.documents.documents():
                opened(document)

    def on_metadata_edited(self, slot: Callable[[], None]) -> None:
        """Call `slot()` after any metadata field changed story.toml's document."""
        self._window.metadata.edited.connect(slot)

    def metadata_text_fields(self) -> dict[str, QWidget]:
        """The metadata panel's reader-visible text fields by key ("work.summary",
        "chapter.title", …): QLineEdit or QPlainTextEdit, for spell checking as typed."""
        return self._window.metadata.text_fields()

    def story_changed(self) -> None:
        """story.toml's document was changed by a feature: save it soon, as the
        metadata panel's edits are (through the session)."""
        self._window.story_changed()

    def show_bar(self, file: str, make: Callable[[], QWidget]) -> None:
        """A bar above every pane showing `file`."""
        for pane in self.panes_showing(file):
            pane.show_bar(make())

    def panes_showing(self, file: str) -> list[EditorPane]:
        return [
            p for p in self._window.all_panes if p.document is not None and p.document.file == file
        ]

    # -- the chapter list ------------------------------------------------------------

    def chapter_files(self) -> list[str]:
        """The chapters' files in the order the list shows them."""
        return self._window.chapter_list.files()

    def selected_chapter(self) -> str | None:
        """The chapter selected in the list, else the focused pane's, else None."""
        file = self._window.chapter_list.current_file()
        if file is None:
            chapter = self._window.focused_pane().chapter
            file = chapter.file if chapter is not None else None
        return file

    def select_chapter(self, file: str) -> None:
        """Select `file` in the chapter list (without showing it)."""
        self._window.chapter_list.select_file(file)

    def rename_in_list(self, file: str | None = None) -> None:
        """Start editing the title of `file` (default: the selected chapter) in the list;
        the typed title arrives as `chapter_rename_requested`."""
        if file is not None:
            self.select_chapter(file)
        self._window.chapter_list.rename_current()

    def show_chapter(self, file: str, *, other_pane: bool = False) -> bool:
        """Show the chapter `file` in the focused pane, or (`other_pane`) in the other
        one, turning split view on."""
        return self._window.show_chapter_in(file, other_pane=other_pane)

    def refresh_chapters(self) -> None:
        """Show the story's chapters again (list, pane headers, counts, Chapter tab)
        after a feature changed them."""
        self._window.refresh_chapters()

    def chapter_removed(self, file: str, instead: str | None) -> None:
        """`file` left the story: panes showing it show `instead` (or nothing), and its
        open document and word counts are forgotten."""
        self._window.forget_chapter(file, instead)

    # -- find, keys, layout -----------------------------------------------------------

    def find_bar(self) -> FindBar:
        """The find bar of the focused pane (every pane has one, hidden until asked)."""
        return self._window.focused_pane().find_bar

    def add_escape_handler(self, hook: Callable[[], bool], *, first: bool = False) -> None:
        """`hook()` is asked when Esc is pressed; True: handled. `first`: before the
        others (focus mode: Esc leaves it before it closes a bar)."""
        self._escapes.insert(0, hook) if first else self._escapes.append(hook)

    def escape(self) -> bool:
        """Esc: the first handler that takes it."""
        return any(hook() for hook in self._escapes)

    def window_layout(self) -> WindowLayout:
        """The window's geometry, docks, splitter and which panels the author shows (to
        remember). The panels are the View toggles, not what shows this moment: a
        metadata panel that gave its place to a side panel on a narrow window
        (features/side_panels.py) is still one she wants back on a wider one."""
        w = self._window
        return WindowLayout(
            w.saveGeometry(),
            w.saveState(),
            w.splitter.saveState(),
            self.action("view.chapters").isChecked(),
            self.action("view.metadata").isChecked(),
        )

    def restore_window_layout(self, layout: WindowLayout) -> None:
        w = self._window
        if layout.geometry is not None:
            w.restoreGeometry(layout.geometry)
        if layout.state is not None:
            w.restoreState(layout.state)
        self._layout_restored = True
        for dock in self._docks:
            if w.dockWidgetArea(dock) == Qt.DockWidgetArea.NoDockWidgetArea:
                self._place_dock(dock)
        if layout.splitter is not None:
            w.splitter.restoreState(layout.splitter)
        self.action("view.chapters").setChecked(layout.chapters_visible)
        self.action("view.metadata").setChecked(layout.metadata_visible)

    def story_layout(self) -> StoryLayout:
        """Split or not, each pane's chapter and cursor, cursors by chapter."""
        w = self._window
        cursors: dict[str, int] = {}
        files, at = [], []
        for pane in w.all_panes:
            chapter = pane.chapter
            files.append(chapter.file if chapter else "")
            at.append(pane.cursor_position() if chapter else 0)
            cursors.update(pane.remembered_cursors())
        return StoryLayout(
            w.is_split,
            w.focused_index,
            w.pane_splitter.saveState(),
            (files[0], files[1]),
            (at[0], at[1]),
            cursors,
        )

    def restore_story_layout(self, layout: StoryLayout) -> None:
        """Show what `story_layout` gave (the first chapter where nothing was)."""
        w = self._window
        assert w.project is not None
        files = [c.file for c in w.project.chapters]
        for pane, file, at in zip(w.all_panes, layout.files, layout.cursors_at, strict=True):
            pane.remember_cursors(layout.cursors)
            if file in files:
                pane.remember_cursors({file: at})
                w.show_chapter(file, pane)
        if w.all_panes[0].chapter is None and files:
            w.show_chapter(files[0], w.all_panes[0])
        self.set_split(layout.split)
        if layout.panes is not None and layout.split:
            w.pane_splitter.restoreState(layout.panes)
        w.focus_pane(layout.focused if layout.split and layout.focused in (0, 1) else 0)
        w.focused_pane().editor.setFocus()

    # -- doing -----------------------------------------------------------------------

    def focused_editor(self) -> ChapterEditor | None:
        """The editor the author last typed in, when it shows a chapter."""
        pane = self._window.focused_pane()
        return pane.editor if pane.document is not None else None

    def save_story(self) -> bool:
        """Write story.toml now, after a change to its document; False when it could not
        (the status bar says why; read-only writes nothing and is not a failure)."""
        return self._window.save_story_file()

    def save_all(self) -> bool:
        """Save every open chapter and story.toml now (before reading them from disk)."""
        return self._window.save_all()

    def dialog_parent(self) -> QWidget:
        """The parent for a feature's dialogs and message boxes."""
        return self._window

    def go_to(self, file: str, line: int, column: int = 0, *, end_column: int = -1) -> bool:
        """Show `file` in the focused pane, select line `line` (0-based) from `column`
        to `end_column` (characters; -1: just place the cursor)."""
        pane = self._window.focused_pane()
        if not self._window.show_chapter(file, pane):
            return False
        block = pane.editor.document().findBlockByNumber(line)
        if not block.isValid():
            return False
        text = block.text()
        start = block.position() + _utf16_len(text[:column])
        end = start if end_column < 0 else block.position() + _utf16_len(text[:end_column])
        pane.editor.select_range(start, end)
        return True

    def say(self, message: str, ms: int = 8000) -> None:
        """A passing message in the status bar."""
        self._window.statusBar().showMessage(message, ms)

    def add_status_widget(self, widget: QWidget) -> None:
        self._window.statusBar().addPermanentWidget(widget)

    def run_latest(self, key: str, job: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self.runner.run(key, job, done)

    def later(self, ms: int, slot: Callable[[], None]) -> None:
        QTimer.singleShot(ms, slot)

    def when_shown(self, slot: Callable[[], None]) -> None:
        """Run `slot` once the open story's chapter is on screen (at once when it is):
        for background work a story starts that its first screen does not need
        (studio.ui.first_paint). Dropped if the story is left before that."""
        self._after_paint.run(slot)

    # -- the window's state, for the status bar, split view, focus mode, … ------------

    pane_state_changed = Signal()  # a pane's text, cursor, selection or save state
    view_changed = Signal()  # the focused pane, or the chapter it shows, changed
    save_state_changed = Signal(bool)  # story.toml waits or was saved; True: it failed

    word_counts: WorkCounts | None = None
    """The open story's word counts (kept by features/status.py; None with no story)."""

    def focused_file(self) -> str | None:
        """The chapter file the focused pane shows (None on an empty pane)."""
        document = self._window.focused_pane().document
        return document.file if document is not None else None

    def selected_text(self) -> str:
        """The focused pane's selection (paragraphs joined by U+2029, as Qt gives it)."""
        return str(self._window.focused_pane().editor.textCursor().selectedText())

    def unsaved(self) -> tuple[bool, bool]:
        """(something waits to be saved, a save failed) over the panes and story.toml."""
        w = self._window
        dirty = any(p.is_dirty for p in w.all_panes) or w.story_pending()
        failed = any(p.document is not None and p.document.error is not None for p in w.all_panes)
        return dirty, failed

    def set_chapter_words(self, file: str, words: int) -> None:
        """The word count the chapter list shows beside `file`."""
        self._window.chapter_list.set_words(file, words)

    def set_window_modified(self, on: bool) -> None:
        """The title bar's unsaved mark."""
        self._window.setWindowModified(on)

    split_changed = Signal(bool)  # split view turned on or off

    def set_split(self, on: bool) -> None:
        """Split view: the second pane shows (on the first pane's chapter if it has none),
        and each pane keeps the line it showed at the top."""
        self._window.pane_splitter.set_split(on)

    def is_split(self) -> bool:
        return self._window.is_split

    def switch_pane(self) -> None:
        """Move the keyboard to the other pane (in split view)."""
        self._window.pane_splitter.switch_pane()

    # -- parts of the window (focus mode hides them) ----------------------------------

    def _part(self, part: str) -> QWidget:
        w = self._window
        parts: dict[str, QWidget] = {
            "chapters": w.chapters_box,
            "metadata": w.metadata,
            "status": w.statusBar(),
            "menu": w.menuBar(),
        }
        return parts[part]

    def part_visible(self, part: str) -> bool:
        """Whether "chapters", "metadata", "status" or "menu" (the menu bar) shows."""
        return self._part(part).isVisibleTo(self._window)

    def set_part_visible(self, part: str, on: bool) -> None:
        """Show or hide a part (see part_visible); "headers": the panes' titles. With the
        menu bar hidden its actions' shortcuts still work."""
        if part == "headers":
            for pane in self._window.all_panes:
                pane.header.setVisible(on)
        else:
            self._part(part).setVisible(on)

    def docks(self) -> list[QDockWidget]:
        """The side panels, in the order they were added."""
        return list(self._docks)

    _was_maximized = False  # before full screen

    def set_full_screen(self, on: bool) -> None:
        """Full screen; back to maximized or normal, as the window was before."""
        w = self._window
        if on:
            self._was_maximized = w.isMaximized()
            w.showFullScreen()
        elif self._was_maximized:
            w.showMaximized()
        else:
            w.showNormal()

    def focus_text(self) -> None:
        """Put the keyboard in the focused pane's editor."""
        self._window.focused_pane().editor.setFocus()

    # -- preferences, theme, typing -------------------------------------------------

    preferences_changed = Signal(object)  # Preferences: the author changed them
    chapter_shown = Signal(object, str)  # ChapterEditor, file: a pane shows a chapter
    chapter_unavailable = Signal(object, str)  # EditorPane, file: it could not (its bar says why)

    def preferences(self) -> Preferences:
        """The author's preferences (studio.ui.preferences), as remembered."""
        return self._window.prefs

    def set_preferences(self, prefs: Preferences) -> None:
        """Take and remember new preferences; `preferences_changed` tells the features."""
        self._window.prefs = prefs
        prefs.save()
        self.preferences_changed.emit(prefs)

    def set_style_sheet(self, css: str) -> None:
        """The window's style sheet (the theme's)."""
        self._window.setStyleSheet(css)

    # -- side panels and the window's width -------------------------------------------

    docks_changed = Signal()  # a side panel showed or hid
    resized = Signal()  # the window's size changed

    def window_width(self) -> int:
        return int(self._window.width())

    # -- opening and closing the story ------------------------------------------------

    open_failed = Signal(str)  # why a story could not be opened (another stays open)

    def open_story(self, path: Path | str) -> bool:
        """Open the story at `path` (closing the one open first); False when it could
        not be opened (the start page or `open_failed` says why) or a feature refused."""
        return self._window.open_project(path)

    def close_story(self) -> bool:
        """Save everything and close the story, back to the start page; False (still
        open) when saving failed and the author chose to stay."""
        return self._window.close_project()

    def close_window(self) -> None:
        self._window.close()

    def start_page(self) -> StartPage:
        """The page shown with no story open (its buttons ask for a story)."""
        return self._window.start_page

    # -- added for the lyrics and import features --------------------------------------

    def add_editor_paste_handler(self, hook: Callable[[ChapterEditor, QMimeData], bool]) -> None:
        """Like `add_paste_handler`, told which editor the text goes into (a middle-click
        paste lands in the pane clicked, which need not be the focused one)."""
        for pane in self._window.all_panes:
            pane.editor.paste_hooks.append(partial(hook, pane.editor))

    def repaint_editors(self) -> None:
        """Paint every editor again (what a feature paints over the text changed)."""
        for pane in self._window.all_panes:
            pane.editor.viewport().update()

    def add_top_menu(
        self, key: str, title: str, sections: tuple[str, ...], *, before: str = "help"
    ) -> QMenu:
        """A feature's own top menu (Review), placed before the menu `before`, with its
        sections as anchors "key/section" for `add_action` like the standard ones."""
        if key in self._menus:
            raise KeyError(f"a menu {key!r} is already declared")
        menu = QMenu(title, self._window)
        menu.setObjectName(f"menu-{key}")
        bar = self._window.menuBar()
        ahead = self._menus.get(before)
        if ahead is not None:
            bar.insertMenu(ahead.menuAction(), menu)
        else:
            bar.addMenu(menu)
        self._menus[key] = menu
        for section in sections:
            self._ends[f"{key}/{section}"] = menu.addSeparator()
        return menu

    # -- for the safety feature (added at the end so merges stay easy) ------------------

    def show_notice(self, make: Callable[[], QWidget]) -> QWidget:
        """A bar above the focused pane, whatever it shows (read-only, a problem with
        the whole story); returned so `clear_notice` can take it away."""
        bar = make()
        self._window.focused_pane().show_bar(bar)
        return bar

    def clear_notice(self, bar: QWidget) -> None:
        """Take away a bar `show_notice` showed, wherever it still is."""
        for pane in self._window.all_panes:
            if pane.bar() is bar:
                pane.clear_bar()

    def refresh_story(self) -> None:
        """Show the story's details again everywhere after story.toml was read again
        (the Work tab, the chapter list, the title, the counts)."""
        self._window.refresh_views()
