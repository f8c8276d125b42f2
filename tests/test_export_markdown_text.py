"""Markdown (read back by the real pandoc) and plain text, laid out as fics circulate."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from studio.export import EXPORTERS
from studio.export.markdown import escape, render_markdown
from studio.export.text import render_text
from tests.export_support import copy_sample


def pandoc(markdown: str, to: str) -> str:
    """Convert with the real pandoc (a test package in ./bootstrap)."""
    exe = shutil.which("pandoc")
    if exe is None:
        pytest.fail("pandoc is not installed: run ./bootstrap test, which installs it")
    result = subprocess.run(
        [exe, "-f", "markdown", "-t", to, "--wrap=none"],
        input=markdown,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout


def test_markdown_reads_in_pandoc_as_the_story(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    out = tmp_path / "story.md"
    assert EXPORTERS["markdown"](project, out) == [out]
    markdown = out.read_text(encoding="utf-8")
    assert markdown.startswith('---\ntitle: "Salt and Static"\n')

    ast = json.loads(pandoc(markdown, "json"))
    meta = ast["meta"]
    assert meta["title"]["c"][0]["c"] == "Salt"
    assert meta["lang"]["c"][0]["c"] == "en"
    blocks = ast["blocks"]
    headers = [b for b in blocks if b["t"] == "Header" and b["c"][0] == 1]
    assert [h["c"][1][0] for h in headers] == [
        "chapter-1-the-signal",
        "chapter-2-low-tide",
        "chapter-3-harbour-lights",
    ]
    lyrics = [b for b in blocks if b["t"] == "Div" and "lyrics" in b["c"][0][1]]
    assert len(lyrics) == 3
    assert lyrics[0]["c"][0][2] == [["song", "harbour-lights"]]
    line_block = lyrics[0]["c"][1][0]
    assert line_block["t"] == "LineBlock" and len(line_block["c"]) == 4
    assert sum(1 for b in blocks if b["t"] == "HorizontalRule") == 2

    html = pandoc(markdown, "html")
    assert "<em>Morning Star</em>" in html
    assert '<span class="credit">— “Harbour Lights” by The Tidewater' in html
    assert '<div class="preface">' in html and '<div class="afterword">' in html


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script> & &amp;",
        "# not a heading",
        "- not a list",
        "1. not a list",
        "2) nor this",
        ": not a definition",
        "::: not a div",
        "| not a line block",
        "@smith says $5 and $6 ~x~ ^y^",
        "[link](http://x) *no* _emphasis_ `code` \\ back",
        "% not a title block",
        "{.attr} <!-- no comment --> a---b ----",
    ],
)
def test_escape_reads_back_as_the_same_text(text: str) -> None:
    """pandoc reads escaped text as exactly that text, never as markup."""
    plain = pandoc(escape(text), "plain").strip()
    # pandoc's plain writer joins words again; compare without its smart quotes/wraps.
    assert " ".join(plain.split()) == text


def test_text_layout(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    out = tmp_path / "story.txt"
    assert EXPORTERS["text"](project, out) == [out]
    text = out.read_text(encoding="utf-8")
    assert text == render_text(project)
    lines = text.splitlines()
    header = [line.split(":")[0] for line in lines[: lines.index("")] if ":" in line]
    assert header[:4] == ["Title", "Author", "Fandom", "Rating"]
    assert [h for h in header if h in ("Summary", "Spoilers", "Disclaimer", "Note")] == [
        "Summary",
        "Spoilers",
        "Disclaimer",
        "Note",
    ]
    assert lines[0] == "Title: Salt and Static"
    assert "Rating: Teen And Up Audiences" in lines
    assert "Spoilers: None beyond the summary." in lines
    assert "Chapter 1: The Signal" in lines and "Chapter 3: Harbour Lights" in lines
    assert "Summary: A song comes in on channel sixteen." in lines
    assert "Note: A short one, sorry! The next chapter is longer." in lines
    assert "End Note: And that's the end. Maren and Ezra say goodbye." in lines
    assert lines.count("* * *") == 2
    assert "    Hold the light for me, hold it high," in lines
    assert lines.count("    — “Harbour Lights” by The Tidewater Band") == 3
    assert "They went out on the *Morning Star* in the autumn" in text
    # One line per paragraph: the hard-wrapped summary is joined.
    assert any(
        line.startswith("Summary: Maren keeps") and "radio all night" in line for line in lines
    )


_RENDER = (
    "import sys; from studio.story import Project; "
    "from studio.export.markdown import render_markdown; "
    "sys.stdout.buffer.write(render_markdown(Project.load(sys.argv[1])).encode('utf-8'))"
)


def test_markdown_is_deterministic(tmp_path: Path) -> None:
    """Same story, same text, across processes with different string hashing (set order)."""
    project = copy_sample(tmp_path)
    here = render_markdown(project).encode("utf-8")
    root = Path(__file__).resolve().parents[1]
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root)}
        other = subprocess.run(
            [sys.executable, "-c", _RENDER, str(project.root)],
            capture_output=True,
            check=True,
            env=env,
            timeout=60,
        ).stdout
        assert other == here, f"PYTHONHASHSEED={seed} gave different Markdown"
