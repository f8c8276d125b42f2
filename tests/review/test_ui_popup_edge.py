"""The thread popup has an edge over the dark editor: a 1 px border in the theme's mid
colour, measured on the real popup's pixels against the editor page around it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from studio.review import set_reviewer_name
from studio.ui.features.preferences import PreferencesFeature
from studio.ui.review.popup import ThreadPopup
from studio.ui.theme import ThemeChoice, current_editor_colors
from tests.review.test_ui_comments import _comment_by_shortcut
from tests.review.ui_review_support import select_words
from tests.test_ui_indicators import _contrast
from tests.ui_helpers import feature, open_window


@pytest.mark.parametrize("theme", [ThemeChoice.DARK, ThemeChoice.LIGHT])
def test_the_thread_popup_has_an_edge_in_the_mid_colour(
    qtbot: QtBot, sample_copy: Path, theme: ThemeChoice
) -> None:
    set_reviewer_name("Ada Beta")
    window = open_window(qtbot, sample_copy)
    preferences = feature(window, PreferencesFeature)
    preferences.set_theme(theme)
    try:
        _comment_by_shortcut(qtbot, window, "ninety years", "Too long?")
        editor = window.focused_pane().editor
        cursor = select_words(editor, "ninety years")
        cursor.setPosition(cursor.selectionStart() + 2)
        menu = editor.build_context_menu(editor.cursorRect(cursor).center())
        next(a for a in menu.actions() if a.text().startswith("Open Thread")).trigger()
        popup = window.findChild(QWidget, "reviewThreadPopup")
        assert isinstance(popup, ThreadPopup) and popup.isVisible()
        qtbot.wait(50)
        image = popup.grab().toImage()
        ratio = popup.devicePixelRatioF()
        mid = QApplication.palette().color(QPalette.ColorRole.Mid)
        page = current_editor_colors().page
        middle_y = round(popup.height() / 2 * ratio)
        middle_x = round(popup.width() / 2 * ratio)
        edges = {
            "left": image.pixelColor(0, middle_y),
            "right": image.pixelColor(image.width() - 1, middle_y),
            "top": image.pixelColor(middle_x, 0),
            "bottom": image.pixelColor(middle_x, image.height() - 1),
        }
        for side, colour in edges.items():
            assert colour.name() == mid.name(), f"{theme.value} {side}: {colour.name()}"
            assert _contrast(colour, page) > 1.5, f"{theme.value} {side} sinks into the page"
        inside = image.pixelColor(round(2 * ratio), middle_y)
        assert inside.name() != mid.name(), "the edge is 1 px, not a thick band"
        popup.close()
    finally:
        preferences.set_theme(ThemeChoice.LIGHT)
