"""`studio posting PATH [--chapters LIST] [--set STATUS] [--url URL] [--date DAY]`: list
each chapter's posting status, or set it.

`--set posted` keeps the chapter's text as posted (under `.studio/posted/`), so Studio
can tell what changed since; the window's chapter list does the same from its menu.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from studio.errors import StudioError
from studio.export.selection import parse_numbers
from studio.story import Project
from studio.story.posting import Status, mark_posted, parse_status, set_status, story_postings

NAME = "posting"
HELP = "list or set the chapters' posting status (draft, ready, posted)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", type=Path, help="the story's folder")
    parser.add_argument("--chapters", metavar="LIST", help="the chapters to set: 3,4 or 2-5")
    parser.add_argument("--set", metavar="STATUS", help="draft, ready or posted")
    parser.add_argument("--url", help="with --set posted: the chapter's address on the archive")
    parser.add_argument("--date", metavar="DAY", help="with --set posted: YYYY-MM-DD (today)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def run(args: argparse.Namespace) -> int:
    project = Project.load(args.path)
    if args.set:
        _set(project, args)
    postings = story_postings(project)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "number": p.number,
                        "title": p.title,
                        "status": p.status.value,
                        "posted": p.posted.isoformat() if p.posted else None,
                        "url": p.url or None,
                        "changed_since_posted": p.changed,
                    }
                    for p in postings
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    for p in postings:
        name = p.title or f"Chapter {p.number}"
        extra = f"  {p.posted.isoformat()}" if p.posted else ""
        extra += "  changed since posted" if p.changed else ""
        extra += f"  {p.url}" if p.url else ""
        print(f"{p.mark} {p.number:>3}. {_printable(name)}  [{p.status.value}]{extra}")
    return 0


def _set(project: Project, args: argparse.Namespace) -> None:
    status = parse_status(args.set)
    if not args.chapters:
        raise StudioError("say which chapters", hint="Add --chapters, like --chapters 3,4")
    total = len(project.chapters)
    numbers = sorted(set(parse_numbers(args.chapters)))
    wrong = [n for n in numbers if not 1 <= n <= total]
    if wrong:
        raise StudioError(
            f"the story has no chapter {', '.join(map(str, wrong))}",
            path=project.story_file,
            hint=f"Choose chapters between 1 and {total}",
        )
    if (args.url or args.date) and status is not Status.POSTED:
        raise StudioError("--url and --date go with --set posted")
    day = _day(args.date) if args.date else None
    for number in numbers:
        chapter = project.chapters[number - 1]
        if status is Status.POSTED:
            mark_posted(project, chapter, day=day, url=args.url)
        else:
            set_status(project, chapter, status)
    project.save()


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise StudioError(f"“{text}” is not a day", hint="Write it as YYYY-MM-DD") from None


def _printable(text: str) -> str:
    """A title for the terminal: control characters shown, never obeyed."""
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)
