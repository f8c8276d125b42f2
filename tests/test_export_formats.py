"""What every format shares: the same credit text, an empty story, where output goes."""

from __future__ import annotations

import html
from pathlib import Path

import docx
import pytest

from studio.export import EXPORTERS, default_name, output_path
from studio.lyrics.credit import block_credit_line, notes_credit
from studio.story import Project, create_project
from tests.export_support import copy_sample

MINE = ["docx", "ffn", "markdown", "text", "bundle"]


def _text_of(paths: list[Path]) -> str:
    out = []
    for path in paths:
        if path.suffix == ".docx":
            out.append("\n".join(p.text for p in docx.Document(str(path)).paragraphs))
        elif path.suffix in (".txt", ".md", ".html"):
            out.append(html.unescape(path.read_text(encoding="utf-8")))
    return "\n".join(out)


@pytest.mark.parametrize("fmt", ["docx", "ffn", "markdown", "text"])
def test_the_credit_is_the_same_text_everywhere(tmp_path: Path, fmt: str) -> None:
    project = copy_sample(tmp_path)
    song = project.songs["harbour-lights"]
    under_block = block_credit_line(song)  # — “Harbour Lights” by The Tidewater Band
    in_notes = notes_credit([song])
    written = EXPORTERS[fmt](project, output_path(project, fmt, None, tmp_path))
    for suffix in {p.suffix for p in written if p.suffix != ".txt" or fmt == "text"}:
        text = _text_of([p for p in written if p.suffix == suffix])
        if fmt == "markdown":
            text = text.replace("\\", "")
        assert text.count(under_block) == 3, suffix  # under each of the three quotations
        assert text.count(in_notes) == 1, suffix  # and once with the work's notes ("both")


@pytest.mark.parametrize("fmt", MINE)
def test_a_new_empty_story_exports(tmp_path: Path, fmt: str) -> None:
    project = create_project(tmp_path / "new", title="Blank", author="me")
    project.work.rating = "General Audiences"
    project.save()
    project = Project.load(project.root)
    out = output_path(project, fmt, None, tmp_path)
    written = EXPORTERS[fmt](project, out)
    assert written and all(p.is_file() and p.stat().st_size > 0 for p in written)


def test_output_path_rules(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    assert default_name(project, "docx") == "salt-and-static.docx"
    assert default_name(project, "ffn") == "salt-and-static-ffn"
    assert output_path(project, "epub", None, tmp_path) == tmp_path / "salt-and-static.epub"
    assert output_path(project, "text", tmp_path, Path("/x")) == tmp_path / "salt-and-static.txt"
    assert output_path(project, "text", tmp_path / "a.txt", Path("/x")) == tmp_path / "a.txt"
