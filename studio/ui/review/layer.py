"""Comments and suggestions drawn in the text: a layer of the chapter highlighter.

An open comment tints its words; a suggested deletion is struck through in red; a
replacement strikes the old words; the proposed words of an insertion or replacement are
shown inline, green and underlined, in a gap this layer opens (see `inline`); where no
gap can be opened the character at the point is underlined in green.
`formats()` only reads a per-block cache that `rebuild()` makes when the review changes.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject
from PySide6.QtGui import QTextCharFormat, QTextDocument

from studio.review import Comment, Kind, Suggestion
from studio.ui.editor.highlighter import ChapterHighlighter
from studio.ui.review.colors import LIGHT, ReviewColors, review_colors
from studio.ui.review.inline import gap_format, insertions
from studio.ui.review.state import ReviewState


def comment_format(colors: ReviewColors = LIGHT) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(colors.comment_tint)
    return fmt


def deleted_format(colors: ReviewColors = LIGHT) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontStrikeOut(True)
    fmt.setForeground(colors.deleted_ink)
    fmt.setBackground(colors.deleted_tint)
    return fmt


def inserted_format(colors: ReviewColors = LIGHT) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
    fmt.setUnderlineColor(colors.insert_ink)
    fmt.setBackground(colors.insert_tint)
    return fmt


class ReviewLayer(QObject):
    """The review marks of one chapter document."""

    def __init__(
        self,
        file: str,
        document: QTextDocument,
        highlighter: ChapterHighlighter,
        state: ReviewState,
    ) -> None:
        super().__init__(document)
        self.file = file
        self.document = document
        self.highlighter = highlighter
        self.state = state
        self.runs: dict[int, list[tuple[int, int, QTextCharFormat]]] = {}
        self._restyle(review_colors())
        state.changed.connect(self._changed)
        state.reset.connect(lambda: self._changed(self.file))
        self.rebuild()

    def _restyle(self, colors: ReviewColors) -> None:
        self.colors = colors
        self._comment, self._deleted, self._inserted = (
            comment_format(colors),
            deleted_format(colors),
            inserted_format(colors),
        )

    def formats(self, text: str, block_number: int) -> Iterable[tuple[int, int, QTextCharFormat]]:
        colors = review_colors()
        if colors is not self.colors:  # the theme changed: the highlighter repaints all
            self._restyle(colors)
            self.rebuild()
        return self.runs.get(block_number, ())

    def _changed(self, file: str) -> None:
        if file != self.file:
            return
        before = self.runs
        self.rebuild()
        changed = [n for n in before.keys() | self.runs.keys() if before.get(n) != self.runs.get(n)]
        for number in sorted(changed):
            block = self.document.findBlockByNumber(number)
            if block.isValid():
                self.highlighter.rehighlightBlock(block)

    def rebuild(self) -> None:
        """Work out which characters of which blocks each live item marks."""
        self.runs = {}
        review = self.state.reviews.get(self.file)
        positions = self.state.positions(self.file)
        if review is None or positions is None:
            return
        for item in review.live_anchors():
            if item.anchor.detached:
                continue
            if isinstance(item, Comment) and item.resolved:
                continue
            start, end = positions.to_qt(item.anchor.start), positions.to_qt(item.anchor.end)
            fmt = self._format_of(item)
            if start == end:  # a point: mark the character before it (or after)
                block = self.document.findBlock(start)
                if isinstance(item, Suggestion) and start > block.position():
                    continue  # its words are shown inline, in a gap (below)
                start = start - 1 if start > block.position() else start
                end = start + 1
            self._add(start, end, fmt)
        for mark in insertions(review, positions, self.document):
            if mark.gap_at >= 0:
                self._add(mark.gap_at, mark.gap_at + 1, gap_format(mark.width))

    def _format_of(self, item: Comment | Suggestion) -> QTextCharFormat:
        if isinstance(item, Comment):
            return self._comment
        if item.kind is Kind.INSERT:
            return self._inserted
        return self._deleted

    def _add(self, start: int, end: int, fmt: QTextCharFormat) -> None:
        block = self.document.findBlock(start)
        while block.isValid() and block.position() <= end:
            first = max(start, block.position()) - block.position()
            last = min(end, block.position() + block.length() - 1) - block.position()
            if last > first:
                self.runs.setdefault(block.blockNumber(), []).append((first, last - first, fmt))
            elif block.length() == 1 and start <= block.position() < end:
                pass  # an empty line inside the range: nothing to draw on
            block = block.next()
