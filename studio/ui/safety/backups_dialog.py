"""File → Backups: the project's zip snapshots with dates; back up now, restore to a folder."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
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
from studio.safety import Backup, create_backup, list_backups, restore_backup

NUMBER_COLUMNS = (2, 3)  # Files, Size
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

REASONS = {"open": "When opened", "close": "When closed", "manual": "By hand"}


def describe_when(moment: datetime) -> str:
    return moment.astimezone().strftime("%a %d %b %Y, %H:%M:%S")


class BackupsDialog(QDialog):
    """Lists backups newest first; restores one into a new folder beside the project."""

    def __init__(
        self,
        root: Path,
        *,
        keep: int,
        open_project: Callable[[Path], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Backups")
        self.resize(720, 440)
        self.root = root
        self.keep = keep
        self.open_project = open_project
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        intro = QLabel(
            f"Studio keeps the last {keep} snapshots of this story, made when you open and"
            " close it. Restoring puts a copy in a new folder; nothing here is overwritten."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tree = QTreeWidget()
        self.tree.setObjectName("backupList")
        self.tree.setHeaderLabels(["Date", "Made", "Files", "Size"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)  # the date takes the room, not the size
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        heading = self.tree.headerItem()
        for column in NUMBER_COLUMNS:  # numbers line up on the right, headings over them
            heading.setTextAlignment(column, RIGHT)
        layout.addWidget(self.tree, 1)
        self.status = QLabel()
        self.status.setObjectName("backupStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox()
        self.backup_button = QPushButton("Back up now")
        self.restore_button = QPushButton("Restore to new folder…")
        buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.accept)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self._ask_and_restore)
        layout.addWidget(buttons)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.refresh()

    def refresh(self) -> None:
        self.tree.clear()
        self.backups = list_backups(self.root)
        for backup in self.backups:
            item = QTreeWidgetItem(
                [
                    describe_when(backup.created),
                    REASONS.get(backup.reason, backup.reason),
                    str(len(backup.files)),
                    _size(backup.size),
                ]
            )
            for column in NUMBER_COLUMNS:
                item.setTextAlignment(column, RIGHT)
            self.tree.addTopLevelItem(item)
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)
        self._update_buttons()

    def selected(self) -> Backup | None:
        item = self.tree.currentItem()
        row = self.tree.indexOfTopLevelItem(item) if item is not None else -1
        return self.backups[row] if 0 <= row < len(self.backups) else None

    def back_up_now(self) -> Backup | None:
        try:
            backup = create_backup(self.root, reason="manual", keep=self.keep)
        except StudioError as exc:
            self.status.setText(f"Backup failed: {exc}")
            return None
        self.refresh()
        self.status.setText(f"Backed up at {describe_when(backup.created)}.")
        return backup

    def default_destination(self, backup: Backup) -> Path:
        stamp = backup.created.astimezone().strftime("%Y-%m-%d-%H%M%S")
        return self.root.parent / f"{self.root.name}-restored-{stamp}"

    def restore_to(self, dest: Path) -> Path | None:
        """Restore the selected backup into `dest`; shows the error if it cannot."""
        backup = self.selected()
        if backup is None:
            return None
        try:
            restored = restore_backup(backup.path, dest)
        except StudioError as exc:
            self.status.setText(f"Could not restore: {exc}")
            return None
        self.status.setText(f"Restored into {restored}.")
        return restored

    def _ask_and_restore(self) -> None:
        backup = self.selected()
        if backup is None:
            return
        suggested = self.default_destination(backup)
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Restore the backup into a new folder", str(suggested)
        )
        if not chosen:
            return
        dest = self.restore_to(Path(chosen))
        if dest is None:
            return
        box = QMessageBox(self)  # plain text: a folder name is data, never markup
        box.setWindowTitle("Backup restored")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"The backup is in {dest}.\n\nOpen it now?")
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.exec()
        yes = box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)
        if yes and self.open_project is not None:
            self.accept()
            self.open_project(dest)

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"
