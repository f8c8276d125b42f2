"""Exporting some chapters only: `studio export --chapters 3,4` or `--status ready`.

A `ChapterSelection` is the story seen through a choice of chapters: exporters read
`project.chapters` as usual and get only the chosen ones, and `chapter_numbers` gives
each its number in the whole story, so chapter 3 is still "Chapter 3" in the export
and on the Archive's Add Chapter form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from studio.errors import StudioError
from studio.story.model import Chapter
from studio.story.posting import Status, chapter_status
from studio.story.project import Project


class ChapterSelection(Project):
    """`project` with only the chapters numbered `numbers` (1-based, story order)."""

    def __init__(self, project: Project, numbers: Iterable[int]) -> None:
        super().__init__(project.root, project.doc, project.saved_text)
        total = len(project.chapters)
        chosen = sorted(set(numbers))
        wrong = [n for n in chosen if not 1 <= n <= total]
        if wrong:
            raise StudioError(
                f"the story has no chapter {', '.join(map(str, wrong))}",
                path=project.story_file,
                hint=f"Choose chapters between 1 and {total}",
            )
        if not chosen:
            raise StudioError("no chapters chosen to export", path=project.story_file)
        self.numbers = chosen
        self.total = total

    @property
    def chapters(self) -> list[Chapter]:
        every = super().chapters
        return [every[n - 1] for n in self.numbers]

    def save(self) -> bool:
        raise StudioError("a chapter selection is read-only", path=self.story_file)


def chapter_numbers(project: Project) -> list[int]:
    """Each exported chapter's number in the whole story."""
    if isinstance(project, ChapterSelection):
        return list(project.numbers)
    return list(range(1, len(project.chapters) + 1))


def story_chapter_count(project: Project) -> int:
    """How many chapters the whole story has (a selection's too)."""
    return project.total if isinstance(project, ChapterSelection) else len(project.chapters)


def parse_numbers(text: str) -> list[int]:
    """ "3,4", "2-5", "1, 3-4" → chapter numbers; a StudioError for anything else."""
    numbers: list[int] = []
    for piece in (p.strip() for p in text.split(",")):
        match = re.fullmatch(r"(\d+)\s*(?:-\s*(\d+))?", piece)
        if not match:
            raise StudioError(
                f"“{text}” is not a list of chapter numbers",
                hint="Write them like 3,4 or 2-5",
            )
        first = int(match.group(1))
        last = int(match.group(2) or first)
        numbers += range(first, last + 1)
    return numbers


def select(
    project: Project, numbers: Iterable[int] | None = None, status: Status | None = None
) -> Project:
    """The project itself, or the chosen chapters of it (numbers and/or a status)."""
    if numbers is None and status is None:
        return project
    every = range(1, len(project.chapters) + 1)
    chosen = set(every if numbers is None else numbers)
    if status is not None:
        chapters = project.chapters
        with_status = {n for n in every if chapter_status(chapters[n - 1]) is status}
        wanted = chosen & with_status
        if not wanted and not [n for n in chosen if not 1 <= n <= len(chapters)]:
            raise StudioError(
                f"no chosen chapter is {status.value}",
                path=project.story_file,
                hint="Set the chapters' status first, or choose them by number",
            )
        chosen = wanted | {n for n in chosen if not 1 <= n <= len(chapters)}
    return ChapterSelection(project, chosen)
