"""The Songs tab of the metadata panel: the story's song library and where each is quoted."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.errors import StudioError
from studio.lyrics.credit import (
    CreditPlacement,
    credit_placement,
    set_credit_placement,
    song_credit,
)
from studio.lyrics.library import (
    Quotation,
    SongDetails,
    add_song,
    all_quotations,
    remove_song,
    update_song,
)
from studio.story.project import Project
from studio.ui.lyrics.editing import MARK_SHORTCUT
from studio.ui.lyrics.song_dialog import SongDialog

PLACEMENT_LABELS = {
    CreditPlacement.BOTH: "Under blocks and in notes",
    CreditPlacement.BLOCK: "Under each block",
    CreditPlacement.NOTES: "Once, in the notes",
    CreditPlacement.NONE: "In my own words",
}
SONG_ROLE = Qt.ItemDataRole.UserRole
PLACE_ROLE = Qt.ItemDataRole.UserRole + 1


class SongsTab(QWidget):
    """Lists songs with their quotations (a click jumps there); adds, edits, removes songs."""

    jump_requested = Signal(str, int)  # chapter file, 1-based line
    library_changed = Signal()

    def __init__(
        self,
        project: Project | None = None,
        texts: Callable[[], Mapping[str, str]] | None = None,
        *,
        save: Callable[[], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`texts` gives the unsaved text of open chapters (file → text); `save` is how the
        window saves story.toml (default: at once, with Project.save)."""
        super().__init__(parent)
        self.project = project
        self._texts = texts or dict
        self._save = save
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Song", "Quoted"])
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setUniformRowHeights(True)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        self.tree.itemDoubleClicked.connect(self._double_clicked)
        self.tree.currentItemChanged.connect(self._update_buttons)
        self.add_button = QPushButton("&Add…")
        self.edit_button = QPushButton("&Edit…")
        self.remove_button = QPushButton("&Remove…")
        self.add_button.clicked.connect(self.add_song)
        self.edit_button.clicked.connect(self._edit_clicked)
        self.remove_button.clicked.connect(self._remove_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        self.placement = QComboBox()
        for placement, label in PLACEMENT_LABELS.items():
            self.placement.addItem(label, str(placement))
        self.placement.currentIndexChanged.connect(self._placement_changed)
        placement_row = QHBoxLayout()
        placement_row.addWidget(QLabel("Credit songs:"))
        placement_row.addWidget(self.placement, 1)
        hint = QLabel(
            "To quote a song, select its lines in a chapter and choose Mark as Lyrics…"
            f" in the Edit menu ({MARK_SHORTCUT.toString(QKeySequence.SequenceFormat.NativeText)})."
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        layout.addLayout(placement_row)
        layout.addWidget(self.status)
        layout.addWidget(hint)
        self._stale = False
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(600)
        self._refresh_timer.timeout.connect(self.refresh)
        self.refresh()

    # -- listing ----------------------------------------------------------------------

    def schedule_refresh(self) -> None:
        """Refresh a moment after the text stops changing (connect to editors' textChanged);
        while the tab is hidden, only note that it must refresh when shown."""
        self._stale = True
        if self.isVisible():
            self._refresh_timer.start()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def set_project(self, project: Project | None) -> None:
        """Show `project`'s songs; while the tab is hidden, only when it is first shown.

        Listing the quotations reads every chapter (half a second for a million words),
        which opening a story should not wait for when the tab is not even visible.
        """
        self.project = project
        self.tree.clear()
        self.setEnabled(project is not None)
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def refresh(self) -> None:
        """Rebuild the list from the library and the chapters (unsaved text included)."""
        self._stale = False
        project = self.project
        self.setEnabled(project is not None)
        if project is None:
            self.tree.clear()
            return
        try:
            quotations = all_quotations(project, self._texts())
        except StudioError as error:
            self.status.setText(error.message)
            quotations = []
        selected = self.selected_song()
        expanded = {item.data(0, SONG_ROLE) for item in self._song_items() if item.isExpanded()}
        self.tree.clear()
        songs = project.songs
        titles = {i: c.title or c.file for i, c in enumerate(project.chapters)}
        by_song: dict[str, list[Quotation]] = {song_id: [] for song_id in songs}
        for quotation in quotations:
            by_song.setdefault(quotation.song_id or "", []).append(quotation)
        for song_id, places in by_song.items():
            song = songs.get(song_id)
            if song is not None:
                label = song_credit(song)
            elif song_id:
                label = f"“{song_id}”: not in the song library"
            else:
                label = "Lyrics naming no song"
            count = len(places)
            quoted = f"{count} place{'s' if count != 1 else ''}" if count else "not quoted"
            item = QTreeWidgetItem([label, quoted])
            item.setData(0, SONG_ROLE, song_id)
            if song is None:
                item.setForeground(0, self.palette().placeholderText())
                item.setToolTip(0, "Add this song to the library, or mark the lines again")
            for quotation in places:
                first_line = next((line for line in quotation.block.lines if line.strip()), "")
                where = (
                    f"Chapter {quotation.chapter_index + 1} · "
                    f"{titles.get(quotation.chapter_index, quotation.file)}"
                )
                child = QTreeWidgetItem([where, f"line {quotation.line}"])
                child.setToolTip(0, f"{quotation.file}:{quotation.line}\n{first_line}")
                child.setData(0, SONG_ROLE, song_id)
                child.setData(0, PLACE_ROLE, (quotation.file, quotation.line))
                item.addChild(child)
            self.tree.addTopLevelItem(item)
            item.setExpanded(song_id in expanded or not expanded)
            if song_id == selected:
                self.tree.setCurrentItem(item)
        self.placement.blockSignals(True)
        self.placement.setCurrentIndex(self.placement.findData(str(credit_placement(project))))
        self.placement.blockSignals(False)
        self._update_buttons()

    def selected_song(self) -> str | None:
        item = self.tree.currentItem()
        if item is None or self.project is None:
            return None
        song_id = item.data(0, SONG_ROLE)
        return str(song_id) if song_id in self.project.songs else None

    def places(self, song_id: str) -> list[tuple[str, int]]:
        """What the tab lists under a song: (chapter file, 1-based line)."""
        for item in self._song_items():
            if item.data(0, SONG_ROLE) == song_id:
                children = [item.child(j) for j in range(item.childCount())]
                return [child.data(0, PLACE_ROLE) for child in children if child is not None]
        return []

    def _song_items(self) -> list[QTreeWidgetItem]:
        items = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        return [item for item in items if item is not None]

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        place = item.data(0, PLACE_ROLE)
        if place:
            file, line = place
            self.jump_requested.emit(str(file), int(line))

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        song_id = item.data(0, SONG_ROLE)
        if item.data(0, PLACE_ROLE) is None and self.project and song_id in self.project.songs:
            self.edit_song(str(item.data(0, SONG_ROLE)))

    def _edit_clicked(self) -> None:
        self.edit_song()

    def _remove_clicked(self) -> None:
        self.remove_song()

    def _update_buttons(self) -> None:
        has_song = self.selected_song() is not None
        self.edit_button.setEnabled(has_song)
        self.remove_button.setEnabled(has_song)

    # -- changing the library ---------------------------------------------------------

    def add_song(self) -> str | None:
        project = self.project
        if project is None:
            return None
        item = self.tree.currentItem()
        unknown = item.data(0, SONG_ROLE) if item is not None else None
        prefill = None
        if unknown and unknown not in project.songs:
            prefill = SongDetails(title=str(unknown).replace("-", " ").title())
        dialog = SongDialog(prefill, self)
        dialog.setWindowTitle("Add song")
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                song_id = str(unknown) if prefill is not None else None
                song = add_song(project, dialog.details(), song_id)
                self._changed()
            except StudioError as error:
                dialog.show_error(error.message)
                continue
            self._select(song.id)
            return song.id
        return None

    def edit_song(self, song_id: str | None = None) -> bool:
        project = self.project
        song_id = song_id or self.selected_song()
        if song_id is None or project is None:
            return False
        dialog = SongDialog(SongDetails.of(project.songs[song_id]), self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                update_song(project, song_id, dialog.details())
                self._changed()
            except StudioError as error:
                dialog.show_error(error.message)
                continue
            return True
        return False

    def remove_song(self, song_id: str | None = None) -> bool:
        """Remove the song; when it is still quoted, ask first (No is the default)."""
        project = self.project
        song_id = song_id or self.selected_song()
        if song_id is None or project is None:
            return False
        song = project.songs[song_id]
        places = [q for q in all_quotations(project, self._texts()) if q.song_id == song_id]
        if places and not self.confirm_remove(song_credit(song), places):
            return False
        remove_song(project, song_id, even_if_quoted=True)
        self._changed()
        return True

    def confirm_remove(self, credit: str, places: list[Quotation]) -> bool:
        listed = "\n".join(f"• {q.file}, line {q.line}" for q in places[:8])
        more = f"\n… and {len(places) - 8} more" if len(places) > 8 else ""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Remove song",
            f"{credit} is still quoted in {len(places)} place{'s' if len(places) != 1 else ''}:",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(
            f"{listed}{more}\n\nThose lyrics blocks stay in the chapters, but nothing will"
            " credit them until you add the song again."
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # the credit and files are the story's words
        remove = box.addButton("Remove Song", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setObjectName("confirm-remove-song")
        box.exec()
        return box.clickedButton() is remove

    def _placement_changed(self) -> None:
        if self.project is None:
            return
        set_credit_placement(self.project, CreditPlacement(self.placement.currentData()))
        self._changed()

    def _changed(self) -> None:
        try:
            if self._save is not None:
                self._save()
            elif self.project is not None:
                self.project.save()
        except StudioError as error:
            self.status.setText(f"Not saved: {error.message}")
        else:
            self.status.clear()
        self.refresh()
        self.library_changed.emit()

    def _select(self, song_id: str) -> None:
        for item in self._song_items():
            if item.data(0, SONG_ROLE) == song_id:
                self.tree.setCurrentItem(item)
