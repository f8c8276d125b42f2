"""A copy of the sample story for the posting and progress tour (docs/tour_posting.sh):
chapter 1 posted, chapter 2 posted and edited since, chapter 3 ready; targets, a daily
goal and a month of history ending today. Usage: tour_posting_story.py FOLDER"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from studio.story import Project, story_stats  # noqa: E402
from studio.story.posting import Status, mark_posted, set_status  # noqa: E402
from studio.story.progress import record_words  # noqa: E402

WORK = "https://archiveofourown.org/works/4815162/chapters/"


def main(root: Path) -> None:
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(ROOT / "projects" / "salt-and-static", root)
    project = Project.load(root)
    project.progress.daily_goal = 25
    project.progress.word_target = 1200
    chapters = project.chapters
    for chapter, target in zip(chapters, (250, 300, 400), strict=True):
        chapter.word_target = target
    today = dt.date.today()
    mark_posted(project, chapters[0], day=today - dt.timedelta(days=12), url=WORK + "1")
    mark_posted(project, chapters[1], day=today - dt.timedelta(days=3), url=WORK + "2")
    set_status(project, chapters[2], Status.READY)
    project.save()
    lines = project.read_chapter(chapters[1]).splitlines()
    first = next(n for n, line in enumerate(lines) if line.strip() and not line.startswith("#"))
    lines[first] += " The tide came in faster than anyone had said it would."
    project.write_chapter(chapters[1], "\n".join(lines) + "\n")
    written = [((n * 37) % 11) * 3 + (n % 3) * 4 for n in range(30)]  # fits the sample
    written[-1] = 0  # today: the tour types some
    total = story_stats(project).words - sum(written)
    for n, amount in enumerate(written):
        day = today - dt.timedelta(days=29 - n)
        record_words(root, total, day)
        total += amount
        record_words(root, total, day)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
