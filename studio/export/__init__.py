"""Exports of a story to the formats the archives and editors take.

`EXPORTERS` maps a format name (as `studio export --format` takes it) to its exporter:
a function `(project, out) -> list[Path]` that writes the export and returns the files
written. Whether `out` is a file or a folder is the format's choice, documented in its
exporter's docstring.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from studio.export.epub import export_epub
from studio.export.posting_sheet import export_ao3
from studio.story.project import Project

Exporter = Callable[[Project, Path], list[Path]]

EXPORTERS: dict[str, Exporter] = {
    "ao3": export_ao3,
    "epub": export_epub,
}
