"""The Export dialog.

The author picks a format and where to write it, sees what the archive check found
(the same findings `studio check` lists as kind `archive`), and exports. The check and
the export run off the GUI thread (one `LatestRunner`, whose single thread runs an
export asked for during the check after it), with a busy bar, and the result's folder
opens in the desktop's file manager.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.checks import all_findings
from studio.errors import StudioError
from studio.export import (
    EXPORTERS,
    FORMAT_LABELS,
    OUTPUT_SUFFIXES,
    default_name,
    refuse_inside_project,
    writes_folder,
)
from studio.export.ffn import ffn_rating, ffn_warnings
from studio.export.selection import parse_numbers, select
from studio.findings import Finding, Kind
from studio.story.posting import Status, chapter_status
from studio.story.project import Project
from studio.ui.runner import LatestRunner

NOTHING_FOUND = "Nothing the archive would refuse: its required fields, limits and tags."
CHECK, EXPORT = "check", "export"  # the runner's keys: an export never drops the check
ALL = "all"
BY_NUMBER = "numbers"


def format_note(project: Project, fmt: str, warning: str | None = None) -> tuple[str, bool]:
    """A line about the chosen format, and whether exporting to it can go ahead.

    `warning` is FanFiction.Net's warnings (lyrics, links, characters), worked out with
    the check (it reads every chapter, too slow for the GUI thread on a long story).
    """
    if fmt == "ffn":
        try:
            rating = ffn_rating(project)
        except StudioError as exc:
            return exc.what + (f". {exc.hint}" if exc.hint else ""), False
        note = f"Rated {rating} on FanFiction.Net. One DOCX and one HTML file per chapter."
        return (f"{note}\n{warning}" if warning else note), True
    notes = {
        "bundle": "The whole story folder as one .zip, without Studio's backups. "
        "Your editor brings it in with `studio import`.",
        "docx": "Title page, then one page per chapter; lyrics in the Lyrics style.",
        "markdown": "Pandoc Markdown; lyrics as fenced divs.",
        "text": "Plain UTF-8 text with the header fields fics circulate with.",
    }
    return notes.get(fmt, ""), True


def other_findings_line(findings: list[Finding]) -> str | None:
    """The findings this box does not list, counted by kind ("Proofreading found 8
    more: 3 spelling · 4 grammar · 1 lyrics …"), so "nothing the archive would refuse"
    is never read as "nothing to fix"."""
    counts: dict[Kind, int] = {}
    for finding in findings:
        if finding.kind is not Kind.ARCHIVE:
            counts[finding.kind] = counts.get(finding.kind, 0) + 1
    if not counts:
        return None
    total = sum(counts.values())
    kinds = " · ".join(f"{counts[kind]}\u00a0{kind.value}" for kind in Kind if kind in counts)
    return f"Proofreading found {total} more: {kinds} (Tools ▸ Proofread Story lists them)"


class ExportDialog(QDialog):
    """Export `project`.

    `folder` is where the export goes by default (beside the story); `check` gives the
    findings, of which the archive ones are shown (by default every check that
    `studio check` runs).
    """

    exported = Signal(list)

    def __init__(
        self,
        project: Project,
        parent: QWidget | None = None,
        *,
        folder: Path | None = None,
        check: Callable[[Project], list[Finding]] = all_findings,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self._check = check
        self.result_paths: list[Path] = []
        self._runner = LatestRunner(self)
        self._can_export = True
        self._lyrics_warning: str | None = None
        self._exporting = False
        self._exporting_to: Path | None = None
        self._folder = folder or project.root.parent
        self.setWindowTitle("Export")
        self.setMinimumWidth(620)

        title = QLabel(f"<b>Export “{_html(project.work.title or 'Untitled')}”</b>")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(self._build_form())
        layout.addWidget(self._build_check(), 1)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(self._build_buttons())

        self._default_destination = ""
        self.format_box.currentIndexChanged.connect(self._format_changed)
        self._format_changed()
        self._run_check()

    def _build_form(self) -> QFormLayout:
        self.format_box = QComboBox()
        for fmt in [*OUTPUT_SUFFIXES, *sorted(set(EXPORTERS) - set(OUTPUT_SUFFIXES))]:
            if fmt in EXPORTERS:
                self.format_box.addItem(FORMAT_LABELS.get(fmt, fmt), fmt)
        self.destination = QLineEdit()
        self.choose_button = QPushButton("Choose…")
        self.choose_button.clicked.connect(self._choose_destination)
        destination_row = QHBoxLayout()
        destination_row.addWidget(self.destination, 1)
        destination_row.addWidget(self.choose_button)
        self.format_note = QLabel()
        self.format_note.setWordWrap(True)
        self.format_note.setObjectName("formatNote")
        self.chapters_box = QComboBox()
        self.chapters_box.setObjectName("chapterChoice")
        self.chapters_box.addItem("All chapters", ALL)
        self.chapters_box.addItem("Chapters by number", BY_NUMBER)
        statuses = [chapter_status(c) for c in self.project.chapters]  # story.toml only
        for status in Status:
            count = statuses.count(status)
            self.chapters_box.addItem(f"Chapters marked {status.value} ({count})", status.value)
        self.chapter_numbers = QLineEdit()
        self.chapter_numbers.setObjectName("chapterNumbers")
        self.chapter_numbers.setPlaceholderText("3,4 or 2-5")
        self.chapter_numbers.setEnabled(False)
        self.chapters_box.currentIndexChanged.connect(self._chapters_changed)
        chapters_row = QHBoxLayout()
        chapters_row.addWidget(self.chapters_box)
        chapters_row.addWidget(self.chapter_numbers, 1)
        form = QFormLayout()
        form.addRow("Format", self.format_box)
        form.addRow("Chapters", chapters_row)
        form.addRow("Save to", destination_row)
        form.addRow("", self.format_note)
        return form

    def _build_check(self) -> QGroupBox:
        self.findings_list = QListWidget()
        self.findings_list.setObjectName("archiveFindings")
        self.findings_list.setWordWrap(True)
        self.findings_list.setMinimumHeight(120)
        box = QGroupBox("Archive check")
        QVBoxLayout(box).addWidget(self.findings_list)
        return box

    def _build_buttons(self) -> QHBoxLayout:
        self.export_button = QPushButton("Export")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.open_button = QPushButton("Open Folder")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_result_folder)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.export_button)
        return buttons

    # -- choices -------------------------------------------------------------------

    @property
    def fmt(self) -> str:
        return str(self.format_box.currentData())

    def set_format(self, fmt: str) -> None:
        self.format_box.setCurrentIndex(self.format_box.findData(fmt))

    def choose_chapters(self, choice: str, numbers: str = "") -> None:
        """ALL, BY_NUMBER (with `numbers` such as "3,4"), or a status: "ready"…"""
        self.chapters_box.setCurrentIndex(self.chapters_box.findData(choice))
        self.chapter_numbers.setText(numbers)

    def _chapters_changed(self) -> None:
        self.chapter_numbers.setEnabled(self.chapters_box.currentData() == BY_NUMBER)

    def chosen_project(self) -> Project:
        """The story, or the chapters chosen of it (StudioError for a bad choice)."""
        choice = str(self.chapters_box.currentData())
        if choice == ALL or self.fmt == "bundle":
            return self.project
        if choice == BY_NUMBER:
            return select(self.project, parse_numbers(self.chapter_numbers.text()))
        return select(self.project, None, Status(choice))

    def _format_changed(self) -> None:
        """Follow the format with the default file name, unless the author typed one."""
        typed = self.destination.text().strip()
        default = str(self._folder / default_name(self.project, self.fmt))
        if not typed or typed == self._default_destination:
            self.destination.setText(default)
        self._default_destination = default
        note, allowed = format_note(self.project, self.fmt, self._lyrics_warning)
        self.format_note.setText(note)
        self.format_note.setProperty("problem", not allowed)
        self.format_note.setStyleSheet("" if allowed else "color: #e06c75;")
        self._can_export = allowed
        self._update_buttons()

    def _choose_destination(self) -> None:
        current = self.destination.text().strip() or str(self._folder)
        if writes_folder(self.fmt):
            chosen = QFileDialog.getExistingDirectory(self, "Export into folder", current)
            if chosen:
                chosen = str(folder_destination(Path(chosen), default_name(self.project, self.fmt)))
        else:
            chosen, _ = QFileDialog.getSaveFileName(self, "Export as", current)
        if chosen:
            self.destination.setText(chosen)

    # -- the archive check ------------------------------------------------------------

    def _run_check(self) -> None:
        self.findings_list.clear()
        self.findings_list.addItem("Checking the story…")
        self._runner.run(CHECK, self._checks, self._check_result)
        self._update_buttons()

    def _checks(self) -> tuple[list[Finding], str | None]:
        """On the job's thread: the findings, and FanFiction.Net's warnings."""
        warnings = ffn_warnings(self.project)
        return self._check(self.project), "\n".join(f"⚠ {w}" for w in warnings) or None

    def _check_result(self, result: tuple[list[Finding], str | None] | Exception) -> None:
        if isinstance(result, Exception):
            self._check_failed(failure_message(result))
        else:
            findings, self._lyrics_warning = result
            self.show_findings([f for f in findings if f.kind is Kind.ARCHIVE])
            others = other_findings_line(findings)
            if others:
                self.findings_list.addItem(others)
            self._format_changed()
        if self._exporting and self._exporting_to is not None:
            self.status.setText(f"Exporting to {self._exporting_to}…")
        self._update_buttons()

    def _check_failed(self, message: str) -> None:
        self.findings_list.clear()
        self.findings_list.addItem(f"The check could not run: {message}")

    def show_findings(self, findings: list[Finding]) -> None:
        self.findings_list.clear()
        if not findings:
            self.findings_list.addItem(f"✓ {NOTHING_FOUND}")
            return
        for finding in findings:
            place = f"{finding.file}:{finding.line}" if finding.line else finding.file
            item = QListWidgetItem(f"⚠ {finding.message}    ({place})")
            item.setToolTip(finding.text)
            self.findings_list.addItem(item)

    # -- exporting ----------------------------------------------------------------------

    def target(self) -> Path:
        """Where the export goes: the path shown, as it is.

        A folder format writes into the folder shown, even when it exists already (a
        second export replaces the first, never nests inside it). A one-file format
        shown as an existing folder writes its default name inside it, and a bare name
        gets the format's extension; `start_export` then shows that exact path.
        """
        typed = self.destination.text().strip()
        name = default_name(self.project, self.fmt)
        if not typed:
            return self._folder / name
        out = Path(typed).expanduser()
        if writes_folder(self.fmt):
            return out
        if out.is_dir():
            return out / name
        if not out.suffix:
            return out.with_name(out.name + OUTPUT_SUFFIXES[self.fmt])
        return out

    def confirm_replace(self, existing: list[Path], out: Path) -> bool:
        """Ask before an export replaces files the author already has."""
        if len(existing) == 1 and existing[0] == out:
            text = f"{out.name} already exists in {out.parent}. Replace it?"
        else:
            shown = ", ".join(p.name for p in existing[:4])
            more = f" and {len(existing) - 4} more" if len(existing) > 4 else ""
            text = (
                f"The folder {out} already holds {len(existing)} file"
                f"{'s' if len(existing) != 1 else ''} ({shown}{more}). "
                "Export into it, replacing the files this export writes?"
            )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Replace the export?",
            text,
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("confirmReplaceExport")
        box.setTextFormat(Qt.TextFormat.PlainText)
        replace = box.addButton("&Replace", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        confirmed = box.clickedButton() is replace
        box.deleteLater()
        return confirmed

    def start_export(self) -> None:
        """Export now, or as soon as the archive check is done (the runner's one thread
        runs one job at a time, so two threads never read the project at once)."""
        if self._exporting or not self._can_export:
            return
        fmt, out = self.fmt, self.target()
        try:
            refuse_inside_project(self.project, out)
            chosen = self.chosen_project()
        except StudioError as exc:
            self._show_error(str(exc))
            return
        if self.destination.text().strip() != str(out):
            self.destination.setText(str(out))  # show exactly where it writes
            if self._default_destination and Path(self._default_destination) == out:
                self._default_destination = str(out)
        existing = existing_files(out, writes_folder(fmt))
        if existing and not self.confirm_replace(existing, out):
            self.status.setStyleSheet("")
            self.status.setText("Not exported: nothing was replaced.")
            return
        self.result_paths = []
        self.progress.setRange(0, 0)  # busy: an exporter does not report steps
        self.progress.setVisible(True)
        self.status.setStyleSheet("")
        if self._runner.busy(CHECK):
            self.status.setText("Exporting as soon as the check is done…")
        else:
            self.status.setText(f"Exporting to {out}…")
        exporter = EXPORTERS[fmt]
        self._exporting, self._exporting_to = True, out
        self._runner.run(EXPORT, lambda: exporter(chosen, out), self._export_result)
        self._update_buttons()

    def _export_result(self, result: list[Path] | Exception) -> None:
        self._exporting, self._exporting_to = False, None
        if isinstance(result, Exception):
            self._show_error(failure_message(result))
        else:
            self._export_done(result)

    def _export_done(self, paths: list[Path]) -> None:
        self.result_paths = list(paths)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        folder = self.result_folder()
        count = len(paths)
        what = paths[0].name if count == 1 else f"{count} files"
        self.status.setText(f"Exported {what} to {folder}")
        self._update_buttons()
        self.exported.emit(self.result_paths)

    def _show_error(self, message: str) -> None:
        self.progress.setVisible(False)
        self.status.setStyleSheet("color: #e06c75;")
        self.status.setText(message)
        self._update_buttons()

    def result_folder(self) -> Path | None:
        if not self.result_paths:
            return None
        return Path(self.result_paths[0]).parent

    def open_result_folder(self) -> bool:
        folder = self.result_folder()
        if folder is None:
            return False
        return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))

    # -- the background jobs -----------------------------------------------------------

    @property
    def busy(self) -> bool:
        """Whether the check or an export is still running."""
        return self._runner.busy()

    def _update_buttons(self) -> None:
        idle = not self._runner.busy()
        settled = not self._exporting
        self.export_button.setEnabled(settled and self._can_export)
        self.format_box.setEnabled(settled)
        self.chapters_box.setEnabled(settled and self.fmt != "bundle")
        self.chapter_numbers.setEnabled(settled and self.chapters_box.currentData() == BY_NUMBER)
        self.destination.setEnabled(settled)
        self.choose_button.setEnabled(settled)
        self.close_button.setEnabled(not self._exporting)
        self.open_button.setEnabled(idle and bool(self.result_paths))

    def reject(self) -> None:
        if self._exporting:
            return  # the Close button is disabled too: an export is never cut off halfway
        self._runner.drop(CHECK)  # a running check ends on its own, unseen
        super().reject()


def existing_files(out: Path, folder: bool) -> list[Path]:
    """The files an export to `out` may replace: the file itself, or a folder's files."""
    if not folder:
        return [out] if out.is_file() else []
    if not out.is_dir():
        return []
    return sorted(p for p in out.iterdir() if p.is_file())


def folder_destination(chosen: Path, name: str) -> Path:
    """The export folder for a folder picked in the file dialog: the default name
    inside it, unless the author picked an export folder of that name itself."""
    return chosen if chosen.name == name else chosen / name


def failure_message(error: Exception) -> str:
    """What the dialog says when a job failed: a StudioError as it is, a bug named."""
    if isinstance(error, StudioError):
        return str(error)
    return f"Studio could not finish this ({type(error).__name__}: {error})"


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
