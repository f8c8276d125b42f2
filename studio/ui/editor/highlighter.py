"""The one syntax highlighter of a chapter document, with layers others add on top.

Markdown styling comes first: *italics* and **bold** are shown as such with their marks
kept visible but dimmed, a scene break line is hidden so the editor can paint it centred,
and lyrics blocks (`::: {.lyrics song="…"}` … `:::`) are tinted. Then each *layer* is
applied in the order added. A layer is any object with

    formats(text: str, block_number: int) -> Iterable[tuple[int, int, QTextCharFormat]]

giving (start, length, format) in the block's characters. Its format is *merged* into
what is already there, so an underline from the spell checker keeps the italics below it.
A layer must answer from what it already knows (a cache): `highlightBlock` runs while
the author types. When a layer learns something new (a background spell check finished),
it asks for a repaint of the blocks on screen:

    first, last = editor.visible_block_range()
    highlighter.rehighlight_range(first, last)

Block states (`QTextBlock.userState()`) record what each line is, for the editor's
painting: see `BlockState`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import IntEnum
from typing import Protocol

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from studio.story.lines import parse_attributes
from studio.ui.theme import EditorColors, current_editor_colors


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


# Lines the editor paints over (a centred break, the song's name) unless the cursor is on them.
_HIDDEN_WHEN_AWAY = (BlockState.LYRICS_OPEN, BlockState.LYRICS_CLOSE, BlockState.SCENE_BREAK)
_FENCE_OPEN = re.compile(r"^\s{0,3}:{3,}\s*(\S.*)$")
_FENCE_CLOSE = re.compile(r"^\s{0,3}:{3,}\s*$")
_SCENE_BREAK = re.compile(r"^ {0,3}([*\-_])(?:[ \t]*\1){2,}[ \t]*$")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]|$)")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![*\w])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![*\w])")


def lyrics_song_id(line: str) -> str | None:
    """The song id of a lyrics block's opening fence line, "" if it names none."""
    match = _FENCE_OPEN.match(line)
    if not match:
        return None
    classes, attrs = parse_attributes(match.group(1))
    if "lyrics" not in classes:
        return None
    return attrs.get("song", "")


def is_scene_break(line: str) -> bool:
    return _SCENE_BREAK.match(line) is not None


class ChapterHighlighter(QSyntaxHighlighter):
    """Markdown styling for one chapter document plus the layers added to it."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._layers: list[HighlightLayer] = []
        self._colors = current_editor_colors()
        self._formats: dict[tuple[str, bool, bool], QTextCharFormat] = {}
        self._revealed_block = -1

    # -- the extension point ---------------------------------------------------------

    def add_layer(self, layer: HighlightLayer) -> None:
        """Apply `layer` after the Markdown styling from now on (rehighlights everything)."""
        self._layers.append(layer)
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

    # -- settings --------------------------------------------------------------------

    def set_colors(self, colors: EditorColors) -> None:
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
            if block.isValid() and block.userState() in _HIDDEN_WHEN_AWAY:
                self.rehighlightBlock(block)

    # -- highlighting ----------------------------------------------------------------

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        previous = self.previousBlockState()
        inside_lyrics = previous in (BlockState.LYRICS_OPEN, BlockState.LYRICS_BODY)
        number = self.currentBlock().blockNumber()
        hidden = number != self._revealed_block
        away = "hidden" if hidden else "marks"
        if inside_lyrics and _FENCE_CLOSE.match(text):
            self.setCurrentBlockState(BlockState.LYRICS_CLOSE)
            self._set(0, len(text), self._format(away))
        elif inside_lyrics:
            self.setCurrentBlockState(BlockState.LYRICS_BODY)
            self._set(0, len(text), self._format("lyrics"))
            self._emphasis(text, "lyrics")
        elif lyrics_song_id(text) is not None:
            self.setCurrentBlockState(BlockState.LYRICS_OPEN)
            self._set(0, len(text), self._format(away))
        elif is_scene_break(text):
            self.setCurrentBlockState(BlockState.SCENE_BREAK)
            self._set(0, len(text), self._format(away))
        elif match := _HEADING.match(text):
            self.setCurrentBlockState(BlockState.HEADING)
            self._set(0, len(text), self._format("heading", bold=True))
            self._set(0, match.end(), self._format("marks", bold=True))
        else:
            self.setCurrentBlockState(BlockState.NORMAL)
            self._emphasis(text, "text")
        for layer in self._layers:
            for start, length, fmt in layer.formats(text, number):
                self._overlay(start, length, fmt)

    def _emphasis(self, text: str, base: str) -> None:
        if "*" not in text and "_" not in text:
            return
        bold_spans: list[tuple[int, int]] = []
        for match in _BOLD.finditer(text):
            mark = len(match.group(1))
            bold_spans.append((match.start(), match.end()))
            self._set(match.start(2), len(match.group(2)), self._format(base, bold=True))
            self._set(match.start(), mark, self._format("marks", bold=True))
            self._set(match.end() - mark, mark, self._format("marks", bold=True))
        for match in _ITALIC.finditer(text):
            inner_start, inner_end = match.start(2), match.end(2)
            bold = any(s <= match.start() and match.end() <= e for s, e in bold_spans)
            self._set(inner_start, inner_end - inner_start, self._format(base, True, bold))
            for s, e in bold_spans:  # bold inside italics keeps both
                if inner_start <= s and e <= inner_end:
                    self._set(s + 2, e - s - 4, self._format(base, True, True))
            self._set(match.start(), 1, self._format("marks", bold=bold))
            self._set(match.end() - 1, 1, self._format("marks", bold=bold))

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
        if italic:
            fmt.setFontItalic(True)
        if bold:
            fmt.setFontWeight(QFont.Weight.Bold)
        self._formats[key] = fmt
        return fmt
