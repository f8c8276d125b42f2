"""Issue 14 item 6, second half: if safety cannot start, the author is told and the
story opens read-only.

Not a damaged lock (test_damaged_lock.py: that one is taken over) but a story folder
where Studio's own `.studio/` cannot be made at all: a file in its place, or a
read-only disk (a real tmpfs remounted read-only). The real window opens the story
read-only, a bar above the text says what failed and where, and nothing is written:
not by typing, Save, autosave, nor closing (no lock, journal or backup either).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from studio.resources import sample_project
from studio.ui.main_window import MainWindow
from studio.ui.safety.bars import NoticeBar
from tests.safety.disks import remount_read_only, tmpfs
from tests.safety.windows import with_safety

Snapshot = dict[str, tuple[bytes, int] | None]


def _snapshot(story: Path) -> Snapshot:
    """Every path under the story: a file's bytes and mtime, a folder as None."""
    found: Snapshot = {}
    for path in sorted(story.rglob("*")):
        name = path.relative_to(story).as_posix()
        found[name] = (path.read_bytes(), path.stat().st_mtime_ns) if path.is_file() else None
    return found


def _a_file_where_studio_keeps_its_state(story: Path) -> str:
    (story / ".studio").write_text("not a folder: a sync tool's leftover\n", "utf-8")
    return ".studio"


@pytest.fixture
def read_only_disk(tmp_path: Path) -> Iterator[Path]:
    """The sample story on a real tmpfs remounted read-only (skipped where none mounts)."""
    with tmpfs(tmp_path / "disk", 4096) as disk:
        if disk is None:
            pytest.skip("this machine cannot mount a small tmpfs")
        story = disk / "salt-and-static"
        shutil.copytree(sample_project(), story, ignore=shutil.ignore_patterns(".studio"))
        remount_read_only(disk)
        try:
            yield story
        finally:
            subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=False)


def _open_and_try_to_write(qtbot: QtBot, story: Path) -> tuple[MainWindow, list[str]]:
    """Open the story in the real window with safety, type, save, wait out the autosave
    and close; returns the window and every bar message shown while it was open."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.prefs.autosave_ms = 150
    safety = with_safety(window)
    try:
        assert window.open_project(story), window.start_page.error.text()
        window.show()
        qtbot.waitExposed(window)
        assert window.session.read_only
        bars = [bar.message for bar in window.findChildren(NoticeBar) if bar.isVisible()]
        editor = window.all_panes[0].editor
        editor.setFocus()
        editor.moveCursor(QTextCursor.MoveOperation.End)
        qtbot.keyClicks(editor, " typed while safety was off")
        qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        window.save_all()
        qtbot.wait(600)  # past the autosave pause and the journal's
        window.shell.action("file.close").trigger()
        assert window.session.project is None
    finally:
        safety.finish()
    return window, bars


def test_a_file_in_place_of_the_studio_folder_opens_read_only_and_says_so(
    qtbot: QtBot, story: Path
) -> None:
    culprit = _a_file_where_studio_keeps_its_state(story)
    before = _snapshot(story)
    _window, bars = _open_and_try_to_write(qtbot, story)
    told = [m for m in bars if "Read-only" in m and str(story / culprit) in m]
    assert told, bars  # what failed and where, above the text
    assert "not a folder" in told[0]
    assert _snapshot(story) == before  # nothing written, not even a lock


def test_a_read_only_disk_opens_read_only_and_says_so(qtbot: QtBot, read_only_disk: Path) -> None:
    story = read_only_disk
    before = _snapshot(story)
    _window, bars = _open_and_try_to_write(qtbot, story)
    told = [m for m in bars if "Read-only" in m and str(story / ".studio") in m]
    assert told, bars
    assert "read-only file system" in told[0].lower()
    assert _snapshot(story) == before
