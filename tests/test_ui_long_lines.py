"""A paragraph of a million characters: highlighting and its layers stay linear.

Issue 14 item 14: a 1,000,000-character line froze the window for minutes at open,
because emphasis and the spelling layer did work quadratic in a block's length. This
counts the work (Python lines executed in Studio's own code while one block is
highlighted, the spelling layer included) for a paragraph and for one twice as long:
linear work doubles, quadratic work quadruples. No clock is read, so a busy machine
cannot make it flaky. The open time itself is a benchmark (`python -m benchmarks
long_lines`).
"""

from __future__ import annotations

import itertools
import random
import sys
from pathlib import Path
from types import FrameType
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPlainTextDocumentLayout
from pytestqt.qtbot import QtBot

from studio.findings import Finding, Kind
from studio.spelling import line_tokens
from studio.ui.editor.highlighter import (
    HUGE_BLOCK,
    ChapterHighlighter,
    emphasis,
    emphasis_formats,
)
from studio.ui.editor.pieces import LONG_BLOCK, MAX_PIECE, pieces
from studio.ui.main_window import MainWindow
from studio.ui.proofread.layer import GrammarLayer
from studio.ui.spelling import SpellingFeature
from studio.ui.spelling.layer import utf16_offsets, word_places
from tests.ui_helpers import open_window

STUDIO = str(Path(__file__).resolve().parent.parent / "studio")
# Words of every shape the highlighter and the layer handle: emphasis closed and left
# open, misspellings, digits, curly apostrophes, a character outside the BMP (two
# UTF-16 units, so the layer's offsets must be converted).
PIECES = [
    "the", "harbour", "light", "*glowed*", "**never**", "*open", "_half", "wierd",
    "Maren’s", "2nd", "café", "🌊", "__bold__", "*a **b** c*", "teh", "*", "—",
]  # fmt: skip


def paragraph(length: int, seed: int) -> str:
    rng = random.Random(seed)
    words: list[str] = []
    size = 0
    while size < length:
        word = rng.choice(PIECES)
        words.append(word)
        size += len(word) + 1
    return " ".join(words)


def work(action: Any) -> int:
    """Lines of Studio's own code executed by `action()`."""
    count = 0

    def tracer(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal count
        if not frame.f_code.co_filename.startswith(STUDIO):
            return None
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        action()
    finally:
        sys.settrace(None)
    return count


def highlight_work(window: MainWindow, document: QTextDocument, text: str) -> int:
    """The work of highlighting `text` as the document's one paragraph, layers included."""
    session = window.spelling.session  # type: ignore[attr-defined]
    for word in word_places(text):  # every verdict known, so underlines are drawn
        session.is_misspelled_now(word)
    emphasis.cache_clear()
    word_places.cache_clear()
    document.setPlainText(text)  # highlights the block once
    emphasis.cache_clear()
    emphasis_formats.cache_clear()
    word_places.cache_clear()
    for layer in window.spelling.layers.values():  # type: ignore[attr-defined]
        layer.refresh_all()  # forgets the underlines it kept for a long block's pieces
    highlighter = window.focused_pane().editor.highlighter()
    block = document.firstBlock()
    return work(lambda: highlighter.rehighlightBlock(block))


def test_highlighting_a_long_paragraph_is_linear(qtbot: QtBot, sample_copy: Path) -> None:
    window = open_window(qtbot, sample_copy)
    window.spelling = SpellingFeature(window.shell, window.session)  # type: ignore[attr-defined]
    assert window.show_chapter("chapters/01-the-signal.md")
    document = window.focused_pane().editor.document()
    small = highlight_work(window, document, paragraph(20_000, seed=1))
    large = highlight_work(window, document, paragraph(40_000, seed=2))
    assert small > 5_000  # the work was seen at all: emphasis and the layer ran
    # Twice the text, about twice the work (quadratic would be four times).
    print(f"work: {small} lines for 20,000 characters, {large} for 40,000")
    assert large < 2.6 * small, (small, large)
    spell = QTextCharFormat.UnderlineStyle.SpellCheckUnderline
    formats = document.firstBlock().layout().formats()
    assert any(r.format.underlineStyle() == spell for r in formats)  # the layer drew
    assert any(r.format.fontItalic() for r in formats)  # and so did emphasis


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab é🌊\U0001f600\u2028"), max_size=30))
def test_utf16_offsets_count_two_units_beyond_the_bmp(text: str) -> None:
    position = utf16_offsets(text)
    for index in range(len(text) + 1):
        assert position(index) == len(text[:index].encode("utf-16-le")) // 2


class _Counting:
    """A layer that draws nothing and counts the passes over the long paragraph."""

    def __init__(self) -> None:
        self.passes = 0

    def formats(self, text: str, block_number: int) -> list[tuple[int, int, QTextCharFormat]]:
        if len(text) > 10_000:
            self.passes += 1
        return []


def test_layers_joining_at_open_cost_one_highlighting_pass(qtbot: QtBot, sample_copy: Path) -> None:
    """Each layer added while a chapter opens used to rehighlight the whole chapter."""
    (sample_copy / "chapters" / "01-the-signal.md").write_text(
        paragraph(30_000, seed=3) + "\n\nAfter.\n", encoding="utf-8"
    )
    window = MainWindow()
    qtbot.addWidget(window)
    layers = [_Counting(), _Counting(), _Counting()]
    for layer in layers:
        window.shell.add_highlight_layer(lambda _doc, layer=layer: layer)
    assert window.open_project(sample_copy)
    window.show()
    assert window.show_chapter("chapters/01-the-signal.md")
    qtbot.wait(50)  # Qt's own delayed first pass would run here
    assert [layer.passes for layer in layers] == [1, 1, 1]
    document = window.focused_pane().editor.document()
    formats = document.firstBlock().layout().formats()
    assert any(r.format.fontItalic() for r in formats)  # that one pass styled it


# Prose of every shape the cuts look for: sentence ends (with closing quotes and
# marks), clause punctuation, emphasis, misspellings; no run without spaces.
PROSE = [
    "the", "harbour", "light", "*glowed*", "**never**", "again,", "said.", "“Stop!”",
    "wierd", "Maren’s", "café", "teh", "*half", "so;", "why?", "—", "*went.*", "and",
]  # fmt: skip


def prose(length: int, seed: int) -> str:
    rng = random.Random(seed)
    words: list[str] = []
    size = 0
    while size < length:
        words.append(rng.choice(PROSE))
        size += len(words[-1]) + 1
    return " ".join(words)


def test_pieces_cover_the_block_and_stay_bounded() -> None:
    short = prose(LONG_BLOCK - 100, seed=1)
    assert pieces(short) == ((0, len(short)),)  # an ordinary paragraph is left whole
    for text in (prose(200_000, seed=2), "x" * 50_000, "word " * 20_000):
        found = pieces(text)
        assert found[0][0] == 0 and found[-1][1] == len(text)
        assert all(a[1] == b[0] for a, b in itertools.pairwise(found))
        assert all(0 < end - start <= MAX_PIECE for start, end in found)
        assert len(found) >= len(text) / MAX_PIECE  # cut, not left whole


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    at=st.floats(0, 1),
    typed=st.sampled_from(["a", " ", ". ", "*", "Then, ", "x" * 40, "", "said. Later,"]),
    removed=st.integers(0, 12),
)
def test_an_edit_changes_only_the_pieces_near_it(
    seed: int, at: float, typed: str, removed: int
) -> None:
    """Cuts are chosen by the text around them, not counted from the start: after an
    edit, every piece away from it is the same text as before (so its cached styling
    holds), however long the block."""
    old = prose(60_000, seed)
    where = int(at * (len(old) - removed))
    new = old[:where] + typed + old[where + removed :]
    shift = len(typed) - removed
    before = {(s, e) for s, e in pieces(old)}
    near = 2 * MAX_PIECE + 16  # the stretch whose cuts an edit may change
    for start, end in pieces(new):
        if end < where - near:
            assert (start, end) in before
        elif start > where + len(typed) + near:
            assert (start - shift, end - shift) in before


def _looks(document: QTextDocument, block_number: int, start: int, end: int) -> list[tuple]:
    """How each character of block[start:end] is drawn: italic, bold, colour, underline."""
    block = document.findBlockByNumber(block_number)
    looks: list[tuple] = [(False, 400, None, 0)] * (end - start)
    for r in block.layout().formats():
        f = r.format
        look = (f.fontItalic(), f.fontWeight(), f.foreground().color().rgba(), f.underlineStyle())
        for column in range(max(r.start, start), min(r.start + r.length, end)):
            looks[column - start] = look
    return looks


def _highlighted(text: str) -> QTextDocument:
    document = QTextDocument()
    document.setDocumentLayout(QPlainTextDocumentLayout(document))
    document.setPlainText(text)
    ChapterHighlighter(document).ensure_highlighted()
    return document


def test_a_long_block_is_styled_piece_by_piece_as_each_piece_alone(qtbot: QtBot) -> None:
    """Styled piece by piece, each piece looks as that text would as a paragraph of its
    own (where the exact, whole-block pairing of marks is used)."""
    text = prose(40_000, seed=7)
    document = _highlighted(text)
    cuts = pieces(text)
    assert len(cuts) > 10
    italic = 0
    whole = _looks(document, 0, 0, len(text))  # once: each call walks every format range
    for start, end in cuts:
        alone = _highlighted(text[start:end])
        expected = _looks(alone, 0, 0, end - start)
        assert whole[start:end] == expected, (start, end)
        italic += sum(1 for look in expected if look[0])
    assert italic > 1_000  # emphasis was drawn, not just left out on both sides


def test_typing_in_a_long_paragraph_highlights_it_once_per_key(
    qtbot: QtBot, sample_copy: Path
) -> None:
    """Qt lays a block out again each time it is highlighted: in a paragraph of a
    million characters that is most of a keystroke's cost. The word being typed has
    no verdict yet, and must not make the spelling layer highlight the block again
    when the verdict arrives (it is judged once the author leaves it)."""
    (sample_copy / "chapters" / "01-the-signal.md").write_text(
        prose(60_000, seed=5) + "\n\nAfter.\n", encoding="utf-8"
    )
    counter = _Counting()
    window = MainWindow()
    qtbot.addWidget(window)
    window.shell.add_highlight_layer(lambda _doc: counter)
    window.spelling = SpellingFeature(window.shell, window.session)  # type: ignore[attr-defined]
    window.resize(1000, 700)
    assert window.open_project(sample_copy)
    window.show()
    qtbot.waitExposed(window)
    assert window.show_chapter("chapters/01-the-signal.md")
    editor = window.focused_pane().editor
    layer = window.spelling.layers["chapters/01-the-signal.md"]  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: 0 not in layer.stale, timeout=10_000)  # its verdicts are in
    cursor = editor.textCursor()
    cursor.setPosition(30_000)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfWord)
    editor.setTextCursor(cursor)
    editor.setFocus()
    qtbot.wait(100)
    for key in (Qt.Key.Key_Q, Qt.Key.Key_X, Qt.Key.Key_Z):  # a word Enchant must check
        counter.passes = 0
        QTest.keyClick(editor, key)
        qtbot.wait(400)  # the verdict on the new word comes back meanwhile
        assert counter.passes == 1
    QTest.keyClick(editor, Qt.Key.Key_Space)  # leaving the word: now it is judged
    spell = QTextCharFormat.UnderlineStyle.SpellCheckUnderline
    column = editor.textCursor().positionInBlock() - 1

    def underlined() -> bool:
        for r in editor.document().firstBlock().layout().formats():
            if r.start < column <= r.start + r.length and r.format.underlineStyle() == spell:
                return True
        return False

    qtbot.waitUntil(underlined, timeout=10_000)


def _underlined(document: QTextDocument) -> set[tuple[int, int]]:
    """(start, end) of each run of the first block drawn with the spelling underline."""
    spell = QTextCharFormat.UnderlineStyle.SpellCheckUnderline
    runs: list[list[int]] = []
    ranges = sorted(document.firstBlock().layout().formats(), key=lambda r: r.start)
    for r in ranges:
        if r.format.underlineStyle() != spell:
            continue
        if runs and runs[-1][1] == r.start:  # one word split by the styling below it
            runs[-1][1] = r.start + r.length
        else:
            runs.append([r.start, r.start + r.length])
    return {(start, end) for start, end in runs}


def test_a_long_paragraph_underlines_its_misspelt_words_and_no_other(
    qtbot: QtBot, sample_copy: Path
) -> None:
    """Checked piece by piece, the long paragraph gets the underlines the whole
    paragraph's words call for, judged by the same speller one by one. (Longer than
    HUGE_BLOCK, only the part around what shows is styled: test_ui_huge_blocks.)"""
    text = prose(HUGE_BLOCK - 5_000, seed=11)
    (sample_copy / "chapters" / "01-the-signal.md").write_text(text + "\n", encoding="utf-8")
    window = MainWindow()
    qtbot.addWidget(window)
    window.spelling = SpellingFeature(window.shell, window.session)  # type: ignore[attr-defined]
    assert window.open_project(sample_copy)
    window.show()
    assert window.show_chapter("chapters/01-the-signal.md")
    layer = window.spelling.layers["chapters/01-the-signal.md"]  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: 0 not in layer.stale, timeout=15_000)
    session = window.spelling.session  # type: ignore[attr-defined]
    position = utf16_offsets(text)
    expected = {
        (position(token.start), position(token.end))
        for token in line_tokens(text)
        if session.is_misspelled_now(token.word)
    }
    assert len(expected) > 100
    assert _underlined(window.focused_pane().editor.document()) == expected


def test_grammar_underlines_of_a_long_line_land_on_their_characters(qtbot: QtBot) -> None:
    """Placing thousands of findings in one long line measures no prefix of it per
    finding (that was quadratic); the UTF-16 places stay right past emoji."""
    line = " ".join(f"word{n % 7} 🌊 teh" for n in range(4_000))
    document = _highlighted(line)
    highlighter = document.findChild(ChapterHighlighter)
    layer = GrammarLayer("chapters/x.md", document, highlighter)
    findings = []
    at = line.find("teh")
    while at != -1:
        findings.append(
            Finding("chapters/x.md", 1, at + 1, at + 4, Kind.TYPOGRAPHY, "r", "teh", "m")
        )
        at = line.find("teh", at + 1)
    layer.set_findings(findings, [line])
    placed = layer.lines[0][1]
    assert len(placed) == len(findings) > 3_000
    for start, end, finding in placed:
        before = line[: finding.column - 1]
        assert start == len(before.encode("utf-16-le")) // 2
        assert end - start == 3
