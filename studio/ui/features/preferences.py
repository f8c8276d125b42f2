"""Edit ▸ Preferences…, Edit ▸ Smart Quotes and Dashes, View ▸ Theme.

The theme follows the desktop (QStyleHints.colorSchemeChanged) unless the author chose
light or dark; the editor's colours, its highlighting and the typography (font, line
width, line spacing) follow the preferences, which are remembered (studio.ui.preferences).
Smart quotes follow the quotes each chapter already uses, so typing never brings in a
quote style the story's own proofreader would then complain about.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication

from studio.ui.document import ChapterDocument
from studio.ui.editor import ChapterEditor
from studio.ui.editor.chapter_editor import apply_typography
from studio.ui.editor.smart_typing import CURLY, quote_style
from studio.ui.preferences import Preferences, PreferencesDialog
from studio.ui.session import StorySession
from studio.ui.shell import ActionSpec, Shell
from studio.ui.style import window_style_sheet
from studio.ui.theme import ThemeChoice, apply_theme, editor_colors, system_scheme

THEMES = (
    (ThemeChoice.SYSTEM, "Follow the &System"),
    (ThemeChoice.LIGHT, "&Light"),
    (ThemeChoice.DARK, "&Dark"),
)


class PreferencesFeature(QObject):
    """Theme, typography and typing preferences (`feature(window, PreferencesFeature)`)."""

    def __init__(self, shell: Shell, session: StorySession) -> None:
        super().__init__(shell)
        self.shell = shell
        self.session = session
        self._dark = False
        self._scheme = system_scheme()
        self._quote_styles: dict[str, str] = {}  # chapter file → "curly" / "straight"
        prefs = shell.preferences()
        self.smart = shell.add_action(
            ActionSpec(
                "edit.smart_typing",
                "S&mart Quotes and Dashes",
                "edit/typing",
                self.set_smart_typing,
                checkable=True,
                checked=prefs.smart_typing,
            )
        )
        shell.add_action(
            ActionSpec(
                "edit.preferences",
                "Pre&ferences…",
                "edit/preferences",
                self.show_dialog,
                QKeySequence.StandardKey.Preferences,
            )
        )
        menu = shell.add_menu("view/theme", "&Theme")
        self.themes = QActionGroup(self)
        for choice, label in THEMES:
            action = QAction(label, self, checkable=True)
            action.setObjectName(f"view.theme.{choice.value}")
            action.setData(choice.value)
            action.setChecked(choice is prefs.theme)
            action.triggered.connect(lambda _=False, c=choice: self.set_theme(c))
            self.themes.addAction(action)
            menu.addAction(action)
        for editor in shell.editors():
            editor.smart_typing = prefs.smart_typing
        shell.preferences_changed.connect(self._changed)
        shell.chapter_shown.connect(self._chapter_shown)
        session.document_opened.connect(self._document_opened)
        session.closed.connect(self._quote_styles.clear)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._scheme_changed)
        self.apply_theme()

    @property
    def dark(self) -> bool:
        """Whether the window shows the dark theme now."""
        return self._dark

    def set_smart_typing(self, on: bool) -> None:
        prefs = self.shell.preferences()
        if on != prefs.smart_typing:
            prefs.smart_typing = on
            prefs.save()
        for editor in self.shell.editors():
            editor.smart_typing = on

    def set_theme(self, choice: ThemeChoice) -> None:
        prefs = self.shell.preferences()
        prefs.theme = choice
        prefs.save()
        self.apply_theme()

    def show_dialog(self) -> None:
        dialog = PreferencesDialog(self.shell.preferences(), self.shell.dialog_parent())
        if dialog.exec():
            self.shell.set_preferences(dialog.result_preferences())

    def _changed(self, prefs: Preferences) -> None:
        self.smart.setChecked(prefs.smart_typing)
        for action in self.themes.actions():
            action.setChecked(action.data() == prefs.theme.value)
        if self.session.documents is not None:
            self.session.documents.set_autosave_interval(prefs.autosave_ms)
        self.apply_theme()

    def _scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        """The desktop switched between light and dark."""
        self._scheme = scheme
        if self.shell.preferences().theme is ThemeChoice.SYSTEM:
            self.apply_theme()

    def apply_theme(self) -> None:
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        prefs = self.shell.preferences()
        self._dark = apply_theme(app, prefs.theme, self._scheme)
        colors = editor_colors(self._dark)
        self.shell.set_style_sheet(window_style_sheet(self._dark))
        apply_typography(prefs.typography())
        for editor in self.shell.editors():
            editor.apply_colors(colors)
        if self.session.documents is not None:
            for document in self.session.documents.documents():
                document.highlighter.set_colors(colors)

    def _document_opened(self, document: ChapterDocument) -> None:
        document.highlighter.set_colors(editor_colors(self._dark))

    def _chapter_shown(self, editor: ChapterEditor, file: str) -> None:
        """Smart quotes follow the chapter's own quotes (else the story's, else curly)."""
        style = self._quote_styles.get(file)
        if style is None:
            text = self.session.open_text(file) or ""
            default = next(iter(self._quote_styles.values()), CURLY)
            style = self._quote_styles[file] = quote_style(text, default)
        editor.quote_style = style


def install(shell: Shell, session: StorySession) -> PreferencesFeature:
    return PreferencesFeature(shell, session)
