"""A dock's close and float buttons can be seen in either theme: the strongest contrast
of their icon's pixels against the title bar around them, measured on the real window
with the contrast measure the check-box test uses (WCAG's 3 : 1 for a control)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QAbstractButton, QDockWidget
from pytestqt.qtbot import QtBot

from studio.ui.features.preferences import PreferencesFeature
from studio.ui.theme import ThemeChoice
from tests.test_ui_indicators import MIN_CONTRAST, _contrast
from tests.ui_helpers import feature, open_window


@pytest.mark.parametrize("theme", [ThemeChoice.DARK, ThemeChoice.LIGHT])
def test_dock_close_and_float_buttons_are_seen(
    qtbot: QtBot, sample_copy: Path, theme: ThemeChoice
) -> None:
    window = open_window(qtbot, sample_copy)
    preferences = feature(window, PreferencesFeature)
    preferences.set_theme(theme)
    try:
        docks = window.findChildren(QDockWidget)
        assert docks
        dock = docks[0]
        # Studio's docks close but do not float; the float button is measured too, for
        # a dock that does (the marks are the style's, not the dock's).
        dock.setFeatures(dock.features() | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        dock.show()
        qtbot.waitUntil(dock.isVisible)
        qtbot.wait(50)
        buttons = [
            b
            for b in dock.findChildren(QAbstractButton)
            if b.isVisible()
            and b.objectName() in ("qt_dockwidget_closebutton", "qt_dockwidget_floatbutton")
        ]
        assert {b.objectName() for b in buttons} == {
            "qt_dockwidget_closebutton",
            "qt_dockwidget_floatbutton",
        }
        image = window.grab().toImage()
        ratio = window.devicePixelRatioF()
        faint = {}
        for button in buttons:
            corner = button.mapTo(window, QPoint(0, 0))
            x0, y0 = round(corner.x() * ratio), round(corner.y() * ratio)
            w, h = round(button.width() * ratio), round(button.height() * ratio)
            bar = image.pixelColor(x0 - 2, y0 + h // 2)  # the title bar beside it
            best = max(
                _contrast(image.pixelColor(x, y), bar)
                for x in range(x0, x0 + w)
                for y in range(y0, y0 + h)
            )
            if best < MIN_CONTRAST:
                faint[button.objectName()] = round(best, 2)
        assert not faint, f"{theme.value}: dock buttons below {MIN_CONTRAST}:1 — {faint}"
    finally:
        preferences.set_theme(ThemeChoice.LIGHT)
