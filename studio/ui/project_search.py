"""Find across every chapter of the story, with results to jump to."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.errors import StudioError
from studio.story import Project
from studio.story.lines import FENCE_KINDS, classify_lines, source_lines

MAX_RESULTS = 2000


@dataclass(frozen=True)
class SearchHit:
    file: str
    line: int  # 0-based
    start: int  # code point columns in the line
    end: int
    text: str


def search_project(
    project: Project,
    pattern: str,
    *,
    case: bool = False,
    whole_words: bool = False,
    regex: bool = False,
    open_text: Callable[[str], str | None] = lambda file: None,
) -> list[SearchHit]:
    """Every match in chapter order; the open (maybe unsaved) text where there is one.
    A colon fence's own lines (`::: {.lyrics song="…"}`, `:::`) are markup and never
    match; the verse between them is text and does."""
    if not pattern:
        return []
    source = pattern if regex else re.escape(pattern)
    if whole_words:
        source = rf"\b(?:{source})\b"
    try:
        expression = re.compile(source, 0 if case else re.IGNORECASE)
    except re.error as exc:
        raise StudioError(f"the search pattern is not a valid regular expression ({exc})") from None
    hits: list[SearchHit] = []
    for chapter in project.chapters:
        text = open_text(chapter.file)
        if text is None:
            try:
                text = project.read_chapter(chapter)
            except StudioError:
                continue
        lines = source_lines(text)  # numbered as the editor's blocks are
        for number, (line, kind) in enumerate(zip(lines, classify_lines(lines), strict=True)):
            if kind in FENCE_KINDS:
                continue  # `::: {.lyrics song="…"}`: markup, not the story's words
            for match in expression.finditer(line):
                if match.end() > match.start():
                    hits.append(SearchHit(chapter.file, number, match.start(), match.end(), line))
                    if len(hits) >= MAX_RESULTS:
                        return hits
    return hits


class ProjectSearch(QWidget):
    """The "Find in project" panel. Activating a result emits `hit_activated(SearchHit)`."""

    hit_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("projectSearch")
        self.project: Project | None = None
        self.open_text: Callable[[str], str | None] = lambda file: None
        self.query = QLineEdit()
        self.query.setPlaceholderText("Find in all chapters")
        self.query.setClearButtonEnabled(True)
        self.case = QCheckBox("Case")
        self.whole = QCheckBox("Words")
        self.regex = QCheckBox("Regex")
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setObjectName("hint")
        self.results = QTreeWidget()
        self.results.setHeaderHidden(True)
        self.results.setRootIsDecorated(True)
        self.results.setUniformRowHeights(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.query)
        options = QHBoxLayout()
        for box in (self.case, self.whole, self.regex):
            options.addWidget(box)
            box.toggled.connect(self.run)
        options.addStretch(1)
        layout.addLayout(options)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        self.query.returnPressed.connect(self.run)
        self.results.itemActivated.connect(self._activated)
        self.results.itemClicked.connect(self._activated)
        self.hits: list[SearchHit] = []

    def set_project(self, project: Project | None) -> None:
        self.project = project
        self.results.clear()
        self.summary.clear()
        self.hits = []

    def start(self, text: str = "") -> None:
        """Focus the query (seeded with `text`, e.g. the editor's selection)."""
        if text:
            self.query.setText(text)
        self.query.setFocus()
        self.query.selectAll()

    def run(self) -> None:
        self.results.clear()
        self.hits = []
        if self.project is None or not self.query.text():
            self.summary.clear()
            return
        try:
            self.hits = search_project(
                self.project,
                self.query.text(),
                case=self.case.isChecked(),
                whole_words=self.whole.isChecked(),
                regex=self.regex.isChecked(),
                open_text=self.open_text,
            )
        except StudioError as exc:
            self.summary.setText(str(exc))
            return
        titles = {c.file: c.title or c.file for c in self.project.chapters}
        numbers = {c.file: n for n, c in enumerate(self.project.chapters, start=1)}
        groups: dict[str, QTreeWidgetItem] = {}
        for index, hit in enumerate(self.hits):
            group = groups.get(hit.file)
            if group is None:
                group = QTreeWidgetItem([f"{numbers[hit.file]}. {titles[hit.file]}"])
                group.setFirstColumnSpanned(True)
                self.results.addTopLevelItem(group)
                groups[hit.file] = group
            item = QTreeWidgetItem([_snippet(hit)])
            item.setData(0, Qt.ItemDataRole.UserRole, index)
            item.setToolTip(0, hit.text)
            group.addChild(item)
        self.results.expandAll()
        chapters = len(groups)
        count = len(self.hits)
        self.summary.setText(
            f"{count} match{'es' if count != 1 else ''}"
            f" in {chapters} chapter{'s' if chapters != 1 else ''}"
            if self.hits
            else "No matches"
        )

    def _activated(self, item: QTreeWidgetItem) -> None:
        index = item.data(0, Qt.ItemDataRole.UserRole)
        if isinstance(index, int) and 0 <= index < len(self.hits):
            self.hit_activated.emit(self.hits[index])


def _snippet(hit: SearchHit, before: int = 12, after: int = 60) -> str:
    start = max(hit.start - before, 0)
    end = min(hit.end + after, len(hit.text))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(hit.text) else ""
    return f"{hit.line + 1}:  {prefix}{hit.text[start:end].strip()}{suffix}"
