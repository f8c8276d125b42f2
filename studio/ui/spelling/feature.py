"""Spell checking in the window: a layer on every chapter, the metadata panel's text
fields (`FieldSpelling`), the right-click section, and Tools ▸ Spelling (check as you
type, the story's dictionary).

Joins with `install(shell, session)`: the shell gives the highlight layers, the
context section and the menu; every write (a word into dictionary.txt, the
dictionary's tag into story.toml, a suggestion into the text) goes through the session.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QMenu

from studio.errors import StudioError
from studio.spelling import installed_tags
from studio.spelling.wordlists import accepted_words
from studio.story import Project
from studio.ui.document import ChapterDocument
from studio.ui.editor import ChapterEditor
from studio.ui.session import StorySession
from studio.ui.shell import Shell
from studio.ui.spelling.fields import FieldSpelling
from studio.ui.spelling.layer import SpellLayer
from studio.ui.spelling.menu import spelling_section
from studio.ui.spelling.session import SpellingSession


class SpellingFeature(QObject):
    """Everything spelling adds to one window."""

    def __init__(self, shell: Shell, session: StorySession) -> None:
        super().__init__(shell)
        self.shell = shell
        self.story = session
        self.session: SpellingSession | None = None
        self.layers: dict[str, SpellLayer] = {}  # chapter file → layer
        self.last_menu: QMenu | None = None
        for editor in shell.editors():
            self._hook_editor(editor)
        shell.add_context_section(self._context_section)
        # What a reader sees in story.toml is checked as typed too (the metadata panel).
        self.fields = FieldSpelling(
            shell.metadata_text_fields(), self.story.can_edit, self._report, self
        )
        self._build_menu()
        self._names_timer = QTimer(self)
        self._names_timer.setSingleShot(True)
        self._names_timer.setInterval(600)
        self._names_timer.timeout.connect(self._names_changed)
        shell.on_metadata_edited(self._names_timer.start)
        session.closed.connect(self._project_closed)
        shell.window_closing.connect(self._window_closing)
        session.chapters_changed.connect(self._story_words_changed)
        shell.add_highlight_layer(self._layer)
        session.on_open(self._project_opened)

    # -- project and documents ---------------------------------------------------------

    def _project_opened(self, project: Project) -> None:
        self._project_closed()
        self.session = SpellingSession(project, self)
        self.session.write_story_word = self.story.add_word
        # Why the story's own words are not used is known now; a missing dictionary once
        # the speller has opened (on the worker thread).
        if self.session.words_problem:
            self.shell.say(self.session.words_problem, 20000)
        self.session.ready.connect(self._speller_ready)
        self.fields.attach(self.session)
        documents = self.story.documents
        if documents is not None:  # opened before this feature joined (tests, benchmarks)
            for document in documents.documents():
                layer = self._layer(document)
                if layer is not None:
                    document.highlighter.add_layer(layer)
        self._update_menu()

    def _window_closing(self) -> None:
        """The window goes (the story with it): check nothing more, deliver nothing."""
        if self.session is not None:
            self.session.shutdown()

    def _speller_ready(self) -> None:
        session = self.session
        if session is not None and not session.words_problem and session.problem:
            self.shell.say(session.problem, 20000)

    def _project_closed(self) -> None:
        self.fields.attach(None)
        if self.session is not None:
            self.session.shutdown()
            self.session.deleteLater()
        self.session = None
        self.layers.clear()

    def _names_changed(self) -> None:
        if self.session is not None:
            self.session.accept_names()

    def _story_words_changed(self) -> None:
        """dictionary.txt may have gained words (the proofreading panel's Add All)."""
        project = self.story.project
        if self.session is None or project is None:
            return
        try:
            words = accepted_words(project)
        except StudioError:
            return
        self.session.accept_words(words)

    def _layer(self, document: ChapterDocument) -> SpellLayer | None:
        if self.session is None or document.file in self.layers:
            return None
        qdoc = document.document

        def editors() -> list[ChapterEditor]:
            return [e for e in self.shell.editors() if e.document() is qdoc]

        layer = SpellLayer(qdoc, document.highlighter, self.session, editors)
        self.layers[document.file] = layer
        document.destroyed.connect(lambda _=None, f=document.file: self.layers.pop(f, None))
        return layer

    def layer_for(self, editor: ChapterEditor) -> SpellLayer | None:
        return next((x for x in self.layers.values() if x.document is editor.document()), None)

    # -- the editors -------------------------------------------------------------------

    def _hook_editor(self, editor: ChapterEditor) -> None:
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

    def _context_section(self, menu: QMenu, cursor: QTextCursor) -> None:
        if spelling_section(menu, cursor, self.session, self._replace, self._report):
            self.last_menu = menu

    def menu_for(self, editor: ChapterEditor, viewport_pos: QPoint) -> QMenu:
        """The editor's right-click menu at `viewport_pos` (built, not shown)."""
        return editor.build_context_menu(viewport_pos)

    def _replace(self, selection: QTextCursor, text: str) -> None:
        """A suggestion replaces the word, through the session (refused read-only)."""
        try:
            cursor = self.story.edit_cursor(selection.document())
        except StudioError as error:
            self._report(str(error))
            return
        cursor.setPosition(selection.anchor())
        cursor.setPosition(selection.position(), QTextCursor.MoveMode.KeepAnchor)
        cursor.beginEditBlock()
        cursor.insertText(text)
        cursor.endEditBlock()
        editor = next((e for e in self.shell.editors() if e.document() is cursor.document()), None)
        if editor is not None:
            editor.setTextCursor(cursor)

    def _report(self, message: str) -> None:
        self.shell.say(message, 5000)

    # -- Tools ▸ Spelling --------------------------------------------------------------

    def _build_menu(self) -> None:
        menu = self.shell.add_menu("tools/check", "&Spelling")
        self.check_action = QAction("Check Spelling as You Type", menu, checkable=True)
        self.check_action.setObjectName("tools.spelling.as-you-type")
        self.check_action.setChecked(True)
        self.check_action.toggled.connect(self._toggle)
        menu.addAction(self.check_action)
        self.language_menu = menu.addMenu("Story &Dictionary")
        # The dictionary's tag is written into story.toml: not while read-only.
        self.story.read_only_changed.connect(lambda _on: self._update_language_menu_state())
        self.story.opened.connect(lambda _p: self._update_language_menu_state())
        self.language_group = QActionGroup(self)
        self.language_group.triggered.connect(self._language_chosen)
        self.spelling_menu = menu

    def _update_menu(self) -> None:
        self.language_menu.clear()
        project = self.story.project
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
        self.language_menu.setEnabled(self.story.can_edit())

    def _language_chosen(self, action: QAction) -> None:
        project = self.story.project
        tag = str(action.data())
        if not self.story.can_edit():
            return
        if project is None or self.session is None or tag == project.spelling.dictionary:
            return
        project.spelling.dictionary = tag
        self.shell.story_changed()
        self.session.reload()
        self._report(self.session.problem or f"Checking spelling with {tag}")

    def _toggle(self, on: bool) -> None:
        if self.session is not None:
            self.session.set_enabled(on)


def install(shell: Shell, session: StorySession) -> SpellingFeature:
    return SpellingFeature(shell, session)
