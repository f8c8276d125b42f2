"""`studio import-review STORY FILE`: an editor's DOCX or ODT back into the story's review.

Their comments and replies, their tracked changes, and the text they changed without
tracking become comments and suggestions on the same words of the same chapters
(reviews/*.toml). The chapters themselves are not touched: the author accepts or
rejects each suggestion. Exit 0; 2 on bad input.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from studio.errors import StudioError
from studio.review.importing import import_review
from studio.story import Project

NAME = "import-review"
HELP = "bring an editor's comments and changes (DOCX, ODT) back into the story"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="STORY", type=Path, help="the story's folder")
    parser.add_argument("file", metavar="FILE", type=Path, help="the editor's .docx or .odt")
    parser.add_argument(
        "--author",
        metavar="NAME",
        help="whose name goes on changes made without tracking (default: the document's"
        " last editor)",
    )


def run(args: argparse.Namespace) -> int:
    project = Project.load(args.path)
    if args.file.suffix.lower() not in (".docx", ".odt", ".fodt", ".docm"):
        raise StudioError(
            "is not a DOCX or ODT document",
            path=args.file,
            hint="Save it from Word, LibreOffice or Google Docs as .docx or .odt",
        )
    report = import_review(project, args.file, author=args.author)
    print(
        f"{report.comments} comment{'s' if report.comments != 1 else ''}, "
        f"{report.replies} repl{'y' if report.replies == 1 else 'ies'}, "
        f"{report.tracked} tracked change{'s' if report.tracked != 1 else ''} and "
        f"{report.untracked} untracked change{'s' if report.untracked != 1 else ''} brought in"
        + (f" ({', '.join(report.chapters)})" if report.chapters else "")
        + "."
    )
    if report.already:
        print(f"{report.already} were already in the review.")
    if report.detached:
        print(f"{report.detached} are on words since rewritten: listed as detached.")
    if report.outside:
        print(
            f"{report.outside} outside the chapters' text (title page, headings, notes)"
            " were left out."
        )
    print("Nothing in the chapters has changed: see them with `studio review`.")
    return 0
