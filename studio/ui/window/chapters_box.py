"""The left column: the "Chapters" heading with its + button over the chapter list."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.ui.chapter_list import ChapterList

EDITABLE = (
    QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
)


class ChaptersBox(QWidget):
    """The chapter list with its heading; read-only, it takes no drags, renames or adds."""

    add_requested = Signal()  # the + button
    menu_requested = Signal(object, QPoint)  # the file under a right-click (or None), where

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chaptersBox")
        self.list = ChapterList()
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(
            lambda at: self.menu_requested.emit(
                self.list.file_at(at), self.list.viewport().mapToGlobal(at)
            )
        )
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        header = QHBoxLayout()
        header.setContentsMargins(14, 8, 6, 4)
        label = QLabel("Chapters")
        label.setObjectName("sectionTitle")
        header.addWidget(label)
        header.addStretch(1)
        self.add_button = QToolButton()
        self.add_button.setText("+")
        self.add_button.setToolTip("Add a chapter")
        self.add_button.setAutoRaise(True)
        self.add_button.clicked.connect(self.add_requested)
        header.addWidget(self.add_button)
        box.addLayout(header)
        box.addWidget(self.list, 1)

    def set_read_only(self, on: bool) -> None:
        self.list.setDragEnabled(not on)
        no_edits = QAbstractItemView.EditTrigger.NoEditTriggers
        self.list.setEditTriggers(no_edits if on else EDITABLE)
        self.add_button.setEnabled(not on)
