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
"""

from __future__ import annotations

import weakref
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
        self._blocks = document.blockCount()
        self._last: tuple[int, float] | None = None  # (block, height) laid out last
        _LAYOUTS.add(self)

    def documentChanged(self, position: int, removed: int, added: int) -> None:  # noqa: N802
        """Repaint only the block that changed when its height did not (see below).

        QPlainTextDocumentLayout repaints just the block when an edit leaves its
        height alone, but decides so only for a block still laid out. The highlighter
        sets a block's formats after every edit of it, which drops its lines, and then
        the whole page was repainted on every keystroke. The height the block had is
        kept here from the change before, so that case is decided the same way. A
        change of several blocks, of the block count or of a lyrics line (the indent
        of its whole block may follow) is left to Qt, as is anything not known."""
        document = self.document()
        block = document.findBlock(position)
        end = document.findBlock(max(0, position + max(removed, added) - 1))
        count = document.blockCount()
        before = None
        if block.isValid() and block == end and count == self._blocks:
            try:
                before = self._height_before(block)
            except Exception:  # an error in a Qt override would end the program
                before = None  # then Qt decides, as without this override
        self._blocks = count
        if before is None:
            super().documentChanged(position, removed, added)
            self._remember(block)
            return
        size = self.documentSize()
        blocked = self.blockSignals(True)
        try:
            super().documentChanged(position, removed, added)
        finally:
            self.blockSignals(blocked)
        after = self._remember(block)
        if after == before and self.documentSize() == size:
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
        if not block.isValid():
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
        rect = super().blockBoundingRect(block)  # lays the block out if it is not yet
        if self.spacing > 1.0:
            # Inline, not a call to _space_lines: Qt asks this dozens of times per
            # keystroke, nearly always of a block spaced already (first line lower).
            layout = block.layout()  # None for an invalid block
            if layout is not None and layout.lineCount() and not layout.lineAt(0).y():
                _space_lines(block, self.spacing)
                rect = super().blockBoundingRect(block)
        return rect


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
