"""The review marks follow the theme: on the dark page the struck-through and proposed
words take the dark set's lighter inks (the light set's sink into a dark page)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from studio.review import set_reviewer_name
from studio.ui.features.preferences import PreferencesFeature
from studio.ui.review.colors import DARK, LIGHT
from studio.ui.review.layer import ReviewLayer
from studio.ui.theme import ThemeChoice
from tests.review.ui_review_support import CH1, feature_of, review_of
from tests.ui_helpers import feature as window_feature
from tests.ui_helpers import open_window


def _struck_inks(layer: ReviewLayer) -> set[str]:
    return {
        fmt.foreground().color().name()
        for runs in layer.runs.values()
        for _start, _length, fmt in runs
        if fmt.fontStrikeOut()
    }


def test_a_theme_switch_repaints_the_marks_in_that_themes_inks(
    qtbot: QtBot, sample_copy: Path
) -> None:
    set_reviewer_name("Ada Beta")
    window = open_window(qtbot, sample_copy)
    theme = window_feature(window, PreferencesFeature)
    theme.set_theme(ThemeChoice.LIGHT)
    feature = feature_of(window)
    text = feature.state.text_of(CH1)
    at = text.index("her self")
    review_of(window).add_suggestion(text, at, at + len("her self"), "herself", "Ada Beta")
    feature.state.touch(CH1)
    editor = window.focused_pane().editor
    highlighter = editor.highlighter()
    assert highlighter is not None
    layer = next(la for la in highlighter.layers if isinstance(la, ReviewLayer))
    qtbot.waitUntil(lambda: _struck_inks(layer) == {LIGHT.deleted_ink.name()})
    theme.set_theme(ThemeChoice.DARK)
    qtbot.waitUntil(lambda: _struck_inks(layer) == {DARK.deleted_ink.name()})
    block = editor.document().findBlock(at)
    drawn = {
        r.format.foreground().color().name()
        for r in block.layout().formats()
        if r.format.fontStrikeOut()
    }
    assert drawn == {DARK.deleted_ink.name()}
    theme.set_theme(ThemeChoice.LIGHT)
    qtbot.waitUntil(lambda: _struck_inks(layer) == {LIGHT.deleted_ink.name()})
