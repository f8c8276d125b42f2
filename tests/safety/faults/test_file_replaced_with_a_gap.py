"""Issue 14 item 4: a chapter file moved aside and written again 0.3–1 s later (as
editors, sync tools and slow disks do) is the same chapter: its title, notes and place
stay, and story.toml is not rewritten. A file gone for good leaves the list after the
grace period."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from studio.story.paths import STORY_FILE
from studio.ui.main_window import MainWindow
from studio.ui.safety.bars import ConflictBar, NoticeBar
from studio.ui.safety.controller import ProjectSafety
from studio.ui.safety.outside import GRACE_S
from tests.safety.faults.outside import write_outside
from tests.safety.windows import with_safety

_GAP = """
import os, sys, time
path, gap = sys.argv[1], float(sys.argv[2])
data = open(path, "rb").read()
os.rename(path, path + ".moved-aside")
time.sleep(gap)
with open(path, "wb") as handle:
    handle.write(data + b"\\nA line the other editor added.\\n")
os.unlink(path + ".moved-aside")
"""


def _open(qtbot: QtBot, story: Path) -> tuple[MainWindow, ProjectSafety]:
    window = MainWindow()
    qtbot.addWidget(window)
    safety = with_safety(window)
    assert window.open_project(story)
    return window, safety


@pytest.mark.parametrize("gap", [0.3, 1.0])
def test_a_file_replaced_with_a_gap_keeps_its_entry(qtbot: QtBot, story: Path, gap: float) -> None:
    window, safety = _open(qtbot, story)
    try:
        project = window.project
        assert project is not None
        entry = project.chapters[2]  # not open in a pane
        assert window.documents is not None and window.documents.find(entry.file) is None
        before = [(c.file, c.title) for c in project.chapters]
        toml = (story / STORY_FILE).read_bytes()
        subprocess.run([sys.executable, "-c", _GAP, str(story / entry.file), str(gap)], check=True)
        qtbot.wait(int((GRACE_S + 1.5) * 1000))
        assert [(c.file, c.title) for c in project.chapters] == before
        assert (story / STORY_FILE).read_bytes() == toml
        assert not project.is_modified
    finally:
        safety.finish()


def test_a_file_gone_for_good_leaves_the_list_after_the_grace(qtbot: QtBot, story: Path) -> None:
    window, safety = _open(qtbot, story)
    try:
        project = window.project
        assert project is not None
        gone = project.chapters[2].file
        (story / gone).unlink()
        qtbot.wait(int(GRACE_S * 1000 / 2))
        assert gone in [c.file for c in project.chapters]  # still in its grace
        qtbot.waitUntil(lambda: gone not in [c.file for c in project.chapters], timeout=8000)
    finally:
        safety.finish()


def test_an_open_chapter_back_changed_is_never_saved_over_unseen(qtbot: QtBot, story: Path) -> None:
    """The open chapter's file vanishes (Studio says so), then comes back with another
    program's text. A save right then, before the watcher has reported the return,
    still compares with what Studio last loaded: it raises the conflict instead of
    writing over the file (the soak lost outside paragraphs this way)."""
    window, safety = _open(qtbot, story)
    try:
        window.show()
        qtbot.waitExposed(window)
        assert window.documents is not None
        window.documents.set_autosave_interval(60_000)
        pane = window.all_panes[0]
        file = pane.document.file  # type: ignore[union-attr]
        pane.editor.setFocus()
        pane.editor.moveCursor(QTextCursor.MoveOperation.End)
        qtbot.keyClicks(pane.editor, " Mine, unsaved.")
        aside = "import os, sys; os.replace(sys.argv[1], sys.argv[1] + '.aside')"
        subprocess.run([sys.executable, "-c", aside, str(story / file)], check=True)
        qtbot.waitUntil(lambda: isinstance(pane.bar(), NoticeBar), timeout=5000)
        theirs = "Another program's text, put back in its place.\n"
        write_outside(story / file, theirs)
        assert not pane.document.save()  # type: ignore[union-attr]
        assert (story / file).read_text(encoding="utf-8") == theirs
        qtbot.waitUntil(lambda: isinstance(pane.bar(), ConflictBar), timeout=5000)
        assert pane.editor.toPlainText().endswith(" Mine, unsaved.")
    finally:
        for f in list(safety.outside.conflicts):
            safety.outside.take_file(f)
        safety.finish()
