"""A very long paragraph cut into pieces its highlighting can cache one by one.

Qt highlights a whole block again after every keystroke in it, so a paragraph of a
million characters (a paste that lost its line breaks, a one-line import) would have
its emphasis and its spelling worked out anew, all of it, for each key. Cut into
pieces of about a thousand characters, only the piece the key changed is new: the
others are the same strings as before, and their answers come from a cache.

The cuts must fall in the same places after an edit elsewhere, or every piece after
it would be new. So a cut is chosen by the text right after it (a hash of a few
characters), never by counting from the start of the paragraph: sentence ends first;
inside a stretch still too long, clause punctuation; then spaces; a stretch with no
space at all is cut every `MAX_PIECE` characters (only such a stretch depends on
where it starts).

Blocks up to `LONG_BLOCK` characters are one piece, so ordinary paragraphs are
highlighted exactly as before. In a longer one, emphasis never pairs across a cut
(an italic run spanning a cut shows its marks as typed): the price of typing at
speed in a paragraph of that size.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

__all__ = ["LONG_BLOCK", "MAX_PIECE", "pieces", "pieces_within"]

LONG_BLOCK = 10_000  # characters: a block up to this long is one piece
MAX_PIECE = 4_000  # a piece longer than this is cut again, at a finer kind of place
# Kinds of places to cut, coarsest first, and 1 in how many of each is taken.
_CUTS = (
    (re.compile(r"[.!?…]+[\"'”’)\]*_]*[ \t]+"), 4),  # after a sentence
    (re.compile(r"[,;:—–]+[ \t]+"), 8),  # after a clause
    (re.compile(r"[ \t]+"), 64),  # after a word
)
_HASHED = 6  # characters after a cut that decide whether it is taken


def pieces(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of consecutive pieces covering `text`; one piece if it is short."""
    if len(text) <= LONG_BLOCK:
        return ((0, len(text)),)
    return _long_pieces(text)


def pieces_within(text: str, spans: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    """The pieces of `text` (as `pieces` cuts it) that overlap any of `spans`, in order:
    what a highlighter styling only part of a huge block works on, whole pieces so
    that their cached answers are the same as when the whole block is styled."""
    cut = pieces(text)
    if len(cut) == 1:
        return cut if any(start < cut[0][1] and end > 0 for start, end in spans) else ()
    starts = [start for start, _ in cut]
    found: dict[int, None] = {}
    for start, end in spans:
        first = max(bisect_right(starts, start) - 1, 0)
        for index in range(first, len(cut)):
            if cut[index][0] >= end:
                break
            found[index] = None
    return tuple(cut[index] for index in sorted(found))


@lru_cache(maxsize=8)
def _long_pieces(text: str) -> tuple[tuple[int, int], ...]:
    """Cached by text: the highlighter and each layer ask for the same block's pieces."""
    return tuple(_cut(text, 0, len(text), 0))


def _cut(text: str, start: int, end: int, level: int) -> list[tuple[int, int]]:
    """Pieces of text[start:end] at places of kind `level` and finer."""
    if end - start <= MAX_PIECE:
        return [(start, end)]
    if level == len(_CUTS):  # no space at all: cut blindly
        return [(at, min(at + MAX_PIECE, end)) for at in range(start, end, MAX_PIECE)]
    pattern, one_in = _CUTS[level]
    found: list[tuple[int, int]] = []
    here = start
    for match in pattern.finditer(text, start, end):
        at = match.end()
        if at < end and hash(text[at : at + _HASHED]) % one_in == 0:
            found.extend(_cut(text, here, at, level + 1))
            here = at
    found.extend(_cut(text, here, end, level + 1))
    return found
