"""Issue 14 items 2 and 3 for the chapter commands: New Chapter, Move to Trash, Restore
Deleted Chapter, rename and reorder all write story.toml. Each write compares the file
with what Studio last loaded or wrote immediately before replacing it, and writes
nothing while story.toml cannot be read or was changed outside: the outside text stays
on disk, and the author's change is not lost (it stays in memory and in the journal, or
the command is refused before it moved anything, and she is told)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import tomlkit
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from studio.safety import Journal
from studio.safety.state import backups_dir
from studio.story.paths import STORY_FILE
from studio.story.trash import trashed_chapters
from studio.ui.features.trash import TrashFeature
from studio.ui.main_window import MainWindow
from studio.ui.safety.bars import ConflictBar, NoticeBar
from studio.ui.safety.controller import ProjectSafety
from tests.safety.faults.outside import write_outside
from tests.safety.windows import with_safety
from tests.ui_helpers import feature

Check = Callable[[MainWindow, Path], None]


def _close(window: MainWindow) -> None:
    """Close the window now, answering the "not everything could be saved" question
    (her unsaved details stay in the journal) so no modal box is left open."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            close = [
                b
                for b in box.buttons()
                if box.buttonRole(b) is QMessageBox.ButtonRole.DestructiveRole
            ]
            (close[0].click if close else box.close)()
        elif box is not None:
            box.close()

    timer = QTimer()
    timer.timeout.connect(answer)
    timer.start(50)
    window.close()
    timer.stop()


def _files(window: MainWindow) -> list[str]:
    assert window.project is not None
    return [c.file for c in window.project.chapters]


def _journal_has(safety: ProjectSafety, story: Path, needle: str) -> None:
    safety.journal_now()
    assert safety.journal is not None and safety.journal.flush()
    kept = {e.file: e.text for e in Journal(story).entries()}
    assert needle in kept[STORY_FILE]


def _new(window: MainWindow, story: Path) -> Callable[[ProjectSafety], None]:
    before = _files(window)
    window.shell.action("chapter.new").trigger()

    def kept(safety: ProjectSafety) -> None:
        added = [f for f in _files(window) if f not in before]
        assert len(added) == 1  # her new chapter, in memory
        assert (story / added[0]).is_file()
        _journal_has(safety, story, added[0])

    return kept


def _rename(window: MainWindow, story: Path) -> Callable[[ProjectSafety], None]:
    file = _files(window)[1]
    window.shell.chapter_rename_requested.emit(file, "Her Renamed Chapter")

    def kept(safety: ProjectSafety) -> None:
        assert window.project is not None
        assert window.project.chapters[1].title == "Her Renamed Chapter"
        _journal_has(safety, story, "Her Renamed Chapter")

    return kept


def _reorder(window: MainWindow, story: Path) -> Callable[[ProjectSafety], None]:
    wanted = list(reversed(_files(window)))
    window.shell.chapter_order_requested.emit(wanted)

    def kept(safety: ProjectSafety) -> None:
        assert _files(window) == wanted
        safety.journal_now()
        assert safety.journal is not None and safety.journal.flush()
        kept_text = {e.file: e.text for e in Journal(story).entries()}[STORY_FILE]
        journalled = [c["file"] for c in tomlkit.parse(kept_text)["chapters"]]  # type: ignore[union-attr]
        assert journalled == wanted

    return kept


def _trash(window: MainWindow, story: Path) -> Callable[[ProjectSafety], None]:
    file = _files(window)[1]
    text = (story / file).read_bytes()
    feature(window, TrashFeature).delete(file)

    def kept(_safety: ProjectSafety) -> None:
        assert (story / file).read_bytes() == text  # refused before anything moved
        assert file in _files(window)

    return kept


def _restore(window: MainWindow, story: Path) -> Callable[[ProjectSafety], None]:
    trash = feature(window, TrashFeature)
    assert window.project is not None
    items = trashed_chapters(window.project)
    assert len(items) == 1
    text = items[0].text_file.read_bytes()
    trash.restore(0)

    def kept(_safety: ProjectSafety) -> None:
        assert window.project is not None
        left = trashed_chapters(window.project)
        assert len(left) == 1 and left[0].text_file.read_bytes() == text  # still in the trash

    return kept


OPERATIONS = {
    "new-chapter": _new,
    "rename": _rename,
    "reorder": _reorder,
    "trash": _trash,
    "restore": _restore,
}


def _their_text(story: Path, broken: bool) -> str:
    doc = tomlkit.parse((story / STORY_FILE).read_text(encoding="utf-8"))
    doc["work"]["title"] = "Their New Title"  # type: ignore[index]
    text = tomlkit.dumps(doc) + "\n# their note\n"
    if broken:
        text += '\n[[chapters]]\nfile = "chapters/99-hand-added.md\n'
    return text


@pytest.mark.parametrize("how", ["broken", "changed"])
@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_a_chapter_command_never_overwrites_story_toml_changed_outside(
    qtbot: QtBot, story: Path, operation: str, how: str
) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.prefs.autosave_ms = 150
    safety = with_safety(window)
    try:
        assert window.open_project(story)
        window.show()
        qtbot.waitExposed(window)
        if operation == "restore":  # something in the trash first, story.toml saved
            assert feature(window, TrashFeature).delete(_files(window)[2])
        theirs = _their_text(story, broken=how == "broken")
        write_outside(story / STORY_FILE, theirs)
        pane = window.all_panes[0]
        if how == "broken":

            def says_why() -> bool:
                bar = pane.bar()
                return isinstance(bar, NoticeBar) and "cannot be read" in bar.message

            qtbot.waitUntil(says_why, timeout=5000)
        # "changed": the command runs before the watcher has reported the change.
        kept = OPERATIONS[operation](window, story)
        qtbot.wait(600)  # autosave and story.toml timers fire; the watcher reports
        window.save_all()
        assert (story / STORY_FILE).read_text(encoding="utf-8") == theirs
        kept(safety)
        bar = pane.bar()
        if how == "broken":
            assert isinstance(bar, NoticeBar)  # she is told, above the text
        if how == "changed" and operation in ("new-chapter", "rename", "reorder"):
            assert isinstance(bar, ConflictBar)  # her unsaved change against theirs
            bar.button("keepMine").click()  # her choice: hers saved, theirs backed up
            assert "Their New Title" not in (story / STORY_FILE).read_text(encoding="utf-8")
    finally:
        _close(window)
        safety.finish()


def test_keep_mine_after_a_new_chapter_keeps_theirs_in_a_backup(qtbot: QtBot, story: Path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.prefs.autosave_ms = 150
    safety = with_safety(window)
    try:
        assert window.open_project(story)
        window.show()
        qtbot.waitExposed(window)
        theirs = _their_text(story, broken=False)
        write_outside(story / STORY_FILE, theirs)
        before = _files(window)
        window.shell.action("chapter.new").trigger()
        added = [f for f in _files(window) if f not in before]
        pane = window.all_panes[0]
        qtbot.waitUntil(lambda: isinstance(pane.bar(), ConflictBar), timeout=5000)
        assert (story / STORY_FILE).read_text(encoding="utf-8") == theirs
        pane.bar().button("keepMine").click()  # type: ignore[union-attr]
        now = (story / STORY_FILE).read_text(encoding="utf-8")
        assert added[0] in now
        backups = sorted(backups_dir(story).glob("*.zip"))
        assert backups
        with zipfile.ZipFile(backups[-1]) as bundle:
            assert bundle.read(STORY_FILE).decode("utf-8") == theirs
    finally:
        _close(window)
        safety.finish()
