"""Chapter files added, removed and renamed outside: the list in story.toml follows."""

from __future__ import annotations

import os
import queue
import time
from collections.abc import Callable
from pathlib import Path

import tomlkit

from studio.safety import Change, ProjectWatcher
from studio.safety.reconcile import match_missing, reconcile, title_from_file
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


def test_missing_files_are_matched_by_their_backed_up_text_first(story: Path) -> None:
    """Two chapters renamed while Studio was closed and a third gone, with one new
    file: each renamed entry is matched with the file holding its last backed-up text,
    and the one file left over is offered for the one entry left over, as a guess."""
    project = Project.load(story)
    files = [c.file for c in project.chapters]
    known = {f: (story / f).read_bytes() for f in files[:2]}
    os.replace(story / files[1], story / "chapters/a-renamed.md")  # sorts before the rest
    os.replace(story / files[0], story / "chapters/b-renamed.md")
    (story / "chapters/c-new.md").write_text("A chapter written elsewhere.\n", encoding="utf-8")
    (story / files[2]).unlink()
    project = Project.load(story, missing_ok=True)
    missing = [c.file for c in project.missing_chapters()]
    assert missing == files[:3]
    found = match_missing(project, missing, last_known=known.get)
    assert [(m.file, m.candidate, m.same_text) for m in found] == [
        (files[0], "chapters/b-renamed.md", True),
        (files[1], "chapters/a-renamed.md", True),
        (files[2], "chapters/c-new.md", False),
    ]


def test_no_guess_when_more_than_one_file_is_left_over(story: Path) -> None:
    project = Project.load(story)
    first = project.chapters[0].file
    (story / first).unlink()
    for name in ("x.md", "y.md"):
        (story / "chapters" / name).write_text(f"{name}\n", encoding="utf-8")
    project = Project.load(story, missing_ok=True)
    found = match_missing(project, [first], last_known=lambda _f: None)
    assert [(m.file, m.candidate) for m in found] == [(first, None)]
