"""A comment's thread in a popup at its words, with Reply / Resolve / Reopen.

Opened from the editor's context menu ("Open Thread…") on commented words; the same
actions as the Review panel's, for an author who keeps the panel closed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.review import Comment
from studio.ui.review.panel import thread_html

Act = Callable[[str, str], None]  # what, reply text


class ThreadPopup(QFrame):
    """The thread of one comment; closes when the author clicks elsewhere."""

    def __init__(self, comment: Comment, act: Act, editable: bool, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("reviewThreadPopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._edge()
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.act = act
        self.label = QLabel(thread_html(comment))
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setMinimumWidth(320)
        self.label.setMaximumWidth(420)
        self.reply = QLineEdit()
        self.reply.setObjectName("reviewPopupReply")
        self.reply.setPlaceholderText("Reply…")
        self.reply.returnPressed.connect(self._reply)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, label, shown in (
            ("reply", "Reply", True),
            ("resolve", "Resolve", not comment.resolved),
            ("reopen", "Reopen", comment.resolved),
        ):
            if not shown:
                continue
            button = QPushButton(label)
            button.setObjectName(f"reviewPopup-{key}")
            button.setEnabled(editable)
            if key == "reply":
                button.clicked.connect(self._reply)
            else:
                button.clicked.connect(partial(self._do, key))
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        self.reply.setEnabled(editable)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.label)
        layout.addWidget(self.reply)
        layout.addLayout(row)

    def _edge(self) -> None:
        """A 1 px edge in the theme's mid colour: Fusion's panel frame is the window
        colour darkened, which on the dark theme vanishes into the dark editor page
        the popup floats over."""
        palette = self.palette()
        mid = palette.color(QPalette.ColorRole.Mid).name()
        window = palette.color(QPalette.ColorRole.Window).name()
        self.setStyleSheet(
            f"QFrame#reviewThreadPopup {{ border: 1px solid {mid}; background: {window}; }}"
        )

    def show_at(self, point: QPoint) -> None:
        self.adjustSize()
        self.move(point)
        self.show()
        self.reply.setFocus()

    def _reply(self) -> None:
        text = self.reply.text().strip()
        if text:
            self.act("reply", text)
            self.close()

    def _do(self, what: str, _checked: bool = False) -> None:
        self.act(what, "")
        self.close()
