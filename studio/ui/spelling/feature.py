"""Spell checking in the window: a layer on every chapter, the right-click menu, and
Tools ▸ Spelling (check as you type, the story's dictionary)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeyEvent
from PySide6.QtWidgets import QMenu

from studio.spelling import installed_tags
from studio.story import Project
from studio.ui.document import ChapterDocument
from studio.ui.editor import ChapterEditor
from studio.ui.main_window import MainWindow
from studio.ui.spelling.layer import SpellLayer
from studio.ui.spelling.menu import build_menu
from studio.ui.spelling.session import SpellingSession


class SpellingFeature(QObject):
    """Everything spelling adds to one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session: SpellingSession | None = None
        self.layers: dict[str, SpellLayer] = {}  # chapter file → layer
        self.last_menu: QMenu | None = None
        for pane in window.all_panes:
            self._hook_editor(pane.editor)
        self._build_menu()
        self._names_timer = QTimer(self)
        self._names_timer.setSingleShot(True)
        self._names_timer.setInterval(600)
        self._names_timer.timeout.connect(self._names_changed)
        window.metadata.edited.connect(self._names_timer.start)
        window.project_opened.connect(self._project_opened)
        window.project_closed.connect(self._project_closed)
        if window.project is not None:
            self._project_opened(window.project)

    # -- project and documents ---------------------------------------------------------

    def _project_opened(self, project: Project) -> None:
        self._project_closed()
        self.session = SpellingSession(project, self)
        self.session.write_story_word = self.window.session.add_word
        if self.session.problem:
            self.window.statusBar().showMessage(self.session.problem, 20000)
        documents = self.window.documents
        if documents is not None:
            documents.document_opened.connect(self._document_opened)
            for document in documents.documents():
                self._document_opened(document)
        self._update_menu()

    def _project_closed(self) -> None:
        if self.session is not None:
            self.session.shutdown()
            self.session.deleteLater()
        self.session = None
        self.layers.clear()

    def _names_changed(self) -> None:
        if self.session is not None:
            self.session.accept_names()

    def _document_opened(self, document: ChapterDocument) -> None:
        if self.session is None or document.file in self.layers:
            return
        qdoc = document.document

        def editors() -> list[ChapterEditor]:
            return [p.editor for p in self.window.all_panes if p.editor.document() is qdoc]

        layer = SpellLayer(qdoc, document.highlighter, self.session, editors)
        self.layers[document.file] = layer
        document.destroyed.connect(lambda _=None, f=document.file: self.layers.pop(f, None))
        document.highlighter.add_layer(layer)

    def layer_for(self, editor: ChapterEditor) -> SpellLayer | None:
        return next((x for x in self.layers.values() if x.document is editor.document()), None)

    # -- the editors -------------------------------------------------------------------

    def _hook_editor(self, editor: ChapterEditor) -> None:
        editor.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        # Qt gives a scroll area's customContextMenuRequested position in viewport
        # coordinates already (QAbstractScrollArea maps the event to its viewport).
        editor.customContextMenuRequested.connect(lambda pos, e=editor: self.show_menu(e, pos))
        editor.verticalScrollBar().valueChanged.connect(lambda _=0, e=editor: self._scrolled(e))
        editor.installEventFilter(self)
        editor.viewport().installEventFilter(self)

    def _scrolled(self, editor: ChapterEditor) -> None:
        layer = self.layer_for(editor)
        if layer is not None:
            layer.refresh_visible()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Tell the layer about keys and clicks before the editor handles them."""
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress):
            editor = watched if isinstance(watched, ChapterEditor) else watched.parent()
            layer = self.layer_for(editor) if isinstance(editor, ChapterEditor) else None
            if layer is not None and isinstance(event, QKeyEvent):
                layer.key_pressed(event.text())
            elif layer is not None:
                layer.left_word()
        return False

    def menu_for(self, editor: ChapterEditor, viewport_pos: QPoint) -> QMenu:
        return build_menu(editor, viewport_pos, self.session, self._report)

    def show_menu(self, editor: ChapterEditor, viewport_pos: QPoint) -> None:
        menu = self.menu_for(editor, viewport_pos)
        self.last_menu = menu
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(editor.viewport().mapToGlobal(viewport_pos))

    def _report(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 5000)

    # -- Tools ▸ Spelling --------------------------------------------------------------

    def _build_menu(self) -> None:
        menu = self.window.shell.add_menu("tools/check", "&Spelling")
        self.check_action = QAction("Check Spelling as You Type", self.window, checkable=True)
        self.check_action.setChecked(True)
        self.check_action.toggled.connect(self._toggle)
        menu.addAction(self.check_action)
        self.language_menu = menu.addMenu("Story &Dictionary")
        story = self.window.session  # the dictionary is written into story.toml
        story.read_only_changed.connect(lambda _on: self._update_language_menu_state())
        story.opened.connect(lambda _p: self._update_language_menu_state())
        self.language_group = QActionGroup(self)
        self.language_group.triggered.connect(self._language_chosen)
        self.spelling_menu = menu

    def _update_menu(self) -> None:
        self.language_menu.clear()
        project = self.window.project
        current = project.spelling.dictionary if project is not None else ""
        tags = installed_tags()
        if current and current not in tags:
            tags.append(current)
        for tag in tags:
            action = self.language_menu.addAction(tag)
            action.setCheckable(True)
            action.setChecked(tag == current)
            action.setData(tag)
            self.language_group.addAction(action)
        if not tags:
            self.language_menu.addAction("No dictionaries installed").setEnabled(False)

    def _update_language_menu_state(self) -> None:
        self.language_menu.setEnabled(self.window.session.can_edit())

    def _language_chosen(self, action: QAction) -> None:
        project = self.window.project
        tag = str(action.data())
        if not self.window.session.can_edit():
            return
        if project is None or self.session is None or tag == project.spelling.dictionary:
            return
        project.spelling.dictionary = tag
        self.window.story_changed()
        self.session.reload()
        self._report(self.session.problem or f"Checking spelling with {tag}")

    def _toggle(self, on: bool) -> None:
        if self.session is not None:
            self.session.set_enabled(on)
