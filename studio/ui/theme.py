"""Light and dark themes that follow the system (QStyleHints.colorScheme) unless chosen.

The whole window uses the Fusion style (with check boxes outlined to be seen:
indicator_style.py) and one of two palettes, so every widget (and every panel another
feature adds) gets the same colours. Editor colours that a
palette has no role for (dimmed Markdown marks, the lyrics tint) live in `EditorColors`;
`current_editor_colors()` gives the ones for the active theme.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from studio.ui.indicator_style import IndicatorStyle


class ThemeChoice(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


@dataclass(frozen=True)
class EditorColors:
    """Colours of the chapter editor's own styling."""

    text: QColor
    page: QColor
    marks: QColor  # the dimmed `*` and `_` around emphasis, fence lines
    lyrics_tint: QColor  # background of a lyrics block
    lyrics_bar: QColor  # the bar in the margin beside a lyrics block
    lyrics_text: QColor
    song_name: QColor
    scene_break: QColor
    find_match: QColor
    current_line: QColor
    error: QColor


_LIGHT = EditorColors(
    text=QColor("#2b2622"),
    page=QColor("#fbf8f3"),
    marks=QColor(43, 38, 34, 95),
    lyrics_tint=QColor("#efe8f6"),
    lyrics_bar=QColor("#9b7cc4"),
    lyrics_text=QColor("#4a3a66"),
    song_name=QColor("#7a5fa3"),
    scene_break=QColor("#9a8f84"),
    find_match=QColor("#f6dd7a"),
    current_line=QColor(0, 0, 0, 10),
    error=QColor("#c0392b"),
)

_DARK = EditorColors(
    text=QColor("#e6e1da"),
    page=QColor("#1f1e1c"),
    marks=QColor(230, 225, 218, 90),
    lyrics_tint=QColor("#2c2735"),
    lyrics_bar=QColor("#a88ad6"),
    lyrics_text=QColor("#d9ccef"),
    song_name=QColor("#b9a0e0"),
    scene_break=QColor("#8a837b"),
    find_match=QColor("#6b5a1e"),
    current_line=QColor(255, 255, 255, 10),
    error=QColor("#ff6b5b"),
)

# Check box and radio button outlines: at least 3 : 1 against every panel of the theme.
_INDICATOR_LIGHT = "#726c64"
_INDICATOR_DARK = "#8f887f"
_FIELD_DARK = "#7f7870"  # a text field's edge on the dark panels (Fusion's is invisible)

_active_dark = False


def system_scheme() -> Qt.ColorScheme:
    """The desktop's colour scheme (Unknown where the platform does not say)."""
    return QGuiApplication.styleHints().colorScheme()


def is_dark(choice: ThemeChoice, scheme: Qt.ColorScheme | None = None) -> bool:
    """Dark for DARK; for SYSTEM, dark when the desktop's scheme is (light if unknown)."""
    if choice is ThemeChoice.SYSTEM:
        return (scheme if scheme is not None else system_scheme()) == Qt.ColorScheme.Dark
    return choice is ThemeChoice.DARK


def current_editor_colors() -> EditorColors:
    return _DARK if _active_dark else _LIGHT


def editor_colors(dark: bool) -> EditorColors:
    return _DARK if dark else _LIGHT


def apply_theme(
    app: QApplication, choice: ThemeChoice, scheme: Qt.ColorScheme | None = None
) -> bool:
    """Set the Fusion style and the palette for `choice`; True when the theme is dark."""
    global _active_dark  # noqa: PLW0603 (one theme per process, like the palette itself)
    dark = is_dark(choice, scheme)
    _active_dark = dark
    style = app.style()
    if not isinstance(style, IndicatorStyle):
        style = IndicatorStyle()
        app.setStyle(style)  # costly: every widget is polished again
    style.outline = QColor(_INDICATOR_DARK if dark else _INDICATOR_LIGHT)
    style.field_outline = QColor(_FIELD_DARK) if dark else None
    style.title_ink = QColor(_INDICATOR_DARK) if dark else None
    palette = _palette(dark)
    if app.palette() != palette:
        app.setPalette(palette)
    return dark


def _palette(dark: bool) -> QPalette:
    p = QPalette()
    if dark:
        window, base, alt, text = "#2a2927", "#1f1e1c", "#262523", "#e6e1da"
        button, highlight, mid, disabled = "#34322f", "#6d8fc7", "#4a4743", "#7d7770"
        link = "#8fb3f0"
    else:
        window, base, alt, text = "#f1eee9", "#fbf8f3", "#f5f1ea", "#2b2622"
        button, highlight, mid, disabled = "#e8e4dd", "#3f6fb5", "#c9c3ba", "#9c958c"
        link = "#2f5fa8"
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: alt,
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: button,
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.Highlight: highlight,
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: base,
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: disabled,
        QPalette.ColorRole.Link: link,
        QPalette.ColorRole.Mid: mid,
        QPalette.ColorRole.Midlight: alt,
        QPalette.ColorRole.Light: base if dark else "#ffffff",
        QPalette.ColorRole.Dark: mid,
        QPalette.ColorRole.Shadow: "#000000",
    }
    for role, color in roles.items():
        p.setColor(role, QColor(color))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled))
    return p
