"""Form fields of the metadata panel, each with a `changed` signal and `set_value`.

`set_value` never emits `changed`, so filling the form from story.toml does not write
it back. Fields with an archive limit show a live counter that turns red past it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from studio.ui.theme import current_editor_colors

# The Archive of Our Own's limits, in characters.
TITLE_LIMIT = 255
SUMMARY_LIMIT = 1250
NOTES_LIMIT = 5000
TAG_LIMIT = 150


class Counter(QLabel):
    """ "312 / 1250", dim until past the limit, then red."""

    def __init__(self, limit: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.limit = limit
        self.setObjectName("counter")
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.over = False
        self.show_count(0)

    def show_count(self, count: int, what: str = "") -> None:
        self.over = count > self.limit
        self.setText(f"{what}{count:,} / {self.limit:,}")
        if self.over:
            color = current_editor_colors().error.name()
            self.setStyleSheet(f"color: {color}; font-weight: bold;")
            self.setToolTip(f"Over the archive's limit of {self.limit:,} characters")
        else:
            self.setStyleSheet("color: palette(placeholder-text);")
            self.setToolTip("")


class FieldLabel(QWidget):
    """A field's name on the left and its counter (if any) on the right."""

    def __init__(self, text: str, counter: Counter | None = None) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 2)
        self.label = QLabel(text)
        self.label.setObjectName("fieldLabel")
        layout.addWidget(self.label)
        layout.addStretch(1)
        if counter is not None:
            layout.addWidget(counter)


class LineField(QLineEdit):
    """One line of text."""

    changed = Signal(str)

    def __init__(self, limit: int | None = None) -> None:
        super().__init__()
        self.counter = Counter(limit) if limit else None
        self.textEdited.connect(self._edited)

    def set_value(self, value: str) -> None:
        if value != self.text():
            self.setText(value)
        self._count()

    def value(self) -> str:
        return self.text()

    def _edited(self, text: str) -> None:
        self._count()
        self.changed.emit(text)

    def _count(self) -> None:
        if self.counter is not None:
            self.counter.show_count(len(self.text()))


class TextField(QPlainTextEdit):
    """Several lines of text (summary, notes)."""

    changed = Signal(str)

    def __init__(self, limit: int | None = None, lines: int = 4) -> None:
        super().__init__()
        self.counter = Counter(limit) if limit else None
        self.setTabChangesFocus(True)
        height = self.fontMetrics().lineSpacing() * lines + 14
        self.setFixedHeight(height)
        self._filling = False
        self._value = ""
        # textChanged also comes when only formats change (the spell checker's
        # underlines): `changed` is sent only when the text did.
        self.textChanged.connect(self._edited)

    def set_value(self, value: str) -> None:
        value = value.strip("\n")
        if value != self.toPlainText():
            self._filling = True
            self.setPlainText(value)
            self._filling = False
        self._value = self.toPlainText()
        self._count()

    def value(self) -> str:
        return self.toPlainText()

    def _edited(self) -> None:
        text = self.toPlainText()
        if self._filling or text == self._value:
            return
        self._value = text
        self._count()
        self.changed.emit(text)

    def _count(self) -> None:
        if self.counter is not None:
            self.counter.show_count(len(self.toPlainText()))


class TagField(QLineEdit):
    """A tag list as the archive's form takes it: tags separated by commas."""

    changed = Signal(list)

    def __init__(self, placeholder: str = "Separate tags with commas") -> None:
        super().__init__()
        self.setPlaceholderText(placeholder)
        self.counter = Counter(TAG_LIMIT)
        self.counter.hide()
        self.textEdited.connect(self._edited)

    def set_value(self, tags: list[str]) -> None:
        text = ", ".join(tags)
        if self.tags() != tags:
            self.setText(text)
        self._count()

    def tags(self) -> list[str]:
        return [t.strip() for t in self.text().split(",") if t.strip()]

    def value(self) -> list[str]:
        return self.tags()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        tidy = ", ".join(self.tags())
        if tidy != self.text():
            self.setText(tidy)

    def _edited(self) -> None:
        self._count()
        self.changed.emit(self.tags())

    def _count(self) -> None:
        """Show the longest tag's length when it nears or passes the limit."""
        longest = max((len(t) for t in self.tags()), default=0)
        self.counter.setVisible(longest > TAG_LIMIT * 0.8)
        self.counter.show_count(longest, "longest tag ")


class CheckList(QWidget):
    """Checkboxes for a fixed list of choices (archive warnings, categories)."""

    changed = Signal(list)

    def __init__(self, choices: tuple[str, ...], columns: int = 1) -> None:
        super().__init__()
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        for i, choice in enumerate(choices):
            box = QCheckBox(choice)
            box.toggled.connect(self._toggled)
            self.boxes[choice] = box
            grid.addWidget(box, i // columns, i % columns)
        self._extra: list[str] = []

    def set_value(self, values: list[str]) -> None:
        self._extra = [v for v in values if v not in self.boxes]  # kept, never dropped
        for choice, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(choice in values)
            box.blockSignals(False)

    def value(self) -> list[str]:
        return [c for c, box in self.boxes.items() if box.isChecked()] + self._extra

    def _toggled(self) -> None:
        self.changed.emit(self.value())


def column(*widgets: QWidget) -> QVBoxLayout:
    layout = QVBoxLayout()
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    for widget in widgets:
        layout.addWidget(widget)
    return layout
