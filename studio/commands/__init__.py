"""The `studio` subcommands. Each module has NAME, HELP, add_arguments() and run().

To add a command, write a module here and list it in COMMANDS (its name on the command
line, then its module). A command's module is imported only when that command runs, or
for `studio --help`: `studio review` or `studio import-review` should not wait for the
grammar engine, the exporters and python-docx that other commands import.
"""

from __future__ import annotations

import argparse
import importlib
from typing import Protocol, cast


class Command(Protocol):
    NAME: str
    HELP: str

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...
    def run(self, args: argparse.Namespace) -> int: ...


COMMANDS: dict[str, str] = {
    "new": "new",
    "stats": "stats",
    "check": "check",
    "review": "review",
    "export": "export",
    "import": "import_",
    "import-review": "import_review",
    "posting": "posting",
}


def load_command(name: str) -> Command:
    """The module of command `name` (one of COMMANDS), imported now."""
    return cast(Command, importlib.import_module(f"{__name__}.{COMMANDS[name]}"))
