"""What the window shows with no story open: recent stories, or why one did not open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.recent import recent_projects, story_title


class StartPage(QWidget):
    """Buttons to open or create a story, the recent list, and an error if opening failed."""

    open_requested = Signal()
    new_requested = Signal()
    sample_requested = Signal()
    recent_requested = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startPage")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.setSpacing(12)
        title = QLabel("Studio")
        title.setObjectName("startTitle")
        column.addWidget(title)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setObjectName("startError")
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        column.addWidget(self.error)
        buttons = QHBoxLayout()
        for text, signal in (
            ("Open story…", self.open_requested),
            ("New story…", self.new_requested),
            ("Open the sample story", self.sample_requested),
        ):
            button = QPushButton(text)
            button.clicked.connect(signal)
            buttons.addWidget(button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        column.addWidget(QLabel("Recent stories"))
        self.recent = QListWidget()
        self.recent.setMaximumHeight(220)
        # Opened when activated (double-click, or Enter), never on a single click: the
        # story's editor takes the keyboard as it opens, so the Enter that so often
        # follows a click went into the text, a line break before the first word.
        self.recent.itemActivated.connect(self._recent_chosen)
        column.addWidget(self.recent)
        row = QHBoxLayout()
        row.addStretch(1)
        holder = QWidget()
        holder.setLayout(column)
        holder.setMaximumWidth(640)
        holder.setMinimumWidth(480)
        row.addWidget(holder)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def show_error(self, message: str | None) -> None:
        """Show why a story could not be opened (None hides it)."""
        self.error.setText(f"This story could not be opened:\n\n{message}" if message else "")
        self.error.setVisible(bool(message))

    def refresh(self) -> None:
        self.recent.clear()
        for path in recent_projects():
            item = QListWidgetItem(f"{story_title(path)}    —    {path}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.recent.addItem(item)

    def _recent_chosen(self, item: QListWidgetItem) -> None:
        self.recent_requested.emit(Path(str(item.data(Qt.ItemDataRole.UserRole))))
