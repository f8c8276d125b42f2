"""After a crash: offer the journaled text back, showing what differs from the files."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from studio.safety import JournalEntry
from studio.ui.safety.diff_view import DiffView


class RestoreAnswer(Enum):
    RESTORE = "restore"
    DISCARD = "discard"
    LATER = "later"


class RestoreDialog(QDialog):
    """Lists each file with unsaved text from last time; the checked ones are restored."""

    def __init__(
        self,
        root: Path,
        entries: list[JournalEntry],
        titles: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Recover unsaved text")
        self.resize(1120, 700)
        self.root = root
        self.entries = entries
        self.answer = RestoreAnswer.LATER
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        heading = QLabel(
            "<b>Studio did not close properly last time.</b> "
            "These changes were never saved; choose which to bring back."
        )
        heading.setWordWrap(True)
        layout.addWidget(heading)

        self.list = QListWidget()
        self.list.setObjectName("recoverList")
        for entry in entries:
            when = entry.saved_at.astimezone().strftime("%a %d %b, %H:%M")
            item = QListWidgetItem(f"{titles.get(entry.file, entry.file)}\n{when}")
            item.setData(Qt.ItemDataRole.UserRole, entry.file)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        self.view = DiffView()
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(self.view)
        splitter.setSizes([260, 860])
        layout.addWidget(splitter, 1)

        buttons = QDialogButtonBox()
        self.restore_button = QPushButton("Restore checked")
        self.discard_button = QPushButton("Discard all")
        self.later_button = QPushButton("Decide later")
        buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(lambda: self._finish(RestoreAnswer.RESTORE))
        self.discard_button.clicked.connect(lambda: self._finish(RestoreAnswer.DISCARD))
        self.later_button.clicked.connect(lambda: self._finish(RestoreAnswer.LATER))
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel("The files on disk stay in the backup made when you opened."))
        bottom.addWidget(buttons)
        layout.addLayout(bottom)

        self.list.currentRowChanged.connect(self._show)
        if entries:
            self.list.setCurrentRow(0)

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.entries):
            return
        entry = self.entries[row]
        on_disk = _read(self.root / entry.file)
        self.view.set_texts(
            on_disk if on_disk is not None else "",
            entry.text,
            "On disk now" if on_disk is not None else "On disk now (the file is gone)",
            "Unsaved text from last time",
        )

    def checked(self) -> list[JournalEntry]:
        chosen = []
        for row, entry in enumerate(self.entries):
            item = self.list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                chosen.append(entry)
        return chosen

    def _finish(self, answer: RestoreAnswer) -> None:
        self.answer = answer
        if answer is RestoreAnswer.LATER:
            self.reject()
        else:
            self.accept()


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
