"""A tab-indented lyrics fence: the editor shows exactly what the exports make of it.

CommonMark alone reads a fence line indented by a tab (or four spaces) as a code
block; Studio reads a colon fence at any indentation as a fence (docs/project-format.md),
in the editor (through the line classifier) and in every export (parse_blocks).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from studio.export import EXPORTERS
from studio.export.render_html import HtmlRenderer
from studio.story.blocks import BlockKind, parse_blocks, source_lines
from studio.ui.editor.highlighter import BlockState, block_state
from tests.export_support import copy_sample
from tests.ui_helpers import as_shown, open_window

VERSE = ("Salt in the wire and the lamp burns low,", "Sing me the way that the tide will go.")
INDENTS = ("\t", "    ", "  \t", "\t\t")


def _chapter(indent: str) -> str:
    """A chapter with an indented lyrics block (an invented song, words by us)."""
    lines = [
        "Maren tuned the set and waited.",
        "",
        f'{indent}::: {{.lyrics song="harbour-lights"}}',
        *(indent + line for line in VERSE),
        f"{indent}:::",
        "",
        "The static closed over it again.",
        "",
    ]
    return "\n".join(lines)


def _expected_states(text: str) -> list[BlockState]:
    """Per line, the state the editor must show, from the blocks the exporters use."""
    states = [BlockState.NORMAL] * len(source_lines(text))
    for block in parse_blocks(text):
        if block.kind is BlockKind.LYRICS:
            states[block.start] = BlockState.LYRICS_OPEN
            body_end = block.content_start + len(block.lines)
            for n in range(block.content_start, body_end):
                states[n] = BlockState.LYRICS_BODY
            for n in range(body_end, block.end):
                states[n] = BlockState.LYRICS_CLOSE
    return states


@pytest.mark.parametrize("indent", INDENTS, ids=repr)
def test_the_window_shows_an_indented_fence_as_the_exports_read_it(
    qtbot: QtBot, sample_copy: Path, indent: str
) -> None:
    text = _chapter(indent)
    (sample_copy / "chapters" / "01-the-signal.md").write_text(text, encoding="utf-8")
    window = open_window(qtbot, sample_copy)
    assert window.show_chapter("chapters/01-the-signal.md")
    document = window.focused_pane().editor.document()
    qtbot.waitUntil(lambda: document.toPlainText().startswith("Maren tuned"))
    shown = [block_state(document.findBlockByNumber(n)) for n in range(document.blockCount())]
    expected = _expected_states(as_shown(text))  # the file's final line end is no line
    assert shown == expected
    assert BlockState.LYRICS_OPEN in shown and BlockState.LYRICS_CLOSE in shown


@pytest.mark.parametrize("indent", INDENTS, ids=repr)
def test_every_export_makes_an_indented_fence_a_lyrics_block(tmp_path: Path, indent: str) -> None:
    project = copy_sample(tmp_path)
    chapter = project.chapters[0]
    (project.root / chapter.file).write_text(_chapter(indent), encoding="utf-8")
    [lyrics] = [
        b for b in parse_blocks(project.read_chapter(chapter)) if b.kind is BlockKind.LYRICS
    ]
    assert lyrics.song == "harbour-lights"
    assert [line.strip() for line in lyrics.lines] == list(VERSE)

    html = HtmlRenderer(project.songs).markdown(project.read_chapter(chapter))
    assert '<blockquote class="lyrics">' in html and "<pre>" not in html
    assert "<br />".join(VERSE) in html.replace("\t", "").replace("    ", "")

    out = tmp_path / "out"
    out.mkdir()
    [markdown] = EXPORTERS["markdown"](project, out / "story.md")
    written = markdown.read_text(encoding="utf-8")
    assert "::: {.lyrics" in written and ":::" + indent not in written
    assert all(line in written for line in VERSE)
    text_out = EXPORTERS["text"](project, out / "story.txt")
    plain = "\n".join(p.read_text(encoding="utf-8") for p in text_out)
    assert "{.lyrics" not in plain and all(line in plain for line in VERSE)
