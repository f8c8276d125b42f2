"""Preferences: theme, smart quotes and dashes, autosave pause, text size."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QSpinBox,
    QWidget,
)

from studio.ui.document import AUTOSAVE_MS
from studio.ui.settings import open_settings, read_bool, read_int
from studio.ui.theme import ThemeChoice

THEME_LABELS = {
    ThemeChoice.SYSTEM: "Follow the system",
    ThemeChoice.LIGHT: "Light",
    ThemeChoice.DARK: "Dark",
}


@dataclass
class Preferences:
    theme: ThemeChoice = ThemeChoice.SYSTEM
    smart_typing: bool = True
    autosave_ms: int = AUTOSAVE_MS
    font_size: float = 13.5
    backups_keep: int = 10  # zip snapshots kept per story (studio.ui.safety)

    @classmethod
    def load(cls) -> Preferences:
        settings = open_settings()
        raw_theme = str(settings.value("prefs/theme", ThemeChoice.SYSTEM.value))
        theme = ThemeChoice(raw_theme) if raw_theme in set(ThemeChoice) else ThemeChoice.SYSTEM
        try:
            font_size = float(str(settings.value("prefs/font_size", 13.5)))
        except ValueError:
            font_size = 13.5
        return cls(
            theme=theme,
            smart_typing=read_bool(settings, "prefs/smart_typing", True),
            autosave_ms=max(300, read_int(settings, "prefs/autosave_ms", AUTOSAVE_MS)),
            font_size=min(max(font_size, 8.0), 32.0),
            backups_keep=min(max(read_int(settings, "prefs/backups_keep", 10), 1), 100),
        )

    def save(self) -> None:
        settings = open_settings()
        settings.setValue("prefs/theme", self.theme.value)
        settings.setValue("prefs/smart_typing", self.smart_typing)
        settings.setValue("prefs/autosave_ms", self.autosave_ms)
        settings.setValue("prefs/font_size", self.font_size)
        settings.setValue("prefs/backups_keep", self.backups_keep)
        settings.sync()


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
        self.font_size = QSpinBox()
        self.font_size.setRange(8, 32)
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(round(prefs.font_size))
        form.addRow("Text size", self.font_size)
        self.backups_keep = QSpinBox()
        self.backups_keep.setRange(1, 100)
        self.backups_keep.setValue(prefs.backups_keep)
        form.addRow("Backups to keep", self.backups_keep)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def result_preferences(self) -> Preferences:
        return replace(
            self._prefs,
            theme=ThemeChoice(str(self.theme.currentData())),
            smart_typing=self.smart.isChecked(),
            autosave_ms=round(self.autosave.value() * 1000),
            font_size=float(self.font_size.value()),
            backups_keep=self.backups_keep.value(),
        )
