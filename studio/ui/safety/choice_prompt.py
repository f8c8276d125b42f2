"""The one shape of the safety questions: a warning, two answers and Cancel.

The lock prompt and the close-with-a-conflict prompt ask the same kind of question;
both are built here, in plain text only (story titles and lock files are data, never
markup), with the two answers as attributes the window's tests can click.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget


@dataclass(frozen=True)
class Answer:
    """One answer button: its label, its role, and the attribute it is kept under."""

    attribute: str
    label: str
    role: QMessageBox.ButtonRole


def choice_box(
    *,
    name: str,
    title: str,
    text: str,
    details: str,
    answers: tuple[Answer, Answer],
    default: str | None = None,
    parent: QWidget | None = None,
) -> QMessageBox:
    """A warning box with `answers` and Cancel; `default` names the default answer
    (Cancel when None). Each answer's button is set as `box.<attribute>`."""
    box = QMessageBox(parent)
    box.setObjectName(name)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.setInformativeText(details)
    for answer in answers:
        setattr(box, answer.attribute, box.addButton(answer.label, answer.role))
    box.addButton(QMessageBox.StandardButton.Cancel)
    if default is None:
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    else:
        box.setDefaultButton(getattr(box, default))
    return box


def clicked_answer(box: QMessageBox, answers: tuple[Answer, Answer]) -> str | None:
    """Run `box` and say which answer's attribute was clicked (None: Cancel or closed)."""
    box.exec()
    clicked: QAbstractButton | None = box.clickedButton()
    for answer in answers:
        if clicked is getattr(box, answer.attribute):
            return answer.attribute
    return None
