"""The metadata panel on the right: the *Work* and *Chapter* tabs, and room for more.

Every edit is written into the project's tomlkit document at once and `edited` is
emitted; the main window saves story.toml shortly after (so typing a summary is not
one disk write per key). `add_tab(widget, title)` is how other features (the Songs tab)
join the panel. After story.toml changes on disk, `refresh()` fills the fields again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studio.story import ARCHIVE_RATINGS, Chapter, Project, archive_rating
from studio.story.ratings import ARCHIVE_WARNINGS, CATEGORIES
from studio.ui.metadata.fields import (
    NOTES_LIMIT,
    SUMMARY_LIMIT,
    TITLE_LIMIT,
    CheckList,
    FieldLabel,
    LineField,
    TagField,
    TextField,
)

STATUSES = (("in-progress", "In progress"), ("complete", "Complete"))

Field = LineField | TextField | TagField | CheckList


class _Form(QScrollArea):
    """A scrolling column of labelled fields."""

    edited = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        inner = QWidget()
        inner.setObjectName("metadataForm")
        self.body = QVBoxLayout(inner)
        self.body.setContentsMargins(14, 6, 14, 14)
        self.body.setSpacing(0)
        self.setWidget(inner)
        self.fields: dict[str, Field] = {}

    def add(self, key: str, label: str, field: Field, setter: Callable[[Any], None]) -> Field:
        counter = getattr(field, "counter", None)
        self.body.addWidget(FieldLabel(label, counter))
        self.body.addWidget(field)
        self.fields[key] = field
        field.changed.connect(setter)
        field.changed.connect(self.edited)
        return field

    def add_widget(self, label: str, widget: QWidget) -> None:
        self.body.addWidget(FieldLabel(label))
        self.body.addWidget(widget)

    def finish(self) -> None:
        self.body.addStretch(1)


class WorkTab(_Form):
    """Everything the archive asks about the work."""

    def __init__(self) -> None:
        super().__init__()
        self.project: Project | None = None
        add_text = self._text_setter
        self.add("title", "Title", LineField(TITLE_LIMIT), add_text("title"))
        self.add(
            "authors", "Authors", TagField("Your pseud(s), commas between"), add_text("authors")
        )
        self.add("summary", "Summary", TextField(SUMMARY_LIMIT, lines=6), add_text("summary"))
        self.add("fandoms", "Fandoms", TagField(), add_text("fandoms"))
        self.rating = QComboBox()
        self.rating.addItems(list(ARCHIVE_RATINGS))
        self.rating.activated.connect(self._rating_chosen)
        self.source_rating = QLabel()
        self.source_rating.setTextFormat(Qt.TextFormat.PlainText)
        self.source_rating.setObjectName("hint")
        self.add_widget("Rating", self.rating)
        self.body.addWidget(self.source_rating)
        self.add("warnings", "Archive warnings", CheckList(ARCHIVE_WARNINGS), add_text("warnings"))
        self.add(
            "categories", "Categories", CheckList(CATEGORIES, columns=3), add_text("categories")
        )
        self.add("relationships", "Relationships", TagField(), add_text("relationships"))
        self.add("characters", "Characters", TagField(), add_text("characters"))
        self.add("tags", "Additional tags", TagField(), add_text("tags"))
        self.add("language", "Language", LineField(), add_text("language"))
        self.status = QComboBox()
        for value, label in STATUSES:
            self.status.addItem(label, value)
        self.status.activated.connect(self._status_chosen)
        self.add_widget("Status", self.status)
        self.add("spoilers", "Spoilers", TextField(lines=2), add_text("spoilers"))
        self.add("disclaimer", "Disclaimer", TextField(lines=2), add_text("disclaimer"))
        self.add("notes", "Notes", TextField(NOTES_LIMIT), add_text("notes"))
        self.add("end_notes", "End notes", TextField(NOTES_LIMIT), add_text("end_notes"))
        self.finish()

    def _text_setter(self, key: str) -> Callable[[Any], None]:
        def setter(value: Any) -> None:
            if self.project is not None:
                setattr(self.project.work, key, value)

        return setter

    def set_project(self, project: Project | None) -> None:
        self.project = project
        self.refresh()

    def refresh(self) -> None:
        project = self.project
        self.setEnabled(project is not None)
        if project is None:
            _clear(self.fields)  # a closed story leaves nothing behind
            self.source_rating.clear()
            return
        work = project.work
        for key, field in self.fields.items():
            field.set_value(getattr(work, key))
        rating = work.rating if work.rating in ARCHIVE_RATINGS else archive_rating(work.rating)
        self.rating.setCurrentText(rating)
        source = work.source_rating
        self.source_rating.setText(f"The author's original rating: {source}" if source else "")
        self.source_rating.setVisible(bool(source))
        index = self.status.findData(work.status)
        if index < 0:
            self.status.addItem(work.status, work.status)
            index = self.status.count() - 1
        self.status.setCurrentIndex(index)

    def _rating_chosen(self) -> None:
        if self.project is not None:
            self.project.work.rating = self.rating.currentText()
            self.edited.emit()

    def _status_chosen(self) -> None:
        if self.project is not None:
            self.project.work.status = str(self.status.currentData())
            self.edited.emit()


class ChapterTab(_Form):
    """Title, summary and notes of the chapter in the focused pane."""

    def __init__(self) -> None:
        super().__init__()
        self.project: Project | None = None
        self.file: str | None = None
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setObjectName("hint")
        self.body.addWidget(self.heading)
        setter = self._setter
        self.add("title", "Chapter title", LineField(TITLE_LIMIT), setter("title"))
        self.add("summary", "Summary", TextField(SUMMARY_LIMIT, lines=5), setter("summary"))
        self.add("notes", "Notes", TextField(NOTES_LIMIT, lines=5), setter("notes"))
        self.add("end_notes", "End notes", TextField(NOTES_LIMIT, lines=5), setter("end_notes"))
        self.finish()

    def chapter(self) -> Chapter | None:
        found = self._numbered()
        return found[1] if found is not None else None

    def _numbered(self) -> tuple[int, Chapter] | None:
        """The chapter shown and its number, found in one pass that stops at it (each
        chapter's file is a lookup in story.toml's document: listing all 200 of them
        at each refresh cost 0.1 s when a story opened)."""
        if self.project is None or self.file is None:
            return None
        found = ((n, c) for n, c in enumerate(self.project.chapters, 1) if c.file == self.file)
        return next(found, None)

    def _setter(self, key: str) -> Callable[[Any], None]:
        def setter(value: Any) -> None:
            chapter = self.chapter()
            if chapter is not None:
                setattr(chapter, key, value)

        return setter

    def set_chapter(self, project: Project | None, file: str | None) -> None:
        self.project, self.file = project, file
        self.refresh()

    def refresh(self) -> None:
        found = self._numbered()
        for field in self.fields.values():
            field.setEnabled(found is not None)
        if found is None:
            self.heading.setText("No chapter open")
            _clear(self.fields)
            return
        number, chapter = found
        self.heading.setText(f"Chapter {number} · {chapter.file}")
        for key, field in self.fields.items():
            field.set_value(getattr(chapter, key))


def _clear(fields: dict[str, Any]) -> None:
    """Empty every field (its value's type: text or a list)."""
    for field in fields.values():
        field.set_value([] if isinstance(field.value(), list) else "")


class MetadataPanel(QTabWidget):
    """The right-hand panel. `edited` fires after any field changed story.toml's document."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("metadataPanel")
        self.setDocumentMode(True)
        self.work_tab = WorkTab()
        self.chapter_tab = ChapterTab()
        self.addTab(self.work_tab, "Work")
        self.addTab(self.chapter_tab, "Chapter")
        self.work_tab.edited.connect(self.edited)
        self.chapter_tab.edited.connect(self.edited)

    def add_tab(self, widget: QWidget, title: str) -> int:
        """Add a tab after the built-in ones; returns its index."""
        return self.addTab(widget, title)

    def set_project(self, project: Project | None) -> None:
        self.work_tab.set_project(project)
        self.chapter_tab.set_chapter(project, None)

    def show_chapter(self, project: Project | None, file: str | None) -> None:
        self.chapter_tab.set_chapter(project, file)

    def text_fields(self) -> dict[str, QWidget]:
        """The fields a reader sees as prose, by key: spell-checked as typed."""
        work = self.work_tab.fields
        chapter = self.chapter_tab.fields
        keys = ("title", "summary", "notes", "end_notes")
        found: dict[str, QWidget] = {f"work.{k}": work[k] for k in (*keys, "tags")}
        found.update({f"chapter.{k}": chapter[k] for k in keys})
        return found

    def refresh(self) -> None:
        """Fill every field again from story.toml's document (after a reload)."""
        self.work_tab.refresh()
        self.chapter_tab.refresh()
