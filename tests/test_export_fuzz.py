"""Random chapter text and titles through every exporter of this module: each one
writes a file (no exception but StudioError), and none carries a control character."""

from __future__ import annotations

import re
import zipfile

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.export import EXPORTERS
from studio.story import Project, create_project

PIECES = st.sampled_from(
    [
        "*",
        "**",
        "_",
        "<",
        ">",
        "&",
        "\n",
        "\n\n",
        ":::",
        '::: {.lyrics song="s"}',
        "* * *",
        "#",
        "- ",
        "> ",
        "`",
        "\\",
        "[",
        "](",
        "\x00",
        "\x0b",
        "\x1b",
        "\r",
        "\ufffe",
        " ",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=40).map("".join)
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(chapter=TEXT, title=TEXT)
def test_random_text_exports(tmp_path_factory, chapter: str, title: str) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("fuzz")
    project = create_project(root / "story", title="Fuzz")
    project.work.title = title or "x"
    project.work.rating = "Mature"
    project.doc["songs"] = {"s": {"title": title, "artist": chapter[:20]}}
    project.save()
    project.write_chapter(project.chapters[0], chapter)
    project = Project.load(project.root)
    out = root / "out"
    for fmt in ("docx", "ffn", "markdown", "text", "bundle"):
        for path in EXPORTERS[fmt](project, out / f"{fmt}-export"):
            data = path.read_bytes()
            assert data
            if path.suffix in (".txt", ".html") or fmt in ("markdown", "text"):
                assert not CONTROL.search(data.decode("utf-8")), path.name
            if path.suffix == ".docx":
                paragraphs = docx.Document(str(path)).paragraphs
                assert paragraphs or fmt == "ffn", path.name  # the work's DOCX has a title
                assert not CONTROL.search("\n".join(p.text for p in paragraphs)), path.name
            if fmt == "bundle":
                with zipfile.ZipFile(path) as archive:
                    assert archive.testzip() is None
