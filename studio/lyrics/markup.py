"""Turning chapter lines into a lyrics block and back: pure functions on chapter Markdown.

A lyrics block is a pandoc fenced div naming its song (docs/project-format.md):

    ::: {.lyrics song="harbour-lights"}
    Hold the light for me, hold it high
    :::

Line numbers given to and taken from these functions are 1-based, like findings and
the editor's status bar. Each operation is also offered as a `LineEdit` (which lines
to replace with what) so the editor can apply it as one undoable change. Marking a
paragraph and unmarking it again gives back the exact text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from studio.errors import StudioError
from studio.story.blocks import Block, BlockKind, lyrics_fence, parse_blocks
from studio.story.lines import closes_fence

CLOSING_FENCE = ":::"
_SONG_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


@dataclass(frozen=True, slots=True)
class LineEdit:
    """Replace the 0-based source lines [start, end) with `lines`."""

    start: int
    end: int
    lines: tuple[str, ...]

    def apply(self, text: str) -> str:
        source = text.split("\n")
        return "\n".join([*source[: self.start], *self.lines, *source[self.end :]])


def lyrics_block_at(text: str, line: int) -> Block | None:
    """The lyrics block whose lines (fences included) contain 1-based `line`, if any."""
    for block in parse_blocks(text):
        if block.kind is BlockKind.LYRICS and block.start < line <= block.end:
            return block
    return None


def marking_edit(text: str, first_line: int, last_line: int, song_id: str) -> LineEdit:
    """The edit that wraps lines `first_line`..`last_line` (1-based, inclusive) for a song.

    Blank lines at either end of the selection stay outside the block; a blank line is
    added before or after the block only where the selection cuts a paragraph, since a
    fenced div must stand apart from its neighbours. Lines already inside one lyrics
    block are re-assigned to `song_id` instead.
    """
    if not _SONG_ID.match(song_id):
        raise StudioError(
            f"song id `{song_id}` may use only letters, digits, '-' and '_'",
            hint="Choose a song from the song library",
        )
    lines = text.split("\n")
    if not 1 <= first_line <= last_line <= len(lines):
        raise StudioError(
            f"lines {first_line}–{last_line} are not in this chapter of {len(lines)} lines"
        )
    start, end = first_line - 1, last_line
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    if start == end:
        raise StudioError("the selected lines are blank", hint="Select the lines of the lyric")
    for block in parse_blocks(text):
        if block.end <= start or block.start >= end:
            continue
        if block.kind is BlockKind.LYRICS:
            if block.start <= start and end <= block.end:
                return LineEdit(block.start, block.start + 1, (lyrics_fence(song_id),))
            raise StudioError(
                f"the selection overlaps the lyrics block at line {block.start + 1}",
                hint="Select lines inside that block to change its song, or unmark it first",
            )
        if block.kind is not BlockKind.PARAGRAPH:
            raise StudioError(
                f"line {block.start + 1} is a {_describe(block)}, not lines of a lyric",
                hint="Select only the lines of the lyric",
            )
    before = ("",) if start > 0 and lines[start - 1].strip() else ()
    after = ("",) if end < len(lines) and lines[end].strip() else ()
    wrapped = (*before, lyrics_fence(song_id), *lines[start:end], CLOSING_FENCE, *after)
    return LineEdit(start, end, wrapped)


def mark_as_lyrics(text: str, first_line: int, last_line: int, song_id: str) -> str:
    """`text` with lines `first_line`..`last_line` (1-based) in a lyrics block for `song_id`."""
    return marking_edit(text, first_line, last_line, song_id).apply(text)


def unmarking_edit(text: str, line: int) -> LineEdit:
    """The edit that drops the fences of the lyrics block holding 1-based `line`."""
    block = lyrics_block_at(text, line)
    if block is None:
        raise StudioError(
            f"line {line} is not inside a lyrics block",
            hint="Put the cursor in the block to unmark",
        )
    return LineEdit(block.start, block.end, block.lines)


def unmark_lyrics(text: str, line: int) -> str:
    """`text` with the lyrics block holding 1-based `line` turned back into prose lines."""
    return unmarking_edit(text, line).apply(text)


def verse_lines(pasted: str) -> str:
    """Pasted text made into verse lines that keep a lyrics block whole.

    Line separators of every kind become line breaks; indentation (which Markdown would
    read as code) and hard-break marks go; a lone fence line (which would close the
    block) is dropped; runs of blank lines become one stanza break.
    """
    text = re.sub(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]", "\n", pasted)
    result: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip().removesuffix("\\").rstrip()
        if closes_fence(line):
            continue
        if line or (result and result[-1]):
            result.append(line)
    while result and not result[-1]:
        result.pop()
    return "\n".join(result)


def _describe(block: Block) -> str:
    return {
        BlockKind.SCENE_BREAK: "scene break",
        BlockKind.HEADING: "heading",
    }.get(block.kind, "block that is not plain text (a list, quote, code or fenced div)")
