"""The chapter editor: a QPlainTextEdit that paints lyrics blocks and scene breaks.

QPlainTextEdit, never QTextEdit: re-highlighting a QTextEdit grows quadratically with
the text, QPlainTextEdit stays linear. It has no block formats a highlighter may set, so
lyrics blocks are set apart by painting: a tinted box with a bar in the margin and the
song's name on the opening fence line; a scene break line is hidden by the highlighter
and painted centred (and shown as typed while the cursor is on it).

The text sits in a centred column as wide as the line width the writer set (in
characters, `studio.ui.editor.typography`), made with viewport margins so two panes
can share one document; a pane narrower than that gets a narrower column.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator

from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QHideEvent,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QShowEvent,
    QTextBlock,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QMenu, QPlainTextEdit, QWidget

from studio.ui.editor.highlighter import (
    HUGE_BLOCK,
    BlockState,
    ChapterHighlighter,
    block_state,
    lyrics_song_id,
)
from studio.ui.editor.smart_typing import CURLY, smart_replacement
from studio.ui.editor.typography import (
    Typography,
    current_typography,
    layout_held,
    set_current_typography,
)
from studio.ui.theme import EditorColors, current_editor_colors

LYRICS_INDENT = 22.0
_EDITORS: weakref.WeakSet[ChapterEditor] = weakref.WeakSet()


def _place_lines(block: QTextBlock, x: float) -> None:
    """Move a block's laid-out lines to `x` (see ChapterEditor._verse_indent).

    A block's lines are laid out, and moved, all together: when its first and last
    are at `x` they all are, and a paragraph of thousands of lines costs nothing."""
    layout = block.layout()
    count = layout.lineCount()
    if not count or (layout.lineAt(0).x() == x and layout.lineAt(count - 1).x() == x):
        return
    for number in range(count):
        line = layout.lineAt(number)
        if line.x() != x:
            line.setPosition(QPointF(x, line.y()))


def _sharing(document: QTextDocument | None) -> list[ChapterEditor]:
    """The live editors showing `document`."""
    found = []
    for editor in list(_EDITORS):
        try:
            if document is not None and editor.document() is document:
                found.append(editor)
        except RuntimeError:  # the C++ editor is gone
            _EDITORS.discard(editor)
    return found


SIDE_PADDING = 28
_LYRICS_STATES = (BlockState.LYRICS_OPEN, BlockState.LYRICS_BODY, BlockState.LYRICS_CLOSE)


def prose_font() -> QFont:
    """The editor font of the typography in force."""
    return current_typography().font()


def apply_typography(typography: Typography) -> None:
    """Set every chapter editor (and every one made later) in `typography` at once."""
    set_current_typography(typography)
    for editor in list(_EDITORS):
        try:
            editor.set_typography(current_typography())
        except RuntimeError:  # the C++ editor is gone
            _EDITORS.discard(editor)


class ChapterEditor(QPlainTextEdit):
    """Plain-text Markdown editing of one chapter (see module docstring)."""

    focus_left = Signal()
    focus_entered = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.smart_typing = True
        self.quote_style = CURLY  # set from the chapter's text when a chapter shows
        self.menu_hooks: list[Callable[[QMenu, QTextCursor], None]] = []
        self.paste_hooks: list[Callable[[QMimeData], bool]] = []
        self._laying_out = False
        self._wrapped_at = -1  # the viewport width Qt last laid the text out at
        _EDITORS.add(self)
        self.song_name: Callable[[str], str | None] = lambda song_id: None
        self._colors = current_editor_colors()
        self.setObjectName("chapterEditor")
        self._typography = current_typography()
        self.setFont(self._typography.font())
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        # Lines wrap at the pane's width: the text never scrolls sideways.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.setAutoFillBackground(True)
        self.setCursorWidth(2)
        self.apply_colors(self._colors)
        self.cursorPositionChanged.connect(self._reveal_current_line)

    # -- extension points ------------------------------------------------------------

    def highlighter(self) -> ChapterHighlighter | None:
        """The document's highlighter (one per document, shared by the panes)."""
        doc = self.document()
        found = doc.findChild(ChapterHighlighter) if doc is not None else None
        return found if isinstance(found, ChapterHighlighter) else None

    def visible_block_range(self) -> tuple[int, int]:
        """Block numbers (first, last) on screen, for layers that rehighlight lazily."""
        first = last = max(self.firstVisibleBlock().blockNumber(), 0)
        for block, _rect in self.visible_blocks():
            last = block.blockNumber()
        return first, last

    def visible_blocks(self, bottom: float | None = None) -> Iterator[tuple[QTextBlock, QRectF]]:
        """The blocks on screen, from the first, each with its rectangle in viewport
        coordinates, down to `bottom` (default: the viewport's bottom).

        One pass, as QPlainTextEdit paints: each block starts where the one above ends.
        `blockBoundingGeometry` walks from the first visible block to the one asked
        for, so asking it for every block on screen is quadratic (on every keystroke's
        paint, about 40 layout queries instead of 8)."""
        block = self.firstVisibleBlock()
        if not block.isValid():
            return
        limit = self.viewport().height() if bottom is None else bottom
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        left = self.contentOffset().x()
        while block.isValid() and top <= limit:
            rect = self.blockBoundingRect(block)  # the block's own size, at (0, 0)
            if block.isVisible():
                yield block, rect.translated(left, top)
            top += rect.height()
            block = block.next()

    # -- look ------------------------------------------------------------------------

    def apply_colors(self, colors: EditorColors) -> None:
        self._colors = colors
        palette = self.palette()
        for role, color in (
            (QPalette.ColorRole.Base, colors.page),
            (QPalette.ColorRole.Window, colors.page),
            (QPalette.ColorRole.Text, colors.text),
        ):
            palette.setColor(role, color)
        self.setPalette(palette)
        self.viewport().setPalette(palette)
        self.viewport().update()

    def set_typography(self, typography: Typography) -> None:
        """Font, line width and line spacing (the spacing lives in the document's layout,
        shared by the panes: `set_current_typography` changes it)."""
        self._typography = typography
        self.setFont(typography.font())
        self._update_margins()

    def column_width(self) -> int:
        """The widest the text column may be: the line width in this font."""
        return self._typography.column_pixels(self.font(), self.document().documentMargin())

    def setDocument(self, document: QTextDocument) -> None:  # noqa: N802 (Qt's name)
        """Qt's, with the font set first: setting it after would lay the text out
        again (a pass over the whole chapter, long for a paragraph of a million)."""
        old = self.document()
        document.setDefaultFont(self.font())
        with layout_held(document):  # Qt places a cursor before it sets the width
            super().setDocument(document)
        self._wrapped_at = self.viewport().width()  # the width Qt lays it out at
        self._update_margins()
        for editor in _sharing(old):
            editor._update_margins()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.document() is not None:
            self.document().setDefaultFont(self.font())
            self._update_margins()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """Qt lays the whole text out again whenever the width changes, even back to
        the width it has: so the column's margins are set first (their own resize
        comes inside, at the final width), and a width Qt already laid the text out
        at is passed on as no change (a scroll bar that appears narrows the viewport,
        and the centred column puts it back at once)."""
        if event.oldSize().width() != event.size().width():
            self._update_margins()
            width = self.viewport().width()
            if width == self._wrapped_at:
                unchanged = QSize(event.size().width(), event.oldSize().height())
                event = QResizeEvent(event.size(), unchanged)
            else:
                self._wrapped_at = width  # Qt lays the text out again
        super().resizeEvent(event)
        self._update_margins()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._update_margins()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        super().hideEvent(event)
        highlighter = self.highlighter()
        if highlighter is not None:
            highlighter.forget_view(id(self))
        for editor in _sharing(self.document()):
            if editor is not self:
                editor._update_margins()

    def _update_margins(self) -> None:
        """Centre a column as wide as the line width, or as the narrowest pane allows.

        Editors showing the same document share its one layout, laid out at one width:
        they all get the same column, so the text wraps the same in both panes.
        """
        if self._laying_out:
            return
        visible = [e for e in _sharing(self.document()) if e.isVisible()]
        # A hidden editor (the second pane out of split view) takes the shown ones'
        # column and never narrows theirs with its old width.
        measured = visible or [self]
        sharers = visible if self in visible else [*visible, self]
        widest = min(e.column_width() for e in measured)
        column = min([widest] + [e._inner_width() - 2 * SIDE_PADDING for e in measured])
        column = max(column, 120)
        for editor in sharers:
            editor._set_column(column)

    def _inner_width(self) -> int:
        margins = self.viewportMargins()
        return self.viewport().width() + margins.left() + margins.right()

    def _set_column(self, column: int) -> None:
        spare = max(self._inner_width() - column, 0)
        left = spare // 2
        margins = self.viewportMargins()
        if (margins.left(), margins.right()) == (left, spare - left):
            return
        self._laying_out = True
        try:
            self.setViewportMargins(left, 12, spare - left, 0)
            self._wrap_to_viewport()
        finally:
            self._laying_out = False

    def _wrap_to_viewport(self) -> None:
        """Make sure the text is laid out as wide as the viewport now is.

        New margins while the editor is being shown resize the viewport without the
        resize event QPlainTextEdit lays its text out on, so the lines kept the width
        the viewport had before the margins and ran past the column's right edge, cut
        off. The event it missed is sent here (only when it was missed: a layout costs
        a pass over the whole chapter)."""
        width = self.viewport().width()
        if self.isVisible() and width != self._wrapped_at:
            old = QSize(self._wrapped_at, self.viewport().height())
            QApplication.sendEvent(self.viewport(), QResizeEvent(self.viewport().size(), old))

    # -- painting --------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self.viewport())
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint_blocks(painter, event.rect().bottom())
        finally:
            painter.end()
        super().paintEvent(event)

    def _paint_blocks(self, painter: QPainter, bottom: int) -> None:
        """Lyrics boxes first, then song names and scene breaks on top of them."""
        width = self.viewport().width()
        margin = self.document().documentMargin()
        indents: dict[int, float] = {}
        labels: list[tuple[QTextBlock, QRectF]] = []
        run_top: float | None = None
        huge = False
        for block, rect in self.visible_blocks(bottom):
            huge = huge or block.length() > HUGE_BLOCK
            state = block_state(block)
            indent = self._verse_indent(block, width - 2 * margin, indents)
            _place_lines(block, margin + indent)
            if state in _LYRICS_STATES and run_top is None:
                run_top = rect.top()
            if state in (BlockState.LYRICS_OPEN, BlockState.SCENE_BREAK):
                labels.append((block, rect))
            if run_top is not None and (
                state == BlockState.LYRICS_CLOSE
                or state not in _LYRICS_STATES
                or block_state(block.next())
                not in (BlockState.LYRICS_BODY, BlockState.LYRICS_CLOSE)
            ):
                end = rect.bottom() if state in _LYRICS_STATES else rect.top()
                self._paint_lyrics_box(painter, run_top, end, width)
                run_top = None
        if run_top is not None:
            self._paint_lyrics_box(painter, run_top, float(self.viewport().height()), width)
        if huge:
            self._report_view()
        for block, rect in labels:
            highlighter = self.highlighter()
            if highlighter is not None and block.blockNumber() == highlighter.revealed_block:
                continue  # shown as typed while the cursor is on it
            if block_state(block) == BlockState.LYRICS_OPEN:
                self._paint_song_name(painter, rect, lyrics_song_id(block.text()) or "")
            else:
                self._paint_scene_break(painter, rect, block)

    def _verse_indent(self, block: QTextBlock, column: float, cache: dict[int, float]) -> float:
        """How far the verse lines of `block`'s lyrics block are indented (0 for prose).

        QPlainTextEdit has no block indent a highlighter could set, but the lines of a
        block's layout can be placed, so the lines are moved before every paint (a
        relayout puts them back), and hit testing and the cursor follow them. A lyrics
        block is indented as a whole, by as much as its longest line leaves room for.
        """
        if block_state(block) != BlockState.LYRICS_BODY:
            return 0.0
        opening = block
        for _ in range(500):
            if not opening.isValid() or block_state(opening) == BlockState.LYRICS_OPEN:
                break
            opening = opening.previous()
        key = opening.blockNumber() if opening.isValid() else -1
        if key in cache:
            return cache[key]
        metrics = QFontMetricsF(self.font())
        widest = 0.0
        verse = opening.next() if opening.isValid() else block
        while verse.isValid() and block_state(verse) == BlockState.LYRICS_BODY:
            widest = max(widest, metrics.horizontalAdvance(verse.text()))
            verse = verse.next()
        cache[key] = max(0.0, min(LYRICS_INDENT, column - widest - 4))
        return cache[key]

    def _report_view(self) -> None:
        """Tell the highlighter which characters show: it styles a huge block only
        around them (`ChapterHighlighter.show_view`)."""
        highlighter = self.highlighter()
        if highlighter is None:
            return
        viewport = self.viewport()
        first = self.cursorForPosition(QPoint(0, 0)).position()
        last = self.cursorForPosition(QPoint(viewport.width(), viewport.height())).position()
        highlighter.show_view(id(self), first, last)

    def _paint_lyrics_box(self, painter: QPainter, top: float, bottom: float, width: int) -> None:
        box = QRectF(-14.0, top - 2, width + 14.0, bottom - top + 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._colors.lyrics_tint)
        painter.drawRoundedRect(box, 6, 6)
        painter.setBrush(self._colors.lyrics_bar)
        painter.drawRoundedRect(QRectF(-14.0, top - 2, 4, bottom - top + 4), 2, 2)

    def _paint_song_name(self, painter: QPainter, rect: QRectF, song_id: str) -> None:
        name = self.song_name(song_id) if song_id else None
        if name:
            label, color = f"♪  {name}", self._colors.song_name
        elif song_id:
            label, color = f"♪  unknown song “{song_id}”", self._colors.error
        else:
            label, color = "♪  no song named", self._colors.error
        font = QFont(self.font())
        font.setPointSizeF(self.font().pointSizeF() * 0.9)
        font.setItalic(True)
        painter.save()
        painter.setFont(font)
        painter.setPen(color)
        area = QRectF(rect.left() + 4, rect.top(), self.viewport().width() - 12, rect.height())
        label = painter.fontMetrics().elidedText(
            label, Qt.TextElideMode.ElideRight, int(area.width())
        )
        painter.drawText(area, int(Qt.AlignmentFlag.AlignVCenter), label)
        painter.restore()

    def _paint_scene_break(self, painter: QPainter, rect: QRectF, block: QTextBlock) -> None:
        painter.save()
        painter.setPen(QColor(self._colors.scene_break))
        painter.setFont(self.font())
        area = QRectF(0, rect.top(), self.viewport().width(), rect.height())
        painter.drawText(area, int(Qt.AlignmentFlag.AlignCenter), "*      *      *")
        painter.restore()

    # -- typing ----------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        typed = event.text()
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.ShiftModifier,
        )
        if self.smart_typing and plain and len(typed) == 1:
            cursor = self.textCursor()
            line = cursor.block().text()
            before = line[: cursor.positionInBlock()]
            replacement = smart_replacement(typed, before, line, self.quote_style)
            if replacement is not None:
                remove, insert = replacement
                cursor.beginEditBlock()
                cursor.removeSelectedText()
                for _ in range(remove):
                    cursor.deletePreviousChar()
                cursor.insertText(insert)
                cursor.endEditBlock()
                self.setTextCursor(cursor)
                self.ensureCursorVisible()
                return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt's name)
        """Paste by key, menu or middle click, and drops, all arrive here.

        Each of `paste_hooks(source)` may insert the text its own way (lyrics keep
        pasted lines as verse lines) and return True; otherwise Qt inserts it.
        """
        if not self.isReadOnly():
            for hook in self.paste_hooks:
                if hook(source):
                    return
        super().insertFromMimeData(source)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        """The standard menu, then each of `menu_hooks(menu, cursor_at_click)` in turn.

        The spell checker adds its suggestions this way; use
        `shell.add_context_section` so both panes get the hook.
        """
        menu = self.build_context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def build_context_menu(self, position: QPoint) -> QMenu:
        menu = self.createStandardContextMenu(position)
        cursor = self.cursorForPosition(position)
        for hook in self.menu_hooks:
            hook(menu, cursor)
        return menu

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        highlighter = self.highlighter()
        if highlighter is not None:
            highlighter.set_revealed_block(-1)
        self.focus_left.emit()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        self._reveal_current_line()
        self.focus_entered.emit()

    def _reveal_current_line(self) -> None:
        highlighter = self.highlighter()
        if highlighter is not None and self.hasFocus():
            highlighter.set_revealed_block(self.textCursor().blockNumber())

    def select_range(self, start: int, end: int) -> None:
        """Select characters `start`..`end` of the document and scroll to them."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.centerCursor()
