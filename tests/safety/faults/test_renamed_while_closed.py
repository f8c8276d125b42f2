"""A chapter file renamed or moved while Studio was closed (story.toml names a file
that is not there): the story opens in the real window, every other chapter and every
entry intact; a bar names the missing chapter and what to do, and offers the file in
chapters/ that is probably it (the same text as in the last backup, or the one file
left over). Nothing is written to story.toml until the author chooses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import tomlkit
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from studio.story import Project
from studio.ui.safety.bars import NoticeBar
from tests.safety.faults.test_read_only_writes_nothing import _snapshot
from tests.safety.test_window_safety import _answer_lock_prompt, _live_holder
from tests.safety.windows import Opened, opened_story
from tests.ui_helpers import as_shown

CH1 = "chapters/01-the-signal.md"
RENAMED = "chapters/01-signal-renamed.md"


def _move(story: Path, old: str, new: Path | str) -> None:
    """Another program moves the file (a file manager, while no Studio runs)."""
    target = new if isinstance(new, Path) else story / new
    move = "import os, sys; os.replace(sys.argv[1], sys.argv[2])"
    subprocess.run([sys.executable, "-c", move, story / old, target], check=True)


def _entries(story: Path) -> list[dict[str, object]]:
    doc = tomlkit.parse((story / "story.toml").read_text(encoding="utf-8"))
    return [dict(table) for table in doc["chapters"]]


def _bar(opened: Opened) -> NoticeBar:
    bars = [p.bar() for p in opened.window.all_panes if isinstance(p.bar(), NoticeBar)]
    assert bars, "no bar"
    bar = bars[0]
    assert isinstance(bar, NoticeBar)
    return bar


def test_a_chapter_renamed_while_closed_opens_and_its_file_is_offered(
    qtbot: QtBot, story: Path
) -> None:
    with opened_story(qtbot, story):
        pass  # Studio had the story open before: its backups hold the chapter
    entries = _entries(story)
    text = (story / CH1).read_text(encoding="utf-8")
    _move(story, CH1, RENAMED)
    toml_before = (story / "story.toml").read_bytes()

    with opened_story(qtbot, story) as opened:
        chapters = opened.window.project.chapters if opened.window.project else []
        assert [c.file for c in chapters] == [e["file"] for e in entries]  # all there
        bar = _bar(opened)
        assert f"{CH1} is missing" in bar.message
        assert f"{RENAMED} holds the same text" in bar.message
        qtbot.wait(400)  # the watcher and every timer: nothing is written meanwhile
        assert (story / "story.toml").read_bytes() == toml_before

        # She reads another chapter, then opens the missing one: the offer is there.
        second = entries[1]["file"]
        assert isinstance(second, str)
        assert opened.window.shell.show_chapter(second)
        assert not opened.window.shell.show_chapter(CH1)
        bar = _bar(opened)
        assert f"{RENAMED} holds the same text" in bar.message

        qtbot.mouseClick(bar.button("useFoundFiles"), Qt.MouseButton.LeftButton)
        after = _entries(story)
        assert after[0] == {**entries[0], "file": RENAMED}  # title, notes, place kept
        assert after[1:] == entries[1:]
        assert opened.pane.document is not None and opened.pane.document.file == RENAMED
        assert opened.pane.editor.toPlainText() == as_shown(text)
        assert not isinstance(opened.pane.bar(), NoticeBar)
    Project.load(story)  # the story is whole again


def test_with_no_backup_the_one_file_left_over_is_offered_as_a_guess(
    qtbot: QtBot, story: Path
) -> None:
    (story / CH1).write_text("Rewritten while Studio was closed.\n", encoding="utf-8")
    _move(story, CH1, "chapters/the-signal-v2.md")
    with opened_story(qtbot, story) as opened:
        bar = _bar(opened)
        assert "chapters/the-signal-v2.md is not in the story: perhaps" in bar.message
        qtbot.mouseClick(bar.button("useFoundFiles"), Qt.MouseButton.LeftButton)
        assert _entries(story)[0]["file"] == "chapters/the-signal-v2.md"


def test_a_chapter_moved_away_keeps_its_entry_and_the_rest_works(
    qtbot: QtBot, story: Path, tmp_path: Path
) -> None:
    entries = _entries(story)
    _move(story, CH1, tmp_path / "elsewhere.md")
    second = entries[1]["file"]
    assert isinstance(second, str)
    with opened_story(qtbot, story) as opened:
        bar = _bar(opened)
        assert f"{CH1} is missing" in bar.message
        assert "File ▸ Backups…" in bar.message
        assert bar.findChild(QPushButton, "useFoundFiles") is None  # nothing to offer
        opened.window.shell.show_chapter(second)
        pane = opened.pane
        assert pane.document is not None and pane.document.file == second
        pane.editor.setFocus()
        qtbot.keyClicks(pane.editor, "Typed in another chapter. ")
        opened.window.shell.action("file.save").trigger()
        assert opened.disk(second).startswith("Typed in another chapter. ")
        opened.window.shell.show_chapter(CH1)  # the missing one: says so, keeps working
        qtbot.wait(400)
    assert _entries(story) == entries  # the missing chapter's entry survives the session


def test_read_only_says_which_chapter_is_missing_and_writes_nothing(
    qtbot: QtBot, story: Path
) -> None:
    _move(story, CH1, RENAMED)
    holder = _live_holder(story)  # another Studio holds the lock: open read-only
    try:
        before = _snapshot(story)
        _answer_lock_prompt("read_only_button")
        with opened_story(qtbot, story) as opened:
            assert opened.window.session.read_only
            assert f"{CH1} is missing" in opened.window.statusBar().currentMessage()
            assert opened.window.shell.show_chapter(RENAMED) is False  # not in the story
            opened.window.shell.show_chapter(CH1)
            bar = opened.pane.bar()
            assert bar is not None  # the pane's own: the file is missing
            assert bar.findChild(QPushButton, "useFoundFiles") is None  # nothing to write
            qtbot.wait(400)
        assert _snapshot(story) == before
    finally:
        holder.kill()
        holder.wait()
