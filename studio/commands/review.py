"""`studio review PATH [--json] [--all]`: the open comments and pending suggestions.

One line each, `file:line:column: comment|suggestion [author] “quoted words”: text`,
in story order. Exit 0 when nothing is open, 1 when something is, 2 on bad input. Reads
only: anchors that moved are found again in memory, nothing is written.
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass
from pathlib import Path

from studio.review.model import ChapterReview, Comment, Suggestion
from studio.review.store import story_reviews
from studio.story import Project

NAME = "review"
HELP = "list the open comments and suggested changes of a story"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", type=Path, help="the story's folder")
    parser.add_argument("--json", action="store_true", help="print them as JSON")
    parser.add_argument(
        "--all", action="store_true", help="also list resolved comments and decided suggestions"
    )


@dataclass(frozen=True, slots=True)
class Item:
    """One comment or suggestion with its place in the chapter file (1-based)."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int
    entry: Comment | Suggestion

    @property
    def kind(self) -> str:
        return "comment" if isinstance(self.entry, Comment) else "suggestion"

    @property
    def is_open(self) -> bool:
        entry = self.entry
        return not entry.resolved if isinstance(entry, Comment) else entry.pending

    def as_json(self) -> dict[str, object]:
        entry, anchor = self.entry, self.entry.anchor
        data: dict[str, object] = {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "kind": self.kind,
            "id": entry.id,
            "author": entry.author,
            "created": entry.created,
            "quote": anchor.exact,
            "detached": anchor.detached,
        }
        if isinstance(entry, Comment):
            data |= {
                "text": entry.text,
                "resolved": entry.resolved,
                "replies": [
                    {"author": r.author, "created": r.created, "text": r.text}
                    for r in entry.replies
                ],
            }
        else:
            data |= {"change": str(entry.kind), "text": entry.text, "status": str(entry.status)}
        return data

    def as_line(self) -> str:
        entry = self.entry
        where = f"{self.file}:{self.line}:{self.column}"
        state = " (detached)" if entry.anchor.detached else ""
        if isinstance(entry, Comment):
            replies = f" ({len(entry.replies)} repl{'y' if len(entry.replies) == 1 else 'ies'})"
            state += " (resolved)" if entry.resolved else ""
            quote = f" “{_short(entry.anchor.exact)}”" if entry.anchor.exact else ""
            tail = replies if entry.replies else ""
            return f"{where}: comment{state} [{entry.author}]{quote}: {_short(entry.text)}{tail}"
        state += "" if entry.pending else f" ({entry.status})"
        change = {
            "insert": f"insert “{_short(entry.text)}”",
            "delete": f"delete “{_short(entry.anchor.exact)}”",
            "replace": f"“{_short(entry.anchor.exact)}” → “{_short(entry.text)}”",
        }[str(entry.kind)]
        return f"{where}: suggestion{state} [{entry.author}] {change}"


def _short(text: str, limit: int = 80) -> str:
    flat = re.sub(r"\s*\n\s*", "¶", text)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of an offset into `text`."""
    offset = max(0, min(offset, len(text)))
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def chapter_items(review: ChapterReview, text: str) -> list[Item]:
    items = []
    entries: list[Comment | Suggestion] = [*review.comments, *review.suggestions]
    for entry in entries:
        line, column = position(text, entry.anchor.start)
        end_line, end_column = position(text, entry.anchor.end)
        items.append(Item(review.chapter, line, column, end_line, end_column, entry))
    return sorted(items, key=lambda i: (i.line, i.column, i.kind))


def review_items(project: Project) -> list[Item]:
    """Every comment and suggestion of the story, in story order."""
    return [
        item for _, review, text in story_reviews(project) for item in chapter_items(review, text)
    ]


def run(args: argparse.Namespace) -> int:
    project = Project.load(args.path)
    items = review_items(project)
    open_items = [i for i in items if i.is_open]
    shown = items if args.all else open_items
    if args.json:
        print(json.dumps([i.as_json() for i in shown], ensure_ascii=False, indent=2))
    elif not shown:
        print("Nothing open.")
    else:
        for item in shown:
            print(item.as_line())
        comments = sum(1 for i in open_items if i.kind == "comment")
        suggestions = len(open_items) - comments
        print(
            f"{comments} open comment{'s' if comments != 1 else ''}, "
            f"{suggestions} pending suggestion{'s' if suggestions != 1 else ''}."
        )
    return 1 if open_items else 0
