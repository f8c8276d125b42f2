"""Screenshots of the Statistics widget (a month of history) and the changed-since-posted
compare view, built from a copy of the sample story. Run:
QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_progress_screenshots.py"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from studio.story import Project, story_stats  # noqa: E402
from studio.story.posting import mark_posted, posted_changes  # noqa: E402
from studio.story.progress import progress_report, record_words  # noqa: E402
from studio.ui.posting.compare_view import PostedCompareView  # noqa: E402
from studio.ui.progress.statistics import DAYS_SHOWN, StatisticsWidget  # noqa: E402

LAST = dt.date(2026, 11, 30)


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    folder = Path(tempfile.mkdtemp())
    root = folder / "salt-and-static"
    shutil.copytree(ROOT / "projects" / "salt-and-static", root)
    project = Project.load(root)
    project.progress.daily_goal = 30
    project.progress.word_target = 2000
    for chapter, target in zip(project.chapters, (400, 150, 500), strict=True):
        chapter.word_target = target
    project.save()
    written = [((n * 37) % 11) * 5 for n in range(DAYS_SHOWN)]  # fits the sample's length
    total = story_stats(project).words - sum(written)
    for n, amount in enumerate(written):
        day = LAST - dt.timedelta(days=DAYS_SHOWN - 1 - n)
        record_words(root, total, day)
        total += amount
        record_words(root, total, day)
    widget = StatisticsWidget()
    widget.set_report(progress_report(project, story_stats(project), LAST))
    widget.resize(760, 700)
    widget.show()
    app.processEvents()
    widget.grab().save(str(ROOT / "docs" / "screenshots" / "statistics.png"))

    chapter = project.chapters[1]
    mark_posted(project, chapter, day=dt.date(2026, 11, 2), url="https://example.org/c/2")
    text = project.read_chapter(chapter)
    line = next(x for x in text.splitlines() if x.strip())
    project.write_chapter(chapter, text.replace(line, line + " Then the tide turned.", 1))
    view = PostedCompareView()
    view.set_changes(chapter.title, posted_changes(project, chapter), chapter.url)
    view.resize(900, 420)
    view.show()
    app.processEvents()
    view.grab().save(str(ROOT / "docs" / "screenshots" / "posted-compare.png"))
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
