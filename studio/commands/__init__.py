"""The `studio` subcommands. Each module has NAME, HELP, add_arguments() and run().

To add a command, write a module here and list it in COMMANDS.
"""

from __future__ import annotations

import argparse
from types import ModuleType
from typing import Protocol

from studio.commands import check, export, import_, import_review, new, review, stats


class Command(Protocol):
    NAME: str
    HELP: str

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...
    def run(self, args: argparse.Namespace) -> int: ...


COMMANDS: list[ModuleType] = [new, stats, check, review, export, import_, import_review]
