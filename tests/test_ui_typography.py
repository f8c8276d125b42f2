"""The editor's typography in Preferences: font, line width, line spacing (issue 11).

Each test drives the real window: the Preferences dialog's own widgets, both panes of
the split, and the laid-out lines Qt paints.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFontDatabase, QFontMetricsF
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studio.ui.editor import ChapterEditor
from studio.ui.editor.chapter_editor import apply_typography
from studio.ui.editor.typography import Typography, current_typography
from studio.ui.main_window import MainWindow
from studio.ui.pane import EditorPane
from studio.ui.preferences import Preferences, PreferencesDialog
from tests.ui_helpers import open_window


@pytest.fixture(autouse=True)
def _default_typography() -> Iterator[None]:
    yield
    apply_typography(Typography())  # one typography per process: leave the default


@pytest.fixture
def window(qtbot: QtBot, sample_copy: Path) -> MainWindow:
    return open_window(qtbot, sample_copy)


def _line_pitch(editor: ChapterEditor) -> float:
    """The distance between two wrapped lines of the first long paragraph."""
    block = editor.document().firstBlock()
    while block.isValid() and block.layout().lineCount() < 2:
        editor.blockBoundingRect(block)  # lays it out (and spaces it)
        block = block.next()
    assert block.isValid(), "the sample has no paragraph of two lines"
    layout = block.layout()
    return layout.lineAt(1).y() - layout.lineAt(0).y()


def _set(dialog: PreferencesDialog, family: str, size: float, width: int, spacing: float) -> None:
    dialog.font_family.setCurrentIndex(dialog.font_family.findData(family))
    dialog.font_size.setValue(size)
    dialog.line_width.setValue(width)
    dialog.line_spacing.setValue(spacing)


def _other_family() -> str:
    """An installed family that is not the default's first choice."""
    default = QFontMetricsF(Typography().font())
    for family in QFontDatabase.families():
        if (
            not family.startswith(".")
            and family not in ("Literata", "Noto Serif")
            and QFontMetricsF(Typography(family=family).font()) != default
        ):
            return family
    pytest.skip("only one font family is installed")


def test_preferences_set_font_width_and_spacing_in_every_pane(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(1920, 1080)
    window.shell.action("view.split").setChecked(True)
    qtbot.wait(50)
    left, right = (pane.editor for pane in window.all_panes)
    pitch_before = _line_pitch(left)
    family = _other_family()
    dialog = PreferencesDialog(window.prefs, window)
    qtbot.addWidget(dialog)
    _set(dialog, family, 15.0, 50, 2.0)
    window.shell.set_preferences(dialog.result_preferences())
    QApplication.processEvents()
    for editor in (left, right):
        assert editor.font().families()[0] == family
        assert editor.font().pointSizeF() == 15.0
    # Spacing 2.0: wrapped lines are twice a line's height apart, in both panes (one
    # shared layout) and more than before.
    pitch = _line_pitch(left)
    height = left.document().firstBlock().layout().lineAt(0).height()
    assert pitch == pytest.approx(2 * height, abs=1.0)
    assert pitch > pitch_before
    # 50 characters: the column is as wide as 50 average characters of this font, in
    # both panes, and a wrapped prose line holds about that many characters.
    for editor in (left, right):
        assert editor.viewport().width() == editor.column_width()
    block = left.document().firstBlock()
    while block.layout().lineCount() < 3:
        block = block.next()
    line = block.layout().lineAt(0)
    assert 40 <= line.textLength() <= 62
    remembered = Preferences.load()
    assert (remembered.font_family, remembered.font_size) == (family, 15.0)
    assert (remembered.line_width, remembered.line_spacing) == (50, 2.0)


def test_a_pane_made_later_takes_the_typography_in_force(qtbot: QtBot, window: MainWindow) -> None:
    prefs = window.prefs
    prefs.line_spacing, prefs.font_size, prefs.line_width = 1.6, 18.0, 60
    window.shell.set_preferences(prefs)
    pane = EditorPane()
    qtbot.addWidget(pane)
    assert pane.editor.font().pointSizeF() == 18.0
    assert current_typography().line_spacing == 1.6
    assert pane.editor.column_width() == window.focused_pane().editor.column_width()


def test_the_widest_line_never_scrolls_sideways_in_split_view(
    qtbot: QtBot, window: MainWindow
) -> None:
    """At 1280×800 with split view on, the widest line width and the largest text
    still fit each pane: no horizontal scroll bar, no line wider than its viewport."""
    window.resize(1280, 800)
    window.shell.action("view.split").setChecked(True)
    prefs = window.prefs
    prefs.line_width, prefs.font_size, prefs.line_spacing = 120, 32.0, 2.0
    window.shell.set_preferences(prefs)
    qtbot.wait(50)
    assert window.width() <= 1280
    for pane in window.all_panes:
        editor = pane.editor
        assert pane.isVisible()
        assert not editor.horizontalScrollBar().isVisible()
        assert editor.horizontalScrollBar().maximum() == 0
        width = editor.viewport().width()
        assert width < editor.column_width()  # the pane, not the setting, limits it
        block = editor.document().firstBlock()
        for _ in range(30):
            if not block.isValid():
                break
            editor.blockBoundingRect(block)
            layout = block.layout()
            for number in range(layout.lineCount()):
                line = layout.lineAt(number)
                assert line.x() + line.naturalTextWidth() <= width + 1
            block = block.next()


def test_bad_remembered_values_come_back_in_range(qtbot: QtBot, window: MainWindow) -> None:
    from studio.ui.settings import open_settings

    settings = open_settings()
    for key, value in (
        ("prefs/font_size", "300"),
        ("prefs/line_width", "5"),
        ("prefs/line_spacing", "nan"),
    ):
        settings.setValue(key, value)
    settings.sync()
    prefs = Preferences.load()
    assert (prefs.font_size, prefs.line_width) == (32.0, 40)
    assert prefs.line_spacing == Typography().line_spacing


@pytest.mark.parametrize("spacing", [1.0, 1.8])
def test_visible_blocks_are_where_qt_puts_them(
    qtbot: QtBot, window: MainWindow, spacing: float
) -> None:
    """The one-pass walk over the blocks on screen (used on every paint) gives each
    block the rectangle Qt's own geometry gives it, and stops at the viewport's
    bottom, with spaced lines and scrolled into the chapter."""
    prefs = window.prefs
    prefs.line_spacing = spacing
    window.shell.set_preferences(prefs)
    editor = window.focused_pane().editor
    bar = editor.verticalScrollBar()
    assert bar.maximum() > 0, "the sample chapter fits on screen: nothing to scroll"
    bar.setValue(bar.maximum() // 2)
    qtbot.wait(20)
    walked = list(editor.visible_blocks())
    assert len(walked) >= 2
    offset = editor.contentOffset()
    height = editor.viewport().height()
    expected = []
    block = editor.firstVisibleBlock()
    while block.isValid():
        rect = editor.blockBoundingGeometry(block).translated(offset)
        if rect.top() > height:
            break
        expected.append((block.blockNumber(), rect))
        block = block.next()
    assert [(b.blockNumber(), r) for b, r in walked] == expected
    first, last = editor.visible_block_range()
    assert (first, last) == (expected[0][0], expected[-1][0])
