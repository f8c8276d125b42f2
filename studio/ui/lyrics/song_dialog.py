"""The dialog that adds or edits one song of the library."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from studio.lyrics.library import SongDetails


class SongDialog(QDialog):
    """Title and artist first (all a credit needs), then the optional details."""

    def __init__(self, details: SongDetails | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit song" if details else "Add song")
        self.setMinimumWidth(520)
        details = details or SongDetails(title="")
        self.title = QLineEdit(details.title)
        # Placeholders say what goes in a field, never a sample value: a greyed
        # "Harbour Lights" reads as a song already filled in.
        self.title.setPlaceholderText("The song's title (needed)")
        self.artist = QLineEdit(details.artist)
        self.artist.setPlaceholderText("Who sings it")
        self.album = QLineEdit(details.album)
        self.album.setPlaceholderText("Optional")
        self.year = QLineEdit(details.year)
        self.year.setMaximumWidth(90)
        self.year.setPlaceholderText("Optional")
        self.writers = QLineEdit(", ".join(details.writers))
        self.writers.setPlaceholderText("Optional: songwriters, separated by commas")
        self.url = QLineEdit(details.url)
        self.url.setPlaceholderText("Optional: a page about the song")
        self.lyrics = QPlainTextEdit(details.lyrics)
        self.lyrics.setPlaceholderText(
            "The song's words as written, a blank line between verses.\n"
            "Quotations are checked against them."
        )
        self.lyrics.setTabChangesFocus(True)
        self.credit = QLineEdit(details.credit)
        self.credit.setPlaceholderText("Leave empty for: “Title” by Artist")
        self.public_domain = QCheckBox("In the public domain (a traditional song, say)")
        self.public_domain.setChecked(details.public_domain)

        form = QFormLayout()
        form.addRow("&Title", self.title)
        form.addRow("&Artist", self.artist)
        form.addRow("Al&bum", self.album)
        form.addRow("&Year", self.year)
        form.addRow("&Writers", self.writers)
        form.addRow("&Link", self.url)
        form.addRow("L&yrics", self.lyrics)
        form.addRow("&Credit as", self.credit)
        form.addRow("", self.public_domain)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #e06c75;")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.title.setFocus()

    def details(self) -> SongDetails:
        return SongDetails(
            title=self.title.text().strip(),
            artist=self.artist.text().strip(),
            album=self.album.text().strip(),
            year=self.year.text().strip(),
            writers=tuple(w.strip() for w in self.writers.text().split(",") if w.strip()),
            url=self.url.text().strip(),
            lyrics=self.lyrics.toPlainText(),
            credit=self.credit.text().strip(),
            public_domain=self.public_domain.isChecked(),
        )

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def accept(self) -> None:
        if not self.title.text().strip():
            self.show_error("A song needs a title.")
            self.title.setFocus()
            return
        super().accept()
