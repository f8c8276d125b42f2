"""The question before a story closes with changes Studio could not save.

It names what was not saved (chapters by title, story.toml as the story's details)
and says what closing does to it: kept in the recovery journal, when a feature keeps
unsaved text past the close (safety's journal, offered back on the next open), or
else lost. It used to say "the unsaved text is lost" even when only story.toml had
failed and the journal held it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from studio.ui.message_box import plain_box

TITLE = "Not everything could be saved"


def what_failed(chapters: list[str], story_details: bool) -> str:
    """ "“Low Tide”", "2 chapters and the story's details (story.toml)", …"""
    parts = []
    if len(chapters) == 1:
        parts.append(f"“{chapters[0]}”")
    elif chapters:
        parts.append(f"{len(chapters)} chapters ({', '.join(f'“{c}”' for c in chapters)})")
    if story_details:
        parts.append("the story's details (story.toml)")
    return " and ".join(parts) or "some changes"


def unsaved_message(chapters: list[str], story_details: bool, kept: bool) -> tuple[str, str]:
    """The box's text and its informative text."""
    text = f"Studio could not save {what_failed(chapters, story_details)}."
    if kept:
        return text, (
            "If you close now, the changes stay in the recovery journal, and Studio offers"
            " them back the next time you open this story. The status bar and the message"
            " above the text say why they could not be saved."
        )
    return text, (
        "If you close now, these changes are lost. The status bar and the message above"
        " the text say why they could not be saved."
    )


def ask_to_close_unsaved(
    parent: QWidget | None, chapters: list[str], story_details: bool, *, kept: bool
) -> bool:
    """Ask; True: close anyway."""
    text, informative = unsaved_message(chapters, story_details, kept)
    box = plain_box(
        QMessageBox.Icon.Warning,
        TITLE,
        text,
        parent,
        buttons=QMessageBox.StandardButton.Cancel,
        informative=informative,
    )
    box.setObjectName("unsavedPrompt")
    close = box.addButton(
        "Close, Keep in Journal" if kept else "Close and Lose Changes",
        QMessageBox.ButtonRole.DestructiveRole,
    )
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    closing = box.clickedButton() is close
    box.deleteLater()
    return closing
