"""Every check box and radio button can be seen, in the dark theme and the light one.

Each indicator is measured where the writer sees it: the whole top-level window is
grabbed and the indicator's pixels are compared with the panel just around it (the
find bar, the metadata form and a dialog each have their own background). WCAG asks
3 : 1 of a control's boundary against what is next to it.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QStyle,
    QStyleOptionButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from studio.ui.features.preferences import PreferencesFeature
from studio.ui.lyrics.song_dialog import SongDialog
from studio.ui.preferences import PreferencesDialog
from studio.ui.theme import ThemeChoice
from tests.ui_helpers import feature, open_window

MIN_CONTRAST = 3.0


def _luminance(color: QColor) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.red())
        + 0.7152 * channel(color.green())
        + 0.0722 * channel(color.blue())
    )


def _contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _indicator_rect(button: QAbstractButton) -> QRect:
    option = QStyleOptionButton()
    button.initStyleOption(option)  # type: ignore[attr-defined]
    element = (
        QStyle.SubElement.SE_RadioButtonIndicator
        if isinstance(button, QRadioButton)
        else QStyle.SubElement.SE_CheckBoxIndicator
    )
    return button.style().subElementRect(element, option, button)


def _visibility(image: QImage, rect: QRect) -> float:
    """The strongest contrast of a pixel inside `rect` against the colour around it
    (its most common colour two pixels outside, left, top and bottom: the label is on
    the right)."""
    around: Counter[int] = Counter()
    outer = rect.adjusted(-2, -2, 0, 2)
    for x in range(outer.left(), rect.right() + 1):
        for y in (outer.top(), outer.bottom()):
            if image.rect().contains(x, y):
                around[image.pixel(x, y)] += 1
    for y in range(outer.top(), outer.bottom() + 1):
        if image.rect().contains(outer.left(), y):
            around[image.pixel(outer.left(), y)] += 1
    background = QColor.fromRgb(around.most_common(1)[0][0])
    return max(
        _contrast(image.pixelColor(x, y), background)
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    )


def _measure(top: QWidget) -> dict[str, float]:
    """Each visible, unchecked indicator under `top` (unchecked: only its outline
    shows it) → its visibility, as grabbed from the whole window."""
    for button in top.findChildren(QAbstractButton):
        if isinstance(button, QCheckBox | QRadioButton):
            button.setChecked(False)
            area = button.parent()
            while area is not None and not isinstance(area, QScrollArea):
                area = area.parent()
            if isinstance(area, QScrollArea):
                area.ensureWidgetVisible(button)
    top.repaint()
    image = top.grab().toImage()
    ratio = top.devicePixelRatioF()
    found: dict[str, float] = {}
    for button in top.findChildren(QAbstractButton):
        if not isinstance(button, QCheckBox | QRadioButton) or not button.isVisible():
            continue
        local = _indicator_rect(button)
        corner = button.mapTo(top, local.topLeft())
        rect = QRect(
            QPoint(round(corner.x() * ratio), round(corner.y() * ratio)),
            local.size() * ratio,
        )
        if image.rect().contains(rect):
            found[f"{type(button.parent()).__name__}: {button.text()}"] = _visibility(image, rect)
    return found


@pytest.mark.parametrize("theme", [ThemeChoice.DARK, ThemeChoice.LIGHT])
def test_every_check_box_is_visible(qtbot: QtBot, sample_copy: Path, theme: ThemeChoice) -> None:
    window = open_window(qtbot, sample_copy)
    preferences_feature = feature(window, PreferencesFeature)
    preferences_feature.set_theme(theme)
    try:
        window.shell.action("edit.find").trigger()  # the find bar's Case / Words / Regex
        qtbot.wait(50)
        seen = _measure(window)  # with the metadata panel (at 1280 px a dock takes its place)
        window.shell.action("edit.find_in_project").trigger()
        for dock in window.findChildren(QDockWidget):
            dock.show()  # every side panel, with whatever boxes it holds
        qtbot.wait(50)
        seen.update(_measure(window))

        preferences = PreferencesDialog(window.prefs, window)
        song = SongDialog(parent=window)
        listing = QListWidget()  # a list of checkable items (Restore from backup, …)
        item = QListWidgetItem("chapters/01-the-signal.md", listing)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        for dialog in (preferences, song):
            qtbot.addWidget(dialog)
            dialog.show()  # not exec(): nothing modal is left open
            qtbot.waitExposed(dialog)
            seen.update(_measure(dialog))
        qtbot.addWidget(listing)
        listing.show()
        qtbot.waitExposed(listing)
        image = listing.viewport().grab().toImage()
        check = listing.visualItemRect(item)
        check.setWidth(check.height())
        seen["list item"] = _visibility(image, check.adjusted(2, 2, -2, -2))
    finally:
        preferences_feature.set_theme(ThemeChoice.LIGHT)

    # The places the issue names are all measured, not skipped.
    names = " ".join(seen)
    for expected in ("FindBar: Case", "ProjectSearch: Regex", "curly", "public domain"):
        assert expected.lower() in names.lower(), f"{expected} not measured: {sorted(seen)}"
    assert sum("CheckList" in name for name in seen) >= 2, sorted(seen)  # metadata boxes
    faint = {name: round(value, 2) for name, value in seen.items() if value < MIN_CONTRAST}
    assert not faint, f"{theme.value}: indicators below {MIN_CONTRAST}:1 — {faint}"


def test_text_fields_have_an_edge_in_the_dark_theme(qtbot: QtBot, sample_copy: Path) -> None:
    """The metadata panel's fields (one line and several) are boxes with an edge, not
    near-black patches: their frame against the panel, measured on the left edge."""
    window = open_window(qtbot, sample_copy)
    preferences_feature = feature(window, PreferencesFeature)
    preferences_feature.set_theme(ThemeChoice.DARK)
    try:
        qtbot.wait(50)
        image = window.grab().toImage()
        ratio = window.devicePixelRatioF()
        fields = [
            f
            for f in window.metadata.findChildren(QLineEdit)
            + window.metadata.findChildren(QPlainTextEdit)
            if f.isVisible() and f.parent() is not None and not isinstance(f.parent(), QComboBox)
        ]
        assert len(fields) >= 4, fields
        faint = {}
        for field in fields:
            middle = field.mapTo(window, QPoint(0, field.height() // 2))
            x, y = round(middle.x() * ratio), round(middle.y() * ratio)
            if not image.rect().contains(x + 2, y) or x < 3:
                continue
            panel = image.pixelColor(x - 3, y)
            edge = max(_contrast(image.pixelColor(x + dx, y), panel) for dx in range(3))
            if edge < MIN_CONTRAST:
                faint[field.objectName() or type(field).__name__] = round(edge, 2)
        assert not faint, f"fields without a visible edge: {faint}"
    finally:
        preferences_feature.set_theme(ThemeChoice.LIGHT)
