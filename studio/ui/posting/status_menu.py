"""A chapter's posting status in the chapter list: its mark, its tooltip, the context
menu that changes it, and the small dialog that asks when and where it was posted.

Self-contained: built from a `ChapterPosting` (plain data from
`studio.story.posting.story_postings`), it only emits what the author chose; the
window applies it through its session (`mark_posted` / `set_status`, then saves), so
read-only mode and the conflict rules stay in one place.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from studio.story.posting import ChapterPosting, Status

_LABELS = {Status.DRAFT: "Draft", Status.READY: "Ready to Post", Status.POSTED: "Posted…"}


def status_tooltip(posting: ChapterPosting) -> str:
    """ "Posted on 2026-11-28, changed since", "Ready to post", "Draft"."""
    if posting.status is Status.POSTED:
        text = f"Posted on {posting.posted.isoformat()}" if posting.posted else "Posted"
        return text + (", changed since" if posting.changed else "")
    return "Ready to post" if posting.status is Status.READY else "Draft"


class PostingMenu(QMenu):
    """Draft / Ready to Post / Posted…, then Compare with Posted and the archive link."""

    status_chosen = Signal(object)  # Status.DRAFT or Status.READY
    posted_chosen = Signal(object, str)  # the day (datetime.date) and the URL ("" for none)
    compare_requested = Signal()
    open_url_requested = Signal(str)

    def __init__(self, posting: ChapterPosting, parent: QWidget | None = None) -> None:
        super().__init__("Posting Status", parent)
        self.setObjectName("postingMenu")
        self.posting = posting
        group = QActionGroup(self)
        self.status_actions: dict[Status, QAction] = {}
        for status in Status:
            action = self.addAction(_LABELS[status])
            action.setCheckable(True)
            action.setChecked(status is posting.status)
            group.addAction(action)
            action.triggered.connect(lambda _checked=False, s=status: self._chosen(s))
            self.status_actions[status] = action
        self.addSeparator()
        self.compare_action = self.addAction("Compare with Posted…")
        self.compare_action.setEnabled(posting.status is Status.POSTED and posting.changed)
        self.compare_action.triggered.connect(self.compare_requested.emit)
        self.open_action = self.addAction("Open on the Archive")
        self.open_action.setEnabled(bool(posting.url))
        self.open_action.triggered.connect(lambda: self.open_url_requested.emit(posting.url))

    def _chosen(self, status: Status) -> None:
        if status is not Status.POSTED:
            self.status_chosen.emit(status)
            return
        dialog = MarkPostedDialog(self.posting, self.parentWidget())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.posted_chosen.emit(dialog.day(), dialog.url())
        else:  # nothing changes: put the tick back where it was
            self.status_actions[self.posting.status].setChecked(True)


class MarkPostedDialog(QDialog):
    """When the chapter was posted (today by default) and, optionally, its address."""

    def __init__(self, posting: ChapterPosting, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("markPosted")
        self.setWindowTitle("Mark Posted")
        self.setMinimumWidth(520)  # room for a whole archive address
        name = posting.title or f"Chapter {posting.number}"
        intro = QLabel(
            f"Mark “{name}” posted. Studio keeps its text as posted, so it can show what "
            "you change afterwards."
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.date = QDateEdit()
        self.date.setObjectName("postedDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        day = posting.posted or dt.date.today()
        self.date.setDate(QDate(day.year, day.month, day.day))
        self.address = QLineEdit(posting.url)
        self.address.setObjectName("postedUrl")
        self.address.setPlaceholderText("https://archiveofourown.org/works/…/chapters/…")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.address.textChanged.connect(self._check)
        form = QFormLayout()
        form.addRow("Posted on", self.date)
        form.addRow("Address", self.address)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._check()

    def day(self) -> dt.date:
        chosen = self.date.date()
        return dt.date(chosen.year(), chosen.month(), chosen.day())

    def url(self) -> str:
        return self.address.text().strip()

    def _check(self) -> None:
        """An address, when given, is a web address."""
        url = self.url()
        ok = not url or url.lower().startswith(("https://", "http://"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
