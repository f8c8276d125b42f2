"""`studio new PATH --title T`: start a new story folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from studio.errors import printable
from studio.story import create_project

NAME = "new"
HELP = "start a new story in an empty folder"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", type=Path, help="folder for the new story")
    parser.add_argument("--title", required=True, help="the story's title")
    parser.add_argument("--author", default="", help="the author's name or pseud")


def run(args: argparse.Namespace) -> int:
    project = create_project(args.path, title=args.title, author=args.author)
    print(printable(f"Created “{project.work.title}” in {project.root}"))
    return 0
