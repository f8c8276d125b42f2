"""Fusion with check boxes and radio buttons a writer can see in either theme.

Fusion draws an indicator's outline from the window colour, darkened (by 140 % for a
check box, 150 % for a radio button). On the dark palette that is a near-black line
around a near-black box on a near-black window (contrast 1.2 : 1): an unchecked
"Case" or "Regex" box simply is not there. This proxy hands Fusion a palette whose
window colour darkens to `outline` instead, so the same drawing code (size, focus
ring, check mark, hover) gives an outline of at least 3 : 1 against the panel, the
contrast WCAG asks of a control's boundary. Only the indicator's own palette changes;
the window around it keeps its colours.

A dock's close and float buttons are Fusion's fixed grey marks, under 3 : 1 on the dark
title bar: with `title_ink` set (the dark theme) they are drawn in it instead.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import (
    QPlainTextEdit,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QTextEdit,
    QWidget,
)

_PE = QStyle.PrimitiveElement
# Fusion draws each outline as the window colour darkened by this much (a check box's
# then lightened by 110 %).
_INDICATORS = {_PE.PE_IndicatorCheckBox: 140, _PE.PE_IndicatorRadioButton: 150}
_FIELDS = {_PE.PE_FrameLineEdit: 140, _PE.PE_Frame: 140}


def _lighten_for_darker(outline: QColor, factor: int) -> QColor:
    """The colour that `QColor.darker(factor)` turns into `outline` (value × factor/100,
    so hue and saturation stay)."""
    value = min(255, round(outline.value() * factor / 100))
    return QColor.fromHsv(max(outline.hue(), 0), outline.saturation(), value, outline.alpha())


class IndicatorStyle(QProxyStyle):
    """Fusion, with check box and radio button outlines drawn in `outline`, and text
    fields' frames in `field_outline` (None: Fusion's own, which the light theme keeps;
    on the dark one a field was a near-black box without an edge)."""

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))
        self.outline = QColor("#8c857c")
        self.field_outline: QColor | None = None
        self.title_ink: QColor | None = None  # dock buttons' marks (None: Fusion's)

    def drawPrimitive(  # noqa: N802 (Qt's name)
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        outline: QColor | None = None
        if element in _INDICATORS:
            outline, factor = self.outline, _INDICATORS[element]
        elif element in _FIELDS and (
            element is _PE.PE_FrameLineEdit or isinstance(widget, QPlainTextEdit | QTextEdit)
        ):  # a frame around a box one types in (a list's frame stays Fusion's)
            outline, factor = self.field_outline, _FIELDS[element]
        if outline is not None:
            option = type(option)(option)  # a copy: the caller's option stays
            palette = QPalette(option.palette)
            palette.setColor(QPalette.ColorRole.Window, _lighten_for_darker(outline, factor))
            option.palette = palette
        super().drawPrimitive(element, option, painter, widget)

    def standardIcon(  # noqa: N802 (Qt's name)
        self,
        standard_icon: QStyle.StandardPixmap,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> QIcon:
        if self.title_ink is not None and standard_icon in _TITLE_MARKS:
            return _title_icon(standard_icon, self.title_ink)
        return super().standardIcon(standard_icon, option, widget)


_SP = QStyle.StandardPixmap
_TITLE_MARKS = (_SP.SP_TitleBarCloseButton, _SP.SP_TitleBarNormalButton)


def _title_icon(kind: QStyle.StandardPixmap, ink: QColor) -> QIcon:
    """A dock button's mark (a cross to close, two windows to float) in `ink`, at 1×
    and 2× so it stays sharp on a high-density screen."""
    icon = QIcon()
    for scale in (1, 2):
        pixmap = QPixmap(16 * scale, 16 * scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        # The dock shows the icon at about 10 px: the marks fill the square so they
        # stay as large as Fusion's own.
        painter.setPen(QPen(ink, 2))
        if kind == _SP.SP_TitleBarCloseButton:
            painter.drawLine(QPointF(2, 2), QPointF(14, 14))
            painter.drawLine(QPointF(14, 2), QPointF(2, 14))
        else:
            painter.drawRect(QRectF(1, 6, 9, 9))
            painter.drawPolyline(
                [QPointF(6, 6), QPointF(6, 1), QPointF(15, 1), QPointF(15, 10), QPointF(10, 10)]
            )
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        icon.addPixmap(pixmap)
    return icon
