"""The folder watcher core with the real watchdog observer on real files."""

from __future__ import annotations

import os
import queue
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from studio.safety import Change, ChangeKind, ContentLedger, Journal, ProjectWatcher
from studio.safety.guard import SafeSaver
from studio.storage import atomic_write_text
from studio.story import Project

CH1 = "chapters/01-the-signal.md"


class Recorder:
    def __init__(self) -> None:
        self.batches: queue.Queue[list[Change]] = queue.Queue()

    def __call__(self, changes: list[Change]) -> None:
        self.batches.put(changes)

    def next(self, timeout: float = 5.0) -> list[Change]:
        return self.batches.get(timeout=timeout)

    def nothing_for(self, seconds: float) -> bool:
        try:
            self.batches.get(timeout=seconds)
        except queue.Empty:
            return True
        return False


@pytest.fixture
def watched(story: Path) -> Iterator[tuple[ProjectWatcher, Recorder]]:
    recorder = Recorder()
    watcher = ProjectWatcher(story, recorder)
    watcher.start()
    assert watcher.wait_until_scanned(5)  # the baseline is taken on the watcher's thread
    yield watcher, recorder
    watcher.stop()


def test_an_outside_edit_is_reported_once_with_the_new_text(
    story: Path, watched: tuple[ProjectWatcher, Recorder]
) -> None:
    _, recorder = watched
    # How fast it arrives is measured in benchmarks/bench_safety.py (outside edit reported).
    (story / CH1).write_text("Rewritten in another editor.\n", encoding="utf-8")
    [change] = recorder.next()
    assert change.kind is ChangeKind.CHAPTER_CHANGED
    assert change.file == CH1
    assert change.text() == "Rewritten in another editor.\n"
    assert recorder.nothing_for(0.4)


def test_studios_own_saves_never_count(
    story: Path, watched: tuple[ProjectWatcher, Recorder]
) -> None:
    watcher, recorder = watched
    saver = SafeSaver(Journal(story), watcher.ledger)
    project = Project.load(story)
    chapter = project.chapters[0]
    base = project.read_chapter(chapter)
    for i in range(5):
        text = f"{base}\nautosave {i}\n"
        saver.save(CH1, text, base, lambda t=text: project.write_chapter(chapter, t))
        base = text
    project.work.summary = "A new summary, saved by Studio."
    saver.save("story.toml", project.toml_text(), None, project.save)
    assert recorder.nothing_for(0.6)


def test_a_burst_of_writes_from_one_save_is_handled_once(
    story: Path, watched: tuple[ProjectWatcher, Recorder]
) -> None:
    _, recorder = watched
    path = story / CH1
    # An editor that truncates and writes in pieces, then touches the file again.
    with path.open("w", encoding="utf-8") as handle:
        for i in range(30):
            handle.write(f"line {i}\n")
            handle.flush()
    os.utime(path)
    batches = [recorder.next()]
    assert recorder.nothing_for(0.5)
    [change] = batches[0]
    assert change.text() == "".join(f"line {i}\n" for i in range(30))


def test_touching_a_file_without_changing_it_is_not_a_change(
    story: Path, watched: tuple[ProjectWatcher, Recorder]
) -> None:
    _, recorder = watched
    path = story / CH1
    path.write_bytes(path.read_bytes())
    os.utime(path, (1, 1))
    assert recorder.nothing_for(0.5)


def test_chapters_added_removed_and_renamed_outside(
    story: Path, watched: tuple[ProjectWatcher, Recorder]
) -> None:
    _, recorder = watched
    (story / "chapters" / "04-new.md").write_text("Fresh.\n", encoding="utf-8")
    [added] = recorder.next()
    assert (added.kind, added.file, added.text()) == (
        ChangeKind.CHAPTER_ADDED,
        "chapters/04-new.md",
        "Fresh.\n",
    )

    (story / "chapters" / "02-low-tide.md").unlink()
    [removed] = recorder.next()
    assert (removed.kind, removed.file, removed.data) == (
        ChangeKind.CHAPTER_REMOVED,
        "chapters/02-low-tide.md",
        None,
    )

    os.rename(story / "chapters" / "04-new.md", story / "chapters" / "04-renamed.md")
    kinds = {(c.kind, c.file) for c in recorder.next()}
    assert kinds == {
        (ChangeKind.CHAPTER_REMOVED, "chapters/04-new.md"),
        (ChangeKind.CHAPTER_ADDED, "chapters/04-renamed.md"),
    }


def test_story_toml_changed_outside(story: Path, watched: tuple[ProjectWatcher, Recorder]) -> None:
    _, recorder = watched
    text = (story / "story.toml").read_text(encoding="utf-8")
    atomic_write_text(story / "story.toml", text.replace("Salt and Static", "Salt & Static"))
    [change] = recorder.next()
    assert change.kind is ChangeKind.STORY_CHANGED
    assert "Salt & Static" in change.text()


def test_state_temp_and_other_files_are_ignored(
    story: Path, watched: tuple[ProjectWatcher, Recorder]
) -> None:
    _, recorder = watched
    Journal(story).record(CH1, "journaled", "old")
    (story / ".studio" / "backups").mkdir(parents=True)
    (story / ".studio" / "backups" / "x.zip").write_bytes(b"zip")
    (story / "chapters" / ".01-the-signal.md.swp").write_bytes(b"swap")
    (story / "chapters" / "01-the-signal.md~").write_bytes(b"backup")
    (story / "chapters" / "notes.txt").write_text("not a chapter")
    (story / "cover.png").write_bytes(b"\x89PNG")
    assert recorder.nothing_for(0.5)


def test_a_chapter_that_is_no_longer_utf8_is_a_clear_error(
    story: Path, watched: tuple[ProjectWatcher, Recorder]
) -> None:
    _, recorder = watched
    (story / CH1).write_bytes("Caf\xe9 line\nsecond".encode("latin-1"))
    [change] = recorder.next()
    with pytest.raises(Exception, match=r"01-the-signal.md:1: changed on disk and is no longer"):
        change.text()


def test_a_known_ledger_is_kept_when_the_watcher_starts(story: Path) -> None:
    ledger = ContentLedger()
    ledger.remember(CH1, "what Studio loaded before the file changed")
    recorder = Recorder()
    watcher = ProjectWatcher(story, recorder, ledger=ledger)
    watcher.start()
    assert watcher.wait_until_scanned(5)
    try:
        # The file already differs from what Studio knew: the next event reports it.
        os.utime(story / CH1)
        [change] = recorder.next()
        assert change.kind is ChangeKind.CHAPTER_CHANGED
    finally:
        watcher.stop()
    assert not watcher.running


def test_chapters_folder_replaced_outside_is_watched_again(
    story: Path, watched: tuple[ProjectWatcher, Recorder]
) -> None:
    watcher, recorder = watched
    # A sync tool swaps the whole folder: the old one goes, a new one arrives.
    os.rename(story / "chapters", story / "chapters-old")
    gone = {(c.kind, c.file) for c in recorder.next()}
    assert (ChangeKind.CHAPTER_REMOVED, CH1) in gone and len(gone) == 3
    assert not watcher.watching_chapters
    (story / "chapters").mkdir()
    # The new folder's own event makes the watcher watch chapters/ again; a file written
    # before that would only be seen by the next rescan, so wait for it (with a deadline).
    deadline = time.monotonic() + 5
    while not watcher.watching_chapters:
        assert time.monotonic() < deadline, "chapters/ was not watched again"
        time.sleep(0.02)
    (story / "chapters" / "01-the-signal.md").write_text("Back again.\n", encoding="utf-8")
    changes: list[Change] = []
    while not any(c.file == CH1 for c in changes):
        changes += recorder.next()
    [back] = [c for c in changes if c.file == CH1]
    assert back.kind is ChangeKind.CHAPTER_ADDED and back.text() == "Back again.\n"


def test_a_vim_style_save_is_one_change(
    story: Path, watched: tuple[ProjectWatcher, Recorder]
) -> None:
    """vim probes with `4913`, renames the file to a `~` backup, writes a new one."""
    _, recorder = watched
    chapters = story / "chapters"
    (chapters / "4913").write_bytes(b"")
    (chapters / "4913").unlink()
    os.rename(chapters / "01-the-signal.md", chapters / "01-the-signal.md~")
    (chapters / "01-the-signal.md").write_text("Saved from vim.\n", encoding="utf-8")
    (chapters / "01-the-signal.md~").unlink()
    [change] = recorder.next()
    assert (change.kind, change.file, change.text()) == (
        ChangeKind.CHAPTER_CHANGED,
        CH1,
        "Saved from vim.\n",
    )
    assert recorder.nothing_for(0.4)
