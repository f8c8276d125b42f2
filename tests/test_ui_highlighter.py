"""The chapter highlighter: Markdown styling, lyrics and scene-break states, layers."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint
from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout
from pytestqt.qtbot import QtBot

from studio.ui.editor.chapter_editor import ChapterEditor
from studio.ui.editor.highlighter import (
    BlockState,
    ChapterHighlighter,
    block_state,
    emphasis,
    emphasis_scan,
)

CHAPTER = """She said it *twice*, and **loud**.

* * *

::: {.lyrics song="harbour-lights"}
Hold the *light* for me

Every boat
:::

After."""


def _document(text: str) -> tuple[QTextDocument, ChapterHighlighter]:
    doc = QTextDocument()
    doc.setDocumentLayout(QPlainTextDocumentLayout(doc))
    highlighter = ChapterHighlighter(doc)
    doc.setPlainText(text)
    highlighter.rehighlight()
    return doc, highlighter


def _format_at(doc: QTextDocument, block: int, column: int) -> QTextCharFormat:
    ranges = doc.findBlockByNumber(block).layout().formats()
    for fmt_range in ranges:
        if fmt_range.start <= column < fmt_range.start + fmt_range.length:
            return QTextCharFormat(fmt_range.format)
    return QTextCharFormat()


def test_emphasis_is_styled_with_its_marks_dimmed(qtbot: QtBot) -> None:
    doc, _ = _document(CHAPTER)
    line = doc.findBlockByNumber(0).text()
    italic_word = line.index("twice")
    assert _format_at(doc, 0, italic_word).fontItalic()
    assert not _format_at(doc, 0, 0).fontItalic()
    bold_word = line.index("loud")
    assert _format_at(doc, 0, bold_word).fontWeight() == QFont.Weight.Bold
    star = line.index("*")
    mark = _format_at(doc, 0, star).foreground().color()
    assert mark.alpha() < 255  # visible but dimmed
    assert _format_at(doc, 0, star).foreground().color().alpha() > 0


def test_block_states_mark_scene_breaks_and_lyrics(qtbot: QtBot) -> None:
    doc, _ = _document(CHAPTER)
    states = [block_state(doc.findBlockByNumber(n)) for n in range(doc.blockCount())]
    assert states == [
        BlockState.NORMAL,
        BlockState.NORMAL,
        BlockState.SCENE_BREAK,
        BlockState.NORMAL,
        BlockState.LYRICS_OPEN,
        BlockState.LYRICS_BODY,
        BlockState.LYRICS_BODY,
        BlockState.LYRICS_BODY,
        BlockState.LYRICS_CLOSE,
        BlockState.NORMAL,
        BlockState.NORMAL,
    ]
    # italics inside a verse line keep the lyrics colour
    verse = doc.findBlockByNumber(5).text()
    fmt = _format_at(doc, 5, verse.index("light"))
    assert fmt.fontItalic()
    assert fmt.foreground().color() == _format_at(doc, 5, 0).foreground().color()


class _Underline:
    """A layer like the spell checker's: underline every "boat"."""

    def __init__(self) -> None:
        self.calls = 0
        self.fmt = QTextCharFormat()
        self.fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)

    def formats(self, text: str, block_number: int) -> Iterable[tuple[int, int, QTextCharFormat]]:
        self.calls += 1
        start = text.find("twice")
        if start >= 0:
            yield start - 1, len("twice") + 2, self.fmt  # over the marks as well


def test_a_layer_is_merged_over_the_markdown_styling(qtbot: QtBot) -> None:
    doc, highlighter = _document(CHAPTER)
    layer = _Underline()
    highlighter.add_layer(layer)
    assert layer.calls >= doc.blockCount()
    line = doc.findBlockByNumber(0).text()
    fmt = _format_at(doc, 0, line.index("twice"))
    assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    assert fmt.fontItalic()  # the italics below the underline survive
    mark = _format_at(doc, 0, line.index("twice") - 1)
    assert mark.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    assert mark.foreground().color().alpha() < 255
    highlighter.remove_layer(layer)
    assert _format_at(doc, 0, line.index("twice")).underlineStyle() == (
        QTextCharFormat.UnderlineStyle.NoUnderline
    )


def test_visible_block_range_covers_what_is_on_screen(qtbot: QtBot) -> None:
    doc, highlighter = _document("\n\n".join(f"Paragraph {n}." for n in range(400)))
    editor = ChapterEditor()
    qtbot.addWidget(editor)
    editor.setDocument(doc)
    editor.resize(600, 400)
    editor.show()
    qtbot.waitExposed(editor)
    first, last = editor.visible_block_range()
    assert first == 0 and 5 < last < 100
    editor.verticalScrollBar().setValue(editor.verticalScrollBar().maximum())
    first, last = editor.visible_block_range()
    assert last == doc.blockCount() - 1 and first > 600
    layer = _Underline()
    highlighter.add_layer(layer)
    layer.calls = 0
    highlighter.rehighlight_range(first, last)
    assert layer.calls == last - first + 1


def test_highlighting_thousands_of_blocks_does_not_leak_none(qtbot: QtBot) -> None:
    """PySide6 6.12.0 leaked a reference to None per setFormat() and then aborted
    ("Fatal Python error: none_dealloc"); we pin below 6.12. This catches a return."""
    text = "\n".join(f"Line {n} with *italics* and **bold** words." for n in range(4000))
    _document(text)  # warm up caches
    before = sys.getrefcount(None)
    doc, highlighter = _document(text)
    for _ in range(2):
        highlighter.rehighlight()
    after = sys.getrefcount(None)
    # each block makes several setFormat() calls: a leak would lose > 20,000 references
    assert after >= before - 100, (before, after)
    assert doc.blockCount() == 4000


def test_verse_lines_are_indented_and_clicks_land_on_them(qtbot: QtBot) -> None:
    doc, _ = _document(CHAPTER)
    editor = ChapterEditor()
    qtbot.addWidget(editor)
    editor.setDocument(doc)
    editor.resize(900, 500)
    editor.show()
    qtbot.waitExposed(editor)
    margin = doc.documentMargin()
    verse = doc.findBlockByNumber(5)
    prose = doc.findBlockByNumber(0)
    editor.viewport().update()
    qtbot.waitUntil(lambda: verse.layout().lineAt(0).x() == margin + 22)
    assert prose.layout().lineAt(0).x() == margin
    # the cursor and clicks follow the moved line
    cursor = QTextCursor(verse)
    rect = editor.cursorRect(cursor)
    assert rect.left() >= 22
    hit = editor.cursorForPosition(rect.center() + QPoint(1, 0))
    assert hit.block().blockNumber() == 5 and hit.positionInBlock() == 0


# The regexes the highlighter used before `emphasis` (quadratic on a long line with
# marks left open): the reference its linear scan is held to.
_OLD_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_OLD_ITALIC = re.compile(r"(?<![*\w])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![*\w])")


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from("*_ ab\t\u2028é9.,’"), max_size=40))
def test_emphasis_finds_the_runs_the_regexes_found(text: str) -> None:
    bold, italic = emphasis_scan(text)
    assert (bold, italic) == emphasis(text)
    assert bold == [m.span() for m in _OLD_BOLD.finditer(text)]
    assert italic == [m.span() for m in _OLD_ITALIC.finditer(text)]
