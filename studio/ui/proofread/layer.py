"""Grammar and typography findings underlined in the chapter editor: a highlight layer.

Spelling is the red wavy line (`ui.spelling.layer`); grammar is blue and typography
green, wavy too, as word processors do, each in a light and a dark shade so both read
on either theme. The findings come from the background check (`ProofreadFeature`);
each is kept with the text of the line it was found in, and a line whose text has
changed since shows none of them until the next result, so an underline never lands
on the wrong characters while the author types.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextCursor, QTextDocument

from studio.findings import Finding, Kind
from studio.ui.theme import current_editor_colors, editor_colors

# (light theme, dark theme)
COLOURS: dict[Kind, tuple[str, str]] = {
    Kind.GRAMMAR: ("#1f6fd1", "#6aa8ff"),
    Kind.TYPOGRAPHY: ("#1e8a4c", "#52c77e"),
}
SHOWN = frozenset(COLOURS)


def underline_colour(kind: Kind, dark: bool | None = None) -> QColor:
    if dark is None:
        dark = current_editor_colors() == editor_colors(True)
    light, deep = COLOURS[kind]
    return QColor(deep if dark else light)


def finding_format(kind: Kind) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(underline_colour(kind))
    fmt.setProperty(QTextCharFormat.Property.UserProperty, str(kind))  # tests read the class
    return fmt


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # two UTF-16 units each


def utf16_positions(line: str) -> Callable[[int], int]:
    """Python index → Qt (UTF-16) position in `line`.

    The index plus how many characters beyond the BMP (an emoji) come before it, by
    binary search: a paragraph of a million characters may hold thousands of
    findings, and measuring the text before each one would be quadratic in it.
    """
    if line.isascii():
        return lambda index: index
    astral = [m.start() for m in _ASTRAL.finditer(line)]
    return lambda index: index + bisect_left(astral, index)


Placed = tuple[int, int, Finding]  # UTF-16 start and end in the line, the finding


class GrammarLayer(QObject):
    """Underlines for one chapter document's grammar and typography findings."""

    def __init__(self, file: str, document: QTextDocument, highlighter: QSyntaxHighlighter):
        super().__init__(document)
        self.file = file
        self.document = document
        self.highlighter = highlighter
        self.enabled = True
        self.lines: dict[int, tuple[str, list[Placed]]] = {}  # 0-based line → (text, spans)

    def formats(self, text: str, block_number: int) -> Iterable[tuple[int, int, QTextCharFormat]]:
        entry = self.lines.get(block_number) if self.enabled else None
        if entry is None or entry[0] != text:
            return []
        return [(start, end - start, finding_format(f.kind)) for start, end, f in entry[1]]

    def set_findings(
        self, findings: Sequence[Finding], lines: Sequence[str], only: range | None = None
    ) -> None:
        """Show `findings` (of this file, found in text whose lines are `lines`);
        `only`: they are the findings of those lines (0-based), the rest stay."""
        new: dict[int, tuple[str, list[Placed]]] = {}
        positions: dict[int, Callable[[int], int]] = {}  # by line, made once each
        if only is not None:
            new = {n: e for n, e in self.lines.items() if n not in only and n < len(lines)}
        for f in findings:
            if f.file != self.file or f.kind not in SHOWN or not 0 < f.line <= len(lines):
                continue
            if only is not None and f.line - 1 not in only:
                continue
            line = lines[f.line - 1]
            if line[f.column - 1 : f.end_column - 1] != f.text:
                continue
            spans = new.setdefault(f.line - 1, (line, []))[1]
            position = positions.get(f.line - 1)
            if position is None:
                position = positions[f.line - 1] = utf16_positions(line)
            spans.append((position(f.column - 1), position(f.end_column - 1), f))
        changed = {n for n in new.keys() | self.lines.keys() if new.get(n) != self.lines.get(n)}
        self.lines = new
        for number in sorted(changed):
            block = self.document.findBlockByNumber(number)
            if block.isValid():
                self.highlighter.rehighlightBlock(block)

    def finding_at(self, cursor: QTextCursor) -> Finding | None:
        """The finding whose underline is at `cursor` (the click), if its line is unchanged."""
        block = cursor.block()
        entry = self.lines.get(block.blockNumber())
        if entry is None or entry[0] != block.text():
            return None
        at = cursor.positionInBlock()
        return next((f for start, end, f in entry[1] if start <= at <= end), None)

    def set_enabled(self, on: bool) -> None:
        self.enabled = on
        self.highlighter.rehighlight()
