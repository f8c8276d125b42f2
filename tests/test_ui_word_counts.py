"""The status bar's fast chapter count agrees with `studio stats`."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from studio.resources import sample_project
from studio.story import TextCounts, count_words, text_counts
from studio.story.blocks import BlockKind, parse_blocks
from studio.ui.word_counts import chapter_counts, chapter_words
from tests.test_story_lines import chapters


def block_counts(markdown: str) -> TextCounts:
    """Words counted block by block from parse_blocks: the reference the counts keep to."""
    prose = lyrics = 0
    for block in parse_blocks(markdown):
        if block.kind is BlockKind.SCENE_BREAK:
            continue
        words = count_words(block.text)
        if block.kind is BlockKind.LYRICS:
            lyrics += words
        else:
            prose += words
    return TextCounts(prose, lyrics)


@settings(max_examples=1000, deadline=None)
@given(chapters)
def test_counts_agree_with_the_blocks_on_random_chapters(text: str) -> None:
    assert chapter_counts(text) == block_counts(text)


def test_agrees_with_text_counts_on_the_sample_story() -> None:
    for path in sorted((sample_project() / "chapters").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        assert chapter_counts(text) == text_counts(text) == block_counts(text), path.name


LINES = st.sampled_from(
    [
        "She said *hello* to Ezra's dog.",
        "* * *",
        '::: {.lyrics song="harbour-lights"}',
        "::: lyrics",
        ":::",
        "Hold the light for me, hold it high,",
        "",
        "# A heading here",
        "well-known don't",
        ':::: {.lyrics song="copper-moon"}',
        "::::",
        "   :::",
        "Words ::: not a fence",
    ]  # fences inside lists and block quotes are left out: see chapter_words
)


@settings(max_examples=400, deadline=None)
@given(st.lists(LINES, max_size=30))
def test_agrees_with_text_counts_on_chapter_shaped_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert chapter_counts(text) == block_counts(text)


def test_counts_nothing_in_an_empty_chapter(tmp_path: Path) -> None:
    assert chapter_words("") == 0
