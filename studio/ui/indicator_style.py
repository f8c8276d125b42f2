"""Fusion with check boxes and radio buttons a writer can see in either theme.

Fusion draws an indicator's outline from the window colour, darkened (by 140 % for a
check box, 150 % for a radio button). On the dark palette that is a near-black line
around a near-black box on a near-black window (contrast 1.2 : 1): an unchecked
"Case" or "Regex" box simply is not there. This proxy hands Fusion a palette whose
window colour darkens to `outline` instead, so the same drawing code (size, focus
ring, check mark, hover) gives an outline of at least 3 : 1 against the panel, the
contrast WCAG asks of a control's boundary. Only the indicator's own palette changes;
the window around it keeps its colours.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleFactory, QStyleOption, QWidget

_INDICATORS = (
    QStyle.PrimitiveElement.PE_IndicatorCheckBox,
    QStyle.PrimitiveElement.PE_IndicatorRadioButton,
)


def _lighten_for_darker(outline: QColor, factor: int) -> QColor:
    """The colour that `QColor.darker(factor)` turns into `outline` (value × factor/100,
    so hue and saturation stay)."""
    value = min(255, round(outline.value() * factor / 100))
    return QColor.fromHsv(max(outline.hue(), 0), outline.saturation(), value, outline.alpha())


class IndicatorStyle(QProxyStyle):
    """Fusion, with check box and radio button outlines drawn in `outline`."""

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))
        self.outline = QColor("#8c857c")

    def drawPrimitive(  # noqa: N802 (Qt's name)
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element in _INDICATORS:
            # Fusion: a check box's outline is window.darker(140).lighter(110), a
            # radio button's window.darker(150).
            factor = 140 if element is QStyle.PrimitiveElement.PE_IndicatorCheckBox else 150
            option = type(option)(option)  # a copy: the caller's option stays
            palette = QPalette(option.palette)
            palette.setColor(QPalette.ColorRole.Window, _lighten_for_darker(self.outline, factor))
            option.palette = palette
        super().drawPrimitive(element, option, painter, widget)
