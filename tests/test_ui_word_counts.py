"""The status bar's fast chapter count agrees with `studio stats`."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from studio.resources import sample_project
from studio.story import text_counts
from studio.ui.word_counts import chapter_counts, chapter_words


def test_agrees_with_text_counts_on_the_sample_story() -> None:
    for path in sorted((sample_project() / "chapters").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        assert chapter_counts(text) == text_counts(text), path.name


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
    assert chapter_counts(text) == text_counts(text)


def test_counts_nothing_in_an_empty_chapter(tmp_path: Path) -> None:
    assert chapter_words("") == 0
