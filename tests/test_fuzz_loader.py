"""Random story.toml and chapter text: only StudioError ever comes out."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.errors import StudioError
from studio.story import Project, parse_blocks, story_stats, text_counts

TOML_PIECES = st.sampled_from(
    [
        "format = 1\n",
        "format = 99\n",
        'format = "x"\n',
        "[work]\n",
        'title = "T"\n',
        "title = 3\n",
        'fandoms = ["A", 2]\n',
        "fandoms = []\n",
        "[[chapters]]\n",
        'file = "chapters/a.md"\n',
        'file = "../x.md"\n',
        "file = 5\n",
        "[songs.x]\n",
        "[songs.'bad id']\n",
        "year = 1987\n",
        "year = true\n",
        "[spelling]\n",
        "chapters = 3\n",
        "songs = []\n",
        "work = 1\n",
        '"\n',
        "[[work]]\n",
        "= =\n",
        "[songs]\nx = 1\n",
    ]
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    pieces=st.lists(st.one_of(TOML_PIECES, st.text(max_size=30)), max_size=12),
    chapter=st.binary(max_size=200),
)
def test_loader_raises_only_studio_error(pieces: list[str], chapter: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "chapters").mkdir()
        (root / "chapters" / "a.md").write_bytes(chapter)
        (root / "story.toml").write_text("".join(pieces), encoding="utf-8", errors="surrogatepass")
        try:
            project = Project.load(root)
            story_stats(project)
            project.save()
            Project.load(root)
        except StudioError:
            pass


# Pieces of real Markdown, so the fuzzer reaches fences, quotes and breaks quickly.
MARKDOWN_PIECES = st.sampled_from(
    ["> ", ":::", '::: {.lyrics song="x"}', "* * *", "\n", "\n\n", "*", "_", "`", "-", "#", ">"]
)


@settings(max_examples=500, deadline=None)
@given(text=st.lists(st.one_of(MARKDOWN_PIECES, st.text(max_size=5)), max_size=40).map("".join))
def test_block_parser_never_fails_and_lines_are_in_range(text: str) -> None:
    lines = text.splitlines()
    for block in parse_blocks(text):
        assert 0 <= block.start < block.end <= max(len(lines), 1)
        assert block.start <= block.content_start <= block.end
    counts = text_counts(text)
    assert counts.words >= 0
