"""“Mark as lyrics…”: choose the song the selected lines quote, or name a new one."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from studio.lyrics.credit import song_credit
from studio.lyrics.library import SongDetails
from studio.story.model import Song

NEW_SONG = ""  # the combo item's data for "New song…"


class MarkLyricsDialog(QDialog):
    def __init__(
        self,
        songs: dict[str, Song],
        line_count: int,
        preselect: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Mark as lyrics")
        self.setMinimumWidth(440)
        plural = "line" if line_count == 1 else "lines"
        intro = QLabel(f"Set {line_count} {plural} apart as a quotation from:")
        self.song = QComboBox()
        for song_id, song in songs.items():
            self.song.addItem(song_credit(song), song_id)
        self.song.addItem("New song…", NEW_SONG)
        self.title = QLineEdit()
        self.title.setPlaceholderText("The song's title")
        self.artist = QLineEdit()
        self.artist.setPlaceholderText("Who sings it")
        self.new_song_form = QWidget()
        form = QFormLayout(self.new_song_form)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("&Title", self.title)
        form.addRow("&Artist", self.artist)
        self.error = QLabel()
        self.error.setStyleSheet("color: #e06c75;")
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Mark as lyrics")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.song)
        layout.addWidget(self.new_song_form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.song.currentIndexChanged.connect(self._song_changed)
        index = self.song.findData(preselect) if preselect else -1
        self.song.setCurrentIndex(index if index >= 0 else 0)
        self._song_changed()

    def _song_changed(self) -> None:
        is_new = self.song.currentData() == NEW_SONG
        self.new_song_form.setVisible(is_new)
        if is_new:
            self.title.setFocus()
        self.adjustSize()

    def chosen_song(self) -> str | None:
        """The id of the chosen song; None when a new song is to be added."""
        data = self.song.currentData()
        return None if data == NEW_SONG else str(data)

    def new_song(self) -> SongDetails:
        return SongDetails(title=self.title.text().strip(), artist=self.artist.text().strip())

    def choose_new_song(self, title: str, artist: str = "") -> None:
        self.song.setCurrentIndex(self.song.findData(NEW_SONG))
        self.title.setText(title)
        self.artist.setText(artist)

    def accept(self) -> None:
        if self.chosen_song() is None and not self.title.text().strip():
            self.error.setText("Give the new song a title.")
            self.error.show()
            self.title.setFocus()
            return
        super().accept()
