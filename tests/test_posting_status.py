"""Posting status per chapter, the text as posted, and what changed since."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from studio.errors import StudioError
from studio.safety.diff import Row
from studio.story import Project
from studio.story.posting import (
    Status,
    changed_since_posted,
    chapter_status,
    mark_posted,
    posted_changes,
    posted_copy_path,
    posted_text,
    set_status,
    story_postings,
)
from tests.export_support import copy_sample

DAY = dt.date(2026, 11, 28)
URL = "https://archiveofourown.org/works/123/chapters/456"


def test_a_new_chapter_is_a_draft_and_untouched_story_saves_nothing(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    before = project.story_file.read_bytes()
    assert [p.status for p in story_postings(project)] == [Status.DRAFT] * len(project.chapters)
    assert project.progress.daily_goal == 0  # reading [progress] adds no table
    assert project.save() is False
    assert project.story_file.read_bytes() == before


def test_mark_posted_keeps_the_text_and_survives_reload(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    chapter = project.chapters[1]
    original = project.read_chapter(chapter)
    mark_posted(project, chapter, day=DAY, url=URL)
    project.save()
    again = Project.load(project.root)
    second = again.chapters[1]
    assert chapter_status(second) is Status.POSTED
    assert (second.posted, second.url) == (DAY.isoformat(), URL)
    assert posted_copy_path(again, second) == (
        project.root / ".studio" / "posted" / Path(second.file)
    )
    assert posted_text(again, second) == original
    toml = again.story_file.read_text(encoding="utf-8")
    assert 'status = "posted"' in toml and f'posted = "{DAY.isoformat()}"' in toml
    postings = story_postings(again)
    assert postings[1].posted == DAY and postings[1].url == URL
    assert postings[1].mark == "●" and not postings[1].changed


def test_an_edit_after_posting_is_changed_and_the_diff_shows_it(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    chapter = project.chapters[0]
    mark_posted(project, chapter, day=DAY)
    text = project.read_chapter(chapter)
    first_line = next(line for line in text.splitlines() if line.strip())
    edited = text.replace(first_line, first_line + " A new sentence.", 1)
    assert not changed_since_posted(project, chapter)
    assert changed_since_posted(project, chapter, edited)  # the editor's unsaved text
    project.write_chapter(chapter, edited)
    assert changed_since_posted(project, chapter)
    assert story_postings(project)[0].mark == "✎"
    changes = posted_changes(project, chapter)
    assert changes.posted == text and changes.current == edited
    assert changes.posted_title == f"As posted on {DAY.isoformat()}"
    changed = [r for r in changes.rows if isinstance(r, Row) and r.tag != "equal"]
    assert len(changed) == 1 == changes.changes
    assert changed[0].left == first_line and changed[0].right == first_line + " A new sentence."
    project.write_chapter(chapter, text)  # undone: no longer changed
    assert not changed_since_posted(project, chapter)


def test_back_to_ready_drops_day_and_address(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    chapter = project.chapters[2]
    mark_posted(project, chapter, day=DAY, url=URL)
    set_status(project, chapter, Status.READY)
    assert chapter_status(chapter) is Status.READY
    assert "posted" not in chapter.table and "url" not in chapter.table
    assert not changed_since_posted(project, chapter)
    with pytest.raises(ValueError):
        set_status(project, chapter, Status.POSTED)


def test_no_copy_means_no_compare(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    chapter = project.chapters[0]
    chapter.status = "posted"  # marked by hand in story.toml: Studio has no copy
    assert not changed_since_posted(project, chapter)
    with pytest.raises(StudioError, match="no copy"):
        posted_changes(project, chapter)


def test_a_wrong_status_is_reported_at_its_line(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    project.chapters[1].status = "published"
    project.save()
    with pytest.raises(StudioError) as info:
        Project.load(project.root)
    lines = project.story_file.read_text(encoding="utf-8").splitlines()
    assert lines[info.value.line - 1] == 'status = "published"'  # type: ignore[operator]
    assert "draft, ready or posted" in str(info.value)


def _studio(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studio", *args], capture_output=True, text=True, check=False
    )


def test_export_by_status_takes_only_those_chapters(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    project.chapters[2].status = "ready"
    project.save()
    out = tmp_path / "ready"
    run = _studio("export", str(project.root), "-f", "ao3", "-o", str(out), "--status", "ready")
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in out.glob("chapter-*.html")) == ["chapter-03.html"]
    run = _studio("export", str(project.root), "-f", "epub", "--chapters", "x")
    assert run.returncode == 2 and "not a list of chapter numbers" in run.stderr
    run = _studio("export", str(project.root), "-f", "bundle", "--chapters", "1")
    assert run.returncode == 2 and "whole story" in run.stderr


def test_posting_command_sets_and_lists(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    root = str(project.root)
    run = _studio("posting", root, "--chapters", "1-2", "--set", "posted", "--date", "2026-11-02")
    assert run.returncode == 0, run.stderr
    run = _studio("posting", root, "--chapters", "3", "--set", "ready")
    assert run.returncode == 0, run.stderr
    again = Project.load(project.root)
    assert [chapter_status(c) for c in again.chapters] == [
        Status.POSTED,
        Status.POSTED,
        Status.READY,
    ]
    assert posted_text(again, again.chapters[0]) == again.read_chapter(again.chapters[0])
    again.write_chapter(again.chapters[1], again.read_chapter(again.chapters[1]) + "\nMore.\n")

    listed = json.loads(_studio("posting", root, "--json").stdout)
    assert [(c["status"], c["changed_since_posted"]) for c in listed] == [
        ("posted", False),
        ("posted", True),
        ("ready", False),
    ]
    table = _studio("posting", root).stdout.splitlines()
    assert table[1].startswith("✎   2.") and "changed since posted" in table[1]
    bad = _studio("posting", root, "--chapters", "9", "--set", "ready")
    assert bad.returncode == 2 and "no chapter 9" in bad.stderr
    bad = _studio("posting", root, "--chapters", "1", "--set", "ready", "--url", "x")
    assert bad.returncode == 2 and "--set posted" in bad.stderr
