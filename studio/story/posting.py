"""Posting a story chapter by chapter: each chapter's status, and the text as posted.

A chapter is a draft, ready, or posted (with the day and, optionally, its address on
the archive); that lives on its `[[chapters]]` entry in story.toml. When a chapter is
marked posted, Studio keeps the text exactly as posted under `.studio/posted/`, so
"changed since posted" is a comparison of two texts and the compare view can show
what changed (`posted_changes`). No Qt: the chapter list and compare view read this.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path, PurePosixPath

from studio.errors import StudioError
from studio.safety.diff import Fold, Row, count_changes, side_by_side
from studio.storage import atomic_write_text
from studio.story.model import Chapter
from studio.story.paths import STATE_DIR
from studio.story.project import Project, read_utf8

POSTED_DIR = "posted"  # inside .studio/
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Status(Enum):
    DRAFT = "draft"
    READY = "ready"
    POSTED = "posted"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True, slots=True)
class ChapterPosting:
    """What the chapter list shows for one chapter: its status, and for a posted one
    the day, the address and whether the text changed after posting."""

    number: int
    title: str
    status: Status
    posted: dt.date | None
    url: str
    changed: bool

    @property
    def mark(self) -> str:
        """A one-character mark for the chapter list: · draft, ◐ ready, ● posted,
        ✎ posted and edited since."""
        if self.status is Status.POSTED:
            return "✎" if self.changed else "●"
        return "◐" if self.status is Status.READY else "·"


def chapter_status(chapter: Chapter) -> Status:
    value = chapter.status.strip().lower()
    return Status(value) if value in {s.value for s in Status} else Status.DRAFT


def posted_day(chapter: Chapter) -> dt.date | None:
    value = chapter.posted.strip()
    if not _DAY.match(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def posted_copy_path(project: Project, chapter: Chapter) -> Path:
    """`.studio/posted/chapters/01-x.md`: where the posted text of `chapter` is kept."""
    project.chapter_path(chapter)  # refuses a `file` outside chapters/
    return project.root / STATE_DIR / POSTED_DIR / PurePosixPath(chapter.file)


def posted_text(project: Project, chapter: Chapter) -> str | None:
    """The text as posted, or None when Studio has no copy (never marked in Studio)."""
    path = posted_copy_path(project, chapter)
    return read_utf8(path) if path.is_file() else None


def changed_since_posted(project: Project, chapter: Chapter, text: str | None = None) -> bool:
    """True for a posted chapter whose text differs from the text as posted.

    `text` is the chapter's text now (the editor's, unsaved), else it is read from disk.
    """
    if chapter_status(chapter) is not Status.POSTED:
        return False
    before = posted_text(project, chapter)
    if before is None:
        return False
    now = project.read_chapter(chapter) if text is None else text
    return now != before


def mark_posted(
    project: Project,
    chapter: Chapter,
    *,
    day: dt.date | None = None,
    url: str | None = None,
    text: str | None = None,
) -> None:
    """Mark `chapter` posted on `day` (today) at `url`, keeping the text as posted.

    `text` is what was posted (by default the chapter file). story.toml is changed in
    memory; the caller saves it, as for every other edit.
    """
    posted = project.read_chapter(chapter) if text is None else text
    atomic_write_text(posted_copy_path(project, chapter), posted)
    chapter.status = Status.POSTED.value
    chapter.posted = (day or dt.date.today()).isoformat()
    if url is not None:
        chapter.url = url.strip()


def set_status(project: Project, chapter: Chapter, status: Status) -> None:
    """Make `chapter` a draft or ready (use `mark_posted` to post). The posted day and
    address go; the posted copy stays, so marking it posted again can compare."""
    if status is Status.POSTED:
        raise ValueError("use mark_posted to mark a chapter posted")
    chapter.status = status.value
    for key in ("posted", "url"):
        if key in chapter.table:
            del chapter.table[key]


def story_postings(project: Project, texts: dict[int, str] | None = None) -> list[ChapterPosting]:
    """Every chapter's posting state, in story order; `texts` holds unsaved texts by
    chapter number (1-based) for the chapters open in the window."""
    texts = texts or {}
    result = []
    for number, chapter in enumerate(project.chapters, start=1):
        status = chapter_status(chapter)
        changed = status is Status.POSTED and changed_since_posted(
            project, chapter, texts.get(number)
        )
        result.append(
            ChapterPosting(
                number,
                chapter.title.strip(),
                status,
                posted_day(chapter),
                chapter.url.strip(),
                changed,
            )
        )
    return result


@dataclass(frozen=True, slots=True)
class PostedChanges:
    """What the compare view shows: the two texts, their titles and the rows."""

    posted: str
    current: str
    posted_title: str
    current_title: str
    rows: list[Row | Fold]

    @property
    def changes(self) -> int:
        return count_changes(self.rows)


def posted_changes(
    project: Project, chapter: Chapter, text: str | None = None, *, context: int = 1
) -> PostedChanges:
    """The chapter as posted beside the chapter now, as side-by-side rows."""
    before = posted_text(project, chapter)
    if before is None:
        raise StudioError(
            f"Studio has no copy of “{chapter.title or chapter.file}” as posted",
            path=project.story_file,
            hint="Mark the chapter posted in Studio to keep the text as posted",
        )
    now = project.read_chapter(chapter) if text is None else text
    day = posted_day(chapter)
    title = f"As posted on {day.isoformat()}" if day else "As posted"
    return PostedChanges(before, now, title, "Now", side_by_side(before, now, context=context))


def parse_status(value: str) -> Status:
    """`--status ready` and friends: a StudioError naming the choices for anything else."""
    try:
        return Status(value.strip().lower())
    except ValueError:
        raise StudioError(
            f"unknown chapter status “{value}”",
            hint="Choose one of: " + ", ".join(s.value for s in Status),
        ) from None
