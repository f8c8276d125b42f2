"""Issue 14 item 2, after a save: Studio saves, another program (which read the file
before that save) writes it, and Studio saves again. The second save compares with
what the first one wrote and raises the conflict instead of writing; when the watcher
sees the other program's write first, the reload keeps her saved text in a backup.
And the compare itself runs when Studio's new file is complete, immediately before
the rename, so no fsync lies between the compare and the replace."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from studio.safety import Journal, list_backups
from studio.storage import atomic_write_text
from studio.ui.safety.bars import ConflictBar
from tests.safety.faults.outside import write_outside
from tests.safety.windows import Opened, opened_story
from tests.ui_helpers import as_shown

CH1 = "chapters/01-the-signal.md"
FIRST = " Saved once."
SECOND = " Then more."


def _type_and_save(opened: Opened, qtbot: QtBot, text: str) -> None:
    editor = opened.pane.editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, text)
    opened.window.shell.action("file.save").trigger()  # File ▸ Save (Ctrl+S)


def test_a_second_save_compares_with_what_the_first_one_wrote(qtbot: QtBot, story: Path) -> None:
    with opened_story(qtbot, story, autosave_ms=60_000) as opened:
        original = opened.disk_as_edited(CH1)  # as the editor has it
        _type_and_save(opened, qtbot, FIRST)
        assert opened.disk_as_edited(CH1) == original + FIRST
        qtbot.wait(400)  # the watcher has seen Studio's own save (and says nothing)
        # Another program writes the copy it read before Studio's save; the author types
        # on and saves again before the watcher has reported that write (no event loop
        # runs between the two: the save itself must find it).
        theirs = original + "\nAn editor's note, written over the saved text.\n"
        write_outside(opened.story / CH1, theirs, how="replace")
        _type_and_save(opened, qtbot, SECOND)

        mine = original + FIRST + SECOND
        assert opened.disk(CH1) == theirs  # the second save wrote nothing
        assert isinstance(opened.pane.bar(), ConflictBar)
        assert opened.pane.editor.toPlainText() == mine
        assert opened.safety.outside.conflicts[CH1] == theirs
        assert opened.safety.journal is not None and opened.safety.journal.flush()
        assert as_shown({e.file: e.text for e in Journal(story).entries()}[CH1]) == mine
        qtbot.wait(400)  # the watcher's report of the same write changes nothing
        assert opened.disk(CH1) == theirs
        assert opened.pane.editor.toPlainText() == mine


def test_a_write_over_a_save_reloads_and_keeps_her_text_in_a_backup(
    qtbot: QtBot, story: Path
) -> None:
    with opened_story(qtbot, story, autosave_ms=60_000) as opened:
        original = opened.disk_as_edited(CH1)  # as the editor has it
        _type_and_save(opened, qtbot, FIRST)
        qtbot.wait(400)
        opened.safety.wait_for_backup()  # the backup made at open is in
        before = {b.path for b in list_backups(story)}
        theirs = original + "\nAn editor's note, written over the saved text.\n"
        write_outside(opened.story / CH1, theirs, how="in-place")
        qtbot.waitUntil(lambda: opened.pane.editor.toPlainText() == as_shown(theirs), timeout=5000)
        assert not opened.pane.is_dirty
        assert "File ▸ Backups" in opened.window.statusBar().currentMessage()
        opened.safety.wait_for_backup()
        new = [b for b in list_backups(story) if b.path not in before]
        assert [b.reason for b in new] == ["reloaded"]
        with zipfile.ZipFile(new[0].path) as archive:
            assert as_shown(archive.read(CH1).decode("utf-8")) == original + FIRST
            assert "story.toml" in archive.namelist()  # the whole story, as other backups
        assert opened.disk(CH1) == theirs


def test_a_reload_of_text_studio_only_read_makes_no_backup(qtbot: QtBot, story: Path) -> None:
    """Nothing of hers is replaced when Studio never wrote the file: no backup."""
    with opened_story(qtbot, story, autosave_ms=60_000) as opened:
        qtbot.wait(300)
        opened.safety.wait_for_backup()
        before = {b.path for b in list_backups(story)}
        theirs = opened.disk(CH1) + "\nAn editor's note.\n"
        write_outside(opened.story / CH1, theirs)
        qtbot.waitUntil(lambda: opened.pane.editor.toPlainText() == as_shown(theirs), timeout=5000)
        opened.safety.wait_for_backup()
        assert {b.path for b in list_backups(story)} == before


def test_the_compare_runs_when_the_new_file_is_complete(tmp_path: Path) -> None:
    """`just_before` (where the session compares) sees Studio's temporary file whole and
    the target not yet replaced; what it raises leaves the target and no temporary."""
    target = tmp_path / "chapter.md"
    target.write_text("old\n", encoding="utf-8")
    new = "new text\n" * 10_000
    seen: list[tuple[str, list[str]]] = []

    def compare() -> None:
        temps = [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]
        whole = [t for t in temps if (tmp_path / t).read_text(encoding="utf-8") == new]
        seen.append((target.read_text(encoding="utf-8"), whole))

    atomic_write_text(target, new, just_before=compare)
    assert seen == [("old\n", seen[0][1])] and len(seen[0][1]) == 1
    assert target.read_text(encoding="utf-8") == new

    class ChangedError(Exception):
        pass

    def refuse() -> None:
        raise ChangedError

    with pytest.raises(ChangedError):
        atomic_write_text(target, "never written\n", just_before=refuse)
    assert target.read_text(encoding="utf-8") == new
    assert sorted(os.listdir(tmp_path)) == ["chapter.md"]
