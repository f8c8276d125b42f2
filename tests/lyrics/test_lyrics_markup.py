"""Marking lines as lyrics and back: pure text edits that round-trip exactly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.errors import StudioError
from studio.lyrics.markup import (
    lyrics_block_at,
    mark_as_lyrics,
    marking_edit,
    unmark_lyrics,
    verse_lines,
)
from studio.story import BlockKind, parse_blocks

CHAPTER = """She hummed it at the sink.

Hold the light for me, hold it high,
Hold it till the morning sky,

The kettle boiled over.
"""

MARKED = """She hummed it at the sink.

::: {.lyrics song="harbour-lights"}
Hold the light for me, hold it high,
Hold it till the morning sky,
:::

The kettle boiled over.
"""


def test_mark_wraps_the_lines_in_a_fenced_div() -> None:
    assert mark_as_lyrics(CHAPTER, 3, 4, "harbour-lights") == MARKED
    lyrics = [b for b in parse_blocks(MARKED) if b.kind is BlockKind.LYRICS]
    assert [(b.song, b.lines) for b in lyrics] == [
        (
            "harbour-lights",
            ("Hold the light for me, hold it high,", "Hold it till the morning sky,"),
        )
    ]


def test_blank_lines_at_the_ends_of_a_selection_stay_outside() -> None:
    assert mark_as_lyrics(CHAPTER, 2, 5, "harbour-lights") == MARKED


def test_unmark_from_any_line_of_the_block_gives_back_the_prose() -> None:
    for line in (3, 4, 5, 6):
        assert unmark_lyrics(MARKED, line) == CHAPTER


def test_marking_part_of_a_paragraph_sets_it_apart() -> None:
    text = "Before the song.\nHold it high,\nHold it till morning.\nAfter the song."
    marked = mark_as_lyrics(text, 2, 3, "x")
    assert marked == (
        'Before the song.\n\n::: {.lyrics song="x"}\nHold it high,\nHold it till morning.\n'
        ":::\n\nAfter the song."
    )
    kinds = [b.kind for b in parse_blocks(marked)]
    assert kinds == [BlockKind.PARAGRAPH, BlockKind.LYRICS, BlockKind.PARAGRAPH]


def test_marking_at_the_start_and_end_of_a_chapter() -> None:
    assert (
        mark_as_lyrics("La la\nLa la la", 1, 2, "s")
        == '::: {.lyrics song="s"}\nLa la\nLa la la\n:::'
    )
    assert unmark_lyrics('::: {.lyrics song="s"}\nLa la\nLa la la\n:::', 1) == "La la\nLa la la"


def test_stanzas_stay_stanzas() -> None:
    text = "One\nTwo\n\nThree\nFour\n"
    marked = mark_as_lyrics(text, 1, 5, "s")
    block = next(b for b in parse_blocks(marked) if b.kind is BlockKind.LYRICS)
    assert block.stanzas == [["One", "Two"], ["Three", "Four"]]
    assert unmark_lyrics(marked, 3) == text


def test_marking_inside_a_block_reassigns_its_song() -> None:
    assert mark_as_lyrics(MARKED, 4, 4, "other-song") == MARKED.replace(
        'song="harbour-lights"', 'song="other-song"'
    )


def test_marking_refuses_what_would_break() -> None:
    with pytest.raises(StudioError, match="overlaps the lyrics block at line 3"):
        mark_as_lyrics(MARKED, 1, 4, "x")
    with pytest.raises(StudioError, match="line 3 is a scene break"):
        mark_as_lyrics("A\n\n* * *\n\nB\n", 1, 5, "x")
    with pytest.raises(StudioError, match="not plain text"):
        mark_as_lyrics("A\n\n```\ncode\n```\n", 1, 5, "x")
    with pytest.raises(StudioError, match="blank"):
        mark_as_lyrics("A\n\n\n\nB", 2, 3, "x")
    with pytest.raises(StudioError, match="not in this chapter"):
        mark_as_lyrics("A\nB", 2, 3, "x")
    with pytest.raises(StudioError, match="may use only letters"):
        mark_as_lyrics("A\nB", 1, 2, 'x" onclick="y')


def test_unmark_outside_a_block_is_a_clear_error() -> None:
    with pytest.raises(StudioError, match="line 1 is not inside a lyrics block"):
        unmark_lyrics(MARKED, 1)


def test_unclosed_block_unmarks_to_the_end() -> None:
    text = 'Prose.\n\n::: {.lyrics song="s"}\nLa la\nLa'
    assert unmark_lyrics(text, 4) == "Prose.\n\nLa la\nLa"


def test_lyrics_block_at() -> None:
    assert lyrics_block_at(MARKED, 1) is None
    block = lyrics_block_at(MARKED, 6)
    assert block is not None and block.song == "harbour-lights"
    assert lyrics_block_at(MARKED, 7) is None


def test_edit_is_minimal() -> None:
    edit = marking_edit(CHAPTER, 3, 4, "s")
    assert (edit.start, edit.end) == (2, 4)
    assert edit.lines[0] == '::: {.lyrics song="s"}' and edit.lines[-1] == ":::"


def test_verse_lines_for_pasting_into_a_block() -> None:
    pasted = (
        "\r\n    Hold it high,  \r\nHold it till\\\u2028:::\n\n\n\n  Every boat\u2029Follows\n\n"
    )
    assert verse_lines(pasted) == "Hold it high,\nHold it till\n\nEvery boat\nFollows"
    assert verse_lines("") == ""
    assert verse_lines("one line") == "one line"


_line = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=30
).filter(lambda s: s.strip() and s == s.strip() and s[0].isalpha())


@settings(max_examples=150, deadline=None)
@given(
    before=st.lists(_line, max_size=3),
    verse=st.lists(_line, min_size=1, max_size=5),
    after=st.lists(_line, max_size=3),
)
def test_round_trip_for_any_paragraph(
    before: list[str], verse: list[str], after: list[str]
) -> None:
    """Plain paragraphs around a plain verse paragraph: mark then unmark is the identity."""
    parts = ["\n".join(p) for p in (before, verse, after) if p]
    text = "\n\n".join(parts) + "\n"
    first = (len(before) + 2) if before else 1
    if any(b.kind is not BlockKind.PARAGRAPH for b in parse_blocks(text)):
        return  # a generated line read as a heading or list: not prose to mark
    marked = mark_as_lyrics(text, first, first + len(verse) - 1, "song-1")
    lyrics = [b for b in parse_blocks(marked) if b.kind is BlockKind.LYRICS]
    assert len(lyrics) == 1 and lyrics[0].lines == tuple(verse)
    assert unmark_lyrics(marked, first + 1) == text
    assert (
        mark_as_lyrics(unmark_lyrics(marked, first), first, first + len(verse) - 1, "song-1")
        == marked
    )
