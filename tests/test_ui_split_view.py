"""Split view keeps the exact line at the top of each pane, not only its paragraph.

Turning split view on halves the panes' widths (off doubles them), so every paragraph
wraps anew. The line the author was reading stays the first one in view: the line
holding the same character, wherever the new wrapping puts it in its paragraph.
"""

from __future__ import annotations

import random
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from studio.ui.editor.typography import current_typography
from studio.ui.features.find import FindFeature
from studio.ui.main_window import MainWindow
from tests.ui_helpers import feature, open_window

WORDS = [
    "tide",
    "lamp",
    "harbour",
    "static",
    "signal",
    "rope",
    "gull",
    "keeper",
    "night",
    "window",
    "salt",
    "radio",
    "boat",
    "shore",
    "fog",
    "bell",
    "stair",
    "light",
    "kettle",
    "letter",
    "answer",
    "morning",
    "silence",
]


def _long_paragraphs(seed: int, count: int = 40) -> str:
    """Paragraphs long enough to wrap over several lines in a half-width pane."""
    rng = random.Random(seed)
    paragraphs = []
    for _ in range(count):
        words = [rng.choice(WORDS) for _ in range(rng.randint(70, 160))]
        paragraphs.append(" ".join(words).capitalize() + ".")
    return "\n\n".join(paragraphs) + "\n"


def _top_character(editor: QPlainTextEdit) -> int:
    """The position of the character at the top left of the view, as a click finds it."""
    point = QPoint(1, editor.fontMetrics().height() // 2 + 1)
    return editor.cursorForPosition(point).position()


def _line_of(editor: QPlainTextEdit, position: int) -> tuple[int, int]:
    """(paragraph, line within the paragraph) holding `position` as laid out now."""
    block = editor.document().findBlock(position)
    line = block.layout().lineForTextPosition(position - block.position())
    return block.blockNumber(), line.lineNumber()


def _scroll_into_a_paragraph(qtbot: QtBot, editor: QPlainTextEdit) -> int:
    """Scroll until the first line in view is a later line of a wrapped paragraph;
    returns the character at the top left."""
    bar = editor.verticalScrollBar()
    for value in range(bar.maximum() // 3, bar.maximum()):
        bar.setValue(value)
        qtbot.wait(1)
        top = _top_character(editor)
        if _line_of(editor, top)[1] >= 2:
            return top
    raise AssertionError("no wrapped paragraph to scroll into")


def _open(qtbot: QtBot, story: Path, seed: int) -> MainWindow:
    chapter = story / "chapters" / "01-the-signal.md"
    chapter.write_text(_long_paragraphs(seed), encoding="utf-8")
    window = open_window(qtbot, story)
    window.shell.show_chapter("chapters/01-the-signal.md")
    return window


def _shows_at_top(editor: QPlainTextEdit, position: int) -> bool:
    return _line_of(editor, _top_character(editor)) == _line_of(editor, position)


def test_split_view_on_keeps_the_line_at_the_top(qtbot: QtBot, sample_copy: Path) -> None:
    window = _open(qtbot, sample_copy, seed=11)
    first = window.all_panes[0].editor
    top = _scroll_into_a_paragraph(qtbot, first)

    window.shell.action("view.split").trigger()
    assert window.is_split
    second = window.all_panes[1].editor
    qtbot.waitUntil(lambda: first.viewport().width() < 600)
    qtbot.wait(20)
    assert _shows_at_top(first, top)
    assert _shows_at_top(second, top)  # the new pane opens where the first one was


def test_split_view_off_keeps_the_line_at_the_top(qtbot: QtBot, sample_copy: Path) -> None:
    window = _open(qtbot, sample_copy, seed=12)
    split = window.shell.action("view.split")
    split.trigger()
    first = window.all_panes[0].editor
    qtbot.waitUntil(lambda: first.viewport().width() < 600)
    top = _scroll_into_a_paragraph(qtbot, first)
    wide_before = first.viewport().width()

    split.trigger()
    assert not window.is_split
    qtbot.waitUntil(lambda: first.viewport().width() > wide_before)
    qtbot.wait(20)
    assert _shows_at_top(first, top)


def test_the_hidden_second_pane_never_narrows_the_text(qtbot: QtBot, sample_copy: Path) -> None:
    """Out of split view the second pane still holds the chapter, at its old half width;
    a font change reaching it (Preferences, the theme) must not narrow the shown pane's
    column to that width."""
    window = _open(qtbot, sample_copy, seed=13)
    first = window.all_panes[0].editor
    qtbot.waitUntil(lambda: first.viewportMargins().left() > 0 or first.viewport().width() > 0)
    wide = first.viewport().width()
    split = window.shell.action("view.split")
    split.trigger()
    qtbot.waitUntil(lambda: first.viewport().width() < wide)
    split.trigger()
    qtbot.waitUntil(lambda: first.viewport().width() == wide)
    hidden = window.all_panes[1].editor
    assert not hidden.isVisible() and hidden.document() is first.document()

    hidden.set_typography(current_typography())  # what a font change does to it
    assert first.viewport().width() == wide
    window.shell.set_preferences(window.prefs)  # and the whole path, every editor
    assert first.viewport().width() == wide


def test_split_view_at_1024_px_keeps_each_pane_a_readable_width(
    qtbot: QtBot, sample_copy: Path
) -> None:
    """At 1024 px two panes beside the chapter list, the metadata panel and a side
    panel got about 150 px each: the metadata panel gives its place first, then the
    chapter list, and both come back when split view ends and the side panel closes."""
    window = open_window(qtbot, sample_copy, (1024, 700))
    shell = window.shell

    def widths() -> list[int]:
        return [pane.editor.viewport().width() for pane in window.panes]

    shell.set_split(True)
    qtbot.waitUntil(lambda: len(widths()) == 2 and min(widths()) >= 330)
    assert shell.part_visible("chapters") and not shell.part_visible("metadata")
    shell.action("edit.find_in_project").trigger()
    qtbot.waitUntil(lambda: min(widths()) >= 300)
    assert not shell.part_visible("chapters")
    assert window.width() == 1024
    assert not any(p.editor.horizontalScrollBar().isVisible() for p in window.panes)
    assert shell.action("view.chapters").isChecked()  # her choice is kept, only yielded
    shell.set_split(False)
    qtbot.waitUntil(lambda: shell.part_visible("chapters"))
    assert not shell.part_visible("metadata")  # the side panel still has its place
    feature(window, FindFeature).dock.close()
    qtbot.waitUntil(lambda: shell.part_visible("metadata"))
