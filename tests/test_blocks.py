"""Chapter Markdown into blocks with their source lines."""

from __future__ import annotations

from studio.story import BlockKind, parse_blocks, text_counts
from studio.story.blocks import parse_attributes
from studio.story.inline import Span, parse_inline, plain_text

CHAPTER = """The lamp turned *above* her.
It kept turning.

* * *

::: {.lyrics song="harbour-lights"}
Hold the light for me, hold it high,
Hold it till the morning sky,

Every boat that's lost at sea
:::

::: note
Not lyrics.
:::

Last line.
"""


def test_blocks_kinds_and_lines() -> None:
    blocks = parse_blocks(CHAPTER)
    assert [(b.kind, b.start, b.end) for b in blocks] == [
        (BlockKind.PARAGRAPH, 0, 2),
        (BlockKind.SCENE_BREAK, 3, 4),
        (BlockKind.LYRICS, 5, 11),
        (BlockKind.OTHER, 12, 15),
        (BlockKind.PARAGRAPH, 16, 17),
    ]
    lyrics = blocks[2]
    assert lyrics.song == "harbour-lights"
    assert lyrics.content_start == 6
    assert lyrics.stanzas == [
        ["Hold the light for me, hold it high,", "Hold it till the morning sky,"],
        ["Every boat that's lost at sea"],
    ]
    assert CHAPTER.splitlines()[lyrics.content_start] == lyrics.lines[0]


def test_every_thematic_break_is_a_scene_break() -> None:
    for mark in ("* * *", "***", "---", "___", "- - -"):
        blocks = parse_blocks(f"Before.\n\n{mark}\n\nAfter.\n")
        assert [b.kind for b in blocks] == [
            BlockKind.PARAGRAPH,
            BlockKind.SCENE_BREAK,
            BlockKind.PARAGRAPH,
        ]


def test_unclosed_lyrics_block_runs_to_the_end() -> None:
    blocks = parse_blocks('::: {.lyrics song="x"}\nOne line\nTwo line\n')
    assert len(blocks) == 1
    assert blocks[0].lines == ("One line", "Two line")


def test_attributes() -> None:
    assert parse_attributes('{.lyrics song="harbour-lights"}') == (
        ("lyrics",),
        {"song": "harbour-lights"},
    )
    assert parse_attributes("{.lyrics #refrain song=copper-moon}") == (
        ("lyrics",),
        {"id": "refrain", "song": "copper-moon"},
    )
    assert parse_attributes(" lyrics") == (("lyrics",), {})


def test_word_counts_keep_prose_and_lyrics_apart() -> None:
    counts = text_counts(CHAPTER)
    assert counts.lyrics_words == 20
    assert counts.prose_words == 5 + 3 + 2 + 2  # two paragraphs, the note div, the last line
    assert counts.words == counts.prose_words + counts.lyrics_words


def test_inline_spans_escape_nothing_and_keep_markup_as_text() -> None:
    assert parse_inline("She *knew* it & <b>more</b>") == [
        Span("She "),
        Span("knew", italic=True),
        Span(" it & <b>more</b>"),
    ]
    assert plain_text("**Hold** it _high_") == "Hold it high"


def test_form_feeds_and_line_separators_do_not_shift_lines() -> None:
    text = 'One\x0cstill one.\n\nTwo\u2028still two.\r\n\r\n::: {.lyrics song="x"}\nVerse\n:::\n'
    blocks = parse_blocks(text)
    assert [b.lines for b in blocks] == [
        ("One\x0cstill one.",),
        ("Two\u2028still two.",),
        ("Verse",),
    ]
    assert blocks[2].song == "x"


def test_a_last_line_without_newline_inside_a_quote_does_not_crash() -> None:
    blocks = parse_blocks("> :::\n> x\n>")
    assert [b.kind for b in blocks] == [BlockKind.OTHER]
    assert blocks[0].lines == ("> :::", "> x", ">")


def test_shared_parses_parse_each_text_once_and_only_inside_the_block() -> None:
    from studio.story.blocks import shared_parses

    text = "One.\n\n* * *\n\nTwo.\n"
    outside = parse_blocks(text)
    assert parse_blocks(text) == outside
    with shared_parses():
        first = parse_blocks(text)
        second = parse_blocks(text)
        assert first == second == outside
        assert first[0] is second[0]  # the same parse, not a second one
        first.clear()  # callers get their own list
        assert parse_blocks(text) == outside
    assert parse_blocks(text)[0] is not outside[0]
