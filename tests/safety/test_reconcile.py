"""Chapter files added, removed and renamed outside: the list in story.toml follows."""

from __future__ import annotations

import os
import queue
import time
from collections.abc import Callable
from pathlib import Path

import tomlkit

from studio.safety import Change, ProjectWatcher
from studio.safety.reconcile import reconcile, title_from_file
from studio.story import Project


def _changes_after(story: Path, act: Callable[[], object], *files: str) -> list[Change]:
    """The watcher's reports after `act`, batch after batch until all `files` are in
    them (one outside act may be reported in more than one batch)."""
    got: queue.Queue[list[Change]] = queue.Queue()
    watcher = ProjectWatcher(story, got.put)
    watcher.start()
    assert watcher.wait_until_scanned(5)
    changes: list[Change] = []
    try:
        act()
        deadline = time.monotonic() + 5
        while not set(files) <= {c.file for c in changes}:
            changes += got.get(timeout=max(0.0, deadline - time.monotonic()))
        return changes
    finally:
        watcher.stop()


def test_titles_come_from_file_names() -> None:
    assert title_from_file("chapters/04-the-storm.md") == "The storm"
    assert title_from_file("chapters/epilogue.md") == "Epilogue"
    assert title_from_file("chapters/07.md") == "07"


def test_a_file_dropped_in_is_listed_and_a_deleted_one_is_not(story: Path) -> None:
    def act() -> None:
        (story / "chapters" / "04-the-storm.md").write_text("Rain.\n", encoding="utf-8")
        (story / "chapters" / "03-harbour-lights.md").unlink()

    changes = _changes_after(
        story, act, "chapters/04-the-storm.md", "chapters/03-harbour-lights.md"
    )
    project = _load_ignoring_missing(story)
    done = reconcile(project, changes, keep=set())
    assert done.added == ["chapters/04-the-storm.md"]
    assert done.removed == ["chapters/03-harbour-lights.md"]
    project.save()
    reloaded = Project.load(story)
    assert [c.file for c in reloaded.chapters][-1] == "chapters/04-the-storm.md"
    assert "chapters/03-harbour-lights.md" not in [c.file for c in reloaded.chapters]
    assert "# Salt and Static" in reloaded.story_file.read_text(encoding="utf-8")  # comments kept


def test_an_open_chapter_whose_file_vanished_stays_listed(story: Path) -> None:
    changes = _changes_after(
        story, (story / "chapters" / "02-low-tide.md").unlink, "chapters/02-low-tide.md"
    )
    project = _load_ignoring_missing(story)
    done = reconcile(project, changes, keep={"chapters/02-low-tide.md"})
    assert not done
    assert "chapters/02-low-tide.md" in [c.file for c in project.chapters]


def test_a_rename_keeps_the_title_notes_and_place(story: Path) -> None:
    before = Project.load(story)
    title = before.chapters[1].title
    changes = _changes_after(
        story,
        lambda: os.rename(story / "chapters" / "02-low-tide.md", story / "chapters" / "02-ebb.md"),
        "chapters/02-low-tide.md",
        "chapters/02-ebb.md",
    )
    project = _load_ignoring_missing(story)
    done = reconcile(project, changes, keep=set())
    assert done.renamed == {"chapters/02-low-tide.md": "chapters/02-ebb.md"}
    assert project.chapters[1].file == "chapters/02-ebb.md"
    assert project.chapters[1].title == title


def test_files_story_toml_already_lists_are_left_alone(story: Path) -> None:
    changes = _changes_after(
        story,
        lambda: (story / "chapters" / "01-the-signal.md").write_text("New.\n"),
        "chapters/01-the-signal.md",
    )
    project = Project.load(story)
    assert not reconcile(project, changes, keep=set())


def _load_ignoring_missing(story: Path) -> Project:
    """The project as Studio has it in memory (loaded before the file went away)."""
    text = (story / "story.toml").read_text(encoding="utf-8")
    return Project(story.resolve(), tomlkit.parse(text), text)
