"""Message boxes that show their text as typed, never as markup.

QMessageBox's static helpers (`warning`, `information`, …) read their text as rich
text whenever it looks like HTML (Qt.AutoText). The messages Studio shows carry the
story's own words — a chapter title, a song's credit, a path, an error quoting a
line — so a title like `<img src=…>` or `<b>Part 2</b>` would be rendered, or load a
file. Every box that shows such text is made here, in plain text (issue 14 item 11).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton


def plain_box(
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    parent: QWidget | None = None,
    *,
    buttons: Button = Button.Ok,
    informative: str = "",
) -> QMessageBox:
    """A message box whose text and informative text are plain text."""
    box = QMessageBox(icon, title, "", buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the informative text follows it
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    return box


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """Show `text` (plain) in a modal warning with OK, as QMessageBox.warning would."""
    box = plain_box(QMessageBox.Icon.Warning, title, text, parent)
    box.exec()
    box.deleteLater()


def inform(parent: QWidget | None, title: str, text: str) -> None:
    """Show `text` (plain) in a modal note with OK, as QMessageBox.information would."""
    box = plain_box(QMessageBox.Icon.Information, title, text, parent)
    box.exec()
    box.deleteLater()
