"""A line of a million characters in the real window (issue 14, item 14).

Opening it must not cost a pass of Qt's text layout per step of the window's opening
(seven of them, each over the whole paragraph, made it take many seconds), nor a
styling pass over the whole paragraph per layer: a block over HUGE_BLOCK characters
is styled only around what the editors show, and laid out when it is painted.
Counted, not timed (a busy machine cannot make these flaky): the layouts of the
paragraph (each fresh layout is spaced once by `_space_lines`) and the Python lines
a highlighting pass runs. The seconds are a benchmark (`python -m benchmarks
long_lines`). And the file's bytes: saved unchanged when nothing was typed, with
exactly the typed characters added when something was.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument
from pytestqt.qtbot import QtBot

from studio.ui.app import create_window
from studio.ui.editor import typography
from studio.ui.editor.highlighter import HUGE_BLOCK, STYLED_AROUND
from studio.ui.editor.pieces import pieces, pieces_within
from studio.ui.main_window import MainWindow
from tests.test_ui_long_lines import _highlighted, prose, work

CH1 = "chapters/01-the-signal.md"
MILLION = 1_000_000


def _line(length: int, seed: int) -> str:
    return prose(length, seed)[:length].rstrip() + "."


def _italic_at(document: QTextDocument, start: int, end: int) -> bool:
    """Whether any italic run of the first block lies inside start..end."""
    ranges = document.firstBlock().layout().formats()
    return any(start <= r.start < end and r.format.fontItalic() for r in ranges)


class _Layouts:
    """Fresh layouts of blocks longer than `longer_than`, as `_space_lines` sees
    them (it spaces the lines of every block Qt has just laid out)."""

    def __init__(self, longer_than: int) -> None:
        self.longer_than = longer_than
        self.count = 0
        self._code = typography._space_lines.__code__

    def __call__(self, frame: FrameType, event: str, arg: object) -> None:
        fresh = event == "return" and frame.f_code is self._code and arg is True
        if fresh and frame.f_locals["block"].length() > self.longer_than:
            self.count += 1


def _counting_layouts(action: Callable[[], Any], longer_than: int) -> int:
    counter = _Layouts(longer_than)
    sys.setprofile(counter)
    try:
        action()
    finally:
        sys.setprofile(None)
    return counter.count


class _Passes:
    """A layer that draws nothing and counts the highlighting passes over huge blocks."""

    def __init__(self) -> None:
        self.passes = 0

    def formats(self, text: str, block_number: int) -> list[tuple[int, int, QTextCharFormat]]:
        if len(text) > HUGE_BLOCK:
            self.passes += 1
        return []


@pytest.fixture
def full_window(qtbot: QtBot) -> Iterator[Callable[..., MainWindow]]:
    """The window as `studio` shows it: every feature installed (spelling, safety,
    proofreading, review, lyrics), and any extra `layers`."""
    windows: list[MainWindow] = []

    def make(story: Path, layers: tuple[_Passes, ...] = ()) -> MainWindow:
        window = create_window()
        for layer in layers:
            window.shell.add_highlight_layer(lambda _doc, layer=layer: layer)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        assert window.open_project(story), window.start_page.error.text()
        return window

    yield make
    for window in windows:
        window.close_project()


def test_a_million_character_line_opens_with_two_layouts_and_saves_its_bytes(
    qtbot: QtBot, sample_copy: Path, full_window: Callable[..., MainWindow]
) -> None:
    line = _line(MILLION, seed=5)
    # CRLF endings and a BOM: the line's file keeps every byte it was not edited in.
    original = ("\ufeff" + line + "\r\n\r\nAfter.\r\n").encode("utf-8")
    (sample_copy / CH1).write_bytes(original)
    opened: list[MainWindow] = []

    def open_it() -> None:
        window = full_window(sample_copy)
        editor = window.focused_pane().editor
        qtbot.waitUntil(lambda: editor.document().characterCount() > MILLION, timeout=60_000)
        for _ in range(5):
            qtbot.wait(20)  # the first paints, the spell check of what shows
        opened.append(window)

    layouts = _counting_layouts(open_it, longer_than=HUGE_BLOCK)
    # Once for the cursor, once when the spelling underlines arrive; it was seven
    # (one per step of the window's opening) and each scroll bar change added two.
    assert 1 <= layouts <= 3, layouts
    window = opened[0]
    editor = window.focused_pane().editor
    assert not editor.isReadOnly()
    assert editor.document().firstBlock().text() == line
    # Nothing typed: saving writes the same bytes (or nothing at all).
    assert window.save_all()
    assert (sample_copy / CH1).read_bytes() == original
    # Typed in the middle of the line: exactly those characters are new.
    middle = line.index(" ", MILLION // 2) + 1
    cursor = editor.textCursor()
    cursor.setPosition(middle)
    editor.setTextCursor(cursor)
    editor.setFocus()
    qtbot.keyClicks(editor, "Zephyr ")
    qtbot.waitUntil(lambda: editor.document().isModified(), timeout=5_000)
    assert window.save_all()
    typed = line[:middle] + "Zephyr " + line[middle:]
    assert (sample_copy / CH1).read_bytes() == ("\ufeff" + typed + "\r\n\r\nAfter.\r\n").encode()
    # Where the cursor went, the line is styled once it shows.
    around = (middle - STYLED_AROUND // 2, middle + STYLED_AROUND // 2)
    qtbot.waitUntil(lambda: _italic_at(editor.document(), *around), timeout=20_000)


def test_a_huge_line_is_styled_around_what_shows_and_where_it_scrolls(
    qtbot: QtBot, sample_copy: Path, full_window: Callable[..., MainWindow]
) -> None:
    line = _line(6 * STYLED_AROUND + HUGE_BLOCK, seed=7)
    (sample_copy / CH1).write_text(line + "\n\nAfter.\n", encoding="utf-8")
    window = full_window(sample_copy)
    editor = window.focused_pane().editor
    document = editor.document()
    end = len(line)
    qtbot.waitUntil(lambda: _italic_at(document, 0, STYLED_AROUND), timeout=10_000)
    assert not _italic_at(document, end - STYLED_AROUND, end)  # far below: not yet
    cursor = editor.textCursor()
    cursor.setPosition(end - 10)
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()
    qtbot.waitUntil(lambda: _italic_at(document, end - STYLED_AROUND, end), timeout=10_000)
    assert not _italic_at(document, 0, STYLED_AROUND // 2)  # and the top let go


def test_a_huge_line_beyond_the_bmp_is_styled_once_where_it_shows(
    qtbot: QtBot, sample_copy: Path, full_window: Callable[..., MainWindow]
) -> None:
    """Emoji count two in Qt's positions and one in Python's: the styled part must be
    measured in the units the views are, or the view never looks covered and the
    block is styled again on every paint, for ever."""
    words = ["🌊", "*the*", "tide", "🌊🌊", "**turned**", "and", "🐚"]
    rng = random.Random(9)
    line = " ".join(rng.choice(words) for _ in range(HUGE_BLOCK))
    assert sum(1 for c in line if ord(c) > 0xFFFF) > STYLED_AROUND  # past the margin
    (sample_copy / CH1).write_text(line + "\n\nAfter.\n", encoding="utf-8")
    counting = _Passes()
    window = full_window(sample_copy, (counting,))
    editor = window.focused_pane().editor
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.ensureCursorVisible()
    end = editor.document().firstBlock().length() - 1
    qtbot.waitUntil(lambda: _italic_at(editor.document(), end - STYLED_AROUND, end), timeout=10_000)
    qtbot.wait(300)  # settled: the restyle around the new view is done
    settled = counting.passes
    for _ in range(5):
        editor.viewport().repaint()
        qtbot.wait(60)
    assert counting.passes == settled  # painting the same view styles nothing again


def test_highlighting_a_huge_line_costs_what_shows_not_its_length(
    qtbot: QtBot, sample_copy: Path, full_window: Callable[..., MainWindow]
) -> None:
    (sample_copy / CH1).write_text(_line(3 * HUGE_BLOCK, seed=1) + "\n", encoding="utf-8")
    window = full_window(sample_copy)
    editor = window.focused_pane().editor
    document = editor.document()
    highlighter = editor.highlighter()
    assert highlighter is not None

    def restyle(text: str) -> int:
        cursor = QTextCursor(document)
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        editor.moveCursor(QTextCursor.MoveOperation.Start)
        qtbot.wait(50)
        return work(lambda: highlighter.rehighlightBlock(document.firstBlock()))

    smaller = restyle(_line(3 * HUGE_BLOCK, seed=2))
    larger = restyle(_line(20 * HUGE_BLOCK, seed=3))
    print(f"work: {smaller} lines for {3 * HUGE_BLOCK:,} characters, {larger} for 20 times as many")
    assert smaller > 1_000  # styling and the layers ran
    # linear in the length would be 6.7 times; what else runs meanwhile (spelling
    # verdicts coming back) has measured up to 1.6 times, so the bound is 3
    assert larger < 3 * smaller, (smaller, larger)


def test_pieces_within_are_the_pieces_that_meet_the_spans() -> None:
    rng = random.Random(3)
    text = prose(200_000, seed=4)
    cut = pieces(text)
    for _ in range(50):
        spans = []
        for _ in range(rng.randint(1, 3)):
            start = rng.randrange(len(text))
            spans.append((start, min(len(text), start + rng.randint(1, 30_000))))
        found = pieces_within(text, tuple(sorted(spans)))
        expected = tuple(p for p in cut if any(s < p[1] and p[0] < e for s, e in spans))
        assert found == expected
    short = "a short paragraph"
    assert pieces_within(short, ((0, 3),)) == ((0, len(short)),)
    assert pieces_within(short, ((40, 50),)) == ()


def test_emphasis_after_an_emoji_lands_on_its_characters(qtbot: QtBot) -> None:
    """Qt counts a character beyond the BMP as two: the italics of `*tide*` after
    two of them start two places later than the word's index in Python's string."""
    for line in ("🌊🐚 *tide* turned", "🌊" * 5 + " *tide*", "plain 🌊 " * 3 + "*tide*"):
        document = _highlighted(line)
        at = len(line[: line.index("*tide*") + 1].encode("utf-16-le")) // 2
        italic = [
            (r.start, r.length)
            for r in document.firstBlock().layout().formats()
            if r.format.fontItalic()
        ]
        assert (at, 4) in italic, (line, italic)
