"""Comment markers in the editor's right margin: a small speech bubble beside each line
where an open comment starts; a click opens its thread.

The text column is centred with viewport margins (`ChapterEditor._update_margins`),
which leave at least `SIDE_PADDING` pixels either side; the marker strip is a child of
the editor sitting in the right one, just beside the column, so it never covers words.
Several comments starting on one line share a marker that shows their number; a click
opens the first one's thread (the tooltip lists them all). Only the lines on screen are
looked at, so a chapter with hundreds of comments paints as fast as one with none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QTextCursor,
)
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from studio.review import Comment
from studio.ui.review.panel import quote
from studio.ui.review.state import ReviewState

STRIP = 22  # pixels wide
GAP = 4  # pixels between the column and the strip
BUBBLE = QColor(232, 160, 20)  # the comment tint, opaque: reads on light and dark pages
BUBBLE_EDGE = QColor(150, 95, 0)

Open = Callable[[QPlainTextEdit, str, str, QTextCursor], object]  # editor, file, id, cursor


@dataclass(frozen=True)
class Marker:
    """One marker: where it is drawn (strip coordinates) and the comments it stands for."""

    rect: QRect
    comments: tuple[Comment, ...]


class CommentMargin(QWidget):
    """The marker strip of one editor (see module docstring)."""

    def __init__(self, editor: QPlainTextEdit, state: ReviewState, open_thread: Open) -> None:
        super().__init__(editor)
        self.setObjectName("reviewMargin")
        self.editor = editor
        self.state = state
        self.open_thread = open_thread
        self.setMouseTracking(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        editor.updateRequest.connect(lambda _rect, _dy: self._follow())
        editor.viewport().installEventFilter(self)
        state.changed.connect(lambda _file: self.update())
        state.reset.connect(self.update)
        self._follow()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move):
            self._follow()
        return False

    def _follow(self) -> None:
        """Stand just right of the text column, as tall as it."""
        column = self.editor.viewport().geometry()
        room = self.editor.width() - column.right() - 1
        width = max(min(STRIP, room - GAP), 0)
        rect = QRect(column.right() + 1 + GAP, column.top(), width, column.height())
        if self.geometry() != rect:
            self.setGeometry(rect)
        self.raise_()
        self.update()

    # -- what is shown ---------------------------------------------------------------

    def markers(self) -> list[Marker]:
        """The markers of the lines on screen, top to bottom."""
        editor = self.editor
        file = self.state.file_of(editor.document())
        review = self.state.reviews.get(file) if file is not None else None
        if file is None or review is None or not review.live_anchors():
            return []  # nothing anchored: no need for the chapter's positions
        positions = self.state.positions(file)
        if positions is None:
            return []
        first = editor.firstVisibleBlock()
        if not first.isValid():
            return []
        bottom = editor.viewport().height()
        last = first
        offset = editor.contentOffset()
        block = first
        while block.isValid() and editor.blockBoundingGeometry(block).translated(offset).top() <= (
            bottom
        ):
            last = block
            block = block.next()
        low, high = first.position(), last.position() + last.length()
        by_line: dict[int, list[Comment]] = {}
        size = min(self.width(), STRIP) - 4
        for comment in review.comments:
            anchor = comment.anchor
            if comment.resolved or anchor.detached:
                continue
            at = positions.to_qt(anchor.start)
            if not low <= at < high:
                continue
            cursor = QTextCursor(editor.document())
            cursor.setPosition(min(at, editor.document().characterCount() - 1))
            line = editor.cursorRect(cursor)
            by_line.setdefault(line.top() + (line.height() - size) // 2, []).append(comment)
        return [
            Marker(QRect(2, top, size, size), tuple(comments))
            for top, comments in sorted(by_line.items())
        ]

    def marker_at(self, point: QPoint) -> Marker | None:
        for marker in self.markers():
            if marker.rect.adjusted(-2, -2, 2, 2).contains(point):
                return marker
        return None

    # -- painting and clicks ---------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        markers = self.markers()
        if not markers or self.width() < 8:
            return
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            font = painter.font()
            font.setPixelSize(max(self.width() // 2, 8))
            font.setBold(True)
            painter.setFont(font)
            for marker in markers:
                if marker.rect.intersects(event.rect()):
                    self._paint_bubble(painter, marker)
        finally:
            painter.end()

    def _paint_bubble(self, painter: QPainter, marker: Marker) -> None:
        """A rounded speech bubble with a tail pointing at the words; a count inside
        when several comments start on the line."""
        rect = QRectF(marker.rect).adjusted(0.5, 0.5, -0.5, -3.5)
        path = QPainterPath()
        path.addRoundedRect(rect, 3, 3)
        tail = QPainterPath()
        tail.moveTo(rect.left() + 2, rect.bottom() - 1)
        tail.lineTo(rect.left() + 1, rect.bottom() + 3.5)
        tail.lineTo(rect.left() + 7, rect.bottom() - 1)
        tail.closeSubpath()
        painter.setPen(BUBBLE_EDGE)
        painter.setBrush(BUBBLE)
        painter.drawPath(path.united(tail))
        ink = self.editor.palette().color(QPalette.ColorRole.Base)
        painter.setPen(ink if ink.lightness() > 128 else QColor("white"))
        if len(marker.comments) > 1:
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(len(marker.comments)))
        else:
            for n in range(3):  # three dots, as a speech bubble
                x = rect.left() + rect.width() * (n + 1) / 4
                painter.drawEllipse(QRectF(x - 1.2, rect.center().y() - 1.2, 2.4, 2.4))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        marker = self.marker_at(event.position().toPoint())
        if marker is None or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        file = self.state.file_of(self.editor.document())
        positions = self.state.positions(file) if file is not None else None
        if file is None or positions is None:
            return
        comment = marker.comments[0]
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(positions.to_qt(comment.anchor.start))
        cursor.setPosition(positions.to_qt(comment.anchor.end), QTextCursor.MoveMode.KeepAnchor)
        self.open_thread(self.editor, file, comment.id, cursor)
        event.accept()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            marker = self.marker_at(event.pos())
            if marker is None:
                QToolTip.hideText()
                event.ignore()
                return True
            lines = [f"{c.author}: {quote(c.text, 60)}" for c in marker.comments]
            lines.append("Click to open the thread" if len(lines) == 1 else "Click: the first")
            QToolTip.showText(event.globalPos(), "\n".join(lines), self)
            return True
        return super().event(event)
