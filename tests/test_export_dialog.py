"""The Export dialog, driven through its real widgets with pytest-qt."""

from __future__ import annotations

import threading
from pathlib import Path

import docx
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from studio import checks
from studio.findings import Finding, Kind
from studio.story import Project
from studio.ui.export import ExportDialog
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


def test_sample_has_nothing_to_fix_for_the_archive(qtbot: QtBot, tmp_path: Path) -> None:
    """The sample has spelling and grammar findings but no archive ones: the box says
    what it checked, and counts the rest by kind (it used to say "Nothing to fix")."""
    project = copy_sample(tmp_path)
    found = checks.all_findings(project)
    counts = {kind: sum(f.kind is kind for f in found) for kind in Kind}
    assert counts[Kind.SPELLING] and not counts[Kind.ARCHIVE]
    dialog = _dialog(qtbot, project, tmp_path)
    items = _items(dialog)
    assert items[0] == f"✓ {NOTHING_FOUND}" and "archive" in items[0]
    assert len(items) == 2 and items[1].startswith(f"Proofreading found {len(found)} more: ")
    for kind, n in counts.items():
        assert (f"{n}\u00a0{kind.value}" in items[1]) == bool(n), kind
    assert "Nothing to fix" not in " ".join(items)


def test_real_archive_findings_are_listed_and_nothing_else(qtbot: QtBot, tmp_path: Path) -> None:
    """By default the dialog runs what `studio check` runs and lists the archive kind only."""
    project = copy_sample(tmp_path)
    project.work.fandoms = []
    project.save()
    findings = checks.all_findings(project)
    spelling = [f.message for f in findings if f.kind is Kind.SPELLING]
    assert spelling  # the sample's own spelling findings are there, and must not show
    toml = (project.root / "story.toml").read_text(encoding="utf-8").splitlines()
    line = toml.index("fandoms = []") + 1
    dialog = _dialog(qtbot, project, tmp_path)
    assert _items(dialog)[0] == f"⚠ The Archive needs at least one fandom    (story.toml:{line})"
    assert _items(dialog)[1].startswith("Proofreading found")  # counted, not listed
    assert dialog.findings_list.item(0).toolTip() == "fandoms = []"
    assert not any(m in item for item in _items(dialog) for m in spelling)


def test_a_failing_check_is_reported(qtbot: QtBot, tmp_path: Path) -> None:
    """A chapter file that disappears after loading makes the real check fail."""
    project = copy_sample(tmp_path)
    gone = project.root / project.chapters[0].file
    gone.unlink()
    dialog = _dialog(qtbot, project, tmp_path)
    assert _items(dialog) == [
        f"The check could not run: {gone}: chapter file is missing. "
        "Restore it, or remove its [[chapters]] entry from story.toml"
    ]
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
    """The dialog closes and is deleted while its check still runs: the check ends on
    its own thread, and its result, arriving after, reaches nothing."""
    check = _SlowCheck()
    ran = threading.Event()

    def slow_then_mark(project: Project) -> list[Finding]:
        check(project)
        ran.set()
        return []

    dialog = ExportDialog(copy_sample(tmp_path), folder=tmp_path, check=slow_then_mark)
    dialog.show()
    assert dialog.busy and dialog.close_button.isEnabled()
    dialog.close_button.click()
    assert not dialog.isVisible()
    destroyed: list[bool] = []
    dialog.destroyed.connect(lambda: destroyed.append(True))
    dialog.deleteLater()
    del dialog
    qtbot.waitUntil(lambda: destroyed == [True], timeout=5000)
    check.release.set()
    assert ran.wait(10)
    qtbot.wait(100)  # the result is delivered (to nobody) on the GUI thread
