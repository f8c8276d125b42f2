"""A writer's progress: words written per day, the daily goal, the streak, the targets.

The history lives in the story folder (`history.toml`, beside story.toml), so it
travels with the story from machine to machine and into its bundle, rather than in a
per-machine settings folder. Each day holds the story's word count at the first
count of the day (`start`) and at the last (`end`); the words written that day are
`end - start` (negative on a day of cutting). The window counts on every save and
calls `record_words`; `studio stats --history` and the Statistics window read it.
No Qt.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import tomlkit
from tomlkit.exceptions import TOMLKitError

from studio.errors import StudioError
from studio.storage import atomic_write_text
from studio.story.paths import HISTORY_FILE
from studio.story.project import Project, read_utf8
from studio.story.stats import StoryStats

_HEADER = (
    "# Words written per day, kept by Studio (see docs/project-format.md).\n"
    "# start: the story's words at the day's first count; end: at its last.\n"
)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class Day:
    day: dt.date
    start: int
    end: int

    @property
    def words(self) -> int:
        """Words written that day (net: cutting counts against it)."""
        return self.end - self.start


def history_path(root: Path) -> Path:
    return root / HISTORY_FILE


def load_history(root: Path) -> list[Day]:
    """The days in order; no file is no history. Entries of the wrong shape are skipped
    (a hand edit must not stop the story opening); unreadable TOML is an error."""
    path = history_path(root)
    if not path.is_file():
        return []
    text = read_utf8(path)
    try:
        doc = tomlkit.parse(text)
    except (TOMLKitError, ValueError) as exc:
        raise StudioError(
            f"history.toml is not valid TOML ({exc})",
            path=path,
            hint="Fix it in a text editor, or delete it to start the history again",
        ) from None
    days = doc.get("days", {})
    found: list[Day] = []
    if not hasattr(days, "items"):
        return found
    for key, entry in days.items():
        day = _day(str(key))
        if day is None or not hasattr(entry, "get"):
            continue
        start, end = entry.get("start"), entry.get("end")
        if _whole(start) and _whole(end):
            found.append(Day(day, int(start), int(end)))
    return sorted(found, key=lambda d: d.day)


def record_words(
    root: Path, total: int, today: dt.date | None = None, *, not_written: int = 0
) -> Day:
    """Count the story's `total` words for `today`; write history.toml if that changed.

    The day's `start` is the last count before it (yesterday's end), so words written
    since then count for today; the first count of all starts the history at 0 words.
    `not_written` is the part of the change since the last count that nobody typed (a
    chapter that appeared, came back or was changed outside Studio): the day's start
    moves by it, so it is in the story's length but not in the words written today.
    """
    today = today or dt.date.today()
    history = load_history(root)
    current = next((d for d in history if d.day == today), None)
    if current is None:
        before = [d for d in history if d.day < today]
        start = before[-1].end + not_written if before else total
        current = Day(today, start, total)
    elif current.end == total and not not_written:
        return current
    else:
        current = Day(today, current.start + not_written, total)
    _write(root, [*(d for d in history if d.day != today), current])
    return current


def _write(root: Path, days: list[Day]) -> None:
    doc = tomlkit.document()
    table = tomlkit.table()
    for day in sorted(days, key=lambda d: d.day):
        entry = tomlkit.inline_table()
        entry.update({"start": day.start, "end": day.end})
        table.add(day.day.isoformat(), entry)
    doc.add("days", table)
    atomic_write_text(history_path(root), _HEADER + tomlkit.dumps(doc))


def words_today(history: list[Day], today: dt.date | None = None) -> int:
    """The "+N words today" of the status bar."""
    today = today or dt.date.today()
    return next((d.words for d in history if d.day == today), 0)


def streak(history: list[Day], goal: int, today: dt.date | None = None) -> int:
    """Days in a row, up to today, on which the daily goal (or, with no goal, any
    words) was written. Today counts once it is met; until then the streak that
    ended yesterday still stands."""
    today = today or dt.date.today()
    need = max(goal, 1)
    met = {d.day for d in history if d.words >= need}
    day = today if today in met else today - dt.timedelta(days=1)
    count = 0
    while day in met:
        count += 1
        day -= dt.timedelta(days=1)
    return count


def daily_series(history: list[Day], first: dt.date, last: dt.date) -> list[tuple[dt.date, int]]:
    """Words per day from `first` to `last`, 0 on the days with no count (for the chart)."""
    by_day = {d.day: d.words for d in history}
    days = (last - first).days + 1
    return [
        (first + dt.timedelta(days=n), by_day.get(first + dt.timedelta(days=n), 0))
        for n in range(max(0, days))
    ]


def total_series(history: list[Day]) -> list[tuple[dt.date, int]]:
    """The story's length at the end of each counted day (the total over time)."""
    return [(d.day, d.end) for d in history]


@dataclass(frozen=True, slots=True)
class ChapterTarget:
    number: int
    title: str
    words: int
    target: int  # 0: none


@dataclass(frozen=True, slots=True)
class ProgressReport:
    """Everything the Statistics window and `studio stats --history` show."""

    today: dt.date
    words_today: int
    daily_goal: int
    streak: int
    words: int
    word_target: int
    chapters: list[ChapterTarget]
    days: list[Day]

    def as_json(self) -> dict[str, object]:
        return {
            "today": self.today.isoformat(),
            "words_today": self.words_today,
            "daily_goal": self.daily_goal,
            "streak": self.streak,
            "words": self.words,
            "word_target": self.word_target,
            "chapters": [
                {"number": c.number, "title": c.title, "words": c.words, "target": c.target}
                for c in self.chapters
            ],
            "days": [
                {"day": d.day.isoformat(), "start": d.start, "end": d.end, "words": d.words}
                for d in self.days
            ],
        }


def progress_report(
    project: Project, stats: StoryStats, today: dt.date | None = None
) -> ProgressReport:
    today = today or dt.date.today()
    history = load_history(project.root)
    goal = project.progress.daily_goal
    chapters = [
        ChapterTarget(c.number, c.title, c.counts.words, chapter.word_target)
        for c, chapter in zip(stats.chapters, project.chapters, strict=True)
    ]
    return ProgressReport(
        today,
        words_today(history, today),
        goal,
        streak(history, goal, today),
        stats.words,
        project.progress.word_target,
        chapters,
        history,
    )


def _day(key: str) -> dt.date | None:
    if not _DAY.match(key):
        return None
    try:
        return dt.date.fromisoformat(key)
    except ValueError:
        return None


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
