"""The editor's typography a writer sets in Preferences: font, line width, line spacing.

One `Typography` is in force for the whole window (`apply_typography`): every chapter
editor, and every one made later, takes it, so both panes of a split always look the
same. The line width is a number of characters, as writers and typographers count
it (spaces included), turned into pixels with the font's own letter widths; the
editor centres a column that wide and narrows it when the pane is narrower, so the
text never scrolls sideways.

QPlainTextEdit (chosen for its speed, see chapter_editor) has no line height: its
document layout stacks a paragraph's lines one font height apart and ignores
`QTextBlockFormat.setLineHeight`. `SpacedLayout` spaces them by moving each laid-out
line down when its block is first measured; Qt's painting, scrolling, hit testing and
the cursor all read the lines' positions, so they follow.

It also lays a very long block out only when it is needed (`LAID_OUT_WHEN_NEEDED`):
Qt lays out a block whose text or formats changed at once, twice over (its old
size, then its new one), and a highlighter changes the formats right after the
text. For a paragraph of a million characters that is two passes over it per
keystroke, one more per highlight, and one at open before any editor shows it.
Such a change is handed to Qt as reaching into the neighbouring block, so Qt
marks both for layout, and the block is laid out once, when it is painted. And while
the highlighter restyles (`layout_held`), such a block is not laid out just to place
the cursor Qt's highlighter walks through it with (its formats are about to change).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFont, QFontMetricsF, QTextBlock, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

from studio.story.lines import LYRICS_KINDS, kind_of

# The book-like serif stack the editor falls back on (and uses when no family is set).
SERIF_STACK = (
    "Literata",
    "Noto Serif",
    "Libertinus Serif",
    "Liberation Serif",
    "DejaVu Serif",
    "serif",
)
FONT_SIZES = (8.0, 32.0)
LINE_WIDTHS = (40, 120)  # characters
LINE_SPACINGS = (1.0, 2.0)
LAID_OUT_WHEN_NEEDED = 20_000  # characters: a longer block is laid out when painted
# What the average character of English prose is as wide as (spaces included): a
# line of text, not a string of "x", so a narrow or a wide face gets the same count.
_SAMPLE = "the quick brown fox jumps over the lazy dog, and she said: “It’s only a signal.”"


@dataclass(frozen=True)
class Typography:
    """How the chapter text is set. `family` "" means the serif stack above."""

    family: str = ""
    size: float = 12.5
    line_width: int = 72  # characters: a comfortable book measure (60–75)
    line_spacing: float = 1.35

    def clamped(self) -> Typography:
        """The same, with every value inside the range Preferences offers."""
        return Typography(
            family=self.family.strip(),
            size=min(max(self.size, FONT_SIZES[0]), FONT_SIZES[1]),
            line_width=min(max(self.line_width, LINE_WIDTHS[0]), LINE_WIDTHS[1]),
            line_spacing=min(max(self.line_spacing, LINE_SPACINGS[0]), LINE_SPACINGS[1]),
        )

    def font(self) -> QFont:
        """The editor font: the chosen family first, the serif stack behind it."""
        font = QFont()
        families = [self.family] if self.family else []
        font.setFamilies(families + [f for f in SERIF_STACK if f != self.family])
        font.setPointSizeF(self.size)
        font.setStyleHint(QFont.StyleHint.Serif)
        return font

    def column_pixels(self, font: QFont, margin: float) -> int:
        """The text column's width for `line_width` characters in `font`."""
        metrics = QFontMetricsF(font)
        average = metrics.horizontalAdvance(_SAMPLE) / len(_SAMPLE)
        return round(self.line_width * average + 2 * margin)


_current = Typography()
_LAYOUTS: weakref.WeakSet[SpacedLayout] = weakref.WeakSet()


def current_typography() -> Typography:
    return _current


def set_current_typography(typography: Typography) -> None:
    """Make `typography` the one in force; the line spacing of every open document
    changes at once (chapter_editor.apply_typography also re-sets the editors)."""
    global _current  # noqa: PLW0603 (one typography per process, like the theme)
    _current = typography.clamped()
    for layout in list(_LAYOUTS):
        try:
            layout.set_spacing(_current.line_spacing)
        except RuntimeError:  # its document is gone
            _LAYOUTS.discard(layout)


class SpacedLayout(QPlainTextDocumentLayout):
    """QPlainTextDocumentLayout with lines `spacing` font heights apart (see module)."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.spacing = _current.line_spacing
        self._blocks = document.blockCount()  # as Qt last counted them
        self._last: tuple[int, float] | None = None  # (block, height) laid out last
        self.held = 0  # inside `layout_held`: very long blocks are not laid out
        _LAYOUTS.add(self)

    def documentChanged(self, position: int, removed: int, added: int) -> None:  # noqa: N802
        """Qt's, but a change inside one very long block marks it for layout instead
        of laying it out twice at once (see module), and a block that keeps its
        height is repainted alone (`_repaint_alone`)."""
        document = self.document()
        count = document.blockCount()
        block = document.findBlock(position)
        end = document.findBlock(max(0, position + removed + added - 1))
        same_count, self._blocks = count == self._blocks, count
        if same_count and block == end and block.length() > LAID_OUT_WHEN_NEEDED:
            after, before = block.next(), block.previous()
            if after.isValid():  # reach the first character of the next block
                added = after.position() - position - removed + 1
            elif before.isValid():  # or start in the block before
                added += position - before.position()
                position = before.position()
            self._last = None
            super().documentChanged(position, removed, added)
            return
        # The characters changed: Qt counts removed + added, so restyling one block
        # (the highlighter marks its text as removed and added again) reaches the
        # next one, and Qt repaints everything.
        span = max(removed, added)
        height = None
        if same_count and block.isValid() and block == document.findBlock(position + span - 1):
            try:
                height = self._height_before(block)
            except Exception:  # an error in a Qt override would end the program
                height = None  # then Qt decides, as without this
        if height is None:
            super().documentChanged(position, removed, added)
            self._remember(block)
        else:
            self._repaint_alone(block, height, position, span)

    def _repaint_alone(self, block: QTextBlock, height: float, position: int, span: int) -> None:
        """Lay the changed block out as Qt does, and repaint it alone if its height
        (`height` before) and the document's size stayed; everything otherwise.

        Qt does so for an edit inside one block, but a highlighter's restyling of a
        block reaches the next one in its count (see documentChanged), and the
        highlighter restyles the block after every edit of it: the whole page was
        repainted on every keystroke. Handed to Qt as the change of one block it is,
        the block is laid out once; its height before is the one kept from the
        change before (`_remember`) when the restyling dropped its lines. A change
        of several blocks, of the block count or of a lyrics line (the indent of its
        whole block may follow) is left to Qt, as is anything not known."""
        size = self.documentSize()
        blocked = self.blockSignals(True)
        try:
            super().documentChanged(position, 0, max(span, 1))
        finally:
            self.blockSignals(blocked)
        if self._remember(block) == height and self.documentSize() == size:
            self.updateBlock.emit(block)
            return
        self.requestUpdate()  # everything, as Qt would have
        if self.documentSize() != size:
            self.documentSizeChanged.emit(self.documentSize())

    def _height_before(self, block: QTextBlock) -> float | None:
        """The block's height before this change, when it is known and the block is
        not a lyrics line; None otherwise."""
        if kind_of(block.userState()) in LYRICS_KINDS:
            return None
        layout = block.layout()
        if layout is not None and layout.lineCount():
            return self.blockBoundingRect(block).height()
        if self._last is not None and self._last[0] == block.blockNumber():
            return self._last[1]
        return None

    def _remember(self, block: QTextBlock) -> float | None:
        """Keep the height of `block` if it is laid out (never lays it out)."""
        layout = block.layout() if block.isValid() else None
        if layout is None or not layout.lineCount():
            self._last = None
            return None
        height = self.blockBoundingRect(block).height()
        self._last = (block.blockNumber(), height)
        return height

    def set_spacing(self, spacing: float) -> None:
        if spacing == self.spacing:
            return
        self.spacing = spacing
        document = self.document()
        if document is not None:  # lay every block out again, then space it anew
            document.markContentsDirty(0, document.characterCount())

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:  # noqa: N802 (Qt's name)
        if self.held and block.length() > LAID_OUT_WHEN_NEEDED and not block.layout().lineCount():
            return QRectF()  # asked by the highlighter's cursor, which needs no geometry
        rect = super().blockBoundingRect(block)  # lays the block out if it is not yet
        if self.spacing > 1.0:
            # Inline, not a call to _space_lines: Qt asks this dozens of times per
            # keystroke, nearly always of a block spaced already (first line lower).
            layout = block.layout()  # None for an invalid block
            if layout is not None and layout.lineCount() and not layout.lineAt(0).y():
                _space_lines(block, self.spacing)
                rect = super().blockBoundingRect(block)
        return rect


@contextmanager
def layout_held(document: QTextDocument | None) -> Iterator[None]:
    """While the highlighter restyles: Qt's highlighter moves a cursor through each
    block it styles, and a cursor lays out the block it stands in (for its x) even
    inside an edit, where the x is never used; a very long block would be laid out
    for nothing, since its new formats lay it out again (see module)."""
    layout = document.documentLayout() if document is not None else None
    if not isinstance(layout, SpacedLayout):
        yield
        return
    layout.held += 1
    try:
        yield
    finally:
        layout.held -= 1


def _space_lines(block: QTextBlock, spacing: float) -> bool:
    """Move the lines of a freshly laid-out block `spacing` heights apart; True if moved.

    A fresh layout puts the first line at y = 0; a spaced one has it lower (the extra
    space sits above each line, so the block grows by it and the next block's first
    line is as far from this block's last as lines are from each other)."""
    layout = block.layout() if block.isValid() else None
    count = layout.lineCount() if layout is not None else 0
    if layout is None or not count or layout.lineAt(0).y() != 0:
        return False
    y = 0.0
    for number in range(count):
        line = layout.lineAt(number)
        y += max(1.0, round(line.height() * (spacing - 1.0)))
        line.setPosition(QPointF(line.x(), y))
        y += line.height()
    return True
