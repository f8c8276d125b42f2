"""Suggested insertions shown inline: the proposed words, coloured, where they would go.

A pending insertion (or the new words of a replacement) is not in the chapter's text,
so Qt cannot lay it out. Instead the character just before its point is given extra
letter spacing as wide as the proposed words (a highlight layer format: the text, the
caret positions and hit testing stay the author's), and an overlay on the editor's
viewport paints the words, green and underlined, into that gap. The caret at the point
shows after the words, as in a word processor. Where the point starts a paragraph
there is no character before it to widen: the words are shown in the gap only when the
paragraph is empty, otherwise the first character is underlined and the words are in
the tooltip and the Review panel. Long proposals are shown shortened ("…").
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from studio.review import ChapterReview
from studio.ui.review.colors import LIGHT, review_colors
from studio.ui.review.positions import Positions

INSERT_INK = LIGHT.insert_ink  # on the light page; review_colors() has the theme's
SHOWN_LIMIT = 60  # characters of a proposal shown inline
PAD = 3.0  # pixels either side of the shown words


@dataclass(frozen=True)
class Insertion:
    """One proposal's words as drawn: `point` is the document position they go to;
    `gap_at` the character widened to make room (-1: none, an empty paragraph or the
    start of one)."""

    point: int
    shown: str
    gap_at: int
    width: float


def shown_words(text: str) -> str:
    """The proposal as one short line: line breaks as ¶, long ones shortened."""
    flat = text.replace("\r\n", "\n").replace("\n", "¶")
    return flat if len(flat) <= SHOWN_LIMIT else flat[: SHOWN_LIMIT - 1] + "…"


def insertions(
    review: ChapterReview | None, positions: Positions | None, document: QTextDocument
) -> list[Insertion]:
    """Where each pending insertion or replacement of the chapter shows its words."""
    if review is None or positions is None:
        return []
    metrics = QFontMetricsF(document.defaultFont())
    found: list[Insertion] = []
    for suggestion in review.pending_suggestions():
        if not suggestion.text or suggestion.anchor.detached:
            continue
        point = positions.to_qt(suggestion.anchor.end)
        block = document.findBlock(point)
        if not block.isValid():
            continue
        shown = shown_words(suggestion.text)
        width = metrics.horizontalAdvance(shown) + 2 * PAD
        if point > block.position():
            found.append(Insertion(point, shown, point - 1, width))
        elif block.length() == 1:
            found.append(Insertion(point, shown, -1, width))
    return found


def gap_format(width: float) -> QTextCharFormat:
    """The format that widens one character by `width` pixels (after its glyph)."""
    fmt = QTextCharFormat()
    fmt.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
    fmt.setFontLetterSpacing(width)
    return fmt


class InsertionOverlay(QWidget):
    """Paints the proposed words of one editor's chapter into their gaps."""

    def __init__(self, editor: QPlainTextEdit, state: object) -> None:
        super().__init__(editor.viewport())
        self.setObjectName("reviewInsertions")
        self.editor = editor
        self.state = state
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        editor.updateRequest.connect(lambda _rect, _dy: self._follow())
        changed = getattr(state, "changed", None)
        if changed is not None:
            changed.connect(lambda _file: self.update())
        self._follow()
        self.show()

    def _follow(self) -> None:
        """Stay on the whole viewport (a scroll moves children with it).

        No repaint of its own here: it is a child of the viewport, so Qt paints it
        wherever the text is painted again. Asking for one on each of the editor's
        update requests painted the whole page a second time on every keystroke
        (the overlay is transparent: its repaint is the text's too)."""
        rect = self.editor.viewport().rect()
        if self.geometry() != rect:
            self.setGeometry(rect)

    def current(self) -> list[Insertion]:
        document = self.editor.document()
        file_of = getattr(self.state, "file_of", None)
        file = file_of(document) if callable(file_of) else None
        if file is None:
            return []
        review = getattr(self.state, "reviews", {}).get(file)
        if review is None or not review.live_anchors():
            return []  # nothing proposed: no need for the chapter's positions
        positions = getattr(self.state, "positions", lambda _f: None)(file)
        return insertions(review, positions, document)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        marks = self.current()
        if not marks:
            return
        document = self.editor.document()
        painter = QPainter(self)
        try:
            font = document.defaultFont()
            painter.setFont(font)
            metrics = QFontMetricsF(font)
            page = self.editor.palette().color(QPalette.ColorRole.Base)
            colors = review_colors()
            for mark in marks:
                rect = self._rect(mark, metrics)
                if rect is None or not rect.intersects(QRectF(event.rect())):
                    continue
                painter.fillRect(rect, page)  # hide a strike-out running into the gap
                painter.fillRect(rect, colors.insert_wash)
                underlined = QFont(font)
                underlined.setUnderline(True)
                painter.setFont(underlined)
                painter.setPen(colors.insert_ink)
                baseline = rect.top() + (rect.height() - metrics.height()) / 2 + metrics.ascent()
                painter.drawText(QPointF(rect.left() + PAD, baseline), mark.shown)
                painter.setFont(font)
        finally:
            painter.end()

    def _rect(self, mark: Insertion, metrics: QFontMetricsF) -> QRectF | None:
        """The gap's rectangle in viewport coordinates."""
        document = self.editor.document()
        if mark.point > document.characterCount() - 1:
            return None
        cursor = QTextCursor(document)
        cursor.setPosition(mark.point)
        caret = self.editor.cursorRect(cursor)
        if mark.gap_at >= 0:
            # the caret at the point stands after the widened character: the gap ends there
            left = caret.left() - mark.width
            before = QTextCursor(document)
            before.setPosition(mark.gap_at)
            start = self.editor.cursorRect(before)
            if start.top() != caret.top():  # the widened character ends a wrapped line
                glyph = document.characterAt(mark.gap_at)
                left = start.left() + metrics.horizontalAdvance(glyph)
                caret = start
        else:
            left = caret.left()
        return QRectF(left, caret.top(), mark.width, max(caret.height(), metrics.height()))
