"""`studio new PATH --title T`: start a new story folder.

The story's spelling dictionary is what the author would pick: `--dictionary` when given;
otherwise the dialect the title's spelling shows ("The Colour of Honour" → en_GB), as
import guesses from a whole text; otherwise the user's English locale (LANG=en_AU.UTF-8 →
en_AU); otherwise en_US. The command says which it chose and why.
"""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

from studio.errors import StudioError, printable
from studio.spelling.dialect import dialect_for_new_story
from studio.story import create_project

NAME = "new"
HELP = "start a new story in an empty folder"
_TAG = re.compile(r"^[a-z]{2,3}(?:_[A-Z]{2})?$")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", type=Path, help="folder for the new story")
    parser.add_argument("--title", required=True, help="the story's title")
    parser.add_argument("--author", default="", help="the author's name or pseud")
    parser.add_argument(
        "--dictionary",
        metavar="TAG",
        help="spell-check dictionary (en_GB, en_US, en_AU, …); "
        "guessed from the title's spelling or the locale when not given",
    )


def run(args: argparse.Namespace) -> int:
    if args.dictionary is not None:
        if not _TAG.match(args.dictionary):
            raise StudioError(
                f"“{printable(args.dictionary)}” is not a dictionary name",
                hint="Give a language and region such as en_GB, en_US or en_AU",
            )
        tag, why = args.dictionary, "as given"
    else:
        tag, why = dialect_for_new_story(args.title, os.environ)
    project = create_project(args.path, title=args.title, author=args.author, dictionary=tag)
    print(printable(f"Created “{project.work.title}” in {project.root}"))
    print(printable(f"Spelling: {tag} ({why}; change it in story.toml or with --dictionary)"))
    return 0
