"""Exporters: the story as the files the archives, editors and readers take. No Qt.

Each exporter is a function `(project, out) -> list of the files written`. `out` is
the path to write: a file for the one-file formats, a folder for FanFiction.Net
(one document per chapter) and the Archive (chapter HTML and the posting sheet).
`output_path` picks that path from what the author gave.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from studio.errors import StudioError
from studio.export.bundle import export_bundle
from studio.export.docx import export_docx
from studio.export.epub import export_epub
from studio.export.ffn import export_ffn
from studio.export.markdown import export_markdown
from studio.export.parts import project_slug
from studio.export.posting_sheet import export_ao3
from studio.export.text import export_text
from studio.story.project import Project

Exporter = Callable[[Project, Path], list[Path]]

EXPORTERS: dict[str, Exporter] = {
    "ao3": export_ao3,
    "epub": export_epub,
    "docx": export_docx,
    "ffn": export_ffn,
    "markdown": export_markdown,
    "text": export_text,
    "bundle": export_bundle,
}

# What the default output is called after the story's slug: a suffix for one file,
# a name ending without a dot for the formats that write a folder.
OUTPUT_SUFFIXES: dict[str, str] = {
    "ao3": "-ao3",
    "epub": ".epub",
    "ffn": "-ffn",
    "docx": ".docx",
    "markdown": ".md",
    "text": ".txt",
    "bundle": ".zip",
}

# How the Export dialog names the formats.
FORMAT_LABELS: dict[str, str] = {
    "ao3": "Archive of Our Own (HTML per chapter and posting sheet)",
    "epub": "EPUB e-book",
    "ffn": "FanFiction.Net (DOCX and HTML per chapter)",
    "docx": "Word document (DOCX)",
    "markdown": "Markdown (pandoc)",
    "text": "Plain text",
    "bundle": "Story bundle (.zip for your editor)",
}


def writes_folder(fmt: str) -> bool:
    """True for the formats whose output is a folder of files."""
    return not OUTPUT_SUFFIXES.get(fmt, "").startswith(".")


def default_name(project: Project, fmt: str) -> str:
    """salt-and-static.docx, salt-and-static-ffn, …"""
    return project_slug(project) + OUTPUT_SUFFIXES.get(fmt, f"-{fmt}")


def output_path(project: Project, fmt: str, out: Path | None, folder: Path) -> Path:
    """Where to write: `out` itself, or the default name inside `out` when it is an
    existing folder, or the default name inside `folder` when no `out` is given.

    A one-file format named without an extension gets its own (`-o story` writes
    story.epub), so every format treats a bare name the same way.
    """
    if out is None:
        return folder / default_name(project, fmt)
    if out.is_dir():
        return out / default_name(project, fmt)
    if not writes_folder(fmt) and not out.suffix:
        return out.with_name(out.name + OUTPUT_SUFFIXES[fmt])
    return out


def known_formats() -> list[str]:
    return sorted(EXPORTERS)


def refuse_inside_project(project: Project, out: Path) -> None:
    """Exports live outside the story folder: inside it they would be bundled, watched
    by the window and, for a folder format, could overwrite the author's own files."""
    target = out.resolve()
    if target == project.root or project.root in target.parents:
        raise StudioError(
            "is inside the story's folder",
            path=out,
            hint="Export somewhere outside it, such as the folder that holds the story",
        )
