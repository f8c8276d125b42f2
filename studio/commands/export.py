"""`studio export PATH --format FORMAT [-o OUT]`: write the story in an archive's format.

Without -o the export goes into the current folder (or, when that is inside the
story, into the folder that holds the story), named after the story:
salt-and-static.docx. With -o naming an existing folder, into that folder; else to
OUT itself. Nothing is written inside the story's folder, so an export never lands
in the story's own bundle, wakes the window's folder watcher or overwrites a chapter.
`--format docx --review` only keeps a copy of what was sent in `.studio/review/sent/`
(Studio's own state, which neither the bundle nor the watcher looks at).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from studio.errors import StudioError
from studio.export import EXPORTERS, known_formats, output_path, refuse_inside_project
from studio.review.docx_out import export_review_docx
from studio.story import Project

NAME = "export"
HELP = "write the story for an archive, an editor or a reader"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", type=Path, help="the story's folder")
    parser.add_argument(
        "--format",
        "-f",
        required=True,
        metavar="FORMAT",
        help="one of: " + ", ".join(known_formats()),
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        type=Path,
        help="file or folder to write (default: the current folder, named after the story)",
    )
    parser.add_argument(
        "--review",
        action="store_true",
        help="(docx) with the comments as Word comments and the suggestions as tracked changes",
    )


def run(args: argparse.Namespace) -> int:
    fmt = str(args.format).strip().lower()
    if fmt not in EXPORTERS:
        raise StudioError(
            f"unknown export format “{args.format}”",
            hint="Choose one of: " + ", ".join(known_formats()),
        )
    project = Project.load(args.path)
    out = output_path(project, fmt, args.output, default_folder(project, Path.cwd()))
    refuse_inside_project(project, out)
    if getattr(args, "review", False):
        if fmt != "docx":
            raise StudioError(f"--review is for DOCX, not {fmt}", hint="Use --format docx --review")
        for path in export_review_docx(project, out):
            print(path)
        return 0
    for path in EXPORTERS[fmt](project, out):
        print(path)
    return 0


def default_folder(project: Project, cwd: Path) -> Path:
    """The current folder, unless it is inside the story: then the one holding the story."""
    here = cwd.resolve()
    inside = here == project.root or project.root in here.parents
    return project.root.parent if inside else cwd
