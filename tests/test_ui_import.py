"""File → Import Fic… driven like an author would: choose files, see what was found,
pick a folder, import, and find the story open in the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from studio.export.bundle import export_bundle
from studio.story import Project, story_stats
from studio.ui import importer
from studio.ui.importer import ImportDialog
from studio.ui.main_window import MainWindow
from tests.ui_helpers import open_window

FIXTURES = Path(__file__).parent / "fixtures" / "import"
BY_FILE = sorted((FIXTURES / "chapters-by-file").glob("*.txt"))
LYRICS = FIXTURES / "sources" / "italic-lyrics-attribution.txt"


@pytest.fixture
def window(qtbot: QtBot, sample_copy: Path) -> MainWindow:
    window = open_window(qtbot, sample_copy)
    importer.install(window.shell, window.session)
    return window


def report_rows(dialog: ImportDialog) -> list[tuple[str, str]]:
    rows = []
    tree = dialog.report
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        rows.append((top.text(0), top.text(1)))
        rows += [(top.child(j).text(0), top.child(j).text(1)) for j in range(top.childCount())]
    return rows


def detected(qtbot: QtBot, dialog: ImportDialog, files: list[Path]) -> None:
    dialog.set_files(files)
    qtbot.waitUntil(lambda: dialog.plan is not None or dialog.error.isVisible(), timeout=5000)


def standalone(qtbot: QtBot, folder: Path) -> ImportDialog:
    dialog = ImportDialog(start_folder=folder)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def answer(qtbot: QtBot, dialog: ImportDialog, button: str) -> None:
    """Click `button` in the confirmation box the next click on Import will open."""

    def click() -> None:
        shown = [b for b in dialog.findChildren(QMessageBox, "confirmReplace") if b.isVisible()]
        box = shown[0] if shown else None
        if box is None:
            QTimer.singleShot(20, click)
            return
        assert "moved, whole, to a backup folder" in box.text()
        texts = {b.text().replace("&", ""): b for b in box.buttons()}
        qtbot.mouseClick(texts[button], Qt.MouseButton.LeftButton)

    QTimer.singleShot(20, click)


def open_dialog(qtbot: QtBot, window: MainWindow) -> ImportDialog:
    window.shell.action("file.import").trigger()
    dialog = window.findChild(ImportDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_file_menu_has_import_after_open_recent(window: MainWindow) -> None:
    actions = window.shell.menu("file").actions()
    recent = next(i for i, a in enumerate(actions) if a.menu() is not None)
    assert actions[recent + 1] is window.shell.action("file.import")
    assert window.shell.action("file.import").shortcut().toString() == "Ctrl+Shift+I"
    window.close_project()  # importing makes a new story: it needs none open
    assert window.shell.action("file.import").isEnabled()


def test_import_chapter_files_and_open_the_story(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, window)
    assert not dialog.import_button.isEnabled()
    detected(qtbot, dialog, BY_FILE)
    rows = report_rows(dialog)
    plan = dialog.plan
    assert plan is not None
    assert ("Story", "First Frost") in rows
    assert ("03-untitled.txt", "text · utf-8, LF line ends") in rows
    assert dialog.check.isVisible()
    assert "03-untitled.txt</b>: no chapter heading" in dialog.check.text()
    # The folder is suggested from the title; the author picks another.
    assert dialog.dest.text().endswith("first-frost")
    dest = tmp_path / "frost"
    dialog.dest.clear()
    qtbot.keyClicks(dialog.dest, str(dest))
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.project is not None and window.project.root == dest)
    assert window.project is not None and window.project.work.title == "First Frost"
    assert window.chapter_list.files() == [c.file for c in window.project.chapters]
    assert len(window.project.chapters) == 3
    # The counts shown before importing are the counts of the story it wrote.
    stats = story_stats(Project.load(dest))
    words = [c.counts.words for c in stats.chapters]
    assert [c.words() for c in plan.chapters] == words
    assert ("Chapters (3)", f"{stats.words:,} words") in rows
    assert ("1. The Fence", f"{words[0]:,} words") in rows
    assert ("2. The Kettle", f"{words[1]:,} words · notes") in rows


def test_reordering_files_reorders_chapters(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = standalone(qtbot, tmp_path)
    detected(qtbot, dialog, BY_FILE)
    dialog.files.setCurrentRow(2)
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.plan.chapters[1].title == "")
    assert [p.name for p in dialog.file_paths()] == [
        "01-first-frost.txt",
        "03-untitled.txt",
        "02-the-kettle.txt",
    ]


def test_songs_and_lyrics_blocks_are_shown(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = standalone(qtbot, tmp_path)
    detected(qtbot, dialog, [LYRICS])
    rows = report_rows(dialog)
    assert ("Songs (2)", "3 lyrics blocks") in rows
    coast = (
        "“Coast Road” by Harriet Vane & the Lamplighters",
        "credited under the lyrics · 2 blocks",
    )
    assert coast in rows
    assert not dialog.check.isVisible()
    dest = tmp_path / "the-night-shift-radio"
    assert dialog.dest.text() == str(dest)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    [chapter] = story_stats(Project.load(dest)).chapters
    words = f"{chapter.counts.words:,} words"
    assert ("1. (no title)", f"{words} · 2 scene breaks · 3 lyrics blocks") in rows


def test_bad_file_shows_the_error_and_writes_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    binary = tmp_path / "cover.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    dialog = standalone(qtbot, tmp_path)
    detected(qtbot, dialog, [binary])
    assert dialog.error.isVisible()
    assert "cover.txt: is not a text file" in dialog.error.text()
    assert not dialog.import_button.isEnabled()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cover.txt"]


def test_a_folder_with_files_needs_replace(qtbot: QtBot, tmp_path: Path) -> None:
    dest = tmp_path / "story"
    dest.mkdir()
    (dest / "keep.md").write_text("mine", encoding="utf-8")
    dialog = standalone(qtbot, tmp_path)
    detected(qtbot, dialog, [LYRICS])
    dialog.dest.setText(str(dest))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible() and "already exists and is not empty" in dialog.error.text()
    assert dialog.imported is None and [p.name for p in dest.iterdir()] == ["keep.md"]
    dialog.replace.setChecked(True)
    answer(qtbot, dialog, "Cancel")  # the author backs out: nothing happens
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.imported is None and [p.name for p in dest.iterdir()] == ["keep.md"]
    answer(qtbot, dialog, "Replace")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.imported == dest.resolve()
    assert (dest / "story.toml").is_file() and not (dest / "keep.md").exists()
    (backup,) = tmp_path.glob("story.before-import-*")  # nothing deleted: moved aside
    assert (backup / "keep.md").read_text(encoding="utf-8") == "mine"


def test_a_story_bundle_through_the_dialog(qtbot: QtBot, tmp_path: Path, sample_copy: Path) -> None:
    bundle = tmp_path / "bundle.zip"
    export_bundle(Project.load(sample_copy), bundle)
    dialog = standalone(qtbot, tmp_path)
    detected(qtbot, dialog, [bundle])
    rows = report_rows(dialog)
    assert ("bundle.zip", "Studio story bundle") in rows
    words = story_stats(Project.load(sample_copy)).words
    assert ("Story", "Salt and Static") in rows and ("Chapters (3)", f"{words:,} words") in rows
    dest = tmp_path / "from-editor"
    dialog.dest.setText(str(dest))
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert (dest / "story.toml").read_bytes() == (sample_copy / "story.toml").read_bytes()


def test_files_dropped_on_the_dialog_are_added(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = standalone(qtbot, tmp_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in BY_FILE[:2]])
    point = QPointF(dialog.rect().center())
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        point.toPoint(), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(dialog, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        point, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(dialog, drop)
    assert dialog.file_paths() == BY_FILE[:2]
    qtbot.waitUntil(lambda: dialog.plan is not None)
    assert [c.title for c in dialog.plan.chapters] == ["The Fence", "The Kettle"]


PLAIN = FIXTURES / "plain"


def block_rows(dialog: ImportDialog) -> list[tuple[str, str]]:
    tree = dialog.preview.tree
    rows = []
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        rows.append((top.text(0), top.text(1)))
        rows += [(top.child(j).text(0), top.child(j).text(1)) for j in range(top.childCount())]
    return rows


def select_block(dialog: ImportDialog, chapter: int, part: int) -> None:
    top = dialog.preview.tree.topLevelItem(chapter)
    dialog.preview.tree.setCurrentItem(top if part < 0 else top.child(part))


def click(qtbot: QtBot, dialog: ImportDialog, name: str) -> None:
    button = dialog.preview.findChild(QPushButton, name)
    assert button is not None and button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_corrections_in_the_preview_are_what_is_written(qtbot: QtBot, tmp_path: Path) -> None:
    """Mark a letter as lyrics and name its song, send a paragraph to the notes, split
    the chapter: the story written is the corrected one."""
    dialog = standalone(qtbot, tmp_path)
    detected(qtbot, dialog, [PLAIN / "letters-and-texts.txt"])
    dialog.tabs.setCurrentWidget(dialog.preview)
    rows = block_rows(dialog)
    assert rows[0] == ("1. (no title)", "")
    letter = next(i for i, r in enumerate(rows[1:]) if r[1].startswith("Dear Number"))
    select_block(dialog, 0, letter)
    click(qtbot, dialog, "markLyrics")
    assert block_rows(dialog)[letter + 1][0] == "Lyrics"
    dialog.preview.song.setEditText("Hedge Song")
    click(qtbot, dialog, "setSong")
    assert block_rows(dialog)[letter + 1][1].startswith("♪ Hedge Song — Dear Number Fourteen,")
    assert ("“Hedge Song”", "named by you · 1 block") in report_rows(dialog)
    select_block(dialog, 0, 0)
    click(qtbot, dialog, "moveToNotes")
    last = dialog.preview.tree.topLevelItem(0).childCount() - 1
    select_block(dialog, 0, last)
    dialog.preview.split_chapter("Posted")
    assert [r[0] for r in block_rows(dialog) if r[0][0].isdigit()] == [
        "1. (no title)",
        "2. Posted",
    ]
    dest = tmp_path / "return-to-sender"
    dialog.dest.setText(str(dest))
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    project = Project.load(dest)
    first, second = project.chapters
    assert first.notes.startswith("The first letter came through the door")
    assert second.title == "Posted"
    assert project.read_chapter(second).startswith("She sent it.")
    text = project.read_chapter(first)
    assert '::: {.lyrics song="hedge-song"}\nDear Number Fourteen,\n' in text
    assert project.songs["hedge-song"].title == "Hedge Song"


def test_join_and_prose_corrections(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = standalone(qtbot, tmp_path)
    detected(qtbot, dialog, BY_FILE)
    dialog.tabs.setCurrentWidget(dialog.preview)
    select_block(dialog, 0, -1)
    click(qtbot, dialog, "joinChapters")
    assert [r[0] for r in block_rows(dialog) if r[0][0].isdigit()] == [
        "1. The Fence",
        "2. (no title)",
    ]
    assert dialog.plan is not None
    assert dialog.plan.chapters[0].notes.startswith("The Kettle")  # its title is kept
    lyrics = standalone(qtbot, tmp_path)
    detected(qtbot, lyrics, [LYRICS])
    rows = block_rows(lyrics)
    first = next(i for i, r in enumerate(rows[1:]) if r[0] == "Lyrics")
    select_block(lyrics, 0, first)
    click(qtbot, lyrics, "markProse")
    assert block_rows(lyrics)[first + 1][0] == "Prose"
    assert lyrics.plan is not None and len(lyrics.plan.chapters[0].lyrics_blocks) == 2
