"""The import dialog: files in, a folder out, and what was detected shown in between."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from studio.errors import StudioError
from studio.importers import detect, write_plan
from studio.importers.plan import ImportPlan
from studio.story.paths import slugify
from studio.ui.importer.preview import PlanPreview
from studio.ui.importer.report import fill_report, unsure_html
from studio.ui.runner import LatestRunner

DETECT = "detect"  # the runner's key for reading the chosen files
FILE_FILTER = "Fics and story bundles (*.txt *.text *.md *.html *.htm *.epub *.zip);;All files (*)"


class ImportDialog(QDialog):
    """Choose the fic's files (chapter files in reading order) and the new story's folder.

    What the importer finds is shown as soon as files are chosen; nothing is written
    until Import is pressed. After a successful import `imported` is the new folder.
    """

    def __init__(self, parent: QWidget | None = None, *, start_folder: Path | None = None):
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle("Import a fic")
        self.setStyleSheet(_style(_is_dark(parent or self)))
        self.setAcceptDrops(True)
        self.resize(920, 700)
        self.start_folder = start_folder or Path.home()
        self.plan: ImportPlan | None = None
        self.imported: Path | None = None
        self._dest_edited = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        intro = QLabel(
            "Choose the fic (or drop its files here): one text file, its chapter files in"
            " reading order, an AO3 download (HTML or EPUB), or a story bundle (.zip) from"
            " Studio. Studio shows what it finds before writing anything."
        )
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        layout.addWidget(intro)

        layout.addWidget(_title("Files"))
        layout.addLayout(self._build_files())
        layout.addWidget(_title("New story folder"))
        layout.addLayout(self._build_destination())
        self.replace = QCheckBox("Replace what is already in that folder")
        self.replace.toggled.connect(self._update_buttons)
        layout.addWidget(self.replace)
        layout.addWidget(_title("What Studio found"))
        self._build_report(layout)
        self.error = QLabel()
        self.error.setObjectName("startError")  # the window's style for a problem to fix
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setDefault(True)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._runner = LatestRunner(self)  # only the files chosen last are shown
        self._detect_timer = QTimer(self)
        self._detect_timer.setSingleShot(True)
        self._detect_timer.setInterval(0)
        self._detect_timer.timeout.connect(self.detect_now)
        self._update_buttons()

    def _build_report(self, layout: QVBoxLayout) -> None:
        self.busy = QLabel("Reading the files…")
        self.busy.setObjectName("hint")
        self.busy.hide()
        layout.addWidget(self.busy)
        self.check = QLabel()
        self.check.setObjectName("importCheck")
        self.check.setWordWrap(True)
        self.check.setTextFormat(Qt.TextFormat.RichText)
        self.check.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.check.hide()
        layout.addWidget(self.check)
        self.report = QTreeWidget()
        self.report.setObjectName("importReport")
        self.report.setColumnCount(2)
        self.report.setHeaderHidden(True)
        self.report.setWordWrap(True)
        # The text, block by block, where the author corrects what was detected.
        self.preview = PlanPreview()
        self.preview.setObjectName("importPreview")
        self.preview.changed.connect(self._corrected)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("importTabs")
        self.tabs.addTab(self.report, "Summary")
        self.tabs.addTab(self.preview, "Text and Corrections")
        layout.addWidget(self.tabs, 1)

    def _build_files(self) -> QHBoxLayout:
        files_row = QHBoxLayout()
        self.files = QListWidget()
        self.files.setObjectName("importFiles")
        self.files.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.files.setMaximumHeight(96)
        self.files.model().rowsMoved.connect(self._files_changed)
        files_row.addWidget(self.files, 1)
        buttons = QVBoxLayout()
        self.add_button = QPushButton("Add files…")
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button = QPushButton("Move up")
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button = QPushButton("Move down")
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        files_row.addLayout(buttons)
        return files_row

    def _build_destination(self) -> QHBoxLayout:
        dest_row = QHBoxLayout()
        self.dest = QLineEdit()
        self.dest.setObjectName("importDestination")
        self.dest.setPlaceholderText("Where the imported story's folder goes")
        self.dest.textEdited.connect(self._dest_typed)
        dest_row.addWidget(self.dest, 1)
        browse = QPushButton("Choose…")
        browse.clicked.connect(self.choose_destination)
        dest_row.addWidget(browse)
        return dest_row

    # -- files -----------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if _dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        """Files dragged from the file manager join the list, in the order given."""
        paths = _dropped_files(event.mimeData())
        if paths:
            self.add_files(paths)
            event.acceptProposedAction()

    def file_paths(self) -> list[Path]:
        return [
            Path(str(self.files.item(i).data(Qt.ItemDataRole.UserRole)))
            for i in range(self.files.count())
        ]

    def set_files(self, paths: list[Path]) -> None:
        self.files.clear()
        self.add_files(paths)

    def add_files(self, paths: list[Path]) -> None:
        for path in paths:
            item = QListWidgetItem(path.name)
            item.setToolTip(str(path))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.files.addItem(item)
        self._files_changed()

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, "Choose the fic's files", str(self.start_folder), FILE_FILTER
        )
        if names:
            self.add_files([Path(n) for n in sorted(names)])

    def remove_selected(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self._files_changed()

    def move_selected(self, step: int) -> None:
        row = self.files.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.files.count():
            return
        item = self.files.takeItem(row)
        self.files.insertItem(target, item)
        self.files.setCurrentRow(target)
        self._files_changed()

    def _files_changed(self) -> None:
        self._detect_timer.start()

    # -- destination -----------------------------------------------------------------

    def destination(self) -> Path | None:
        text = self.dest.text().strip()
        return Path(text).expanduser() if text else None

    def choose_destination(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Where should the story's folder go?", str(self.start_folder)
        )
        if folder:
            name = (
                slugify(str(self.plan.work.get("title", "")), fallback="story")
                if self.plan
                else "story"
            )
            self.dest.setText(str(Path(folder) / name))
            self._dest_edited = True
            self._update_buttons()

    def _dest_typed(self) -> None:
        self._dest_edited = True
        self._update_buttons()

    def _suggest_destination(self) -> None:
        if self._dest_edited or self.plan is None:
            return
        title = str(self.plan.work.get("title", ""))
        self.dest.setText(str(self.start_folder / slugify(title, fallback="story")))

    # -- detecting and importing -----------------------------------------------------

    def detect_now(self) -> None:
        """Read the chosen files in the background and show what they hold.

        Nothing is written. A 5 MB fic takes a second or two to read; the dialog stays
        responsive meanwhile, and a result for files since changed is dropped.
        """
        self.plan = None
        self.report.clear()
        self.preview.set_plan(None)
        self.check.hide()
        paths = self.file_paths()
        self._show_error(None)
        if paths:
            self.busy.show()
            self._runner.run(DETECT, lambda: detect(paths), self._detected)
        else:
            self._runner.drop(DETECT)  # a result for files since removed is not shown
            self.busy.hide()
        self._update_buttons()

    def _detected(self, plan: object) -> None:
        """The newest detection's result (an older one, for files since changed, never
        arrives): the plan, or the exception that stopped it."""
        self.busy.hide()
        if isinstance(plan, ImportPlan):
            self.plan = plan
            fill_report(self.report, plan)
            self.preview.set_plan(plan)
            self.check.setText(unsure_html(plan))
            self.check.setVisible(bool(plan.unsure))
            self._suggest_destination()
        elif isinstance(plan, StudioError):
            self._show_error(str(plan))
        else:  # a bug must not leave the dialog waiting forever, nor pass in silence
            self._show_error(f"Studio could not read these files ({plan})")
        self._update_buttons()

    def _corrected(self) -> None:
        """The author corrected the plan in the preview: the summary follows."""
        if self.plan is not None:
            fill_report(self.report, self.plan)

    def done(self, result: int) -> None:
        self._runner.drop(DETECT)  # a detection still running ends unseen
        super().done(result)

    def run_import(self) -> None:
        """Write what is shown (the plan already read) as the new story, then close."""
        dest = self.destination()
        if dest is None or self.plan is None:
            return
        if self.replace.isChecked() and not self._confirm_replace(dest):
            return
        try:
            project = write_plan(self.plan, dest, force=self.replace.isChecked())
        except StudioError as exc:
            self._show_error(str(exc))
            return
        self.imported = project.root
        self.accept()

    def _confirm_replace(self, dest: Path) -> bool:
        """Replacing moves what the folder holds aside: say so, and let the author back out."""
        if not dest.is_dir() or not any(dest.iterdir()):
            return True
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Replace the folder?",
            f"What is now in {dest} will be moved, whole, to a backup folder beside it"
            " (nothing is deleted), and the imported story put in its place.",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("confirmReplace")
        box.setTextFormat(Qt.TextFormat.PlainText)  # a folder name is data, never markup
        replace = box.addButton("Replace", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        confirmed = box.clickedButton() is replace
        box.deleteLater()
        return confirmed

    def _show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))

    def _update_buttons(self) -> None:
        has_files = self.files.count() > 0
        self.remove_button.setEnabled(has_files)
        self.up_button.setEnabled(self.files.count() > 1)
        self.down_button.setEnabled(self.files.count() > 1)
        self.import_button.setEnabled(self.plan is not None and self.destination() is not None)


def _style(dark: bool) -> str:
    warn = "#e0b15a" if dark else "#8a5a00"
    return f"""
    #importCheck {{ color: {warn}; border-left: 4px solid {warn}; padding: 6px 10px;
                    background: palette(alternate-base); }}
    #importReport::item {{ padding: 2px 0; }}
    """


def _dropped_files(mime: QMimeData) -> list[Path]:
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def _title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("fieldLabel")
    return label


def _is_dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128
