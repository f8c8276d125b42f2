"""The review marks' colours, one set per theme.

The light page takes deep inks (a green and a red that read as "added" and "removed"
on paper); on the dark page those sink into the background, so the dark set uses
lighter inks and thinner washes. Chosen from the editor's page colour of the active
theme, so a theme switch repaints the marks with the right set.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

from studio.ui.theme import current_editor_colors


@dataclass(frozen=True)
class ReviewColors:
    comment_tint: QColor  # behind commented words
    deleted_ink: QColor  # struck-through words a suggestion removes
    deleted_tint: QColor
    insert_ink: QColor  # the proposed words, shown inline
    insert_wash: QColor  # behind the proposed words
    insert_tint: QColor  # behind a character standing for an insertion (no gap)


LIGHT = ReviewColors(
    comment_tint=QColor(255, 190, 40, 90),
    deleted_ink=QColor("#c62f2f"),
    deleted_tint=QColor(220, 60, 60, 40),
    insert_ink=QColor("#1f8a4c"),
    insert_wash=QColor(40, 170, 90, 60),
    insert_tint=QColor(40, 170, 90, 110),
)

DARK = ReviewColors(
    comment_tint=QColor(240, 170, 40, 80),
    deleted_ink=QColor("#ff8f85"),
    deleted_tint=QColor(255, 90, 80, 45),
    insert_ink=QColor("#7fe3a4"),
    insert_wash=QColor(90, 210, 130, 45),
    insert_tint=QColor(90, 210, 130, 80),
)


def review_colors() -> ReviewColors:
    """The set for the active theme (dark when the editor's page is dark)."""
    return DARK if current_editor_colors().page.lightness() < 128 else LIGHT
