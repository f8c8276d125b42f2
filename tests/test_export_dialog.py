"""The Export dialog, driven through its real widgets with pytest-qt."""

from __future__ import annotations

import threading
from pathlib import Path

import docx
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from studio import checks
from studio.errors import StudioError
from studio.findings import Finding, Kind
from studio.story import Project
from studio.ui.export import ExportDialog
from studio.ui.export import dialog as dialog_module
from studio.ui.export.dialog import NOTHING_FOUND
from tests.export_support import copy_sample


def _dialog(qtbot: QtBot, project: Project, folder: Path, **kwargs: object) -> ExportDialog:
    dialog = ExportDialog(project, folder=folder, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    return dialog


def _items(dialog: ExportDialog) -> list[str]:
    return [dialog.findings_list.item(i).text() for i in range(dialog.findings_list.count())]


def test_exports_docx_off_the_gui_thread(qtbot: QtBot, tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    folder = tmp_path / "exports"
    folder.mkdir()
    dialog = _dialog(qtbot, project, folder)
    dialog.set_format("docx")
    assert dialog.destination.text() == str(folder / "salt-and-static.docx")
    assert "Lyrics style" in dialog.format_note.text()

    with qtbot.waitSignal(dialog.exported, timeout=20_000) as signal:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        assert dialog.busy and dialog.progress.isVisible()
        assert not dialog.export_button.isEnabled() and not dialog.close_button.isEnabled()
    out = folder / "salt-and-static.docx"
    assert signal.args == [[out]]
    qtbot.waitUntil(lambda: not dialog.busy)
    assert docx.Document(str(out)).paragraphs[0].text == "Salt and Static"
    assert dialog.status.text() == f"Exported salt-and-static.docx to {folder}"
    assert dialog.open_button.isEnabled()


class _FileManager(QObject):
    """Stands in for the desktop's file manager through Qt's own URL-handler hook."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def show(self, url: QUrl) -> None:
        self.opened.append(url)


def test_open_folder_opens_the_result_folder(qtbot: QtBot, tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    dialog = _dialog(qtbot, project, tmp_path)
    dialog.set_format("ffn")
    assert "Rated T on FanFiction.Net" in dialog.format_note.text()
    assert "public domain" in dialog.format_note.text()
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.busy)
    folder = tmp_path / "salt-and-static-ffn"
    assert dialog.result_folder() == folder
    manager = _FileManager()
    QDesktopServices.setUrlHandler("file", manager, "show")
    try:
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [Path(u.toLocalFile()) for u in manager.opened] == [folder]


def test_explicit_story_cannot_go_to_ffn(qtbot: QtBot, tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    project.work.rating = "Explicit"
    project.save()
    dialog = _dialog(qtbot, Project.load(project.root), tmp_path)
    dialog.set_format("ffn")
    assert "does not accept Explicit" in dialog.format_note.text()
    assert not dialog.export_button.isEnabled()
    dialog.set_format("docx")
    assert dialog.export_button.isEnabled()


def test_typed_destination_is_kept_and_inside_story_refused(qtbot: QtBot, tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    dialog = _dialog(qtbot, project, tmp_path)
    dialog.set_format("text")
    dialog.destination.setText(str(project.root / "chapters" / "oops.txt"))
    dialog.set_format("markdown")  # a typed destination survives a change of format
    assert dialog.destination.text().endswith("oops.txt")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "inside the story's folder" in dialog.status.text()
    assert not (project.root / "chapters" / "oops.txt").exists()
    assert not dialog.busy and not dialog.open_button.isEnabled()


def test_export_error_is_shown_not_raised(qtbot: QtBot, tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    dialog = _dialog(qtbot, project, tmp_path)
    dialog.set_format("text")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    dialog.destination.setText(str(blocker / "story.txt"))  # a folder that is a file
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert "could not save" in dialog.status.text()
    assert not dialog.progress.isVisible()
    assert dialog.export_button.isEnabled()


def test_archive_findings_are_listed(qtbot: QtBot, tmp_path: Path) -> None:
    """Only findings of kind archive show."""

    def archive_check(project: Project) -> list[Finding]:
        return [
            Finding("story.toml", 3, 1, 5, Kind.ARCHIVE, "title", "", "The title is too long"),
            Finding("chapters/01.md", 2, 1, 5, Kind.SPELLING, "spell", "teh", "Misspelt"),
        ]

    dialog = _dialog(qtbot, copy_sample(tmp_path), tmp_path, check=archive_check)
    assert _items(dialog) == ["⚠ The title is too long    (story.toml:3)"]


def test_findings_of_the_real_checks(qtbot: QtBot, tmp_path: Path) -> None:
    """By default the dialog lists what `studio check` finds, archive kind only."""
    project = copy_sample(tmp_path)
    dialog = _dialog(qtbot, project, tmp_path)
    expected = [f for f in checks.all_findings(project) if f.kind is Kind.ARCHIVE]
    if expected:
        assert len(_items(dialog)) == len(expected)
    else:
        assert _items(dialog) == [f"✓ {NOTHING_FOUND}"]


def test_a_failing_check_is_reported(qtbot: QtBot, tmp_path: Path) -> None:
    def broken(project: Project) -> list[Finding]:
        raise StudioError("cannot read", path="story.toml")

    dialog = _dialog(qtbot, copy_sample(tmp_path), tmp_path, check=broken)
    assert _items(dialog) == ["The check could not run: story.toml: cannot read"]
    assert dialog.export_button.isEnabled()


class _SlowCheck:
    """A check that runs until the test lets it finish."""

    def __init__(self) -> None:
        self.release = threading.Event()

    def __call__(self, project: Project) -> list[Finding]:
        self.release.wait(10)
        return []


def test_export_clicked_during_the_check_runs_after_it(qtbot: QtBot, tmp_path: Path) -> None:
    check = _SlowCheck()
    dialog = ExportDialog(copy_sample(tmp_path), folder=tmp_path, check=check)
    qtbot.addWidget(dialog)
    dialog.set_format("text")
    assert dialog.busy and dialog.export_button.isEnabled()
    dialog.export_button.click()
    assert dialog.status.text() == "Exporting as soon as the check is done…"
    assert not dialog.export_button.isEnabled() and not dialog.format_box.isEnabled()
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as signal:
        check.release.set()
    assert signal.args == [[tmp_path / "salt-and-static.txt"]]
    qtbot.waitUntil(lambda: not dialog.busy)


def test_closing_during_the_check_is_safe(qtbot: QtBot, tmp_path: Path) -> None:
    check = _SlowCheck()
    dialog = ExportDialog(copy_sample(tmp_path), folder=tmp_path, check=check)
    dialog.show()
    job = dialog._job
    assert job is not None and dialog.close_button.isEnabled()
    dialog.close_button.click()
    assert not dialog.isVisible()
    dialog.deleteLater()
    del dialog
    check.release.set()
    qtbot.waitUntil(job.isFinished, timeout=10_000)
    qtbot.waitUntil(lambda: job not in dialog_module._FINISHING, timeout=10_000)
