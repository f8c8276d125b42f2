"""`studio check PATH [--json] [--dictionary TAG]`: every finding of a whole project.

Exit 0 when clean, 1 when there are findings, 2 on bad input (StudioError, printed
by the CLI as one line).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from studio.checks import all_findings
from studio.errors import StudioError, printable
from studio.findings import Finding
from studio.spelling.check import without_suggestions
from studio.spelling.dictionary import installed_tags, open_dictionary
from studio.story import Project

NAME = "check"
HELP = "spelling and proofreading of a whole story"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", type=Path, help="the story's folder")
    parser.add_argument("--json", action="store_true", help="print findings as JSON")
    parser.add_argument(
        "--dictionary",
        metavar="TAG",
        help="check with this Enchant dictionary (en_US, en_GB, …) instead of the story's",
    )
    parser.add_argument(
        "--no-suggestions",
        action="store_true",
        help="list findings without spelling suggestions (faster on long stories)",
    )


def run(args: argparse.Namespace) -> int:
    project = Project.load(args.path)
    if args.dictionary:
        tag = args.dictionary.replace("-", "_")
        if tag not in installed_tags():
            installed = ", ".join(installed_tags()) or "none"
            raise StudioError(
                f"no Enchant dictionary “{args.dictionary}” is installed (installed: {installed})",
                hint="Pick an installed one, or install the Hunspell dictionary for it",
            )
        project.spelling.dictionary = tag  # for this run only: never saved
    dictionary = open_dictionary(project.spelling.dictionary)
    if not dictionary.available:
        print(printable(f"studio: {dictionary.problem}"), file=sys.stderr)
    if args.no_suggestions:
        with without_suggestions():
            findings = all_findings(project)
    else:
        findings = all_findings(project)
    if args.json:
        print(format_json(findings))
    else:
        print(printable(format_findings(findings)))
    return 1 if findings else 0


def format_json(findings: list[Finding]) -> str:
    """A JSON array with one finding a line: readable, and written by json's C encoder
    (an indented dump goes through the pure-Python one, 20 times slower)."""
    if not findings:
        return "[]"
    items = ",\n  ".join(json.dumps(f.as_json(), ensure_ascii=False) for f in findings)
    return f"[\n  {items}\n]"


def format_findings(findings: list[Finding]) -> str:
    """One finding a line, `file:line:column: kind [rule] “text”: message (→ a, b)`."""
    if not findings:
        return "No findings."
    lines = []
    for f in findings:
        line = f"{f.file}:{f.line}:{f.column}: {f.kind} [{f.rule}] “{f.text}”: {f.message}"
        if f.suggestions:
            line += " (→ " + ", ".join(f.suggestions) + ")"
        lines.append(line)
    count = len(findings)
    lines.append(f"{count} finding{'s' if count != 1 else ''}.")
    return "\n".join(lines)
