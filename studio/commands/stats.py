"""`studio stats PATH [--json] [--history]`: chapters and their words, prose and lyrics
apart; with `--history`, the words written per day, the streak and the targets."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from studio.story import Project, StoryStats, story_stats
from studio.story.progress import ProgressReport, progress_report

NAME = "stats"
HELP = "chapters and word counts of a story"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", type=Path, help="the story's folder")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument(
        "--history",
        action="store_true",
        help="words written per day (history.toml), the streak, the goal and targets",
    )


def run(args: argparse.Namespace) -> int:
    project = Project.load(args.path)
    stats = story_stats(project)
    if args.history:
        report = progress_report(project, stats)
        if args.json:
            print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        else:
            print(format_history(report))
        return 0
    if args.json:
        print(json.dumps(stats.as_json(), ensure_ascii=False, indent=2))
    else:
        print(format_table(stats))
    return 0


def format_table(stats: StoryStats) -> str:
    header = ("#", "Chapter", "Words", "Prose", "Lyrics")
    rows = [
        (
            str(c.number),
            c.title or f"Chapter {c.number}",
            *_counts(c.counts.words, c.counts.prose_words, c.counts.lyrics_words),
        )
        for c in stats.chapters
    ]
    total = ("", "Total", *_counts(stats.words, stats.prose_words, stats.lyrics_words))
    widths = [max(len(r[i]) for r in [header, *rows, total]) for i in range(len(header))]

    def line(row: tuple[str, ...]) -> str:
        cells = [row[0].rjust(widths[0]), row[1].ljust(widths[1])]
        cells += [cell.rjust(width) for cell, width in zip(row[2:], widths[2:], strict=True)]
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * w for w in widths)
    title = stats.title or "(untitled)"
    return "\n".join([title, "", line(header), rule, *map(line, rows), rule, line(total)])


def format_history(report: ProgressReport) -> str:
    """The days as a table (newest last), then today, the streak and the targets."""
    lines = ["Day         Written    Total"]
    for day in report.days:
        lines.append(f"{day.day.isoformat()}  {day.words:>+8,}  {day.end:>7,}")
    if not report.days:
        lines.append("(no days counted yet: Studio counts as you write in the window)")
    goal = f" of {report.daily_goal:,}" if report.daily_goal else ""
    lines += [
        "",
        f"Today: {report.words_today:+,} words{goal}",
        f"Streak: {report.streak} day{'s' if report.streak != 1 else ''}",
    ]
    target = f" of {report.word_target:,}" if report.word_target else ""
    lines.append(f"Story: {report.words:,} words{target}")
    for chapter in report.chapters:
        if chapter.target:
            name = chapter.title or f"Chapter {chapter.number}"
            lines.append(f"  {chapter.number}. {name}: {chapter.words:,} of {chapter.target:,}")
    return "\n".join(lines)


def _counts(*numbers: int) -> tuple[str, ...]:
    return tuple(f"{n:,}" for n in numbers)
