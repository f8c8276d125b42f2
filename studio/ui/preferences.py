"""Preferences: theme, typing, saving, the editor's typography, the reviewer's name.

Each value is remembered in the settings file (`studio.ui.settings`), read back
clamped to the range the dialog offers, so a hand-edited or old file cannot set the
text at 300 pt. The reviewer name is not a window setting: it lives with the review
core (`studio.review.identity`), where comments, suggestions and DOCX authorship read
it; the dialog shows and changes that same name.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from studio.review import author_name, reviewer_name, set_reviewer_name
from studio.ui.document import AUTOSAVE_MS
from studio.ui.editor.typography import (
    FONT_SIZES,
    LINE_SPACINGS,
    LINE_WIDTHS,
    SERIF_STACK,
    Typography,
)
from studio.ui.settings import open_settings, read_bool, read_float, read_int
from studio.ui.theme import ThemeChoice

THEME_LABELS = {
    ThemeChoice.SYSTEM: "Follow the system",
    ThemeChoice.LIGHT: "Light",
    ThemeChoice.DARK: "Dark",
}
_DEFAULT = Typography()
DEFAULT_FONT_LABEL = "Book serif (Studio's default)"


@dataclass
class Preferences:
    theme: ThemeChoice = ThemeChoice.SYSTEM
    smart_typing: bool = True
    autosave_ms: int = AUTOSAVE_MS
    font_size: float = _DEFAULT.size
    backups_keep: int = 10  # zip snapshots kept per story (studio.ui.safety)
    font_family: str = _DEFAULT.family  # "" is the serif stack
    line_width: int = _DEFAULT.line_width  # characters
    line_spacing: float = _DEFAULT.line_spacing

    def typography(self) -> Typography:
        return Typography(
            self.font_family, self.font_size, self.line_width, self.line_spacing
        ).clamped()

    @classmethod
    def load(cls) -> Preferences:
        settings = open_settings()
        raw_theme = str(settings.value("prefs/theme", ThemeChoice.SYSTEM.value))
        theme = ThemeChoice(raw_theme) if raw_theme in set(ThemeChoice) else ThemeChoice.SYSTEM
        typography = Typography(
            family=str(settings.value("prefs/font_family", _DEFAULT.family)),
            size=read_float(settings, "prefs/font_size", _DEFAULT.size),
            line_width=read_int(settings, "prefs/line_width", _DEFAULT.line_width),
            line_spacing=read_float(settings, "prefs/line_spacing", _DEFAULT.line_spacing),
        ).clamped()
        return cls(
            theme=theme,
            smart_typing=read_bool(settings, "prefs/smart_typing", True),
            autosave_ms=max(300, read_int(settings, "prefs/autosave_ms", AUTOSAVE_MS)),
            font_size=typography.size,
            backups_keep=min(max(read_int(settings, "prefs/backups_keep", 10), 1), 100),
            font_family=typography.family,
            line_width=typography.line_width,
            line_spacing=typography.line_spacing,
        )

    def save(self) -> None:
        settings = open_settings()
        settings.setValue("prefs/theme", self.theme.value)
        settings.setValue("prefs/smart_typing", self.smart_typing)
        settings.setValue("prefs/autosave_ms", self.autosave_ms)
        settings.setValue("prefs/font_size", self.font_size)
        settings.setValue("prefs/backups_keep", self.backups_keep)
        settings.setValue("prefs/font_family", self.font_family)
        settings.setValue("prefs/line_width", self.line_width)
        settings.setValue("prefs/line_spacing", self.line_spacing)
        settings.sync()


def font_families() -> list[str]:
    """The font families a writer may choose: the installed ones, without the hidden
    system faces (their names start with a dot) or symbol-only fonts."""
    families = []
    for family in QFontDatabase.families():
        if family.startswith(".") or QFontDatabase.isPrivateFamily(family):
            continue
        systems = QFontDatabase.writingSystems(family)
        if systems and QFontDatabase.WritingSystem.Latin not in systems:
            continue
        families.append(family)
    return sorted(set(families), key=str.casefold)


class PreferencesDialog(QDialog):
    def __init__(self, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self._prefs = prefs
        form = QFormLayout(self)
        self.theme = QComboBox()
        for choice, label in THEME_LABELS.items():
            self.theme.addItem(label, choice.value)
        self.theme.setCurrentIndex(self.theme.findData(prefs.theme.value))
        form.addRow("Theme", self.theme)
        self.smart = QCheckBox("Turn quotes and double hyphens into “curly” quotes and dashes")
        self.smart.setChecked(prefs.smart_typing)
        form.addRow("Typing", self.smart)
        self.autosave = QDoubleSpinBox()
        self.autosave.setRange(0.3, 30.0)
        self.autosave.setSingleStep(0.5)
        self.autosave.setSuffix(" s")
        self.autosave.setValue(prefs.autosave_ms / 1000)
        form.addRow("Save after a pause of", self.autosave)
        self._add_typography(form, prefs)
        self.backups_keep = QSpinBox()
        self.backups_keep.setRange(1, 100)
        self.backups_keep.setValue(prefs.backups_keep)
        form.addRow("Backups to keep", self.backups_keep)
        self.reviewer = QLineEdit(reviewer_name() or "")
        self.reviewer.setPlaceholderText(author_name())
        self.reviewer.setToolTip("The name written on your comments, suggestions and DOCX review")
        form.addRow("Your name on comments", self.reviewer)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _add_typography(self, form: QFormLayout, prefs: Preferences) -> None:
        self.font_family = QComboBox()
        self.font_family.addItem(DEFAULT_FONT_LABEL, "")
        self.font_family.setToolTip(", ".join(SERIF_STACK[:-1]) + ", whichever is installed")
        for family in font_families():
            self.font_family.addItem(family, family)
        index = self.font_family.findData(prefs.font_family)
        if index < 0:  # a family no longer installed: keep it chosen, say so
            self.font_family.addItem(f"{prefs.font_family} (not installed)", prefs.font_family)
            index = self.font_family.count() - 1
        self.font_family.setCurrentIndex(index)
        form.addRow("Text font", self.font_family)
        self.font_size = QDoubleSpinBox()
        self.font_size.setRange(*FONT_SIZES)
        self.font_size.setSingleStep(0.5)
        self.font_size.setDecimals(1)
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(prefs.font_size)
        form.addRow("Text size", self.font_size)
        self.line_width = QSpinBox()
        self.line_width.setRange(*LINE_WIDTHS)
        self.line_width.setSingleStep(2)
        self.line_width.setSuffix(" characters")
        self.line_width.setToolTip("The text column's widest; a narrower pane wraps sooner")
        self.line_width.setValue(prefs.line_width)
        form.addRow("Line width", self.line_width)
        self.line_spacing = QDoubleSpinBox()
        self.line_spacing.setRange(*LINE_SPACINGS)
        self.line_spacing.setSingleStep(0.05)
        self.line_spacing.setDecimals(2)
        self.line_spacing.setSuffix(" ×")
        self.line_spacing.setValue(prefs.line_spacing)
        form.addRow("Line spacing", self.line_spacing)

    def result_preferences(self) -> Preferences:
        return replace(
            self._prefs,
            theme=ThemeChoice(str(self.theme.currentData())),
            smart_typing=self.smart.isChecked(),
            autosave_ms=round(self.autosave.value() * 1000),
            font_size=float(self.font_size.value()),
            backups_keep=self.backups_keep.value(),
            font_family=str(self.font_family.currentData()),
            line_width=self.line_width.value(),
            line_spacing=round(float(self.line_spacing.value()), 2),
        )

    def accept(self) -> None:
        """OK: the reviewer name is saved where review reads it (if one was typed)."""
        name = " ".join(self.reviewer.text().split())
        if name and name != reviewer_name():
            set_reviewer_name(name)
        super().accept()
