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

import random
import sys
from pathlib import Path
from types import FrameType
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCharFormat, QTextDocument
from pytestqt.qtbot import QtBot

from studio.ui.editor.highlighter import emphasis
from studio.ui.main_window import MainWindow
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
    word_places.cache_clear()
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
