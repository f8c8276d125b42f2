"""The `studio` command: open the app, or run one of the subcommands.

This module is the composition root: it is the one place outside `studio.ui` that may
start the window, and it does so by importing `studio.ui.app` only when asked to.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from studio import __version__
from studio.commands import COMMANDS, load_command
from studio.errors import StudioError
from studio.recent import recent_projects
from studio.resources import sample_project


class _Parser(argparse.ArgumentParser):
    """argparse, but bad usage is one line on stderr and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with `only` that one command's (the others' modules
    are then not imported)."""
    parser = _Parser(
        prog="studio",
        description="A writing and editing studio for fan fiction.",
        epilog="With no command, opens the window on PATH, the last story, or the sample story.",
    )
    parser.add_argument("--version", action="version", version=f"studio {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in [only] if only is not None else COMMANDS:
        module = load_command(name)
        sub = commands.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(sub)
        sub.set_defaults(handler=module.run)
    return parser


def _open_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="studio", description="Open the Studio window.")
    parser.add_argument("path", metavar="PATH", nargs="?", type=Path, help="a story folder")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list and (args_list[0] in COMMANDS or args_list[0].startswith("-")):
            only = args_list[0] if args_list[0] in COMMANDS else None
            args = build_parser(only).parse_args(args_list)
            if args.command is None:
                return open_window(None)
            return int(args.handler(args))
        return open_window(_open_parser().parse_args(args_list).path)
    except StudioError as exc:
        print(f"studio: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def project_to_open(path: Path | None) -> Path:
    """PATH if given, else the most recent project, else the sample story."""
    if path is not None:
        if not path.exists():
            raise StudioError("no such folder", path=path, hint="Check the path to the story")
        return path
    recent = recent_projects()
    return recent[0] if recent else sample_project()


def open_window(path: Path | None) -> int:
    target = project_to_open(path)
    app = importlib.import_module("studio.ui.app")
    return int(app.run(target))
