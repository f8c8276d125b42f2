"""`studio stats PATH [--json]`: chapters and their words, prose and lyrics apart."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from studio.errors import printable
from studio.story import Project, StoryStats, story_stats

NAME = "stats"
HELP = "chapters and word counts of a story"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", type=Path, help="the story's folder")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def run(args: argparse.Namespace) -> int:
    stats = story_stats(Project.load(args.path))
    if args.json:
        print(json.dumps(stats.as_json(), ensure_ascii=False, indent=2))
    else:
        print(printable(format_table(stats)))
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


def _counts(*numbers: int) -> tuple[str, ...]:
    return tuple(f"{n:,}" for n in numbers)
