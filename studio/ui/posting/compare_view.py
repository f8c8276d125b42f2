"""Changed since posted: the chapter as posted beside the chapter now.

A self-contained widget that takes `studio.story.posting.PostedChanges` (plain data)
and shows it with the safety package's side-by-side view, so both compare views look
and read the same. The window opens it from the chapter list.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from studio.story.posting import PostedChanges
from studio.ui.safety.diff_view import DiffView


class PostedCompareView(QWidget):
    """What changed in one chapter since it was posted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("postedCompare")
        self.heading = QLabel()
        self.heading.setObjectName("postedCompareHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.url = QLabel()
        self.url.setObjectName("postedCompareUrl")
        self.url.setTextFormat(Qt.TextFormat.PlainText)
        self.url.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.diff = DiffView(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.url)
        layout.addWidget(self.diff, 1)

    def set_changes(self, chapter_title: str, changes: PostedChanges, url: str = "") -> None:
        """Show `changes` for the chapter called `chapter_title` (posted at `url`)."""
        what = "unchanged" if changes.changes == 0 else "changed"
        self.heading.setText(f"{chapter_title}: {what} since it was posted")
        self.url.setText(f"Posted at {url}" if url else "")
        self.url.setVisible(bool(url))
        self.diff.set_texts(
            changes.posted, changes.current, changes.posted_title, changes.current_title
        )
