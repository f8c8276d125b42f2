"""The import preview's text: every chapter and its blocks, and the author's corrections.

Before anything is written the author can mark a block as lyrics or prose, pick or
name its song, move a paragraph to the chapter's notes, and split or join chapters.
The corrections are made on the plan (studio.importers.corrections), so what is
written is what this shows.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.errors import StudioError
from studio.importers import corrections
from studio.importers.plan import ImportPlan, LyricsBlock

_ROLE = Qt.ItemDataRole.UserRole
_KINDS = {"prose": "Prose", "lyrics": "Lyrics", "break": "Scene break", "list": "List"}


class PlanPreview(QWidget):
    """The plan's chapters and blocks, with buttons that correct them."""

    changed = Signal()  # the plan was corrected

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan: ImportPlan | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tree = QTreeWidget()
        self.tree.setObjectName("importBlocks")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Block", "Text"])
        self.tree.setWordWrap(False)
        self.tree.setUniformRowHeights(True)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        layout.addWidget(self.tree, 1)
        row = QHBoxLayout()
        self.lyrics_button = self._button(row, "Lyrics", "markLyrics", self.mark_lyrics)
        self.prose_button = self._button(row, "Prose", "markProse", self.mark_prose)
        self.song = QComboBox()
        self.song.setObjectName("importSong")
        self.song.setEditable(True)
        self.song.setMinimumWidth(200)
        self.song.setToolTip("Pick the block's song, or type a new song's title")
        edit = self.song.lineEdit()
        if edit is not None:
            edit.setPlaceholderText("Song title")
        row.addWidget(self.song)
        self.song_button = self._button(row, "Set Song", "setSong", self.set_song)
        row.addSpacing(12)
        self.notes_button = self._button(row, "To Notes", "moveToNotes", self.move_to_notes)
        self.split_button = self._button(row, "Split Here", "splitChapter", self.split_chapter)
        self.join_button = self._button(row, "Join Next", "joinChapters", self.join_chapters)
        row.addStretch(1)
        layout.addLayout(row)
        self.message = QLabel()
        self.message.setObjectName("hint")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self._update_buttons()

    def _button(
        self, row: QHBoxLayout, text: str, name: str, slot: Callable[[], object]
    ) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    # -- showing the plan ------------------------------------------------------------

    def set_plan(self, plan: ImportPlan | None) -> None:
        """Show `plan`; a story bundle is written as it is, so it is shown, not corrected."""
        self.plan = plan
        self.refresh()

    def refresh(self, select: tuple[int, int] | None = None) -> None:
        self.tree.clear()
        plan = self.plan
        self.song.clear()
        if plan is None:
            self._update_buttons()
            return
        for song in plan.songs.values():
            self.song.addItem(song.title or f"(untitled: {song.id})", song.id)
        chosen: QTreeWidgetItem | None = None
        for c, chapter in enumerate(plan.chapters):
            top = QTreeWidgetItem(self.tree, [f"{c + 1}. {chapter.title or '(no title)'}", ""])
            top.setData(0, _ROLE, (c, -1))
            top.setExpanded(True)
            if select == (c, -1):
                chosen = top
            for p, part in enumerate(chapter.parts):
                item = QTreeWidgetItem(
                    top, [_KINDS[corrections.kind_of(part)], _preview(plan, part)]
                )
                item.setData(0, _ROLE, (c, p))
                item.setToolTip(1, _text(part))
                if select == (c, p):
                    chosen = item
        self.tree.resizeColumnToContents(0)
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        self._update_buttons()

    def selected(self) -> tuple[int, int] | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        value = item.data(0, _ROLE)
        return (int(value[0]), int(value[1])) if value is not None else None

    def _update_buttons(self) -> None:
        where = self.selected()
        editable = self.plan is not None and self.plan.bundle is None
        part = None
        if where is not None and where[1] >= 0 and self.plan is not None:
            part = self.plan.chapters[where[0]].parts[where[1]]
        kind = corrections.kind_of(part) if part is not None else ""
        self.lyrics_button.setEnabled(editable and kind == "prose")
        self.prose_button.setEnabled(editable and kind == "lyrics")
        self.song_button.setEnabled(editable and kind == "lyrics")
        self.song.setEnabled(editable and kind == "lyrics")
        if isinstance(part, LyricsBlock):
            index = self.song.findData(part.song)
            if index >= 0:
                self.song.setCurrentIndex(index)
        self.notes_button.setEnabled(editable and kind in ("prose", "lyrics", "list"))
        self.split_button.setEnabled(editable and where is not None and where[1] > 0)
        chapters = len(self.plan.chapters) if self.plan is not None else 0
        self.join_button.setEnabled(editable and where is not None and where[0] < chapters - 1)

    # -- corrections -----------------------------------------------------------------

    def _apply(
        self, change: Callable[[ImportPlan, int, int], object], select: str = "same"
    ) -> None:
        where = self.selected()
        if self.plan is None or where is None:
            return
        chapter, part = where
        try:
            change(self.plan, chapter, part)
        except StudioError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText("")
        targets = {"same": (chapter, part), "chapter": (chapter, -1), "next": (chapter + 1, -1)}
        self.refresh(targets[select])
        self.changed.emit()

    def mark_lyrics(self) -> None:
        self._apply(corrections.mark_lyrics)

    def mark_prose(self) -> None:
        self._apply(corrections.mark_prose)

    def set_song(self) -> None:
        text = self.song.currentText().strip()
        index = self.song.findText(text)
        song = str(self.song.itemData(index)) if index >= 0 else text
        self._apply(lambda plan, c, p: corrections.set_song(plan, c, p, song))

    def move_to_notes(self) -> None:
        self._apply(corrections.move_to_notes, "chapter")

    def split_chapter(self, title: str | None = None) -> None:
        if title is None or not isinstance(title, str):
            title, ok = QInputDialog.getText(self, "Split the chapter", "The new chapter's title:")
            if not ok:
                return
        self._apply(lambda plan, c, p: corrections.split_chapter(plan, c, p, title), "next")

    def join_chapters(self) -> None:
        self._apply(lambda plan, c, _p: corrections.join_chapters(plan, c), "chapter")


def _text(part: str | LyricsBlock) -> str:
    return "\n".join(part.lines) if isinstance(part, LyricsBlock) else part


def _preview(plan: ImportPlan, part: str | LyricsBlock) -> str:
    first = next((line for line in _text(part).split("\n") if line.strip()), "")
    first = first.rstrip("\\")
    first = first if len(first) <= 90 else first[:89] + "…"
    if isinstance(part, LyricsBlock):
        song = plan.songs.get(part.song)
        name = (song.title or f"untitled: {song.id}") if song else part.song
        return f"♪ {name} — {first}"
    return first
