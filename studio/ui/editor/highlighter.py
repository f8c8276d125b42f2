"""The one syntax highlighter of a chapter document, with layers others add on top.

Markdown styling comes first: *italics* and **bold** are shown as such with their marks
kept visible but dimmed, a scene break line is hidden so the editor can paint it centred,
and lyrics blocks (`::: {.lyrics song="…"}` … `:::`) are tinted. A block's closing `:::`
is folded to a sliver (hidden, in a 1 pt font) while the cursor is away, so the tinted
box ends with the last verse line instead of an empty row; on the cursor it shows as
typed. Then each *layer* is
applied in the order added. A layer is any object with

    formats(text: str, block_number: int) -> Iterable[tuple[int, int, QTextCharFormat]]

giving (start, length, format) in the block's characters. Its format is *merged* into
what is already there, so an underline from the spell checker keeps the italics below it.
A layer must answer from what it already knows (a cache): `highlightBlock` runs while
the author types. When a layer learns something new (a background spell check finished),
it asks for a repaint of the blocks on screen:

    first, last = editor.visible_block_range()
    highlighter.rehighlight_range(first, last)

What each line is comes from the core's line classifier (`studio.story.lines`), the
same reading of the chapter format as the counts, the checks and the exporters: a
block's state (`QTextBlock.userState()`) is the classifier's state after that line,
and `block_state(block)` says what it is for the editor's painting (`BlockState`).

Everything here is linear in a block's length (a chapter may hold a paragraph of a
million characters): emphasis pairs its marks with one scan and binary searches. A
block longer than `pieces.LONG_BLOCK` is styled piece by piece, each piece's runs
cached by its text, so a keystroke in it works out one piece anew, not the block.

A block longer than `HUGE_BLOCK` (a paragraph of a hundred thousand characters or a
million) is styled only around what the editors show of it (`STYLED_AROUND`
characters either side), pieces and layers alike: Qt lays a block out again whenever
its formats change, so styling it all would make opening and every keystroke pay
for the whole paragraph. The editors report what they show (`show_view`); when that
nears the edge of the styled part, the block is styled again around it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from enum import IntEnum
from functools import lru_cache
from typing import Protocol

from PySide6.QtCore import QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextDocument,
)

from studio.story.lines import LineKind, classify, kind_of, lyrics_song_id
from studio.ui.editor.pieces import pieces, pieces_within
from studio.ui.editor.typography import layout_held
from studio.ui.theme import EditorColors, current_editor_colors

__all__ = [
    "HUGE_BLOCK",
    "STYLED_AROUND",
    "BlockState",
    "ChapterHighlighter",
    "HighlightLayer",
    "block_state",
    "lyrics_song_id",
]

HUGE_BLOCK = 50_000  # characters: a longer block is styled around what shows of it
STYLED_AROUND = 20_000  # characters styled either side of what an editor shows
Spans = tuple[tuple[int, int], ...]


class HighlightLayer(Protocol):
    """Extra character formats applied after the Markdown styling (see module docstring)."""

    def formats(self, text: str, block_number: int) -> Iterable[tuple[int, int, QTextCharFormat]]:
        """(start, length, format) runs for this block; must be quick (cached answers)."""
        ...


class BlockState(IntEnum):
    """What a line is. Values > NORMAL are set by the highlighter on every block."""

    NORMAL = 0
    LYRICS_OPEN = 1  # the `::: {.lyrics song="…"}` line
    LYRICS_BODY = 2  # a verse line (or blank line between stanzas)
    LYRICS_CLOSE = 3  # the closing `:::`
    SCENE_BREAK = 4
    HEADING = 5


_STATES = {
    LineKind.LYRICS_OPEN: BlockState.LYRICS_OPEN,
    LineKind.LYRICS_BODY: BlockState.LYRICS_BODY,
    LineKind.LYRICS_CLOSE: BlockState.LYRICS_CLOSE,
    LineKind.SCENE_BREAK: BlockState.SCENE_BREAK,
    LineKind.HEADING: BlockState.HEADING,
}


def block_state(block: QTextBlock) -> BlockState:
    """What the highlighter found `block` to be (NORMAL before it has seen it)."""
    return _STATES.get(kind_of(block.userState()), BlockState.NORMAL)


# Lines the editor paints over (a centred break, the song's name) unless the cursor is on them.
_HIDDEN_WHEN_AWAY = (LineKind.LYRICS_OPEN, LineKind.LYRICS_CLOSE, LineKind.SCENE_BREAK)
_HEADING = re.compile(r"[ \t]*(#{1,6}|=+|-+)")
# Emphasis marks that may open or close a run, found by one scan each (see `emphasis`).
_ITALIC_OPEN = re.compile(r"(?<![*\w])[*_](?=[^\s*_])")
_ITALIC_CLOSE = re.compile(r"(?<=[^\s*_])[*_](?![*\w])")
_BOLD_OPEN = re.compile(r"(?=(\*\*|__)\S)")
_BOLD_CLOSE = re.compile(r"(?<=\S)(?=(\*\*|__))")


def _pairs(
    openers: list[tuple[int, str]], closers: dict[str, list[int]], width: int
) -> list[tuple[int, int]]:
    """(start, end) of each run, as a lazy regex `open(.+?)close` finds them left to right.

    Each opener takes the first closer of its mark at least `width` + 1 characters on;
    the next run starts after it. Binary search keeps this linear-logarithmic where the
    regex would rescan the rest of the line for every mark left open.
    """
    runs: list[tuple[int, int]] = []
    position = 0
    for start, mark in openers:
        if start < position:
            continue
        ends = closers.get(mark, [])
        index = bisect_left(ends, start + width + 1)
        if index < len(ends):
            end = ends[index] + width
            runs.append((start, end))
            position = end
    return runs


# The same runs by two regexes: quicker on a line of ordinary length, quadratic in the
# worst case (every mark left open rescans the rest of the line), so only short lines.
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![*\w])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![*\w])")
_SHORT = 2_000  # characters: a line up to this long costs the regexes little


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # two UTF-16 units each


@lru_cache(maxsize=8)
def _utf16(text: str) -> tuple[Callable[[int], int], Callable[[int], int]]:
    """Index in `text` -> Qt (UTF-16) position, and back, by binary search over the
    characters beyond the BMP (none in most text: then both are the identity).
    Cached by text: a highlighting pass asks twice for the same block."""
    astral = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]
    if not astral:
        return (lambda index: index), (lambda position: position)
    positions = [index + n for n, index in enumerate(astral)]
    return (
        lambda index: index + bisect_left(astral, index),
        lambda position: position - bisect_left(positions, position),
    )


@lru_cache(maxsize=64)
def emphasis(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The (start, end) of each `**bold**` / `__bold__` run and each `*italic*` run."""
    if len(text) <= _SHORT:
        return [m.span() for m in _BOLD.finditer(text)], [m.span() for m in _ITALIC.finditer(text)]
    return emphasis_scan(text)


def emphasis_scan(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The (start, end) of each `**bold**` / `__bold__` run and each `*italic*` run.

    The same runs as `(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1` and
    `(?<![*\\w])([*_])(?=[^\\s*_])(.+?)(?<=[^\\s*_])\\1(?![*\\w])` (a test holds them
    equal), found in time linear in the line, however many marks stay unclosed.
    (`emphasis` caches by text, since a block is highlighted again whenever a layer
    learns something; the lists are shared: callers only read them.)
    """
    bold_closers: dict[str, list[int]] = {}
    for match in _BOLD_CLOSE.finditer(text):
        bold_closers.setdefault(match.group(1), []).append(match.start())
    bold_openers = [(m.start(), m.group(1)) for m in _BOLD_OPEN.finditer(text)]
    italic_closers: dict[str, list[int]] = {}
    for match in _ITALIC_CLOSE.finditer(text):
        italic_closers.setdefault(match.group(), []).append(match.start())
    italic_openers = [(m.start(), m.group()) for m in _ITALIC_OPEN.finditer(text)]
    return _pairs(bold_openers, bold_closers, 2), _pairs(italic_openers, italic_closers, 1)


FormatKey = tuple[str, bool, bool]  # (kind, italic, bold), as ChapterHighlighter._format


@lru_cache(maxsize=4096)
def emphasis_formats(text: str, base: str) -> tuple[tuple[int, int, FormatKey], ...]:
    """The (start, length, format) runs that style the emphasis of `text`, in the order
    they are set (later runs win), for text whose own format is `base`.

    Cached by text: a long block is highlighted piece by piece (`pieces`), and after a
    keystroke all its pieces but one are the strings they were.
    """
    bold_spans, italic_spans = emphasis(text)
    runs: list[tuple[int, int, FormatKey]] = []

    def put(start: int, length: int, key: FormatKey) -> None:
        if length > 0:
            runs.append((start, length, key))

    bold_starts = [s for s, _ in bold_spans]
    for start, end in bold_spans:
        put(start + 2, end - start - 4, (base, False, True))
        put(start, 2, ("marks", False, True))
        put(end - 2, 2, ("marks", False, True))
    for start, end in italic_spans:
        inner_start, inner_end = start + 1, end - 1
        around = bisect_right(bold_starts, start) - 1  # the bold run it may lie in
        bold = around >= 0 and end <= bold_spans[around][1]
        put(inner_start, inner_end - inner_start, (base, True, bold))
        first = bisect_left(bold_starts, inner_start)
        for s, e in bold_spans[first:]:  # bold inside italics keeps both
            if s > inner_end:
                break
            if e <= inner_end:
                put(s + 2, e - s - 4, (base, True, True))
        put(start, 1, ("marks", False, bold))
        put(end - 1, 1, ("marks", False, bold))
    return tuple(runs)


class ChapterHighlighter(QSyntaxHighlighter):
    """Markdown styling for one chapter document plus the layers added to it."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._layers: list[HighlightLayer] = []
        self._colors = current_editor_colors()
        self._formats: dict[tuple[str, bool, bool], QTextCharFormat] = {}
        self._revealed_block = -1
        self._started = False  # has any block been highlighted yet?
        # What each editor shows (document positions), and which part of each huge
        # block was styled: block number -> (its length then, the spans styled).
        self._views: dict[int, tuple[int, int]] = {}
        self._styled: dict[int, tuple[int, Spans]] = {}
        self._spans: Spans = ()  # the parts of the block being highlighted now
        self._restyle: set[int] = set()

    # -- the extension point ---------------------------------------------------------

    def add_layer(self, layer: HighlightLayer) -> None:
        """Apply `layer` after the Markdown styling from now on.

        Rehighlights everything, unless nothing was highlighted yet: the layers added
        while a document opens then cost one pass between them (`ensure_highlighted`),
        not one each (a paragraph of a million characters pays for every pass).
        """
        self._layers.append(layer)
        if self._started:
            self.rehighlight()

    def rehighlight(self) -> None:
        with layout_held(self.document()):
            super().rehighlight()

    def rehighlightBlock(self, block: QTextBlock) -> None:  # noqa: N802 (Qt's name)
        with layout_held(self.document()):
            super().rehighlightBlock(block)

    def ensure_highlighted(self) -> None:
        """Highlight the whole document now if no block has been highlighted yet.

        A highlighter made on a document that already holds its text waits for the
        event loop (Qt's delayed first pass); calling this once the layers are in
        does that pass at once, before the document is laid out in an editor, and
        Qt's delayed pass then finds nothing left to do.
        """
        if not self._started:
            self.rehighlight()

    def remove_layer(self, layer: HighlightLayer) -> None:
        if layer in self._layers:
            self._layers.remove(layer)
            self.rehighlight()

    @property
    def layers(self) -> list[HighlightLayer]:
        return list(self._layers)

    def rehighlight_range(self, first: int, last: int) -> None:
        """Rehighlight blocks `first`..`last` (inclusive), e.g. the visible ones."""
        doc = self.document()
        if doc is None:
            return
        block = doc.findBlockByNumber(max(first, 0))
        while block.isValid() and block.blockNumber() <= last:
            self.rehighlightBlock(block)
            block = block.next()

    # -- huge blocks: styled around what shows ------------------------------------------

    @property
    def current_spans(self) -> Spans:
        """The parts (Python indices) of the block being highlighted that are styled:
        all of it, unless it is a huge block (see module). For layers, in `formats`."""
        return self._spans

    def show_view(self, key: int, first: int, last: int) -> None:
        """Editor `key` shows document positions `first`..`last`; a huge block among
        them whose styled part does not reach well around that is styled again, from
        the event loop (never inside the paint that reports the view)."""
        self._views[key] = (first, last)
        doc = self.document()
        if doc is None:
            return
        block = doc.findBlock(first)
        while block.isValid() and block.position() <= last:
            if block.length() > HUGE_BLOCK and self._needs_restyle(block, first, last):
                if not self._restyle:
                    QTimer.singleShot(0, self._restyle_due)
                self._restyle.add(block.blockNumber())
            block = block.next()

    def forget_view(self, key: int) -> None:
        self._views.pop(key, None)

    def _needs_restyle(self, block: QTextBlock, first: int, last: int) -> bool:
        styled = self._styled.get(block.blockNumber())
        length = block.length() - 1
        if styled is None or styled[0] != length:
            return True
        low, high = first - block.position(), last - block.position()
        margin = STYLED_AROUND // 2  # restyle before the edge shows
        for start, end in styled[1]:
            if max(start, 0) <= max(low - margin, 0) and min(high + margin, length) <= end:
                return False
        return True

    def _restyle_due(self) -> None:
        doc = self.document()
        numbers, self._restyle = sorted(self._restyle), set()
        for number in numbers:
            block = doc.findBlockByNumber(number) if doc is not None else None
            if block is not None and block.isValid():
                self.rehighlightBlock(block)

    def _spans_for(self, number: int, block: QTextBlock, text: str) -> tuple[Spans, Spans]:
        """What of `block` (number `number`, holding `text`) to style now: as indices
        in `text`, and as Qt's positions in the block (UTF-16: they differ after a
        character beyond the BMP, and the views and the layers count in Qt's)."""
        length = len(text)
        if length <= HUGE_BLOCK:
            return ((0, length),), ((0, block.length() - 1),)
        to_qt, to_index = _utf16(text)
        position = block.position()
        found = []
        for first, last in self._views.values():
            low, high = to_index(first - position), to_index(last - position)
            if high >= 0 and low <= length:
                found.append((max(0, low - STYLED_AROUND), min(length, high + STYLED_AROUND)))
        if not found:  # no editor shows it yet: its beginning, where an editor opens
            found.append((0, min(length, 2 * STYLED_AROUND)))
        found.sort()
        merged = [found[0]]
        for start, end in found[1:]:
            if start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        spans = tuple(merged)
        in_qt = tuple((to_qt(start), to_qt(end)) for start, end in spans)
        self._styled[number] = (block.length() - 1, in_qt)  # as _needs_restyle measures
        return spans, in_qt

    # -- settings --------------------------------------------------------------------

    def set_colors(self, colors: EditorColors) -> None:
        if colors == self._colors:
            return  # nothing to repaint (a chapter of long lines would pay for it)
        self._colors = colors
        self._formats.clear()
        self.rehighlight()

    @property
    def revealed_block(self) -> int:
        return self._revealed_block

    def set_revealed_block(self, number: int) -> None:
        """Show this block's scene break as typed (the cursor is on it)."""
        if number == self._revealed_block:
            return
        old, self._revealed_block = self._revealed_block, number
        doc = self.document()
        if doc is None:
            return
        for n in (old, number):
            block = doc.findBlockByNumber(n)
            if block.isValid() and kind_of(block.userState()) in _HIDDEN_WHEN_AWAY:
                self.rehighlightBlock(block)

    # -- highlighting ----------------------------------------------------------------

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        self._started = True
        state = classify(text, self.previousBlockState())
        self.setCurrentBlockState(state)
        kind = kind_of(state)
        block = self.currentBlock()
        number = block.blockNumber()
        self._spans, in_qt = self._spans_for(number, block, text)
        huge = len(text) > HUGE_BLOCK
        # Formats are set in Qt's (UTF-16) positions; the runs are found in `text`.
        to_qt = _utf16(text)[0]
        whole = block.length() - 1
        if kind in _HIDDEN_WHEN_AWAY:
            away = number != self._revealed_block
            name = ("folded" if kind is LineKind.LYRICS_CLOSE else "hidden") if away else "marks"
            self._set(0, whole, self._format(name))
        elif kind is LineKind.LYRICS_BODY:
            self._set(0, whole, self._format("lyrics"))
            self._emphasis(text, "lyrics", to_qt)
        elif kind is LineKind.HEADING:
            self._set(0, whole, self._format("heading", bold=True))
            mark = _HEADING.match(text)
            self._set(0, to_qt(mark.end()) if mark else 0, self._format("marks", bold=True))
        elif kind in (LineKind.CODE, LineKind.DIV_OPEN, LineKind.DIV_CLOSE):
            self._set(0, whole, self._format("marks"))  # as the exports: not prose
        else:
            self._emphasis(text, "text", to_qt)
        for layer in self._layers:
            for start, length, fmt in layer.formats(text, number):
                if not huge or any(s < start + length and start < e for s, e in in_qt):
                    self._overlay(start, length, fmt)

    def _emphasis(self, text: str, base: str, to_qt: Callable[[int], int]) -> None:
        """Style the emphasis of `text`, piece by piece in a very long block (`pieces`):
        each piece's formats come from a cache while only one piece changes. `to_qt`
        turns an index in `text` into Qt's position (they differ past an emoji)."""
        if "*" not in text and "_" not in text:
            return
        whole = len(text)
        cut = pieces(text) if whole <= HUGE_BLOCK else pieces_within(text, self._spans)
        for start, end in cut:
            piece = text if end - start == whole else text[start:end]
            for at, length, key in emphasis_formats(piece, base):
                first = to_qt(start + at)
                self.setFormat(first, to_qt(start + at + length) - first, self._format(*key))

    def _set(self, start: int, length: int, fmt: QTextCharFormat) -> None:
        if length > 0:
            self.setFormat(start, length, fmt)

    def _overlay(self, start: int, length: int, fmt: QTextCharFormat) -> None:
        """Merge `fmt` into what is there, run by run, so existing styling survives."""
        end = start + length
        position = start
        while position < end:
            base = self.format(position)
            run_end = position + 1
            while run_end < end and self.format(run_end) == base:
                run_end += 1
            merged = QTextCharFormat(base)
            merged.merge(fmt)
            self.setFormat(position, run_end - position, merged)
            position = run_end

    def _format(self, kind: str, italic: bool = False, bold: bool = False) -> QTextCharFormat:
        key = (kind, italic, bold)
        cached = self._formats.get(key)
        if cached is not None:
            return cached
        fmt = QTextCharFormat()
        colors = self._colors
        color: QColor | None = {
            "marks": colors.marks,
            "lyrics": colors.lyrics_text,
            "hidden": QColor(0, 0, 0, 0),
            "heading": colors.text,
        }.get(kind)
        if color is not None:
            fmt.setForeground(color)
        if kind == "folded":  # the line's height follows its font: a sliver
            fmt.setForeground(QColor(0, 0, 0, 0))
            fmt.setFontPointSize(1.0)
        if italic:
            fmt.setFontItalic(True)
        if bold:
            fmt.setFontWeight(QFont.Weight.Bold)
        self._formats[key] = fmt
        return fmt
