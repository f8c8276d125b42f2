"""The real window with the real watchdog observer: outside edits, conflicts, the list,
the lock, backups and crash recovery, driven the way an author meets them."""

from __future__ import annotations

import errno
import itertools
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import tomlkit
from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from studio.resources import sample_project
from studio.safety import Journal, LockInfo, list_backups
from studio.safety.lock import process_start, read_lock
from studio.storage import atomic_write_text
from studio.ui.chapter_list import TITLE_ROLE
from studio.ui.main_window import MainWindow
from studio.ui.preferences import Preferences, PreferencesDialog
from studio.ui.safety.bars import ConflictBar, NoticeBar
from studio.ui.safety.controller import ProjectSafety
from studio.ui.safety.restore_dialog import RestoreAnswer
from tests.lyrics.modal import answer_modal
from tests.safety.disks import tmpfs, trouble
from tests.safety.windows import with_safety
from tests.ui_helpers import as_shown, open_window

CH1 = "chapters/01-the-signal.md"
FAST = 150


class Studio:
    """The window, its safety controller, and the story folder."""

    def __init__(self, window: MainWindow, safety: ProjectSafety, story: Path) -> None:
        self.window, self.safety, self.story = window, safety, story

    @property
    def pane(self):  # type: ignore[no-untyped-def]
        return self.window.all_panes[0]

    def disk(self, file: str = CH1) -> str:
        return (self.story / file).read_text(encoding="utf-8")

    def shown(self, file: str = CH1) -> str:
        """The file's text as the editor shows it (its final line ending is not a line)."""
        return as_shown(self.disk(file))

    def type_at_end(self, qtbot: QtBot, text: str) -> None:
        editor = self.pane.editor
        editor.setFocus()
        editor.moveCursor(QTextCursor.MoveOperation.End)
        qtbot.keyClicks(editor, text)


def open_studio(qtbot: QtBot, story: Path) -> Studio:
    window = MainWindow()
    qtbot.addWidget(window)
    window.prefs.autosave_ms = FAST
    safety = with_safety(window)
    assert window.open_project(story), window.start_page.error.text()
    assert window.documents is not None
    window.documents.set_autosave_interval(FAST)
    window.show()
    qtbot.waitExposed(window)
    return Studio(window, safety, story)


@pytest.fixture
def studio(qtbot: QtBot, story: Path) -> Iterator[Studio]:
    opened = open_studio(qtbot, story)
    yield opened
    opened.safety.finish()


def _long_chapter() -> str:
    return "".join(
        f"Paragraph {n}: the lamp turned and the radio hissed over the water.\n\n"
        for n in range(1, 301)
    )


def test_an_outside_edit_reloads_in_place_within_a_second(qtbot: QtBot, story: Path) -> None:
    (story / CH1).write_text(_long_chapter(), encoding="utf-8")
    studio = open_studio(qtbot, story)
    try:
        editor = studio.pane.editor
        text = editor.toPlainText()
        anchor = text.index("Paragraph 150:")
        cursor = editor.textCursor()
        cursor.setPosition(anchor)
        editor.setTextCursor(cursor)
        editor.centerCursor()
        scroll = editor.verticalScrollBar().value()
        assert scroll > 0

        # Another editor rewrites paragraph 200 (below the cursor) in place.
        changed = _long_chapter().replace("Paragraph 200: the lamp", "Paragraph 200: THE LAMP")
        (story / CH1).write_text(changed, encoding="utf-8")
        # How fast it shows is measured in benchmarks/bench_safety.py (outside edit).
        qtbot.waitUntil(lambda: "THE LAMP" in editor.toPlainText())
        assert editor.textCursor().position() == anchor
        assert editor.verticalScrollBar().value() == scroll
        assert not studio.pane.is_dirty
        assert studio.pane.bar() is None
        assert editor.toPlainText() == as_shown(changed)
    finally:
        studio.safety.finish()


def test_a_change_above_the_cursor_keeps_it_on_the_same_words(studio: Studio, qtbot: QtBot) -> None:
    editor = studio.pane.editor
    text = editor.toPlainText()
    anchor = text.index("Maren")
    cursor = editor.textCursor()
    cursor.setPosition(anchor)
    editor.setTextCursor(cursor)
    (studio.story / CH1).write_text("A new first line.\n\n" + text, encoding="utf-8")
    qtbot.waitUntil(lambda: editor.toPlainText().startswith("A new first line."))
    at = editor.textCursor().position()
    assert editor.toPlainText()[at : at + 5] == "Maren"


def test_outside_edit_during_typing_raises_the_bar_and_keep_mine_wins(
    studio: Studio, qtbot: QtBot
) -> None:
    studio.window.documents.set_autosave_interval(60_000)  # type: ignore[union-attr]
    studio.type_at_end(qtbot, " Mine, typed in Studio.")
    assert studio.pane.is_dirty
    theirs = studio.disk() + "\nTheirs, from the other editor.\n"
    (studio.story / CH1).write_text(theirs, encoding="utf-8")
    qtbot.waitUntil(lambda: isinstance(studio.pane.bar(), ConflictBar))
    bar = studio.pane.bar()
    assert "“The Signal” was changed outside Studio" in bar.message  # type: ignore[union-attr]
    assert "Mine, typed in Studio." in studio.pane.editor.toPlainText()
    assert studio.disk() == theirs  # nothing overwritten while the author decides

    bar.button("keepMine").click()  # type: ignore[union-attr]
    assert studio.pane.bar() is None
    assert studio.shown().endswith("Mine, typed in Studio.")
    assert "Theirs" not in studio.disk()
    assert not studio.pane.is_dirty


def test_take_the_files_puts_theirs_in_and_undo_brings_mine_back(
    studio: Studio, qtbot: QtBot
) -> None:
    studio.window.documents.set_autosave_interval(60_000)  # type: ignore[union-attr]
    studio.type_at_end(qtbot, " Mine.")
    theirs = "Theirs entirely.\n"
    (studio.story / CH1).write_text(theirs, encoding="utf-8")
    qtbot.waitUntil(lambda: isinstance(studio.pane.bar(), ConflictBar))
    studio.pane.bar().button("takeFile").click()  # type: ignore[union-attr]
    assert studio.pane.bar() is None
    assert studio.pane.editor.toPlainText() == as_shown(theirs)
    assert studio.disk() == theirs
    assert not studio.pane.is_dirty
    studio.pane.editor.undo()
    assert studio.pane.editor.toPlainText().endswith(" Mine.")


def test_compare_shows_both_and_decides(studio: Studio, qtbot: QtBot) -> None:
    studio.window.documents.set_autosave_interval(60_000)  # type: ignore[union-attr]
    studio.type_at_end(qtbot, " Mine at the end.")
    theirs = studio.disk().replace("The lamp turned", "The great lamp turned", 1)
    (studio.story / CH1).write_text(theirs, encoding="utf-8")
    qtbot.waitUntil(lambda: isinstance(studio.pane.bar(), ConflictBar))
    # Autosave is held while the bar is up, even at its normal pace.
    studio.window.documents.set_autosave_interval(FAST)  # type: ignore[union-attr]
    studio.pane.bar().button("compare").click()  # type: ignore[union-attr]
    dialog = studio.safety.compare_dialog
    assert dialog is not None and dialog.isVisible()
    shown = dialog.view.browser.toPlainText()
    assert "Yours (unsaved)" in shown and "The file on disk" in shown
    assert "The great lamp turned" in shown and "Mine at the end." in shown
    dialog.take_button.click()
    assert studio.pane.editor.toPlainText() == as_shown(theirs)
    assert studio.disk() == theirs
    assert studio.pane.bar() is None


def _watcher_settled(studio: Studio, qtbot: QtBot) -> None:
    """Wait until the watcher has had nothing pending for its quiet period, so the events
    of the last write have reached it and its report, if any, has been handled."""
    assert studio.safety.bridge is not None
    watcher = studio.safety.bridge.watcher
    deadline = time.monotonic() + 5
    idle_since: float | None = None
    while True:
        qtbot.wait(20)
        now = time.monotonic()
        if not watcher.idle:
            idle_since = None
        elif idle_since is None:
            idle_since = now
        elif now - idle_since >= watcher.quiet:
            return
        assert now < deadline, "the watcher never settled"


def test_studios_own_autosave_never_raises_the_bar(studio: Studio, qtbot: QtBot) -> None:
    documents = studio.window.documents
    assert documents is not None
    bars: list[object] = []
    studio.pane.editor.textChanged.connect(lambda: bars.append(studio.pane.bar()))
    for burst in range(2):
        documents.set_autosave_interval(FAST)
        before = studio.disk()
        studio.type_at_end(qtbot, f" Burst {burst}.")
        qtbot.waitUntil(lambda b=before: studio.disk() != b)
        # The author goes on typing (unsaved, so the editor differs from the file) while
        # the watcher reports that save: it must see it is Studio's own.
        documents.set_autosave_interval(60_000)
        studio.type_at_end(qtbot, f" Still typing {burst}.")
        _watcher_settled(studio, qtbot)
        assert studio.pane.bar() is None
    assert not any(bars)
    assert "Reloaded" not in studio.window.statusBar().currentMessage()
    assert studio.shown().endswith(" Still typing 0. Burst 1.")

    # story.toml saved by the metadata panel does not count either.
    assert studio.window.project is not None
    studio.window.project.work.summary = "A summary typed in Studio."
    studio.window.story_changed()
    qtbot.waitUntil(lambda: "typed in Studio" in studio.disk("story.toml"))
    _watcher_settled(studio, qtbot)
    assert studio.pane.bar() is None
    assert "changed outside" not in studio.window.statusBar().currentMessage()


def test_files_added_and_deleted_outside_appear_and_vanish(studio: Studio, qtbot: QtBot) -> None:
    chapters = studio.window.chapter_list
    (studio.story / "chapters" / "04-the-storm.md").write_text("Rain.\n", encoding="utf-8")
    qtbot.waitUntil(lambda: "chapters/04-the-storm.md" in chapters.files())
    (studio.story / "chapters" / "03-harbour-lights.md").unlink()
    # (after the grace period that keeps a file replaced with a gap: issue 14 item 4)
    qtbot.waitUntil(lambda: "chapters/03-harbour-lights.md" not in chapters.files(), timeout=10000)
    expected = ["chapters/01-the-signal.md", "chapters/02-low-tide.md", "chapters/04-the-storm.md"]

    def listed() -> list[str]:
        return [t["file"] for t in tomlkit.parse(studio.disk("story.toml"))["chapters"]]

    qtbot.waitUntil(lambda: listed() == expected, timeout=10000)


def test_an_open_chapter_whose_file_vanished_keeps_its_text(studio: Studio, qtbot: QtBot) -> None:
    text = studio.pane.editor.toPlainText()
    (studio.story / CH1).unlink()
    qtbot.waitUntil(lambda: isinstance(studio.pane.bar(), NoticeBar))
    bar = studio.pane.bar()
    assert "was deleted or moved outside Studio" in bar.message  # type: ignore[union-attr]
    assert studio.pane.editor.toPlainText() == text
    assert CH1 in studio.window.chapter_list.files()
    bar.button("saveAgain").click()  # type: ignore[union-attr]
    assert studio.shown() == text
    assert studio.pane.bar() is None


def test_story_toml_changed_outside_reloads_the_details_and_list(
    studio: Studio, qtbot: QtBot
) -> None:
    doc = tomlkit.parse(studio.disk("story.toml"))
    doc["work"]["title"] = "Salt and Static (revised)"
    doc["chapters"][1]["title"] = "Lower Tide"
    atomic_write_text(studio.story / "story.toml", tomlkit.dumps(doc))
    project = studio.window.project
    assert project is not None
    qtbot.waitUntil(lambda: project.work.title == "Salt and Static (revised)")
    titles = studio.window.chapter_list
    qtbot.waitUntil(lambda: titles.item(1).data(TITLE_ROLE) == "Lower Tide")
    title_field = studio.window.metadata.work_tab.fields["title"]
    assert title_field.value() == "Salt and Static (revised)"  # type: ignore[attr-defined]
    assert studio.pane.bar() is None


def test_backups_on_open_on_close_and_from_the_menu(studio: Studio, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: [b.reason for b in list_backups(studio.story)] == ["open"])
    studio.safety.backups_action.trigger()
    dialog = studio.safety.backups_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.tree.topLevelItemCount() == 1
    dialog.backup_button.click()
    assert dialog.tree.topLevelItemCount() == 2
    dialog.close()
    assert studio.window.close_project()
    assert [b.reason for b in list_backups(studio.story)] == ["close", "manual", "open"]
    assert read_lock(studio.story) is None


def test_the_lock_is_held_while_open(studio: Studio) -> None:
    info = read_lock(studio.story)
    assert info is not None and info.token == studio.safety.lock.info.token  # type: ignore[union-attr]


def test_unsaved_text_is_journaled_while_typing(studio: Studio, qtbot: QtBot) -> None:
    studio.window.documents.set_autosave_interval(60_000)  # type: ignore[union-attr]
    studio.type_at_end(qtbot, " Words not yet saved.")
    qtbot.waitUntil(lambda: bool(Journal(studio.story).entries()))
    [entry] = Journal(studio.story).entries()
    assert entry.file == CH1 and entry.text.endswith(" Words not yet saved.")
    assert entry.base == studio.disk()
    studio.window.save_all()
    qtbot.waitUntil(lambda: Journal(studio.story).entries() == [])


def test_the_journal_follows_typing_that_never_pauses(studio: Studio, qtbot: QtBot) -> None:
    """Typing on for 3 s with no pause long enough for the idle write: the journal is
    still written about every second (not once at the end), so a crash mid-flow
    loses about a second of typing, not five."""
    studio.window.prefs.autosave_ms = 60_000
    studio.window.documents.set_autosave_interval(60_000)  # type: ignore[union-attr]
    editor = studio.pane.editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    entry_file = Journal(studio.story).entry_path(CH1)
    seen: list[str] = []
    typing_ends = time.monotonic() + 3.0
    while time.monotonic() < typing_ends:
        qtbot.keyClicks(editor, "w")
        qtbot.wait(60)  # well under the idle pause: it never fires
        if entry_file.is_file():
            text = Journal(studio.story).entries()[0].text
            if not seen or seen[-1] != text:
                seen.append(text)
    assert len(seen) >= 2, seen  # journaled while the typing went on, more than once
    assert all(len(a) < len(b) for a, b in itertools.pairwise(seen))


def test_after_a_crash_opening_offers_the_journaled_text(qtbot: QtBot, story: Path) -> None:
    on_disk = (story / CH1).read_text(encoding="utf-8")
    Journal(story).record(CH1, on_disk + " The words the crash nearly took.", on_disk)
    studio = open_studio(qtbot, story)
    try:
        dialog = studio.safety.restore_dialog
        assert dialog is not None and dialog.isVisible()
        assert "The words the crash nearly took." in dialog.view.browser.toPlainText()
        dialog.restore_button.click()
        assert dialog.answer is RestoreAnswer.RESTORE
        assert studio.pane.editor.toPlainText().endswith(" The words the crash nearly took.")
        qtbot.waitUntil(lambda: studio.shown().endswith("nearly took."))
        qtbot.waitUntil(lambda: Journal(story).entries() == [])
    finally:
        studio.safety.finish()


def test_a_killed_studio_leaves_text_that_the_next_one_restores(qtbot: QtBot, story: Path) -> None:
    """Studio is SIGKILLed after typing: the next Studio takes over the stale lock and
    offers the journaled text back."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.safety.crash_child", str(story)],
        cwd=Path(__file__).parents[2],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "typed"
        deadline = time.monotonic() + 5
        while not Journal(story).entries() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert read_lock(story) is not None and read_lock(story).pid == child.pid  # type: ignore[union-attr]
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert not (story / CH1).read_text(encoding="utf-8").endswith("crash.")

    studio = open_studio(qtbot, story)
    try:
        lock = studio.safety.lock
        assert lock is not None and lock.took_over is not None
        assert lock.took_over.pid == child.pid
        assert "Took over the lock" in studio.window.statusBar().currentMessage()
        dialog = studio.safety.restore_dialog
        assert dialog is not None
        assert "Typed just before the crash." in dialog.view.browser.toPlainText()
        dialog.restore_button.click()
        assert studio.pane.editor.toPlainText().endswith(" Typed just before the crash.")
        qtbot.waitUntil(lambda: studio.shown().endswith("crash."))
    finally:
        studio.safety.finish()


def _live_holder(story: Path) -> subprocess.Popen[bytes]:
    """Another Studio, alive on this host: a real process whose pid the lock names."""
    holder = subprocess.Popen(["sleep", "30"])
    (story / ".studio").mkdir(exist_ok=True)
    info = LockInfo(
        host=socket.gethostname(),
        pid=holder.pid,
        user="quillfeather",
        since=datetime.now(UTC),
        refreshed=datetime.now(UTC),
        token="the-other-studio",
        proc_start=process_start(holder.pid),
    )
    (story / ".studio" / "lock").write_text(info.to_json(), encoding="utf-8")
    return holder


def _answer_lock_prompt(button: str) -> None:
    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        assert "quillfeather on" in box.text()
        getattr(box, button).click()

    QTimer.singleShot(0, click)


def test_a_second_studio_may_open_read_only(qtbot: QtBot, story: Path) -> None:
    holder = _live_holder(story)
    try:
        _answer_lock_prompt("read_only_button")
        studio = open_studio(qtbot, story)
        try:
            assert studio.safety.read_only
            assert studio.window.windowTitle().endswith("(read-only)")
            assert studio.pane.editor.isReadOnly()
            bar = studio.pane.bar()
            assert isinstance(bar, NoticeBar) and "quillfeather" in bar.message
            assert read_lock(story).token == "the-other-studio"  # type: ignore[union-attr]
            assert list_backups(story) == []
            assert not studio.window.metadata.isEnabled()
            shell = studio.window.shell
            changing = [shell.action(s.id) for s in shell.specs() if s.changes_story]
            assert {"chapter.new", "chapter.rename", "chapter.trash"} <= {
                a.objectName() for a in changing
            }
            assert not any(a.isEnabled() for a in changing)
            # Outside edits still show, since nothing here can be unsaved.
            (story / CH1).write_text("Changed by the other Studio.\n", encoding="utf-8")
            qtbot.waitUntil(
                lambda: studio.pane.editor.toPlainText() == "Changed by the other Studio.",
            )
        finally:
            studio.safety.finish()
        assert read_lock(story).token == "the-other-studio"  # type: ignore[union-attr]
    finally:
        holder.kill()
        holder.wait()


def test_taking_over_and_cancelling_the_lock(qtbot: QtBot, story: Path) -> None:
    holder = _live_holder(story)
    try:
        _answer_lock_prompt("take_over_button")
        studio = open_studio(qtbot, story)
        assert not studio.safety.read_only
        assert read_lock(story).token == studio.safety.lock.info.token  # type: ignore[union-attr]
        studio.safety.finish()
        stale = _live_holder(story)
        stale.kill()
        stale.wait()
        (story / ".studio" / "lock").unlink()
        holder2 = _live_holder(story)
        try:
            window = MainWindow()
            qtbot.addWidget(window)
            with_safety(window)
            QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())  # type: ignore[union-attr]
            window.open_project(story)
            qtbot.waitUntil(lambda: window.project is None)
            assert read_lock(story).token == "the-other-studio"  # type: ignore[union-attr]
        finally:
            holder2.kill()
            holder2.wait()
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.parametrize(
    ("kind", "says"),
    [
        ("full", ["No space left on device", "Free some space"]),
        ("read-only", ["Read-only file system", "The disk is read-only"]),
    ],
)
def test_a_failed_save_shows_the_error_and_keeps_the_text(
    qtbot: QtBot, tmp_path: Path, kind: str, says: list[str]
) -> None:
    """On a real full or read-only tmpfs where this machine mounts one (as root), else
    with the OS error injected into the writer."""
    with tmpfs(tmp_path / "disk", 512) as disk:
        root = (disk or tmp_path / "disk") / "salt-and-static"
        shutil.copytree(sample_project(), root)
        studio = open_studio(qtbot, root)
        try:
            original = studio.disk()
            studio.safety.wait_for_backup()
            with trouble(disk, root, kind):
                studio.type_at_end(qtbot, " Written on a bad disk.")
                qtbot.waitUntil(lambda: studio.pane.bar() is not None)
                message = studio.pane.bar().label.text()  # type: ignore[union-attr]
                assert all(part in message for part in says), message
                assert studio.pane.editor.toPlainText().endswith(" Written on a bad disk.")
                assert studio.pane.is_dirty
                assert studio.disk() == original
                assert not list((root / "chapters").glob(".*.tmp"))
                qtbot.waitUntil(lambda: len(Journal(root).entries()) == 1)
                [entry] = Journal(root).entries()
                assert as_shown(entry.text).endswith(" Written on a bad disk.")
                assert "journal" in studio.window.statusBar().currentMessage()
            studio.type_at_end(qtbot, " And after.")
            qtbot.waitUntil(lambda: studio.shown().endswith("bad disk. And after."))
            qtbot.waitUntil(lambda: studio.pane.bar() is None)
            qtbot.waitUntil(lambda: Journal(root).entries() == [])
        finally:
            studio.safety.finish()


def test_how_many_backups_are_kept_is_a_preference(studio: Studio, qtbot: QtBot) -> None:
    dialog = PreferencesDialog(studio.window.prefs)
    qtbot.addWidget(dialog)
    dialog.backups_keep.setValue(2)
    prefs = dialog.result_preferences()
    assert prefs.backups_keep == 2
    prefs.save()
    assert Preferences.load().backups_keep == 2
    studio.window.shell.set_preferences(prefs)
    studio.safety.wait_for_backup()
    for _ in range(3):
        studio.safety.back_up("manual")
    assert [b.reason for b in list_backups(studio.story)] == ["manual", "manual"]


@pytest.mark.parametrize("choice", ["keepMine", "takeFile"])
def test_story_toml_changed_outside_during_unsaved_metadata_edits(
    studio: Studio, qtbot: QtBot, choice: str
) -> None:
    project = studio.window.project
    assert project is not None
    project.work.summary = "My summary, not yet saved."  # as a field edit before its save
    assert project.is_modified
    doc = tomlkit.parse(studio.disk("story.toml"))
    doc["work"]["title"] = "Their Title"
    atomic_write_text(studio.story / "story.toml", tomlkit.dumps(doc))
    qtbot.waitUntil(lambda: isinstance(studio.pane.bar(), ConflictBar))
    bar = studio.pane.bar()
    assert "story.toml" in bar.message  # type: ignore[union-attr]
    bar.button(choice).click()  # type: ignore[union-attr]
    assert studio.pane.bar() is None
    on_disk = tomlkit.parse(studio.disk("story.toml"))
    if choice == "keepMine":
        assert on_disk["work"]["summary"] == "My summary, not yet saved."
        assert project.work.title == "Salt and Static"
    else:
        assert on_disk["work"]["title"] == "Their Title"
        assert project.work.title == "Their Title"
        assert project.work.summary != "My summary, not yet saved."
        assert studio.window.metadata.work_tab.fields["title"].value() == "Their Title"  # type: ignore[attr-defined]


def test_both_panes_on_one_chapter_share_the_conflict(studio: Studio, qtbot: QtBot) -> None:
    window = studio.window
    window.shell.action("view.split").setChecked(True)
    window.show_chapter(CH1, window.all_panes[1])
    window.documents.set_autosave_interval(60_000)  # type: ignore[union-attr]
    studio.type_at_end(qtbot, " Mine.")
    (studio.story / CH1).write_text("Theirs.\n", encoding="utf-8")
    left, right = window.all_panes
    qtbot.waitUntil(
        lambda: isinstance(left.bar(), ConflictBar) and isinstance(right.bar(), ConflictBar),
    )
    right.bar().button("keepMine").click()  # type: ignore[union-attr]
    assert left.bar() is None and right.bar() is None
    assert studio.shown().endswith(" Mine.")


def test_restoring_journaled_story_details(qtbot: QtBot, story: Path) -> None:
    text = (story / "story.toml").read_text(encoding="utf-8")
    doc = tomlkit.parse(text)
    doc["work"]["summary"] = "A summary typed just before the power cut."
    Journal(story).record("story.toml", tomlkit.dumps(doc), text)
    studio = open_studio(qtbot, story)
    try:
        dialog = studio.safety.restore_dialog
        assert dialog is not None
        assert dialog.list.item(0).text().startswith("Story details (story.toml)")
        dialog.restore_button.click()
        project = studio.window.project
        assert project is not None
        assert project.work.summary == "A summary typed just before the power cut."
        assert "just before the power cut" in studio.disk("story.toml")
        assert "# Salt and Static" in studio.disk("story.toml")
        qtbot.wait(400)
        assert studio.pane.bar() is None
    finally:
        studio.safety.finish()


def test_decide_later_keeps_the_text_for_next_time(qtbot: QtBot, story: Path) -> None:
    on_disk = (story / CH1).read_text(encoding="utf-8")
    Journal(story).record(CH1, on_disk + " Kept for later.", on_disk)
    studio = open_studio(qtbot, story)
    try:
        assert studio.safety.restore_dialog is not None
        studio.safety.restore_dialog.later_button.click()
        assert "offered again" in studio.window.statusBar().currentMessage()
        studio.type_at_end(qtbot, " New work.")
        qtbot.waitUntil(lambda: studio.shown().endswith(" New work."))
    finally:
        studio.safety.finish()
    again = open_studio(qtbot, story)
    try:
        dialog = again.safety.restore_dialog
        assert dialog is not None
        assert [e.text.endswith(" Kept for later.") for e in dialog.entries] == [True]
        dialog.discard_button.click()
        assert Journal(story).entries() == []
    finally:
        again.safety.finish()


def _refuse_story_toml(monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk refuses story.toml's new copy (and nothing else): its save fails."""
    real = tempfile.mkstemp

    def refusing(*args: Any, **kwargs: Any) -> tuple[int, str]:
        if str(kwargs.get("prefix", "")).startswith(".story.toml."):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", refusing)


def _close_answering(window: MainWindow, close: bool) -> tuple[bool, list[str]]:
    """Close the window, answer the unsaved-changes prompt: whether it closed, and what
    the prompt said (text, informative text, the buttons' texts)."""
    said: list[str] = []

    def answer(box: QMessageBox) -> None:
        said.extend([box.text(), box.informativeText(), *(b.text() for b in box.buttons())])
        role = (
            QMessageBox.ButtonRole.DestructiveRole if close else QMessageBox.ButtonRole.RejectRole
        )
        next(b for b in box.buttons() if box.buttonRole(b) is role).click()

    answer_modal(QMessageBox, answer)
    return window.close(), said


def test_closing_with_only_the_story_details_unsaved_says_the_journal_keeps_them(
    qtbot: QtBot, story: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It used to say "the unsaved text is lost" while the journal held story.toml."""
    studio = open_studio(qtbot, story)
    window = studio.window
    _refuse_story_toml(monkeypatch)
    assert window.project is not None
    window.project.work.summary = "A summary the full disk refused."
    window.shell.story_changed()
    closed, said = _close_answering(window, close=True)
    assert closed
    text = " ".join(said)
    assert "story's details (story.toml)" in said[0] and "“" not in said[0]  # no chapter
    assert "recovery journal" in text and "lost" not in text.lower()
    entries = {e.file: e for e in Journal(story).entries()}
    assert list(entries) == ["story.toml"]
    assert "A summary the full disk refused." in entries["story.toml"].text


def test_without_a_journal_the_close_prompt_says_what_is_lost(
    qtbot: QtBot, story: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, story)  # no safety feature: nothing keeps the text
    _refuse_story_toml(monkeypatch)
    assert window.project is not None
    window.project.work.summary = "A summary the full disk refused."
    closed, said = _close_answering(window, close=False)
    assert not closed  # Cancel: the window stays, the summary with it
    assert "story.toml" in said[0] and "are lost" in said[1]
    assert "journal" not in " ".join(said).lower()
    assert window.project.work.summary == "A summary the full disk refused."
    monkeypatch.undo()
    assert window.close()  # saved now, no prompt
