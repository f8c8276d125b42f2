"""The Export dialog writes where it shows: a second export replaces the first (after
asking), never lands in a folder inside it. Driven through the real dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from studio.story import Project
from studio.ui.export import ExportDialog
from studio.ui.export.dialog import BY_NUMBER
from tests.export_support import copy_sample


def _dialog(qtbot: QtBot, project: Project, folder: Path) -> ExportDialog:
    dialog = ExportDialog(project, folder=folder)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    return dialog


def _answer(qtbot: QtBot, button: str, seen: list[str]) -> None:
    """Click `button` in the replace question the next export opens."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != "confirmReplaceExport":
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        buttons = {b.text().replace("&", ""): b for b in box.buttons()}
        qtbot.mouseClick(buttons[button], Qt.MouseButton.LeftButton)

    QTimer.singleShot(20, click)


def _export(qtbot: QtBot, dialog: ExportDialog) -> list[Path]:
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as signal:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy)
    return list(signal.args[0])


def _edit_first_chapter(project: Project, marker: str) -> None:
    chapter = project.chapters[0]
    project.write_chapter(chapter, project.read_chapter(chapter) + f"\n\n{marker}\n")


def test_second_ao3_export_replaces_the_folder_it_shows(qtbot: QtBot, tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    exports = tmp_path / "exports"
    exports.mkdir()
    dialog = _dialog(qtbot, project, exports)
    dialog.set_format("ao3")
    shown = Path(dialog.destination.text())
    assert shown == exports / "salt-and-static-ao3"
    first = _export(qtbot, dialog)
    assert {p.parent for p in first} == {shown}

    _edit_first_chapter(project, "A line written after the first export.")
    seen: list[str] = []
    _answer(qtbot, "Replace", seen)
    second = _export(qtbot, dialog)
    assert seen and str(shown) in seen[0]
    assert Path(dialog.destination.text()) == shown
    assert sorted(second) == sorted(first)
    assert not (shown / shown.name).exists()
    assert [p for p in shown.iterdir() if p.is_dir()] == []
    assert "A line written after the first export." in (shown / "chapter-01.html").read_text(
        encoding="utf-8"
    )


def test_cancel_replaces_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    dialog = _dialog(qtbot, project, tmp_path)
    dialog.set_format("docx")
    out = Path(dialog.destination.text())
    _export(qtbot, dialog)
    before = out.read_bytes()
    _edit_first_chapter(project, "Never exported.")
    seen: list[str] = []
    _answer(qtbot, "Cancel", seen)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    qtbot.waitUntil(lambda: "Not exported" in dialog.status.text(), timeout=10_000)
    assert seen == [f"{out.name} already exists in {out.parent}. Replace it?"]
    assert out.read_bytes() == before


def test_a_file_format_shown_as_a_folder_writes_inside_and_shows_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    project = copy_sample(tmp_path)
    dialog = _dialog(qtbot, project, tmp_path)
    dialog.set_format("epub")
    target = tmp_path / "books"
    target.mkdir()
    dialog.destination.setText(str(target))
    written = _export(qtbot, dialog)
    assert written == [target / "salt-and-static.epub"]
    assert dialog.destination.text() == str(target / "salt-and-static.epub")


def test_ffn_twice_into_the_same_folder(qtbot: QtBot, tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    dialog = _dialog(qtbot, project, tmp_path)
    dialog.set_format("ffn")
    shown = Path(dialog.destination.text())
    first = _export(qtbot, dialog)
    seen: list[str] = []
    _answer(qtbot, "Replace", seen)
    second = _export(qtbot, dialog)
    assert sorted(first) == sorted(second) and {p.parent for p in second} == {shown}
    assert f"already holds {len(first)} files" in seen[0]


def test_the_dialog_exports_the_chosen_chapters(qtbot: QtBot, tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    dialog = _dialog(qtbot, project, tmp_path)
    dialog.set_format("ao3")
    assert not dialog.chapter_numbers.isEnabled()
    dialog.choose_chapters(BY_NUMBER, "2-3")
    assert dialog.chapter_numbers.isEnabled()
    written = _export(qtbot, dialog)
    assert sorted(p.name for p in written if p.name.startswith("chapter-")) == [
        "chapter-02.html",
        "chapter-03.html",
    ]
    sheet = (Path(dialog.destination.text()) / "posting-sheet.html").read_text(encoding="utf-8")
    assert "Add Chapter 2: Low Tide" in sheet and "New Work" not in sheet


def test_a_status_no_chapter_has_is_explained(qtbot: QtBot, tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    dialog = _dialog(qtbot, project, tmp_path)
    dialog.set_format("epub")
    labels = [dialog.chapters_box.itemText(i) for i in range(dialog.chapters_box.count())]
    assert labels[2:] == [
        f"Chapters marked draft ({len(project.chapters)})",
        *(f"Chapters marked {s} (0)" for s in ("ready", "posted")),
    ]
    dialog.choose_chapters("ready")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "no chosen chapter is ready" in dialog.status.text()
    assert not Path(dialog.destination.text()).exists()
    project.chapters[2].status = "ready"
    project.save()
    written = _export(qtbot, dialog)
    assert written == [Path(dialog.destination.text())]
