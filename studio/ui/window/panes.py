"""The editor panes: one, or two side by side in split view, and which one is focused.

Turning split view on or off changes the panes' widths, so every paragraph wraps
anew; each pane keeps the exact line it showed at the top (the line holding the same
character), not only its paragraph, so the text does not jump by a line or more.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QPlainTextEdit, QSplitter, QWidget

from studio.ui.pane import EditorPane

MIN_HALF_PX = 200
# No pane is narrower (about 30 characters of text): with the chapter list and the
# metadata panel beside two panes, a 1024 px window still fits; the side panels
# feature hides those before the panes get this narrow (features/side_panels.py).
MIN_PANE_PX = 240


class PaneArea(QSplitter):
    """Two EditorPanes in a splitter; the second shows in split view."""

    focus_moved = Signal(int)  # the pane the author works in now (0 or 1)
    split_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setChildrenCollapsible(False)
        self.panes = [EditorPane(), EditorPane()]
        self._focused = 0
        self._split = False
        for index, pane in enumerate(self.panes):
            pane.setObjectName(f"pane{index}")
            pane.setMinimumWidth(MIN_PANE_PX)
            pane.focused.connect(lambda i=index: self.focus_pane(i))
            self.addWidget(pane)
        self.panes[1].hide()

    @property
    def is_split(self) -> bool:
        return self._split

    @property
    def focused_index(self) -> int:
        """0 or 1: which pane the author last worked in."""
        return self._focused

    def visible_panes(self) -> list[EditorPane]:
        return list(self.panes) if self._split else [self.panes[0]]

    def focused_pane(self) -> EditorPane:
        return self.panes[self._focused if self._split else 0]

    def set_split(self, on: bool) -> None:
        """Show the second pane; it opens on the chapter of the first if it shows none."""
        if on == self._split:
            return
        first, second = self.panes
        tops = [(pane, top_position(pane.editor)) for pane in self.visible_panes()]
        self._split = on
        if on:
            if second.document is None and first.chapter is not None:
                second.load(first.chapter)
                tops.append((second, tops[0][1]))
            second.show()
            half = max(self.width() // 2, MIN_HALF_PX)
            self.setSizes([half, half])
        else:
            second.save()
            second.hide()
        for pane, at in tops:
            scroll_to_position(pane.editor, at)
            QTimer.singleShot(0, lambda e=pane.editor, a=at: scroll_to_position(e, a))
        self.split_changed.emit(on)
        self.focus_pane(self._focused if on else 0)

    def switch_pane(self) -> None:
        if self._split:
            self.panes[1 - self._focused].editor.setFocus()

    def focus_pane(self, index: int) -> None:
        """Make pane `index` the focused one (its header is marked in split view)."""
        self._focused = index
        for i, pane in enumerate(self.panes):
            pane.setProperty("focusedPane", i == index)
            pane.header.setProperty("focusedPane", i == index and self._split)
            pane.header.style().unpolish(pane.header)
            pane.header.style().polish(pane.header)
        self.focus_moved.emit(index)


def top_position(editor: QPlainTextEdit) -> int:
    """The position of the first character of the first line in view."""
    block = editor.firstVisibleBlock()
    line = editor.verticalScrollBar().value() - block.firstLineNumber()
    layout = block.layout()
    if 0 < line < layout.lineCount():
        return block.position() + layout.lineAt(line).textStart()
    return block.position()


def scroll_to_position(editor: QPlainTextEdit, position: int) -> None:
    """Scroll so the line holding `position` is the first in view (after a relayout)."""
    document = editor.document()
    block = document.findBlock(position)
    if not block.isValid():
        return
    document.documentLayout().blockBoundingRect(block)  # lays the block out at its width
    line = block.layout().lineForTextPosition(position - block.position())
    offset = line.lineNumber() if line.isValid() else 0
    bar = editor.verticalScrollBar()  # a QPlainTextEdit scrolls by laid-out lines
    bar.setValue(min(block.firstLineNumber() + offset, bar.maximum()))
