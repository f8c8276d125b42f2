"""`studio import FILE... DEST [--json] [--force] [--dry-run]`: bring a fic into Studio."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from studio.errors import StudioError, printable
from studio.importers import detect, import_fic
from studio.importers.plan import ImportPlan

NAME = "import"
HELP = "import a fic (text file, chapter files in order, or an AO3 HTML/EPUB download)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        metavar="FILE... DEST",
        nargs="+",
        type=Path,
        help="the fic's file (or its chapter files, in order), then the new story's folder",
    )
    parser.add_argument("--json", action="store_true", help="print what was detected as JSON")
    parser.add_argument("--force", action="store_true", help="replace a DEST that is not empty")
    parser.add_argument("--dry-run", action="store_true", help="detect only; write nothing")


def run(args: argparse.Namespace) -> int:
    paths: list[Path] = args.paths
    if len(paths) < 2:
        raise StudioError(
            "give the fic's file and then the folder for the new story",
            hint="For example: studio import my-fic.txt my-fic",
        )
    files, dest = paths[:-1], paths[-1]
    if args.dry_run:
        plan = detect(files)
    else:
        plan, _project = import_fic(files, dest, force=args.force)
    if args.json:
        report = plan.as_json(dest)
        report["written"] = not args.dry_run
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(printable(summary(plan, dest, written=not args.dry_run)))
    return 0


def summary(plan: ImportPlan, dest: Path, *, written: bool) -> str:
    """A few lines for a person: what was made, and what to check."""
    title = plan.work.get("title", "")
    words = sum(c.words() for c in plan.chapters)
    blocks = sum(len(c.lyrics_blocks) for c in plan.chapters)
    verb = "Imported" if written else "Would import"
    lines = [
        f"{verb} “{title}” into {dest}: {len(plan.chapters)} chapter(s), {words:,} words,"
        f" {len(plan.songs)} song(s) in {blocks} lyrics block(s)."
    ]
    for source in plan.sources:
        lines.append(f"  {source.file}: {source.encoding}, line ends {source.line_ends}")
    if plan.unsure:
        lines.append("Please check:")
        lines += [f"  - {item}" for item in plan.unsure]
    return "\n".join(lines)
