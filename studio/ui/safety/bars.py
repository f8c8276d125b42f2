"""Message bars shown above an editor pane: a notice with actions, and the conflict bar."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from studio.ui.safety.tones import bar_tone


class NoticeBar(QWidget):
    """A slim coloured bar: a message on the left, buttons on the right.

    The coloured frame sits inside a little margin so it does not touch the pane's
    header or the text below it.
    """

    def __init__(
        self, message: str, *, tone: str = "warning", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.tone = tone
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 6, 10, 4)
        frame = QFrame()
        frame.setObjectName("noticeBar")
        colors = bar_tone(self, tone)
        frame.setStyleSheet(
            f"QFrame#noticeBar {{ background: {colors.background};"
            f" border: 1px solid {colors.border}; border-radius: 6px; }}"
            f" QFrame#noticeBar QLabel {{ color: {colors.text}; background: transparent; }}"
        )
        outer.addWidget(frame)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QHBoxLayout(frame)
        layout.setContentsMargins(12, 6, 8, 6)
        layout.setSpacing(8)
        self.label = QLabel(message)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self._layout = layout

    @property
    def message(self) -> str:
        return self.label.text()

    def set_message(self, message: str) -> None:
        self.label.setText(message)

    def add_action(
        self, text: str, callback: Callable[[], None], *, name: str = "", primary: bool = False
    ) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name or text)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setDefault(primary)
        button.clicked.connect(lambda _checked=False: callback())
        self._layout.addWidget(button)
        return button

    def button(self, name: str) -> QPushButton:
        found = self.findChild(QPushButton, name)
        if found is None:
            raise KeyError(name)
        return found


class ConflictBar(NoticeBar):
    """The chapter changed on disk while the pane has unsaved edits: the author decides."""

    keep_mine = Signal()
    take_file = Signal()
    compare = Signal()

    def __init__(self, chapter_title: str, parent: QWidget | None = None) -> None:
        super().__init__(
            f"“{chapter_title}” was changed outside Studio while you have unsaved edits.",
            tone="warning",
            parent=parent,
        )
        self.add_action("Compare", self.compare.emit, name="compare")
        self.add_action("Take the file’s", self.take_file.emit, name="takeFile")
        self.add_action("Keep mine", self.keep_mine.emit, name="keepMine", primary=True)
